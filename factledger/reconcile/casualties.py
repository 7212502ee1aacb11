"""Injured figures that only say people were hit: casualties, the dead included.

News of shootings counts victims before it knows who survived: "four people were shot", "Roberts
was shot", "four victims". Extraction files such words under injured by default; but a person shot
who then died is not injured, and "four victims" of a shooting that killed one are three injured.
So an injured figure whose own words (its evidence) name no harm short of death (no wound, injury,
hospital, condition...) is read as a *casualties* figure here, and the injured are then derived as
casualties less the dead (``groups.py``) when no report states the injured as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from factledger.models import FigureKind
from factledger.reconcile.collect import Record
from factledger.reconcile.rules import load_rules

__all__ = ["as_casualties"]


def _hurt_words() -> re.Pattern[str]:
    stems = load_rules().injury_stems
    return re.compile("|".join(re.escape(s) for s in stems), re.IGNORECASE)


def _only_hit(record: Record, hurt: re.Pattern[str]) -> bool:
    return (
        record.kind == FigureKind.INJURED.value and bool(record.evidence) and not hurt.search(record.evidence)
    )


def as_casualties(records: Iterable[Record]) -> list[Record]:
    """The records with injured figures that only say people were hit turned into casualties."""
    hurt = _hurt_words()
    return [replace(r, kind=FigureKind.CASUALTIES.value) if _only_hit(r, hurt) else r for r in records]
