"""Children named one by one inside a toll: "including a 15-year-old girl", "a child is among the
wounded". Each such mention says at least one child was among the counted; two named children
("an 11-year-old girl and a 14-year-old boy") say two.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from factledger.extract.figures.anchor import CueMap
from factledger.extract.figures.lexicon import figure_lexicon
from factledger.extract.numbers import Quantity
from factledger.models import FigureKind, Qualifier

__all__ = ["SingleChild", "single_children", "single_victims"]

_NEST_WORDS = frozenset({"including", "among", "incl"})
_ARTICLES = frozenset({"a", "an"})


@dataclass(frozen=True)
class SingleChild:
    span: Span
    """From the article to the last child noun ("a 15-year-old girl")."""
    quantity: Quantity
    parent: int | None
    """Token the group hangs on (the head of "including"), when the kind comes from a figure."""
    kind: FigureKind | None
    cue: int | None


def _is_child(token: Token, nouns: frozenset[str]) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in nouns and token.tag_ == "NN"


def _has_article(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _ARTICLES for c in token.children)


def single_children(doc: Doc, cues: CueMap) -> list[SingleChild]:
    nouns = figure_lexicon().child_nouns
    found: list[SingleChild] = []
    for token in doc:
        if not _is_child(token, nouns) or not _has_article(token) or token.dep_ == "conj":
            continue
        group = [token, *(c for c in token.conjuncts if _is_child(c, nouns) and _has_article(c))]
        start = min(t.left_edge.i for t in group)
        end = max(t.i for t in group) + 1
        count = len(group)
        qualifier = Qualifier.AT_LEAST if count == 1 else Qualifier.EXACT
        quantity = Quantity(count, qualifier, 0, end - start)
        head = token.head
        if head.lower_ in _NEST_WORDS and token.dep_ == "pobj":
            if head.lower_ == "among":
                continue
            found.append(SingleChild(doc[start:end], quantity, head.head.i, None, None))
            continue
        if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("AUX", "VERB"):
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "among":
                    for obj in child.children:
                        if obj.dep_ == "pobj" and obj.i in cues:
                            found.append(SingleChild(doc[start:end], quantity, None, cues[obj.i], obj.i))
    return found


_PERSON_DEPS_PASSIVE = frozenset({"nsubjpass"})
_HARM = (FigureKind.KILLED, FigureKind.INJURED)
_REFLEXIVES = frozenset({"himself", "herself", "self", "themselves"})
_SHOOT = frozenset({"shoot", "stab", "gun"})


def _is_clipped_passive(person: Token, verb: Token, headline: bool) -> bool:
    """ "Man killed", "Teen shot in leg": a headline's passive without its auxiliary, which the
    tagger may read as a past tense; no object follows."""
    return (
        headline
        and verb.tag_ in ("VBN", "VBD")
        and verb.i > person.i
        and not any(c.dep_ == "dobj" for c in verb.children)
    )


def _shooting_kind(verb: Token, cues: CueMap) -> FigureKind:
    """Hit and alive unless the clause says otherwise: "shot dead", "fatally shot", "shot and killed"."""
    for child in verb.children:
        sharper = cues.get(child.i)
        if child.dep_ in ("advmod", "oprd", "acomp", "conj") and sharper in _HARM:
            return sharper
    return FigureKind.INJURED


def _hits_self(verb: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in verb.children)


def _relative_victim(person: Token, cues: CueMap) -> tuple[FigureKind, int] | None:
    """ "a 4-year-old girl who was shot in the face", "a man who died at the scene"."""
    for clause in person.children:
        if clause.dep_ != "relcl" or clause.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in clause.children if c.lower_ in ("who", "that")]
        if not subjects:
            continue
        lemma = clause.lemma_.lower()
        if subjects[0].dep_ == "nsubjpass" and lemma in _SHOOT:
            return _shooting_kind(clause, cues), clause.i
        passive = subjects[0].dep_ == "nsubjpass"
        if cues.get(clause.i) in _HARM and (passive or lemma in ("die", "perish")):
            return cues[clause.i], clause.i
    return None


def _victim_kind(person: Token, cues: CueMap, headline: bool = False) -> tuple[FigureKind, int] | None:
    """Kind of what happened to one named or described person: "a man was shot and killed",
    "Ketron Nathan died", "a gunman killed a 59-year-old man", "left a 16-year-old boy dead"."""
    head = person.head
    if (
        person.dep_ == "nsubj"
        and head.pos_ == "ADJ"
        and cues.get(head.i) in (FigureKind.KILLED, FigureKind.INJURED)
    ):
        return cues[head.i], head.i  # "left a boy dead"
    if person.dep_ == "nsubj" and head.lemma_.lower() == "be":
        for child in head.children:
            if child.dep_ == "acomp" and cues.get(child.i) == FigureKind.KILLED:
                return cues[child.i], child.i  # "a 4-year-old girl is dead"
    verbs = [head, *head.conjuncts] if head.pos_ in ("VERB", "AUX") else []
    if person.dep_ in ("nsubjpass", "nsubj", "dobj"):
        for verb in verbs:
            kind = cues.get(verb.i)
            # "A gunman killed a man": a subject is the killer, except in a headline's clipped
            # passive ("Man killed").
            clipped = _is_clipped_passive(person, verb, headline)
            if person.dep_ == "nsubj" and verb.lemma_.lower() not in ("die", "perish") and not clipped:
                continue
            if kind in (FigureKind.KILLED, FigureKind.INJURED):
                return kind, verb.i
        for verb in verbs:
            if verb.lemma_.lower() in _SHOOT and (
                person.dep_ != "nsubj" or _is_clipped_passive(person, verb, headline)
            ):
                return _shooting_kind(verb, cues), verb.i
        for verb in verbs:
            if person.dep_ == "nsubj" and verb.lemma_.lower() in _SHOOT and _hits_self(verb):
                return _shooting_kind(verb, cues), verb.i  # "a boy accidentally shot himself"
        if person.dep_ == "dobj" and head.lemma_.lower() == "leave":
            for child in head.children:
                if child.i in cues and child.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "amod", "advmod"):
                    return cues[child.i], child.i
    deps = ("amod", "oprd", "acl") if headline else ("amod", "oprd")
    for child in person.children:
        if child.dep_ in deps and child.i in cues and child.i > person.i:
            return cues[child.i], child.i
    return None


def _is_one_person(token: Token, person_nouns: dict[str, str], headline: bool) -> bool:
    if token.ent_type_ == "PERSON":
        return token.tag_ == "NNP"
    if token.tag_ != "NN" or token.lemma_.lower() not in person_nouns:
        return False
    # Headlines drop articles ("Man killed, boy hurt"); a determiner there still counts ("Two").
    return _has_article(token) or (headline and not any(c.dep_ in ("det", "nummod") for c in token.children))


_DEPS = ("nsubjpass", "nsubj", "dobj", "pobj")
_HEADLINE_DEPS = (*_DEPS, "dep", "appos", "ROOT")
_DEATH_NOUNS = frozenset({"death", "killing", "murder", "slaying"})


def _death_of(person: Token, cues: CueMap) -> tuple[FigureKind, int] | None:
    """ "the shooting death of a teenage girl", "the killing of Jane Doe": one person killed."""
    of = person.head
    if person.dep_ != "pobj" or of.lower_ != "of" or of.head.i not in cues:
        return None
    noun = of.head
    if noun.lemma_.lower() in _DEATH_NOUNS and noun.tag_ == "NN" and cues[noun.i] == FigureKind.KILLED:
        return FigureKind.KILLED, noun.i
    return None


def _is_pair(token: Token, person_nouns: dict[str, str]) -> bool:
    """ "Both men were killed": two people, counted by "both"."""
    return (
        token.tag_ == "NNS"
        and token.lemma_.lower() in person_nouns
        and any(c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj") for c in token.children)
    )


def single_victims(doc: Doc, cues: CueMap, *, headline: bool = False) -> list[SingleChild]:
    """One person killed or injured, told without a number (how most shooting reports begin)."""
    lex = figure_lexicon()
    found: list[SingleChild] = []
    for token in doc:
        count = 2 if _is_pair(token, lex.group_nouns) else 1
        if count == 1 and not _is_one_person(token, lex.group_nouns, headline):
            continue
        if token.dep_ not in (_HEADLINE_DEPS if headline else _DEPS):
            continue
        relative = _relative_victim(token, cues)
        if token.ent_type_ == "PERSON" and token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON":
            continue
        kind = relative or (
            _death_of(token, cues) if token.dep_ == "pobj" else _victim_kind(token, cues, headline)
        )
        if kind is None:
            continue
        start = token.left_edge.i if token.ent_type_ != "PERSON" else token.i
        while token.ent_type_ == "PERSON" and start > 0 and doc[start - 1].ent_type_ == "PERSON":
            start -= 1
        span = doc[start : token.i + 1]
        found.append(
            SingleChild(span, Quantity(count, Qualifier.EXACT, 0, len(span)), None, kind[0], kind[1])
        )
    return found
