"""Table definitions (SQLAlchemy Core), the single source of the schema.

Migrations under ``migrations/versions`` create exactly these tables; a test checks that the migrated
database and this metadata agree. Pydantic models are stored whole as JSON text (``data`` columns) so
the contract types round-trip without hand-written converters; the columns beside them are copies of
the fields we filter, sort or join on.

Types are portable: ``String``/``Text``/``Integer``/``Float``/``Date``/``DateTime`` behave the same on
SQLite and PostgreSQL. Timestamps are stored in UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
)

__all__ = [
    "articles",
    "changes",
    "cluster_profiles",
    "cluster_terms",
    "fact_sheets",
    "figures",
    "incident_links",
    "incident_mentions",
    "incidents",
    "metadata",
    "quotes",
    "rejections",
    "reports",
]

# Deterministic constraint names, so migrations can refer to them on every backend.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)

articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("url", Text),
    Column("outlet", String(255)),
    Column("title", Text),
    Column("published", Date),
    Column("updated", Date),
    Column("language", String(16), nullable=False, default="en"),
    Column("text", Text, nullable=False),
    Column("source", Text),
    Column("external_id", String(255)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Index("ix_articles_published", "published"),
    Index("ix_articles_external_id", "external_id"),
)

rejections = Table(
    "rejections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", String(64), nullable=False),
    Column("detail", Text, nullable=False, default=""),
    Column("at", DateTime(timezone=True), nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("extractor_version", String(32), nullable=False),
    Column("data", Text, nullable=False),
    Column("extracted_at", DateTime(timezone=True), nullable=False),
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", ID, ForeignKey("reports.article_id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("mention", Integer, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("grp", String(64), nullable=False),
    Column("value", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("qualifier", String(32), nullable=False),
    Column("source", Text),
    Column("party", String(32), nullable=False),
    Column("side", String(64)),
    Column("status", String(32), nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("number_start", Integer, nullable=False),
    Column("number_end", Integer, nullable=False),
    # Offsets index the article's title rather than its text (a figure stated by the headline).
    Column("in_title", Boolean, nullable=False, server_default=false()),
    Index("ix_figures_report_id", "report_id"),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", ID, ForeignKey("reports.article_id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("mention", Integer),
    Column("kind", String(32), nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", Text),
    Column("speaker_key", String(255)),
    Column("speaker_name", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_quotes_report_id", "report_id"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", ID, primary_key=True),
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    Column("place_name", Text),
    Column("admin1", Text),
    Column("country", Text),
    Column("country_code", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("title", Text),
    Column("killed_best", Integer),
    Column("injured_best", Integer),
    Column("n_reports", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_incidents_date_start", "date_start"),
    Index("ix_incidents_lat_lon", "lat", "lon"),
)

incident_mentions = Table(
    "incident_mentions",
    metadata,
    Column("report_id", ID, ForeignKey("reports.article_id", ondelete="CASCADE"), primary_key=True),
    Column("mention", Integer, primary_key=True),
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float),
    Column("assigned_at", DateTime(timezone=True), nullable=False),
    Index("ix_incident_mentions_incident_id", "incident_id"),
)

incident_links = Table(
    "incident_links",
    metadata,
    # No foreign keys: links may name an incident merged away since; readers skip dangling ones.
    Column("incident_id", ID, primary_key=True),
    Column("other_id", ID, primary_key=True),
    Column("relation", String(64), nullable=False),
)

fact_sheets = Table(
    "fact_sheets",
    metadata,
    Column("incident_id", ID, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("data", Text, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # History outlives incidents merged by re-clustering, so no foreign key here.
    Column("incident_id", ID, nullable=False),
    Column("field", String(128), nullable=False),
    Column("old", Integer),
    Column("new", Integer),
    Column("report_id", ID),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=False, default=""),
    Index("ix_changes_incident_id", "incident_id"),
)

# Clustering state (owned by factledger.store.incidents): the profile of every placed incident mention,
# and term document frequencies for the text similarity. The row with term "" counts the documents.
cluster_profiles = Table(
    "cluster_profiles",
    metadata,
    Column("report_id", ID, primary_key=True),
    Column("mention", Integer, primary_key=True),
    Column("incident_id", ID, nullable=False),
    Column("seq", Integer, nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_cluster_profiles_incident_id", "incident_id"),
)

cluster_terms = Table(
    "cluster_terms",
    metadata,
    Column("term", String(255), primary_key=True),
    Column("df", Integer, nullable=False),
)
