"""The public API is explicit: ``__all__`` lists every public member and only existing ones (issue 2)."""

from __future__ import annotations

import importlib
import types

import pytest

import factledger

PACKAGES = [
    "factledger",
    "factledger.errors",
    "factledger.models",
    "factledger.settings",
    "factledger.ingest",
    "factledger.store",
    "factledger.pipeline",
]


def test_all_exports_are_exactly_the_public_members() -> None:
    exported = set(factledger.__all__)
    public = {
        name
        for name, value in vars(factledger).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType) and name != "annotations"
    }
    assert public == exported - {"__version__"}, f"missing: {public - exported}; stale: {exported - public}"


@pytest.mark.parametrize("module_name", PACKAGES)
def test_every_name_in_all_exists(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert not missing, f"{module_name}.__all__ names missing members: {missing}"
