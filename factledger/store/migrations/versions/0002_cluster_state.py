"""Clustering state: incident-mention profiles and term document frequencies.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cluster_profiles",
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("mention", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report_id", "mention", name=op.f("pk_cluster_profiles")),
    )
    op.create_index("ix_cluster_profiles_incident_id", "cluster_profiles", ["incident_id"], unique=False)
    op.create_table(
        "cluster_terms",
        sa.Column("term", sa.String(length=255), nullable=False),
        sa.Column("df", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_cluster_terms")),
    )


def downgrade() -> None:
    op.drop_table("cluster_terms")
    op.drop_index("ix_cluster_profiles_incident_id", table_name="cluster_profiles")
    op.drop_table("cluster_profiles")
