"""Alembic migrations, run programmatically by :func:`factledger.store.db.migrate`."""
