"""Which casualty word a number expression counts, and who was counted.

A number becomes a figure when a casualty cue (``data/casualties.json``) governs it: through the
noun it counts ("18 deaths", "54 injured", "people killed"), up the dependency tree ("killing at
least 16 people", "the death toll rose to 18", "45 adults and 5 children died"), as a nested group
("16 people, including six children" takes the kind of the figure it is nested in), or, when the
parse gives nothing, the nearest cue on the same clause ("95 were killed and 211 injured").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from factledger.extract.extensions import sentence_of
from factledger.extract.figures.lexicon import FigureLexicon, figure_lexicon
from factledger.extract.numbers import Quantity
from factledger.models import FigureKind, Qualifier

__all__ = ["Anchor", "CueMap", "anchor_quantity", "cue_map", "is_excluded_number"]

_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
_AGE_UNITS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days"})
_CLIMB_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "prep", "conj", "appos", "attr", "npadvmod", "oprd", "dative"}
)
_MODIFIER_DEPS = frozenset({"amod", "acl", "relcl", "appos", "compound", "nmod", "advmod", "acomp"})
_NEST_PREPS = frozenset({"including", "among", "incl", "includes", "include", "included"})
_CLAUSE_BREAK = frozenset({";", ".", "!", "?", "|", "—", "–"})
_CASUALTY_PRONOUNS = frozenset({"them", "whom", "which", "those", "these"})
_WEAK_NOUNS = frozenset({"casualties", "casualty", "victims", "victim"})
_LINEAR_RIGHT = 6
_ADJACENT = 3
_LINEAR_LEFT = 3
_MAX_CLIMB = 4

CueMap = dict[int, FigureKind]
"""Token index -> kind of the casualty cue it carries (phrase cues mark their root token)."""


@dataclass(frozen=True)
class Anchor:
    kind: FigureKind
    group: str
    cue: int | None
    """Token index of the casualty cue, when one was found."""
    parent: int | None = None
    """Token index of the noun this figure is nested in ("including six children")."""


def cue_map(doc: Doc, phrase_spans: list[Span]) -> CueMap:
    """Every casualty cue token of ``doc`` (word lexicon plus matched phrases)."""
    lex = figure_lexicon()
    cues: CueMap = {}
    for token in doc:
        if token.pos_ in ("NUM", "PUNCT", "DET", "PRON"):
            continue
        kind = lex.kind_of_word(token.lower_, token.lemma_.lower())
        if kind is not None and not _is_not_cue(token, lex):
            cues[token.i] = kind
    for span in phrase_spans:
        kind = lex.phrases.get(span.text.lower())
        if kind is None:
            continue
        cues[span.root.i] = kind
        cues[span[-1].i] = kind
    return cues


def _is_not_cue(token: Token, lex: FigureLexicon) -> bool:
    doc = token.doc
    for phrase in lex.not_cues:
        words = [t.lower_ for t in doc[token.i : token.i + len(phrase)]]
        if tuple(words) == phrase:
            return True
    return False


def is_excluded_number(span: Span, quantity: Quantity) -> bool:
    """Ages, dates, times, money and percentages are never casualty figures."""
    doc = span.doc
    root = span.root
    # NER often tags a range ("between 10 and 15 people") as a date: ranges go by the month test.
    if (
        quantity.value is not None
        and root.ent_type_ in _SKIP_ENTS
        and root.ent_type_ != "QUANTITY"
        and not _bare_number_entity(root)
    ):
        return not _age_is_child_count(span)
    after_span = doc[span.end].lower_ if span.end < len(doc) else ""
    if quantity.low is not None and after_span in _MONTHS:
        return True  # "the night of 30-31 July"
    after = [t.lower_ for t in doc[span.end : span.end + 3]]
    if after and after[0] in ("-", "‑") and len(after) > 1 and after[1] in _AGE_UNITS:
        return True
    if after and after[0] in _AGE_UNITS and len(after) > 1 and after[1] in ("old", "-"):
        return True
    if after and (after[0].endswith("-year-old") or after[0].endswith("-month-old")):
        return True
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("aged", "age", "ages", "of") and _is_age_context(span):
        return True
    if before == "by" and doc[span.start - 1].head.lemma_.lower() in figure_lexicon().change_verbs:
        return True  # "the toll increased by nine": a change, not a toll
    # "Kostiantyn Novik, 16, had come": an age set off by commas after a name.
    if before == "," and span.start > 1 and doc[span.start - 2].ent_type_ == "PERSON":
        return True
    if _is_house_number(span):
        return True
    return root.like_num and root.text.startswith("0") and len(root.text) > 1


def _is_house_number(span: Span) -> bool:
    """ "died at 308 Elm Tree Lane": a number before a capitalised street name."""
    doc = span.doc
    words = figure_lexicon().address_words
    for tok in doc[span.end : span.end + 5]:
        if not (tok.is_title or tok.is_upper or tok.like_num):
            return False
        if tok.i > span.end and tok.lower_.rstrip(".") in words:
            return True
    return False


def _bare_number_entity(token: Token) -> bool:
    """A small number tagged as a date right after a casualty verb ("kills 4, injures 35") is a
    tagger's slip; elsewhere a lone number tagged so is most often an age ("Smith, 42,")."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None or ent.label_ not in ("DATE", "TIME") or len(ent) != 1 or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return token.text.isdigit() and len(token.text) <= 3 and before.lower_ in figure_lexicon().headline_verbs


def _age_is_child_count(span: Span) -> bool:
    return False


def _is_age_context(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1].lower_
    if before in ("aged", "ages"):
        return True
    return before in ("age", "of") and span.start > 1 and doc[span.start - 2].lower_ in ("age", "the")


def _group_of(noun: Token, lex: FigureLexicon) -> str | None:
    """Group named by a counted noun or its modifiers; None when the noun is not a person word."""
    lemma = noun.lemma_.lower()
    group = lex.group_nouns.get(lemma) or lex.group_nouns.get(noun.lower_)
    modifier_group = None
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < noun.i:
            found = lex.group_modifiers.get(child.lower_) or lex.group_modifiers.get(child.lemma_.lower())
            if found is not None:
                modifier_group = found
    if modifier_group is not None and group in (None, "all", "military"):
        return modifier_group
    if group is not None:
        return group
    if lemma in lex.not_persons or noun.lower_ in lex.not_persons:
        return None
    return "all"


def _counted_noun(root: Token, span: Span) -> tuple[Token | None, bool]:
    """The noun a number counts, and whether it came through "of".

    "16 people" -> (people, False); "dozens of people", "two of them" -> (people/them, True).
    """
    if root.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod", "det") and root.head.i >= span.end:
        head = root.head
        if head.pos_ in ("NOUN", "PROPN", "ADJ", "VERB") and head.i - span.end <= 4:
            return head, False
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj, True
    return None, False


def _clause_cue(verb: Token, cues: CueMap, exclude: set[int]) -> tuple[FigureKind, int] | None:
    """A cue one step inside a clause: "requiring hospitalization", "known to have died",
    "are being treated in hospital", "may be under the rubble"."""
    if verb.lemma_.lower() in figure_lexicon().stop_verbs:
        return None
    for child in verb.children:
        if child.i in exclude:
            continue
        if child.dep_ in ("dobj", "attr", "acomp", "oprd") and child.i in cues:
            return cues[child.i], child.i
        if child.dep_ == "xcomp":
            if child.i in cues:
                return cues[child.i], child.i
            deeper = _clause_cue(child, cues, exclude)
            if deeper is not None:
                return deeper
        if child.dep_ == "prep":
            if child.i in cues:
                return cues[child.i], child.i
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i in cues and obj.i not in exclude:
                    return cues[obj.i], obj.i
    return None


_VAGUE_KINDS = frozenset({FigureKind.CASUALTIES})


def _kind_near(token: Token, cues: CueMap, exclude: set[int]) -> tuple[FigureKind, int] | None:
    """Cue on ``token`` or on one of its modifiers ("people killed", "injured people")."""
    own = (cues[token.i], token.i) if token.i in cues and token.i not in exclude else None
    for child in token.children:
        if child.i in exclude:
            continue
        if child.dep_ in _MODIFIER_DEPS and child.i in cues:
            found = (cues[child.i], child.i)
            # "injured casualties", "killed victims": the modifier says which kind.
            if own is None or (token.lower_ in _WEAK_NOUNS and child.i < token.i):
                return found
        if own is not None:
            continue
        if child.dep_ in ("acl", "relcl"):
            deeper = _clause_cue(child, cues, exclude)
            if deeper is not None:
                return deeper
        if child.dep_ == "prep" and child.lower_ in ("among", "in"):
            for obj in child.children:
                if obj.i in cues:
                    return cues[obj.i], obj.i
    return own


def _toll_kind(
    verb: Token, cues: CueMap, lex: FigureLexicon, exclude: set[int]
) -> tuple[FigureKind, int] | None:
    """A change verb's subject or object that names a count: "the death toll rose to 18"."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr") or child.i in exclude:
            continue
        if child.i in cues:
            return cues[child.i], child.i
        if child.lower_ == "it":
            # "gave a death toll of six, but later said it has risen to 10"
            sent = sentence_of(child)
            for i in range(child.i - 1, sent.start - 1, -1):
                tok = child.doc[i]
                if i in cues and i not in exclude and tok.lemma_.lower() in lex.toll_nouns:
                    return cues[i], i
            continue
        if child.lemma_.lower() in lex.toll_nouns:
            for sub in child.subtree:
                if sub.i in cues and sub.i not in exclude:
                    return cues[sub.i], sub.i
    return None


def _climb(
    start: Token, cues: CueMap, lex: FigureLexicon, exclude: set[int]
) -> tuple[FigureKind, int] | Token | None:
    """Walk up from the counted noun; returns (kind, cue index), or the nesting parent token."""
    current = start
    for _ in range(_MAX_CLIMB):
        if current.dep_ not in _CLIMB_DEPS or current.head is current:
            return None
        head = current.head
        if head.lemma_.lower() in lex.stop_verbs:
            return None
        if head.lower_ in _NEST_PREPS and current.dep_ in ("pobj", "dobj", "conj"):
            return head.head if head.head is not head else None
        if head.lower_ in _NEST_PREPS and head.dep_ == "prep":
            return head.head
        found = _kind_near(head, cues, exclude)
        if found is not None:
            return found
        if head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in lex.change_verbs:
                toll = _toll_kind(head, cues, lex, exclude)
                if toll is not None:
                    return toll
            inner = _clause_cue(head, cues, exclude)
            if inner is not None:
                return inner
            if current.dep_ not in ("prep", "pobj"):
                # A verb that is no casualty word ends the walk, except through a preposition chain.
                return None
        current = head
    return None


def _linear(
    span: Span, cues: CueMap, quantity_starts: set[int], lex: FigureLexicon
) -> tuple[FigureKind, int] | None:
    """Nearest cue on the same clause: to the right first ("211 injured"), then left ("killing 12")."""
    doc = span.doc
    sent = sentence_of(span)
    # "kills 4, injures 35": a casualty verb right before the number governs it.
    before = span.start - 1
    if (
        before >= sent.start
        and before in cues
        and (doc[before].pos_ in ("VERB", "AUX") or doc[before].lower_ in lex.headline_verbs)
    ):
        return cues[before], before
    for i in range(span.end, min(sent.end, span.end + _LINEAR_RIGHT)):
        tok = doc[i]
        if tok.text in _CLAUSE_BREAK or i in quantity_starts or "\n" in tok.text:
            break
        if tok.lemma_.lower() in lex.stop_verbs:
            break
        if i in cues and tok.lower_ not in lex.weak:
            return cues[i], i
    for i in range(span.start - 1, max(sent.start, span.start - _LINEAR_LEFT) - 1, -1):
        tok = doc[i]
        if tok.text in _CLAUSE_BREAK or i in quantity_starts or "\n" in tok.text:
            break
        if i in cues and tok.pos_ in ("VERB", "AUX") and tok.lower_ not in lex.weak:
            return cues[i], i
    return None


def _adjacent(
    span: Span, noun: Token | None, cues: CueMap, quantity_starts: set[int]
) -> tuple[FigureKind, int] | None:
    """A cue right after the number or its noun ("35 missing", "21 people injured")."""
    doc = span.doc
    start = span.end if noun is None or noun.i < span.end else noun.i + 1
    for i in range(start, min(sentence_of(span).end, start + _ADJACENT)):
        tok = doc[i]
        if i in quantity_starts or tok.is_punct or "\n" in tok.text or tok.pos_ in ("ADP", "CCONJ", "SCONJ"):
            return None
        if i in cues:
            return cues[i], i
    return None


def _is_increment(span: Span) -> bool:
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return after == "more" or before == "another"


def _nested_parent(base: Token) -> Token | None:
    """The token a nested group hangs on: "including six children", "among them three children"."""
    head = base.head
    if head.lower_ in _NEST_PREPS and head is not base:
        return head.head if head.head is not head else head
    if base.dep_ in ("nsubj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "among":
                return child
    return None


def anchor_quantity(span: Span, cues: CueMap, quantity_starts: set[int]) -> Anchor | None:
    """The figure kind and group of a number expression, or None when it counts no casualties."""
    lex = figure_lexicon()
    root = span.root
    exclude = set(range(span.start, span.end))
    quantity = span._.quantity
    if quantity is not None and quantity.qualifier == Qualifier.SEVERAL:
        return None
    if quantity is not None and quantity.value == 1 and _is_increment(span):
        return None  # "one more person died in hospital" adds to a toll, it is not one
    noun, via_of = _counted_noun(root, span)
    group = "all"
    if noun is not None and _is_misread_verb(noun, quantity, cues):
        return Anchor(cues[noun.i], group, noun.i)
    if noun is not None:
        if via_of and quantity is not None and quantity.value == 1:
            return None  # "one of the dead" names a person, it does not count them
        if noun.lower_ not in _CASUALTY_PRONOUNS:
            found_group = _group_of(noun, lex)
            if found_group is None:
                return None
            group = found_group
    base = root if noun is None or via_of else noun
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in lex.stop_verbs for c in base.children):
        return None  # "two men charged after ...": the suspects, not the victims
    direct = _kind_near(base, cues, exclude)
    if direct is not None:
        return _specific(direct, base, group, cues)
    parent = _nested_parent(base)
    if parent is not None:
        if noun is None:
            return None  # "including 11 from the rubble": no group named
        among = [c for c in parent.children if c.dep_ == "pobj"] if parent.lower_ == "among" else []
        if among and among[0].i in cues:
            return Anchor(cues[among[0].i], group, among[0].i)
        return Anchor(FigureKind.KILLED, group, None, parent=parent.i)
    adjacent = _adjacent(span, None if via_of else noun, cues, quantity_starts)
    if adjacent is not None:
        return None if _is_agent(base, span, adjacent[1]) else _specific(adjacent, base, group, cues)
    climbed = _climb(base, cues, lex, exclude)
    if isinstance(climbed, Token):
        return None if noun is None else Anchor(FigureKind.KILLED, group, None, parent=climbed.i)
    if climbed is not None:
        return None if _is_agent(base, span, climbed[1]) else _specific(climbed, base, group, cues)
    if via_of and noun is not None:
        # "dozens of dead", "hundreds of wounded": the counted noun is the casualty word.
        own = _kind_near(noun, cues, exclude)
        if own is not None:
            return Anchor(own[0], group, own[1])
    linear = _linear(span, cues, quantity_starts, lex)
    if linear is not None:
        return Anchor(linear[0], group, linear[1])
    return None


_HARM_VERBS = frozenset({"kill", "shoot", "wound", "injure", "murder", "slay", "stab", "hurt"})


def _is_agent(base: Token, span: Span, cue: int) -> bool:
    """ "Two gunmen killed three people": the subject of a casualty verb that has an object did it."""
    subject = base if base.dep_ == "nsubj" else span.root
    verb = span.doc[cue]
    return (
        subject.dep_ == "nsubj"
        and subject.head.i == cue
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in _HARM_VERBS
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _is_misread_verb(noun: Token, quantity: Quantity | None, cues: CueMap) -> bool:
    """ "2 shot, 1 killed": a count of more than one cannot count a singular noun; a casualty verb
    read as a noun (as taggers do in clipped headlines) is the casualty word itself."""
    return (
        noun.i in cues
        and noun.tag_ == "NN"
        and not noun.lower_.endswith(("ty", "ry", "th"))
        and quantity is not None
        and quantity.value is not None
        and quantity.value > 1
        and not any(c.dep_ == "det" for c in noun.children)
    )


def _specific(found: tuple[FigureKind, int], base: Token, group: str, cues: CueMap) -> Anchor:
    """Injured people "who are being treated in hospital" are counted as hospitalized."""
    kind, cue = found
    if kind == FigureKind.INJURED:
        for child in base.children:
            if child.dep_ in ("relcl", "acl"):
                inner = _clause_cue(child, cues, set())
                if inner is not None and inner[0] == FigureKind.HOSPITALIZED:
                    return Anchor(inner[0], group, inner[1])
    return Anchor(kind, group, cue)
