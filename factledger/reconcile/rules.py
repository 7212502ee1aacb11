"""Reconciliation rules kept as data (``data/groups.json``), loaded once.

Which groups count perpetrators, which groups partition the whole, which kinds only ever grow, which
kinds default to zero when no report states them, and what vague quantities ("dozens") stand for.
The reasons for each rule are in ``docs/estimates.md``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["Rules", "VagueBounds", "load_rules"]


@dataclass(frozen=True)
class VagueBounds:
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True)
class Rules:
    perpetrator_groups: frozenset[str]
    combatant_groups: frozenset[str]
    partitions: tuple[tuple[str, ...], ...]
    monotone_kinds: frozenset[str]
    zero_when_unreported: frozenset[str]
    not_above: tuple[tuple[str, str, str, str], ...]
    """(kind, group, bound kind, bound group): the first cannot exceed the second."""
    vague: dict[str, VagueBounds]
    injury_stems: tuple[str, ...]
    """Word stems that say a person was hurt and survived (or may have): "wound", "hospital"."""

    def is_perpetrator(self, group: str) -> bool:
        return group.casefold() in self.perpetrator_groups


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    raw = json.loads(resources.files("factledger.reconcile").joinpath("data/groups.json").read_text("utf-8"))
    return Rules(
        perpetrator_groups=frozenset(g.casefold() for g in raw["perpetrator_groups"]),
        combatant_groups=frozenset(g.casefold() for g in raw["combatant_groups"]),
        partitions=tuple(tuple(p) for p in raw["partitions"]),
        monotone_kinds=frozenset(raw["monotone_kinds"]),
        zero_when_unreported=frozenset(raw["zero_when_unreported"]),
        not_above=tuple((a, b, c, d) for a, b, c, d in raw["not_above"]),
        injury_stems=tuple(str(s) for s in raw["injury_stems"]),
        vague={
            name: VagueBounds(_opt_int(v["low"]), _opt_int(v["best"]), _opt_int(v["high"]))
            for name, v in raw["vague"].items()
        },
    )
