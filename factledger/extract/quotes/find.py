"""Finding attributions in a parsed Doc: direct quotes, partial quotes, reported speech, "according to".

A quoted region is a **direct** quote when it stands as what was said: it opens its sentence (or
follows a lone "But"/"And"), follows a colon or comma ("Klitschko said: ..."), or directly follows a
speech verb and is a whole utterance (capitalised, or ending the sentence), and holds a few words
(fewer when a cue follows: '"Denver," he answered'). A quoted fragment inside someone's sentence
("criticised Putin for 'dragging his feet'", "admitted 'a few mistakes' in ...") is a **partial**
quote; the reported clause around it is the indirect attribution.

The cue and speaker of a direct quote are looked for, in order: a speech verb after it in its
sentence ('..., Rubio said'; any verb next to its subject after a quote ending in a comma, ? or !:
'"...!" beamed the delegate'), a speech verb before it ('Rubio said, "..."'); then parts of one
quote share a cue (a quote continued in the same paragraph after '..., she said.', and the earlier
paragraphs of a multi-paragraph quote); then a short cue sentence right after it in its paragraph
('She said.'), a sentence ending in a colon before it, "according to X" before it, or the name or
subject before a colon; finally a quote opening the next paragraph continues the last speaker's
quote. A direct quote that no one is said to have said (a list of questions, a transcript) is kept as
a partial quote.

**Indirect** attributions are speech and belief verbs with a reported clause (its complement, or
the clause it is appended to: 'the strike hit a school, the ministry said'), naming verbs with an
object and what it was called ('called the strike "a war crime"'), statement verbs whose object is
the statement ('He later reported three injuries'), and headline lines 'Jane Roe: "..."'.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from factledger.extract.quotes.lexicon import CueLexicon, cue_lexicon
from factledger.extract.quotes.marks import QuotedRegion, find_quoted_regions
from factledger.extract.quotes.sentences import doc_text, sentence_at
from factledger.extract.quotes.speakers import speaker_phrase, subject_of
from factledger.models import QuoteKind

__all__ = ["Found", "find_attributions"]

_MIN_DIRECT_WORDS = 3
_CUE_WINDOW = 16
_AFTER_WINDOW = 24
_SHORT_QUOTE_TOKENS = 4
_LISTENER_VERBS = frozenset(
    {"tell", "ask", "email", "inform", "assure", "reassure", "warn", "urge", "remind", "thank", "text"}
)
_LONE_CONJUNCTIONS = frozenset({"but", "and", "yet", "so", "or", "still", "then"})
_END_PUNCT = ",.!?…;:—–-"


@dataclass
class Found:
    kind: QuoteKind
    start: int
    end: int
    speaker: Span | None
    cue: Span | None
    follows: int | None = None
    """Index of an earlier Found whose speaker this one inherits when it has none of its own."""


def _is_cue(tok: Token, lex: CueLexicon) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and (
        tok.lemma_.lower() in lex.speech_verbs or tok.lower_ in lex.said_forms
    )


def _words(doc: Doc, start: int, end: int) -> int:
    span = doc.char_span(start, end, alignment_mode="expand")
    return 0 if span is None else sum(1 for t in span if not t.is_punct)


def _cue_after(doc: Doc, end_char: int, sent: Span, lex: CueLexicon, in_quote: set[int]) -> Token | None:
    first = None
    for tok in sent:
        if tok.idx >= end_char:
            first = tok.i
            break
    if first is None:
        # The parse ended the sentence with the quote ('"...?" she asked.'): read on in the line.
        inner_end = doc_text(doc)[max(0, end_char - 12) : end_char].rstrip("\"'”’ ")[-1:]
        if inner_end not in {",", "?", "!"} or sent.end >= len(doc):
            return None
        if "\n" in doc_text(doc)[end_char : doc[sent.end].idx]:
            return None
        first = sent.end
        sent = sentence_at(doc, first)
    i = first
    stop = min(sent.end, first + _AFTER_WINDOW)
    while i < stop:
        tok = doc[i]
        if "\n" in tok.text:
            break  # the next paragraph (the parse may run a sentence across it)
        if tok.i in in_quote:
            run = i
            while run < len(doc) and run in in_quote:
                run += 1
            if run - i > _SHORT_QUOTE_TOKENS:
                break  # another quote, not a quoted name inside the attribution
            i = run
            continue
        if _is_cue(tok, lex):
            return tok
        i += 1
    return _manner_cue(doc, end_char, first, sent)


def _manner_cue(doc: Doc, end_char: int, first: int, sent: Span) -> Token | None:
    """'"This is fantastic!" beamed the delegate' / '"Quiet," he snapped': any past or present tense
    verb next to its subject right after a quote that ends in a comma, ? or ! is the cue."""
    if doc_text(doc)[max(0, end_char - 12) : end_char].rstrip("\"'”’ ")[-1:] not in {",", "?", "!"}:
        return None
    window = [t for t in doc[first : min(sent.end, first + 5)] if not t.is_punct]
    for tok in window[:4]:
        if tok.pos_ == "VERB" and tok.tag_ in {"VBD", "VBZ"}:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and abs(subj.i - tok.i) <= 4 and subj.i >= first:
                return tok
            if subj is None and tok.i == window[0].i:
                return tok  # inverted: "beamed Donald Hartley"
        if tok.pos_ not in {"PROPN", "PRON", "NOUN", "DET", "ADJ"}:
            break
    return None


def _cue_before(doc: Doc, open_char: int, sent: Span, lex: CueLexicon, in_quote: set[int]) -> Token | None:
    before = [t for t in sent if t.idx < open_char]
    # 'Hillary shot back, "..."': the verb right before the comma or colon is the cue, whatever it is.
    tail = [t for t in before[-4:] if not t.is_space]
    if len(tail) >= 2 and tail[-1].text in {",", ":"}:
        for tok in reversed(tail[:-1]):
            if tok.pos_ == "VERB" and tok.tag_ in {"VBD", "VBZ", "VBP", "VBG"} and tok.i not in in_quote:
                return tok
            if tok.pos_ not in {"ADP", "PART", "ADV"}:
                break
    for tok in reversed(before[-2 * _CUE_WINDOW :]):
        if tok.i in in_quote or "\n" in tok.text:
            break
        if _is_cue(tok, lex):
            return tok
    return None


def _cue_sentence(sent: Span, lex: CueLexicon, in_quote: set[int]) -> Token | None:
    """A short sentence that is only an attribution ("She said." / "The mayor added in a statement.")."""
    words = [t for t in sent if not t.is_punct and t.i not in in_quote]
    if not words or len(words) > 14:
        return None
    for tok in words:
        if _is_cue(tok, lex) and subject_of(tok) is not None:
            return tok
    return None


_INVERTED_SKIP = frozenset(
    {"prep", "advmod", "ccomp", "xcomp", "advcl", "conj", "cc", "punct", "npadvmod", "dative"}
)


def _speaker_of(cue: Token | None, in_quote: set[int] | None = None, narrator: bool = True) -> Span | None:
    """Speaker phrase of a cue; ``narrator`` accepts "I"/"we" (the writer, outside the quote)."""
    if cue is None:
        return None
    subj = subject_of(cue)
    if subj is not None and in_quote is not None and subj.i in in_quote:
        subj = None  # the parse took a word of the quote as the subject
    if subj is None:
        # Inverted order: "..., said the 46-year-old": a noun-like child after the verb.
        listener = cue.lemma_.lower() in _LISTENER_VERBS
        subj = next(
            (
                c
                for c in cue.rights
                if c.pos_ in {"PROPN", "NOUN", "PRON", "ADJ", "NUM"}
                and c.dep_ not in _INVERTED_SKIP
                and not (listener and c.dep_ in {"dobj", "dative"})
                and (in_quote is None or c.i not in in_quote)
            ),
            None,
        )
    if subj is None and in_quote is not None:
        # '"...," Trump, the front-runner in the polls, said': the name right after the quote.
        prev = cue.doc[: cue.i]
        for tok in reversed(list(prev)):
            if tok.i in in_quote:
                after = [t for t in cue.doc[tok.i + 1 : cue.i] if not t.is_punct and t.i not in in_quote]
                if after and after[0].ent_type_ in {"PERSON", "ORG"}:
                    subj = after[0]
                break
    if subj is not None and subj.lower_ in {"which", "who", "that"} and cue.dep_ == "relcl":
        subj = cue.head  # "the report, which notes, '...'": the antecedent speaks
    if subj is not None and narrator and subj.lower_ in {"i", "we"}:
        return speaker_phrase(subj)
    if subj is None:
        # Inverted order: "..., said the mayor": the first noun after the verb.
        for tok in cue.doc[cue.i + 1 : min(len(cue.doc), cue.i + 6)]:
            if tok.pos_ in {"PROPN", "NOUN", "PRON"} and tok.dep_ not in {"dobj", "pobj", "npadvmod"}:
                subj = tok
                break
    if not _plausible_subject(subj, cue):
        subj = _name_before(cue, in_quote)
    return None if subj is None else speaker_phrase(subj)


def _name_before(cue: Token, in_quote: set[int] | None) -> Token | None:
    """The nearest name just before a cue on its line, when the parse gave no usable subject."""
    doc = cue.doc
    for tok in reversed(list(doc[max(0, cue.i - 12) : cue.i])):
        if "\n" in tok.text or tok.text in {".", "!", "?", ";"} or (in_quote and tok.i in in_quote):
            return None
        if tok.ent_type_ in {"PERSON", "ORG"} or tok.lower_ in {"he", "she", "they"}:
            return tok
    return None


def _plausible_subject(subj: Token | None, cue: Token) -> bool:
    if subj is None or subj.lower_ in {"that", "which", "who", "i", "we", "you", "what", "this"}:
        return False
    if subj.ent_type_ in {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY"}:
        return False
    lo, hi = sorted((subj.idx, cue.idx))
    return "\n" not in doc_text(subj.doc)[lo:hi]


def _sent_of(doc: Doc, char: int) -> Span:
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    if tok is None or len(tok) == 0:
        return sentence_at(doc, len(doc) - 1)
    return sentence_at(doc, tok[0].i)


def _direct(doc: Doc, region: QuotedRegion, first: Span, last: Span, lex: CueLexicon) -> bool:
    text = doc_text(doc)
    words = _words(doc, region.start, region.end)
    if words == 0:
        return False
    # The sentence as written: the parse sometimes runs a sentence over a line break or a full stop.
    line_start = max(first.start_char, text.rfind("\n", 0, region.open_mark) + 1)
    before = text[line_start : region.open_mark].strip()
    if before[-1:] in {".", "!", "?"}:
        before = ""
    after = text[region.close_mark : last.end_char].strip()
    inner = text[region.start : region.end].rstrip()
    ends_clause = bool(inner) and inner[-1] in _END_PUNCT
    prev = [t for t in first if t.idx < region.open_mark]
    after_cue = bool(prev) and (
        _is_cue(prev[-1], lex) or (prev[-1].lower_ == "that" and len(prev) > 1 and _is_cue(prev[-2], lex))
    )
    if after_cue and not (
        before[-1:] in {":", ","} or inner[:1].isupper() or after == "" or after[0] in ".;"
    ):
        # "admitted 'one or two instances' where...", "said 'we need more' about...": a fragment
        # inside the reported clause, not the whole utterance.
        return False
    # "... he said. But 'the rest of it'": a conjunction alone before the quote continues it.
    opens = before == "" or before[-1] in ":,—–-" or after_cue or before.casefold() in _LONE_CONJUNCTIONS
    if not opens:
        return False
    if region.continues or words >= _MIN_DIRECT_WORDS or after_cue:
        return True
    if (
        ends_clause
        and inner[-1] in ",?!"
        and _cue_after(doc, region.close_mark, last, lex, set()) is not None
    ):
        return True  # '"Denver," he answered.'
    return ends_clause and (after == "" or after[0] in _END_PUNCT)


def _direct_quotes(doc: Doc, lex: CueLexicon) -> tuple[list[Found], list[QuotedRegion], set[int]]:
    regions = find_quoted_regions(doc_text(doc))
    in_quote: set[int] = set()
    spans: list[Span | None] = []
    for region in regions:
        span = doc.char_span(region.start, region.end, alignment_mode="contract")
        spans.append(span)
        if span is not None:
            in_quote.update(range(span.start, span.end))
    found: list[Found] = []
    partial: list[QuotedRegion] = []
    kept: list[QuotedRegion] = []
    for region, span in zip(regions, spans, strict=True):
        if span is None or len(span) == 0:
            continue
        first, last = _sent_of(doc, region.open_mark), _sent_of(doc, max(region.end - 1, region.start))
        if not _direct(doc, region, first, last, lex):
            partial.append(region)
            continue
        cue = _cue_after(doc, region.close_mark, last, lex, in_quote)
        if cue is None:
            cue = _cue_before(doc, region.open_mark, first, lex, in_quote)
        speaker = _speaker_of(cue, in_quote)
        found.append(Found(QuoteKind.DIRECT, region.start, region.end, speaker, _token_span(cue)))
        kept.append(region)
    _share_cues(doc_text(doc), found, kept, same_paragraph=True)
    for f, region in zip(found, kept, strict=True):
        if f.cue is None:
            _fallback_cue(doc, f, region, lex, in_quote)
    _share_cues(doc_text(doc), found, kept, same_paragraph=False)
    return found, partial, in_quote


def _fallback_cue(doc: Doc, f: Found, region: QuotedRegion, lex: CueLexicon, in_quote: set[int]) -> None:
    """A cue outside the quote's sentence: a short attribution sentence right after it in the same
    paragraph ("She said."), or a sentence ending in a colon before it."""
    first, last = _sent_of(doc, region.open_mark), _sent_of(doc, max(region.end - 1, region.start))
    cue = None
    if last.end < len(doc):
        nxt = sentence_at(doc, last.end)
        if "\n" not in doc_text(doc)[region.close_mark : nxt.start_char]:
            cue = _cue_sentence(nxt, lex, in_quote)
    if cue is None and first.start > 0:
        prev = sentence_at(doc, first.start - 1)
        gap = doc_text(doc)[prev.end_char : region.open_mark]
        if gap.count("\n") <= 2 and doc_text(doc)[prev.start_char : prev.end_char].rstrip().endswith(":"):
            cue = _cue_before(doc, prev.end_char, prev, lex, in_quote)
            if cue is None:
                f.speaker = _colon_speaker(doc, prev.end_char, prev)
                return
    if cue is not None:
        f.cue, f.speaker = _token_span(cue), _speaker_of(cue, in_quote)
        return
    according = _according_before(doc, region.open_mark, first, lex)
    if according is not None:
        f.cue, f.speaker = according
    else:
        f.speaker = _colon_speaker(doc, region.open_mark, first)


def _colon_speaker(doc: Doc, open_char: int, sent: Span) -> Span | None:
    """ "Republican pollster Jane Roe: '...'": a named person or organisation right before a colon."""
    before = [t for t in sent if t.idx < open_char and not t.is_space]
    if len(before) < 2 or before[-1].text != ":":
        return None
    tok = before[-2]
    if tok.ent_type_ in {"PERSON", "ORG"}:
        return speaker_phrase(tok)
    # "Trump leaned in and boomed: '...'" / "the ministry released a statement: '...'": the subject of
    # the last verb before the colon.
    for verb in reversed(before[:-1]):
        if verb.pos_ in {"VERB", "AUX"}:
            subj = subject_of(verb)
            if subj is not None and _plausible_subject(subj, verb):
                return speaker_phrase(subj)
            break
    return None


def _according_before(doc: Doc, open_char: int, sent: Span, lex: CueLexicon) -> tuple[Span, Span] | None:
    """'According to the newspaper, "..."': (cue, source) of an "according to" just before a quote."""
    before = [t for t in sent if t.idx < open_char]
    for i, tok in enumerate(before):
        for cue in lex.according_to:
            words = [t.lower_ for t in before[i : i + len(cue)]]
            if words == list(cue) and i + len(cue) < len(before):
                start = end = before[i + len(cue)].i
                while end < before[-1].i + 1 and not doc[end].is_punct and not doc[end].is_space:
                    end += 1
                if end == start:
                    return None
                return doc[tok.i : tok.i + len(cue)], doc[start:end]
    return None


def _token_span(tok: Token | None) -> Span | None:
    return None if tok is None else tok.doc[tok.i : tok.i + 1]


def _share_cues(text: str, found: list[Found], regions: list[QuotedRegion], *, same_paragraph: bool) -> None:
    """Parts of one quote share its cue: a paragraph-spanning quote takes the cue of its last part,
    and a quote continuing in the same paragraph after "..., she said." takes that cue. Otherwise
    (``same_paragraph=False``) a quote opening the next paragraph continues the last speaker."""
    for i in range(len(found) - 2, -1, -1):
        nxt = regions[i + 1]
        if found[i].cue is None and nxt.continues and found[i + 1].cue is not None:
            found[i].cue, found[i].speaker = found[i + 1].cue, found[i + 1].speaker
    for i in range(1, len(found)):
        gap = text[regions[i - 1].close_mark : regions[i].open_mark]
        if found[i].cue is not None or (found[i - 1].cue is None and found[i - 1].follows is None):
            continue
        if same_paragraph:
            if "\n" not in gap and found[i - 1].cue is not None:
                found[i].cue, found[i].speaker = found[i - 1].cue, found[i - 1].speaker
        elif found[i].speaker is None and gap.count("\n\n") <= 1 and gap.count("\n") <= 2:
            # A quote opening the next paragraph continues the speaker's quote (one attribution).
            found[i].follows = i - 1
            found[i].cue = found[i - 1].cue


def _clause_span(head: Token, exclude: Token | None = None) -> tuple[int, int] | None:
    toks = [
        t for t in head.subtree if exclude is None or not (exclude.left_edge.i <= t.i <= exclude.right_edge.i)
    ]
    toks = [t for t in toks if not (t.is_punct and t.text not in {"”", '"', "’", "'"})]
    while toks and toks[0].dep_ == "mark" and toks[0].lower_ in {"that", "whether", "if"}:
        toks = toks[1:]
    if not toks:
        return None
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


def _widen_to_quotes(content: tuple[int, int], regions: list[QuotedRegion]) -> tuple[int, int]:
    """A reported clause cut inside a quotation (the parse ends at a sentence break) runs to its end."""
    start, end = content
    for r in regions:
        if r.open_mark <= start < r.close_mark:
            start = min(start, r.open_mark)
        if r.open_mark < end <= r.close_mark or r.open_mark <= end - 1 < r.close_mark:
            end = max(end, r.close_mark)
    return start, end


def _indirect(
    doc: Doc, lex: CueLexicon, in_quote: set[int], direct_cues: set[int], regions: list[QuotedRegion]
) -> list[Found]:
    found: list[Found] = []
    for tok in doc:
        if tok.i in in_quote or tok.i in direct_cues or tok.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = tok.lemma_.lower()
        speech = lemma in lex.speech_verbs
        if not speech and lemma not in lex.belief_verbs:
            continue
        comps = [c for c in tok.children if c.dep_ == "ccomp"]
        # "While X did Y, the groups say they are concerned": the clause after the verb is reported.
        comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        content: tuple[int, int] | None = None
        if comp is not None:
            content = _clause_span(comp)
        elif (
            speech
            and tok.dep_ in {"parataxis", "ccomp"}
            and tok.head.i < tok.i
            and tok.head.pos_ in {"VERB", "AUX"}
        ):
            # "The strike hit a school, the ministry said": the reported clause is the verb's head.
            content = _clause_span(tok.head, exclude=tok)
        elif obj is not None and lemma in lex.naming_verbs:
            # "called the strike 'a war crime'": the object and what it was called.
            oprd = next(
                (c for c in tok.children if c.dep_ in {"oprd", "xcomp", "ccomp", "advcl"} and c.i > obj.i),
                None,
            )
            pieces = [obj] + ([oprd] if oprd is not None else [])
            start = min(t.left_edge.idx for t in pieces)
            last_tok = max((t.right_edge for t in pieces), key=lambda t: t.i)
            content = (start, last_tok.idx + len(last_tok.text))
        elif obj is not None and lemma in lex.object_verbs and obj.pos_ in {"NOUN", "PROPN", "NUM"}:
            # "He later reported three injuries": the object is the statement.
            content = _clause_span(obj)
        if content is None:
            continue
        subj = subject_of(tok)
        if subj is None and tok.dep_ in {"parataxis", "ccomp"}:
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.lower_ == "it" or not _plausible_subject(subj, tok):
            continue
        speaker = speaker_phrase(subj)
        start, end = _widen_to_quotes(content, regions)
        found.append(Found(QuoteKind.INDIRECT, start, end, speaker, doc[tok.i : tok.i + 1]))
    return found


def _according_to(doc: Doc, lex: CueLexicon) -> list[Found]:
    found: list[Found] = []
    for tok in doc:
        for cue in lex.according_to:
            n = len(cue)
            if tok.lower_ != cue[0] or tok.i + n > len(doc):
                continue
            if [t.lower_ for t in doc[tok.i : tok.i + n]] != list(cue):
                continue
            last = doc[tok.i + n - 1]
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is None and tok.i + n < len(doc):
                obj = doc[tok.i + n]
            if obj is None:
                continue
            sent = sentence_at(doc, tok.i)
            phrase_end = max(t.i for t in obj.subtree) + 1 if obj.head is last else obj.i + 1
            if tok.i - sent.start >= 3:
                before = [t for t in doc[sent.start : tok.i] if not t.is_punct]
                if not before:
                    continue
                start, end = before[0].idx, before[-1].idx + len(before[-1].text)
            else:
                after = [t for t in doc[phrase_end : sent.end] if not t.is_punct]
                if not after:
                    continue
                start, end = after[0].idx, after[-1].idx + len(after[-1].text)
            found.append(
                Found(QuoteKind.ACCORDING_TO, start, end, speaker_phrase(obj), doc[tok.i : tok.i + n])
            )
    return found


def find_attributions(doc: Doc) -> list[Found]:
    """Every attribution in ``doc``, in text order; partial quotes come after their clause."""
    lex = cue_lexicon()
    direct, partial_regions, in_quote = _direct_quotes(doc, lex)
    direct_cues = {f.cue.start for f in direct if f.cue is not None}
    direct_ranges = [(f.start, f.end) for f in direct]
    regions = find_quoted_regions(doc_text(doc))
    headlines = _headline_attributions(doc, regions)
    others = _indirect(doc, lex, in_quote, direct_cues, regions) + _according_to(doc, lex) + headlines
    kept: list[Found] = []
    for f in others:
        overlap = max((min(f.end, e) - max(f.start, s) for s, e in direct_ranges), default=0)
        if overlap > 0.5 * (f.end - f.start):
            continue  # the reported clause is a direct quote already found
        kept.append(f)
    partials: list[Found] = []
    for region in partial_regions:
        holders = [f for f in kept if f.start <= region.start and region.end <= f.end]
        holder = min(holders, key=lambda f: f.end - f.start) if holders else None
        if holder is None:
            continue  # scare quotes and titles: no one is said to have said them
        partials.append(Found(QuoteKind.PARTIAL, region.start, region.end, holder.speaker, holder.cue))
    # A direct quote nobody is said to have said (a list of questions, a block of a transcript)
    # is kept only when it continues a speaker's quote.
    direct = [f if f.speaker is not None or f.follows is not None else _unattributed(f) for f in direct]
    return direct + kept + partials


_HEADLINE_MAX_CHARS = 240
_HEADLINE_MAX_NAME_WORDS = 6


def _headline_attributions(doc: Doc, regions: list[QuotedRegion]) -> list[Found]:
    """Headline-style attributions on a line of their own: "Jane Roe: 'We Will Rebuild'"."""
    found: list[Found] = []
    text = doc_text(doc)
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        colon = line.find(":")
        if (
            colon > 0
            and len(line) <= _HEADLINE_MAX_CHARS
            and len(line[:colon].split()) <= _HEADLINE_MAX_NAME_WORDS
        ):
            c_start = start + colon + 1
            quoted = any(c_start <= r.open_mark < end for r in regions)
            name = doc.char_span(start, start + colon, alignment_mode="contract")
            content = text[c_start:end].strip()
            if quoted and name is not None and len(name) > 0 and content:
                head = name[-1]
                if head.ent_type_ in {"PERSON", "ORG"}:
                    s_char = c_start + (len(text[c_start:end]) - len(text[c_start:end].lstrip()))
                    colon_tok = doc.char_span(start + colon, start + colon + 1, alignment_mode="expand")
                    found.append(
                        Found(
                            QuoteKind.INDIRECT, s_char, s_char + len(content), speaker_phrase(head), colon_tok
                        )
                    )
        start = end + 1
    return found


def _unattributed(f: Found) -> Found:
    f.kind = QuoteKind.PARTIAL
    return f
