"""Shared fixtures.

``shared_data`` gives ``../shared/data``; tests that need it skip when it is absent, except under
``CI=true`` where a missing folder is a failure (CI must measure what it claims to).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


def _require_shared(sub: str) -> Path:
    path = SHARED / sub
    if path.exists():
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{path} is missing under CI=true")
    pytest.skip(f"{path} not present")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return _require_shared("data")


@pytest.fixture(scope="session")
def shared_seeds() -> Path:
    return _require_shared("seeds")


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from factledger.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):  # type: ignore[no-untyped-def]
    return extractor.nlp


# --------------------------------------------------------------------------- store backends (issue 2)
# One storage suite, every backend: SQLite always; PostgreSQL when FACTLEDGER_TEST_PG is set (to 1,
# or to a SQLAlchemy URL). Each PostgreSQL test gets a schema of its own, dropped afterwards.

PG_DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _pg_url() -> str | None:
    value = os.environ.get("FACTLEDGER_TEST_PG", "").strip()
    if not value or value.lower() in {"0", "false", "no"}:
        return None
    return value if "://" in value else PG_DEFAULT_URL


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def fresh_store(request):  # type: ignore[no-untyped-def]
    """An empty, migrated Store: in-memory SQLite, or a private PostgreSQL schema."""
    import uuid

    from sqlalchemy import create_engine, text

    from factledger.store import Store

    if request.param == "sqlite":
        store = Store("sqlite://")
        yield store
        store.close()
        return
    url = _pg_url()
    if url is None:
        pytest.skip("set FACTLEDGER_TEST_PG=1 to run the store tests against PostgreSQL")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    store = Store(engine)
    try:
        yield store
    finally:
        store.close()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


GOOD_REPORT = (
    "Shelling damaged the water station in the northern district on Tuesday, leaving thousands without water."
)
CP1251_REPORT = (
    "Officials in Зеленодольськ said two people were injured when a drone hit a grain store on Monday night."
)


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    """Good reports beside an empty file, a binary file, a cp1251 file and a malformed JSON line (issue 2)."""
    import json

    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    (folder / "legacy.txt").write_bytes(CP1251_REPORT.encode("cp1251"))
    (folder / "records.jsonl").write_text(
        json.dumps({"doc_id": "r1", "text": GOOD_REPORT + " Repairs began."}) + "\n{not json at all\n",
        encoding="utf-8",
    )
    return folder
