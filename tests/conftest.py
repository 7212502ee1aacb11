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
