"""Store stage: SQLAlchemy 2 Core tables and Alembic migrations; SQLite by default, PostgreSQL at scale.

``Store(url)`` opens and migrates a database; ``schema`` holds the tables. Incident and fact-sheet
operations are functions in sibling modules taking a :class:`Store`.
"""

from __future__ import annotations

from factledger.store.db import AddResult, ArticleSummary, Store, database_url, migrate, utcnow

__all__ = ["AddResult", "ArticleSummary", "Store", "database_url", "migrate", "utcnow"]
