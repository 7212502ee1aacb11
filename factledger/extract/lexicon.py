"""Reading the JSON lexicons under ``extract/data/`` once per process (places, dates, events)."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["data_file", "word_set"]


@lru_cache(maxsize=32)
def data_file(name: str) -> dict[str, Any]:
    text = resources.files("factledger.extract").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def word_set(name: str, key: str) -> frozenset[str]:
    return frozenset(str(w).casefold() for w in data_file(name).get(key, ()))
