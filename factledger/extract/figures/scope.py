"""What a figure is about: the incident's event cue, or a cumulative total that is no incident's."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Span, Token

from factledger.extract.extensions import sentence_of
from factledger.extract.figures.lexicon import figure_lexicon

__all__ = ["event_index", "is_condition_subset", "is_cumulative"]

_SUPERLATIVES = frozenset(
    {"deadliest", "worst", "largest", "biggest", "most", "bloodiest", "first", "heaviest"}
)
_WINDOW = 10
_WINDOW_BEFORE = 12
_CONDITION_WINDOW = 8
_CLAUSE_ENDS = frozenset({",", ";", ".", "—", "–", "and", "while", "but", ":"})
_RELATIVE = frozenset({"which", "that", "who"})


def _contains(words: list[str], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if tuple(words[i : i + n]) == phrase:
            return i
    return -1


def is_condition_subset(number: Span, cue: int | None) -> bool:
    """A breakdown of the injured by their state ("12 of them in critical condition"): part of a
    toll already counted, not a figure of its own. ("Critically wounded" alone is how a shooting
    report counts its wounded, so adverbs do not make a breakdown.)"""
    lex = figure_lexicon()
    doc = number.doc
    sent = sentence_of(number)
    for tok in doc[number.end : min(sent.end, number.end + _CONDITION_WINDOW)]:
        if tok.lower_ in _CLAUSE_ENDS or tok.like_num:
            break
        if tok.lower_ in lex.condition_words:
            return True
    return False


def _subject_is_cumulative(child: Token, subjects: frozenset[str]) -> bool:
    if child.lemma_.lower() in subjects:
        return True
    # "a war which killed thousands": the relative pronoun stands for the war.
    verb = child.head
    return child.lower_ in _RELATIVE and verb.dep_ == "relcl" and verb.head.lemma_.lower() in subjects


def is_cumulative(number: Span, cue: int | None) -> bool:
    """A running total of a war ("the war has killed 485 children", "killed since the invasion"),
    or a rate ("37 children a month")."""
    lex = figure_lexicon()
    doc = number.doc
    sent = sentence_of(number)
    cue_token = doc[cue] if cue is not None else number.root
    for token in (cue_token, *cue_token.ancestors):
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent") and _subject_is_cumulative(
                child, lex.cumulative_subjects
            ):
                return True
        if token.pos_ == "VERB":
            break
    after = [t.lower_ for t in doc[number.end : min(sent.end, max(number.end, cue_token.i + 1) + 4)]]
    if any(_contains(after, rate) >= 0 for rate in lex.rate_cues):
        return True
    end = max(number.end, cue_token.i + 1)
    lo = max(sent.start, min(number.start, cue_token.i) - _WINDOW_BEFORE)
    words = [t.lower_ for t in doc[lo : min(sent.end, end + _WINDOW)]]
    for phrase in lex.cumulative_cues:
        at = _contains(words, phrase)
        if at < 0:
            continue
        if not any(w in _SUPERLATIVES for w in words[max(0, at - 4) : at]):
            return True
    return False


def _edges(a: Token, b: Token) -> int:
    up_b = {t.i: k for k, t in enumerate((b, *b.ancestors))}
    for k, t in enumerate((a, *a.ancestors)):
        if t.i in up_b:
            return k + up_b[t.i]
    return 1000


def event_index(events: Sequence[Any], cue: Token) -> int | None:
    """Index of the event trigger in ``cue``'s sentence that the casualty word hangs on, else None."""
    sent_start = sentence_of(cue).start
    in_sentence = [(i, e) for i, e in enumerate(events) if sentence_of(e.span).start == sent_start]
    if not in_sentence:
        return None
    related = {t.i for t in cue.ancestors} | {t.i for t in cue.subtree} | {t.i for t in cue.children}
    if cue.dep_ == "conj":
        # "explosions killed 73 and wounded dozens": the second verb shares the first's subject.
        for child in cue.head.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                related |= {t.i for t in child.subtree}
    linked = [(i, e) for i, e in in_sentence if any(t.i in related for t in e.span)]
    if linked:
        # The nearest in the parse: "explosions killed 73 and wounded dozens near the grave of a
        # man killed in a drone strike" counts the explosions' victims, not the strike's.
        return min(linked, key=lambda p: (_edges(cue, p[1].span.root), p[1].span.start))[0]
    if len(in_sentence) == 1:
        return in_sentence[0][0]
    return min(in_sentence, key=lambda p: abs(p[1].span.start - cue.i))[0]
