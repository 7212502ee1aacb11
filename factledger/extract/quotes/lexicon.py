"""The actor and attribution lexicons (``data/roles.json``, ``data/speech_cues.json``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factledger.extract.lexicon import data_file
from factledger.models import Party

__all__ = ["CueLexicon", "RoleLexicon", "cue_lexicon", "role_lexicon"]


def _load(name: str) -> dict[str, Any]:
    return data_file(name)


@dataclass(frozen=True)
class RoleLexicon:
    person_roles: dict[str, Party]
    """Role word or phrase (lowercase) -> the party a holder speaks for."""
    org_nouns: dict[str, Party]
    demonyms: dict[str, str]
    """Adjective or country word (lowercase) -> country name."""
    max_role_words: int
    role_words: frozenset[str]
    """Every word of a role phrase ("foreign", "secretary", "state")."""

    def role_of(self, words: list[str]) -> str | None:
        """Longest role phrase ending at the last of ``words`` (lowercase)."""
        for n in range(min(self.max_role_words, len(words)), 0, -1):
            phrase = " ".join(words[-n:])
            if phrase in self.person_roles:
                return phrase
        return None


@dataclass(frozen=True)
class CueLexicon:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    said_forms: frozenset[str]
    naming_verbs: frozenset[str]
    """Verbs whose object is given a quoted description ("called the strike 'a war crime'")."""
    object_verbs: frozenset[str]
    """Speech verbs whose direct object is the statement ("reported three injuries")."""


@lru_cache(maxsize=1)
def role_lexicon() -> RoleLexicon:
    data = _load("roles.json")
    roles = {k: Party(v) for k, v in data["person_roles"].items()}
    return RoleLexicon(
        person_roles=roles,
        org_nouns={k: Party(v) for k, v in data["org_nouns"].items()},
        demonyms={k: v for k, v in data["demonyms"].items() if v},
        max_role_words=max(len(k.split()) for k in roles),
        role_words=frozenset(w for k in roles for w in k.split()),
    )


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    data = _load("speech_cues.json")
    return CueLexicon(
        speech_verbs=frozenset(data["speech_verbs"]),
        belief_verbs=frozenset(data["belief_verbs"]),
        according_to=tuple(tuple(c.split()) for c in data["according_to"]),
        said_forms=frozenset(data["said_forms"]),
        naming_verbs=frozenset(data["naming_verbs"]),
        object_verbs=frozenset(data["object_verbs"]),
    )
