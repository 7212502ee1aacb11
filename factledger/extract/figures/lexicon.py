"""The casualty, group and party lexicons (``data/casualties.json``, ``groups.json``, ``parties.json``).

Loaded once per process; every lookup is a dict or set access on lower-cased words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factledger.extract.lexicon import data_file
from factledger.models import FigureKind, Party

__all__ = ["FigureLexicon", "PartyLexicon", "figure_lexicon", "party_lexicon"]


def _load(name: str) -> dict[str, Any]:
    return data_file(name)


@dataclass(frozen=True)
class FigureLexicon:
    words: dict[str, FigureKind]
    """Word form or lemma -> kind."""
    phrases: dict[str, FigureKind]
    """Multi-word expression (space-joined lower-case tokens) -> kind."""
    weak: frozenset[str]
    """Cues that make a figure only when nothing stronger is near ('victims', 'trapped')."""
    toll_nouns: frozenset[str]
    change_verbs: frozenset[str]
    stop_verbs: frozenset[str]
    not_persons: frozenset[str]
    cumulative_cues: tuple[tuple[str, ...], ...]
    cumulative_subjects: frozenset[str]
    group_nouns: dict[str, str]
    group_modifiers: dict[str, str]
    child_nouns: frozenset[str]
    condition_words: frozenset[str]
    rate_cues: tuple[tuple[str, ...], ...]
    headline_verbs: frozenset[str]
    not_cues: tuple[tuple[str, ...], ...]
    address_words: frozenset[str]
    """Phrases whose first word is no cue there ("shot down": missiles, not people)."""

    def kind_of_word(self, lower: str, lemma: str) -> FigureKind | None:
        return self.words.get(lower) or self.words.get(lemma)


@dataclass(frozen=True)
class PartyLexicon:
    terms: dict[tuple[str, ...], Party]
    max_words: int
    sides: dict[str, str]
    claim_verbs: frozenset[str]
    claim_cues: tuple[str, ...]
    generic: frozenset[str]
    """Titles that give way to a named body ("spokesman" in "a spokesman for the TPLF")."""


@lru_cache(maxsize=1)
def figure_lexicon() -> FigureLexicon:
    cas = _load("casualties.json")
    groups = _load("groups.json")
    return FigureLexicon(
        words={k: FigureKind(v) for k, v in cas["words"].items()},
        phrases={k: FigureKind(v) for k, v in cas["phrases"].items()},
        weak=frozenset(cas["weak_words"]),
        toll_nouns=frozenset(cas["toll_nouns"]),
        change_verbs=frozenset(cas["change_verbs"]),
        stop_verbs=frozenset(cas["stop_verbs"]),
        not_persons=frozenset(cas["not_persons"]),
        cumulative_cues=tuple(tuple(c.split()) for c in cas["cumulative_cues"]),
        cumulative_subjects=frozenset(cas["cumulative_subjects"]),
        group_nouns=dict(groups["nouns"]),
        group_modifiers=dict(groups["modifiers"]),
        child_nouns=frozenset(groups["child_nouns"]),
        condition_words=frozenset(cas["condition_words"]),
        rate_cues=tuple(tuple(c.split()) for c in cas["rate_cues"]),
        headline_verbs=frozenset(cas["headline_verbs"]),
        address_words=frozenset(cas.get("address_words", ())),
        not_cues=tuple(tuple(c.split()) for c in cas.get("not_cues", ())),
    )


@lru_cache(maxsize=1)
def party_lexicon() -> PartyLexicon:
    data = _load("parties.json")
    terms = {tuple(k.split()): Party(v) for k, v in data["terms"].items()}
    return PartyLexicon(
        terms=terms,
        max_words=max(len(k) for k in terms),
        sides=dict(data["sides"]),
        claim_verbs=frozenset(data["claim_verbs"]),
        claim_cues=tuple(data["claim_cues"]),
        generic=frozenset(data["generic_titles"]),
    )
