"""``factledger_actors``: people and organisations named in a report, normalised within it.

Sets ``doc._.actors`` (list[:class:`~factledger.models.Actor`]) and ``Span._.actor_key`` on every
name span and linked role description. Mentions of one person (Volodymyr Zelenskyy, Zelensky,
Mr. Zelenskiy's) share :func:`~factledger.extract.names.person_key`; when two people of a report
share a surname (Hillary and Bill Clinton), their keys carry the first name too and a bare surname
goes to the most recently named of them. Role words before a name ("Kyiv Mayor Vitali Klitschko",
"Ukraine's President Volodymyr Zelenskyy") give roles, side and party; a later role description
("the Ukrainian president", "the mayor") is linked to the one actor holding that role, and left
alone when two do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factledger.extract.extensions import doc_list
from factledger.extract.names import clean_name, name_tokens, org_key, person_key, token_key
from factledger.extract.quotes.lexicon import RoleLexicon, role_lexicon
from factledger.extract.quotes.sentences import sentence_at
from factledger.models import Actor, Party, TextSpan

__all__ = ["ActorIndex", "actor_index", "make_actors", "role_phrase"]

log = logging.getLogger(__name__)

_PERSON_LABELS = frozenset({"PERSON"})
_ORG_LABELS = frozenset({"ORG"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "punct", "det", "prep", "pobj"})
_STOP_TAGS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "CCONJ", "ADP"})


@dataclass
class _Draft:
    kind: str
    key: str
    first: str | None
    names: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    side: str | None = None
    party: Party | None = None

    def best_name(self) -> str:
        return max(self.names, key=lambda n: (len(name_tokens(n)), len(n)))


@dataclass
class ActorIndex:
    """Actors of one Doc with lookups by character offset and by role (for the quotes component)."""

    actors: list[Actor]
    by_char: dict[int, int]
    """Start character of each mention -> index into ``actors``."""

    def at(self, start: int, end: int) -> Actor | None:
        for i in range(start, end):
            idx = self.by_char.get(i)
            if idx is not None:
                return self.actors[idx]
        return None

    def by_role(self, role: str, side: str | None) -> Actor | None:
        holders = [a for a in self.actors if role in a.roles and (side is None or a.side == side)]
        if len(holders) == 1:
            return holders[0]
        return None

    def by_key(self, key: str) -> Actor | None:
        for actor in self.actors:
            if actor.key == key:
                return actor
        return None


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    return span.doc[span.start : end]


_LOWER_MODIFIERS = frozenset(
    {"former", "acting", "then", "local", "deputy", "senior", "top", "interim", "of"}
)


def _premodifier_words(span: Span, lex: RoleLexicon) -> list[Token]:
    """Tokens just before a name that belong to its noun phrase ("Kyiv Mayor", "U.S. Secretary of State")."""
    doc = span.doc
    sent_start = sentence_at(doc, span.start).start
    role_words = lex.role_words
    words: list[Token] = []
    i = span.start - 1
    while i >= sent_start and len(words) < 8:
        tok = doc[i]
        if tok.ent_type_ == "PERSON" or tok.tag_ == "DT":
            break
        lower = tok.lower_
        allowed = (
            tok.tag_ == "POS"
            or lower in role_words
            or lower in lex.demonyms
            or lower in _LOWER_MODIFIERS
            or ((tok.is_title or tok.is_upper) and tok.is_alpha)
            or tok.ent_type_ in {"GPE", "NORP", "ORG"}
        )
        if not allowed:
            break
        words.insert(0, tok)
        i -= 1
    while words and words[0].lower_ == "of":
        words.pop(0)
    return words


def role_phrase(words: list[Token], lex: RoleLexicon) -> tuple[str | None, str | None]:
    """(role, side) from words such as "Ukraine's President" or "British Foreign Secretary"."""
    lowered = [w.lower_ for w in words if not w.is_punct and w.tag_ != "POS"]
    role = None
    for end in range(len(lowered), 0, -1):
        role = lex.role_of(lowered[:end])
        if role is not None:
            break
    side = None
    for w in lowered:
        if w in lex.demonyms:
            side = lex.demonyms[w]
            break
    if side is None:
        for tok in words:
            if tok.ent_type_ == "GPE":
                side = tok.text
                break
    return role, side


def _apposition_role(span: Span, lex: RoleLexicon) -> str | None:
    """Role from an apposition after the name ("Jane Doe, the mayor, said")."""
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            lowered = [t.lower_ for t in child.subtree if not t.is_punct][:6]
            for n in range(len(lowered), 0, -1):
                role = lex.role_of(lowered[:n])
                if role is not None:
                    return role
    return None


def _place_chars(doc: Doc) -> set[int]:
    chars: set[int] = set()
    for place in doc_list(doc, "places"):
        chars.update(range(place.span.start, place.span.end))
    return chars


def _person_spans(doc: Doc) -> list[Span]:
    """PERSON entities, extended over a surname the model cut off ("Oleksandr" + "Vilkul")."""
    places = _place_chars(doc)
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in _PERSON_LABELS or ent.start_char in places:
            continue
        end = ent.end
        while (
            end < len(doc)
            and end - ent.start < 5
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].ent_type_ != "PERSON"
            and doc[end].idx not in places
        ):
            end += 1
        spans.append(_strip_possessive(doc[ent.start : end]))
    return spans


def _person_drafts(doc: Doc, lex: RoleLexicon) -> list[_Draft]:
    by_key: dict[str, list[_Draft]] = {}
    order: list[_Draft] = []
    for span in _person_spans(doc):
        words = name_tokens(span.text)
        if not words or not any(w[:1].isupper() for w in words):
            continue
        key = person_key(span.text)
        if not key:
            continue
        first = token_key(words[0]) if len(words) > 1 else None
        candidates = by_key.setdefault(key, [])
        draft = None
        if first is None:
            draft = candidates[-1] if candidates else None
        else:
            for cand in candidates:
                if cand.first is None or cand.first == first:
                    draft = cand
                    cand.first = cand.first or first
                    break
        if draft is None:
            draft = _Draft(kind="person", key=key, first=first)
            candidates.append(draft)
            order.append(draft)
        else:
            # Most recently named first, so a bare surname goes to the last person named.
            candidates.remove(draft)
            candidates.append(draft)
        draft.names.append(clean_name(span.text))
        draft.spans.append((span.start_char, span.end_char))
        role, side = role_phrase(_premodifier_words(span, lex), lex)
        role = role or _apposition_role(span, lex)
        if role is not None and role not in draft.roles:
            draft.roles.append(role)
            draft.party = draft.party or lex.person_roles[role]
        if side is not None and draft.side is None:
            draft.side = side
    for drafts in by_key.values():
        if len(drafts) > 1:
            for d in drafts:
                d.key = f"{d.first or ''} {d.key}".strip()
    return order


def _org_party(name: str, lex: RoleLexicon) -> Party | None:
    lowered = name.casefold()
    for noun, party in lex.org_nouns.items():
        if lowered.endswith(noun) or lowered == noun:
            return party
    return None


def _org_drafts(doc: Doc, lex: RoleLexicon, persons: list[_Draft]) -> list[_Draft]:
    drafts: dict[str, _Draft] = {}
    person_by_key = {p.key.split()[-1]: p for p in persons}
    for ent in doc.ents:
        if ent.label_ not in _ORG_LABELS:
            continue
        span = _strip_possessive(ent)
        if (
            span.start > 1
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].lower_ in lex.role_words
        ):
            continue  # "Secretary of State", "Minister of Defence": part of a role
        person = person_by_key.get(person_key(span.text)) if len(span) == 1 else None
        if person is not None:
            # The model often labels a bare surname ORG; a surname already named is that person.
            person.names.append(clean_name(span.text))
            person.spans.append((span.start_char, span.end_char))
            continue
        key = org_key(span.text)
        if not key:
            continue
        draft = drafts.get(key)
        if draft is None:
            draft = drafts[key] = _Draft(kind="organization", key=key, first=None)
            draft.party = _org_party(span.text, lex)
        draft.names.append(clean_name(span.text) or span.text)
        draft.spans.append((span.start_char, span.end_char))
    return list(drafts.values())


def _role_mentions(doc: Doc, lex: RoleLexicon, drafts: list[_Draft]) -> None:
    """Link "the Ukrainian president" / "Ukraine's president" to the one actor with that role."""
    holders: dict[str, list[_Draft]] = {}
    for d in drafts:
        for role in d.roles:
            holders.setdefault(role, []).append(d)
    if not holders:
        return
    named = {s for d in drafts for s in d.spans}
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ == "PERSON":
            continue
        single = lex.role_of([tok.lower_])
        if single is None:
            continue
        words = [t for t in tok.lefts if t.dep_ in _MODIFIER_DEPS] + [tok]
        phrase_role, side = role_phrase(words, lex)
        role = phrase_role or single
        cands = [d for d in holders.get(role, []) if side is None or d.side in (None, side)]
        if len(cands) != 1:
            continue
        start = words[0].idx
        end = tok.idx + len(tok.text)
        if any(s <= start < e for s, e in named):
            continue
        cands[0].spans.append((start, end))


def make_actors(doc: Doc) -> list[Actor]:
    lex = role_lexicon()
    persons = _person_drafts(doc, lex)
    _role_mentions(doc, lex, persons)
    drafts = persons + _org_drafts(doc, lex, persons)
    actors: list[Actor] = []
    for d in drafts:
        spans = tuple(TextSpan(start=s, end=e) for s, e in sorted(set(d.spans)))
        actors.append(
            Actor(
                key=d.key,
                name=d.best_name(),
                kind=d.kind,
                roles=tuple(d.roles),
                side=d.side,
                party=d.party,
                variants=tuple(dict.fromkeys(d.names)),
                spans=spans,
            )
        )
        for s in spans:
            span = doc.char_span(s.start, s.end, alignment_mode="expand")
            if span is not None:
                span._.actor_key = d.key
    return actors


def actor_index(doc: Doc) -> ActorIndex:
    actors: list[Actor] = list(doc._.actors or [])
    by_char: dict[int, int] = {}
    for idx, actor in enumerate(actors):
        for s in actor.spans:
            for i in range(s.start, s.end):
                by_char.setdefault(i, idx)
    return ActorIndex(actors=actors, by_char=by_char)


class ActorsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = make_actors(doc)
        return doc


@Language.factory(
    "factledger_actors",
    assigns=["doc._.actors", "span._.actor_key"],
    requires=["doc.ents", "token.dep"],
)
def _make_component(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp, name)
