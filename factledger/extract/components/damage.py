"""``factledger_damage``: damage to property, counted or not ("20 apartment buildings", "more than
30 vehicles", "an educational facility", "a restaurant").

A thing counts as damaged when the parse ties it to a damage word: the object of a damage verb
("the blast destroyed two houses"), its passive subject ("a school was damaged"), the subject of an
intransitive one ("the roof collapsed"), a thing a past participle describes ("a restaurant
impacted"), or the complement of a damage noun ("damage to 40 homes"). A list shares its tie: when
one item of "20 buildings, 30 cars and a school ... were hit" is tied, all are, since parsers attach
long lists unevenly (conjuncts, appositions). A thing merely named as a place ("at a restaurant in
the city") is not damage. Words are data (``data/damage.json``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factledger.extract.extensions import doc_list
from factledger.extract.lexicon import data_file
from factledger.extract.numbers import Quantity
from factledger.models import Damage, Qualifier, TextSpan

__all__ = ["DamageComponent", "find_damage", "make_damage"]

_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr"})
_LIST_DEPS = frozenset({"conj", "appos"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
_COMPLEMENT_PREPS = frozenset({"to", "of"})


@dataclass(frozen=True)
class _Lex:
    verbs: frozenset[str]
    intransitive: frozenset[str]
    nouns: frozenset[str]
    objects: frozenset[str]
    compounds: frozenset[tuple[str, str]]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    raw = data_file("damage.json")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in raw[key])

    pairs = (str(p).casefold().rsplit(" ", 1) for p in raw["compound_objects"])
    return _Lex(
        verbs=words("verbs"),
        intransitive=words("intransitive"),
        nouns=words("nouns"),
        objects=words("objects"),
        compounds=frozenset((a, b) for a, b in pairs),
    )


def _lemma(token: Token) -> str:
    return token.lemma_.casefold() or token.lower_


def _is_object(token: Token, lex: _Lex) -> bool:
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("GPE", "LOC", "PERSON", "ORG"):
        return False
    lemma = _lemma(token)
    if lemma in lex.objects:
        return True
    return any(c.dep_ == "compound" and (_lemma(c), lemma) in lex.compounds for c in token.lefts)


def _damage_verb(token: Token, lex: _Lex) -> bool:
    return token.pos_ in ("VERB", "AUX", "ADJ") and _lemma(token) in lex.verbs


def _anchor(noun: Token, counted: set[int]) -> Token:
    """The token that carries the noun's place in the sentence: "dozens" in "dozens of houses"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i in counted:
        return head.head
    return noun


def _damage_noun(token: Token, lex: _Lex) -> bool:
    return token.pos_ == "NOUN" and _lemma(token) in lex.nouns


def _tied(noun: Token, lex: _Lex) -> bool:
    """The noun itself is tied to a damage word (see the module docstring)."""
    head = noun.head
    if noun.dep_ in _OBJECT_DEPS and _damage_verb(head, lex):
        return True
    if noun.dep_ == "nsubj" and _damage_verb(head, lex) and _lemma(head) in lex.intransitive:
        return True
    if any(c.dep_ in ("acl", "relcl") and _damage_verb(c, lex) and c.tag_ == "VBN" for c in noun.rights):
        return True
    if noun.dep_ != "pobj" or head.lower_ not in _COMPLEMENT_PREPS:
        return False
    # "damage to 40 homes", also when the parser hangs "to" on the verb ("caused damage to ...").
    attached = head.head
    return _damage_noun(attached, lex) or any(
        c.dep_ in _OBJECT_DEPS and _damage_noun(c, lex) for c in attached.children if c.i < head.i
    )


def _list_of(noun: Token) -> list[Token]:
    """Every item of the list the noun is in (itself when it is in none)."""
    root = noun
    while root.dep_ in _LIST_DEPS and root.head is not root:
        root = root.head
    items = [root]
    stack = [root]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _LIST_DEPS:
                items.append(child)
                stack.append(child)
    return items


def _words_start(noun: Token, counted: set[int]) -> int:
    """First token of the words naming the thing ("apartment" of "20 apartment buildings")."""
    first = noun.i
    while first > 0:
        prev = noun.doc[first - 1]
        if prev.i in counted or prev.dep_ not in _MODIFIER_DEPS or prev.head.i < first:
            break
        first -= 1
    return first


def _count(first: int, quantities: list[Span]) -> Span | None:
    """The number expression right before the thing's words ("more than 30 cars", "dozens of
    houses")."""
    for span in quantities:
        if span.end == first or (span.end == first - 1 and span.doc[span.end].lower_ == "of"):
            return span
    return None


def find_damage(doc: Doc) -> list[Damage]:
    lex = _lex()
    quantities: list[Span] = doc_list(doc, "quantities")
    objects = [t for t in doc if _is_object(t, lex)]
    counted = {i for span in quantities for i in range(span.start, span.end)}
    anchors = {noun.i: _anchor(noun, counted) for noun in objects}
    tied_anchors: set[int] = set()
    # Any item of a list may carry the tie, even one that is not a thing we count ("a bakery hit").
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.i in tied_anchors:
            continue
        anchor = _anchor(token, counted)
        if _tied(anchor, lex):
            tied_anchors.update(t.i for t in _list_of(anchor))
    tied = {noun.i for noun in objects if anchors[noun.i].i in tied_anchors}
    found: list[Damage] = []
    for noun in objects:
        if noun.i not in tied:
            continue
        first = _words_start(noun, counted)
        span = _count(first, quantities)
        quantity: Quantity | None = None if span is None else span._.quantity
        start = first if span is None else span.start
        found.append(
            Damage(
                what=doc[first : noun.i + 1].text,
                count=None if quantity is None else quantity.best,
                qualifier=Qualifier.EXACT if quantity is None else quantity.qualifier,
                span=TextSpan(start=doc[start].idx, end=noun.idx + len(noun.text)),
            )
        )
    return found


class DamageComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.damage = find_damage(doc)
        return doc


@Language.factory("factledger_damage", assigns=["doc._.damage"], requires=["doc._.quantities"])
def make_damage(nlp: Language, name: str) -> DamageComponent:
    return DamageComponent()
