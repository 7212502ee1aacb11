"""Who said it: the subject of a cue, and resolving pronouns and role descriptions to named actors."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from factledger.extract.components.actors import ActorIndex, role_phrase
from factledger.extract.names import name_tokens, org_key, person_key
from factledger.extract.quotes.lexicon import role_lexicon
from factledger.models import Actor

__all__ = ["Resolved", "SpeakerResolver", "speaker_phrase", "subject_of"]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "pobj"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"they", "it", "them"})
_PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "case", "nummod", "flat", "quantmod"})


def subject_of(verb: Token) -> Token | None:
    """The speaker token of a cue verb: its subject, or that of the verb it depends on
    ("began by saying", "quoted the president as saying", "said ... and added")."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
            return tok.head  # "officials speaking on condition of anonymity"
        if tok.dep_ not in _CLIMB_DEPS or tok.head is tok:
            return None
        tok = tok.head
    return None


def speaker_phrase(tok: Token) -> Span:
    """The name or noun phrase of a speaker token, without relative clauses or appositions."""
    doc = tok.doc
    if tok.ent_type_ and tok.ent_iob_ != "O":
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        left = start
    else:
        left = tok.i
        end = tok.i + 1
    # Pre-modifiers that are part of the phrase ("Kyiv Mayor", "the Russian defence").
    for child in sorted(tok.lefts, key=lambda t: t.i):
        if child.dep_ in _PHRASE_DEPS:
            left = min(left, min(t.i for t in child.subtree))
            break
    while left < tok.i and doc[left].is_punct:
        left += 1
    return doc[left:end]


@dataclass(frozen=True)
class Resolved:
    key: str | None
    name: str | None


class SpeakerResolver:
    """Resolves speaker phrases of one Doc in text order (pronouns look back at earlier speakers)."""

    def __init__(self, doc: Doc, index: ActorIndex) -> None:
        self.doc = doc
        self.index = index
        self.last_person: Actor | None = None
        self.last_group: Actor | None = None
        self.last_person_speaker: tuple[int, Resolved] | None = None
        self.described_orgs: dict[str, Resolved] = {}
        self._mentions = sorted(((s.start, a) for a in index.actors for s in a.spans), key=lambda p: p[0])

    def _recent_actor(self, before: int, kind: str) -> Actor | None:
        found: Actor | None = None
        for start, actor in self._mentions:
            if start >= before:
                break
            if (actor.kind == "person") == (kind == "person"):
                found = actor
        return found

    def resolve(self, phrase: Span) -> Resolved:
        actor = self.index.at(phrase.start_char, phrase.end_char)
        if actor is not None:
            resolved = Resolved(actor.key, actor.name)
            if actor.kind == "person":
                self.last_person_speaker = (phrase.start_char, resolved)
            return resolved
        lowered = phrase.text.casefold()
        if lowered in _PERSON_PRONOUNS:
            return self._pronoun(phrase.start_char)
        if lowered in _GROUP_PRONOUNS:
            group = self._recent_actor(phrase.start_char, "organization")
            return Resolved(group.key, group.name) if group else Resolved(None, None)
        words = [t for t in phrase if not t.is_punct]
        lex = role_lexicon()
        role, side = role_phrase(words, lex)
        if role is not None and words and words[-1].lower_ in lex.role_words:
            holder = self.index.by_role(role, side)
            if holder is not None:
                return Resolved(holder.key, holder.name)
        head = phrase.root
        if head.pos_ == "PROPN" or phrase.root.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
            name = " ".join(name_tokens(phrase.text))
            known = self._person_named(name)
            if known is not None:
                resolved = Resolved(known.key, known.name)
                self.last_person_speaker = (phrase.start_char, resolved)
                return resolved
            if phrase.root.ent_type_ == "PERSON":
                resolved = Resolved(person_key(name) or None, name or None)
                self.last_person_speaker = (phrase.start_char, resolved)
                return resolved
            return Resolved(org_key(name) or None, name or None)
        noun = head.lower_
        if noun in lex.org_nouns:
            for _start, actor in reversed(self._mentions):
                if _start < phrase.start_char and actor.kind != "person" and noun in actor.name.casefold():
                    return Resolved(actor.key, actor.name)
            described = [t for t in phrase if t.dep_ != "det" and not t.is_punct and t.tag_ != "POS"]
            if len(described) > 1:
                # "the Russian defence ministry": an organisation described, not named; a later
                # "the ministry" refers back to it.
                name = " ".join(t.text for t in described)
                resolved = Resolved(org_key(name) or None, name)
                self.described_orgs[noun] = resolved
                return resolved
            if noun in self.described_orgs:
                return self.described_orgs[noun]
        return Resolved(None, None)

    def _person_named(self, name: str) -> Actor | None:
        key = person_key(name)
        if not key:
            return None
        for actor in self.index.actors:
            if actor.kind == "person" and actor.key.split()[-1] == key:
                return actor
        return None

    def _pronoun(self, at: int) -> Resolved:
        recent = self._recent_actor(at, "person")
        if self.last_person_speaker is not None:
            spoke_at, resolved = self.last_person_speaker
            # The last named speaker wins unless another person was named since.
            if recent is None or recent.key == resolved.key or self._named_since(spoke_at, at) == 0:
                return resolved
        if recent is not None:
            return Resolved(recent.key, recent.name)
        return Resolved(None, None)

    def _named_since(self, start: int, end: int) -> int:
        return sum(1 for s, a in self._mentions if start < s < end and a.kind == "person")
