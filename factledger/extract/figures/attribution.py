"""Who a report says gave a figure: the source as written, its party and side.

The source of a figure is, in order: the object of "according to" in its sentence; the subject of
the speech verb that governs it ("the governor said", "Lysak wrote on Telegram", "..., said the
mayor"); for a figure inside quotation marks, the speaker named just before or after the quote.
Pronoun subjects ("he said") resolve to the last named speaker before them. Failing those, a source
named around the figure (``nearby.py``: "This was announced by ...", a "Source:" line, the
paragraph's speaker). Party and side come from
``data/parties.json`` (longest matching term), then from the actors component's record of a named
person ("Lysak" -> the governor named earlier).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from factledger.extract.extensions import doc_list, sentence_of, sentences
from factledger.extract.figures.lexicon import party_lexicon
from factledger.extract.figures.nearby import ANNOUNCE_VERBS, MAX_SOURCE_TOKENS, PRONOUNS, NearbySources, trim
from factledger.extract.quotes.lexicon import cue_lexicon, role_lexicon
from factledger.models import Actor, Party

__all__ = ["Attribution", "SourceFinder"]

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_QUOTE_OPEN = frozenset({"“", '"', "«", "„"})
_QUOTE_CLOSE = frozenset({"”", '"', "»", "“"})
_REPORT_NOUNS = frozenset(
    {"update", "report", "statement", "data", "figure", "toll", "tally", "count", "information", "estimate"}
)
_OBSERVE_VERBS = frozenset(
    {
        "see",
        "count",
        "find",
        "recover",
        "pull",
        "extract",
        "retrieve",
        "identify",
        "rescue",
        "save",
        "evacuate",
        "treat",
        "receive",
        "admit",
        "bury",
    }
)
_CHANNEL_PREPS = frozenset({"on", "via", "in", "to"})
_SPEECH_NOUNS = frozenset({"statement", "report", "reports", "data", "figures", "tally", "update"})


@dataclass(frozen=True)
class Attribution:
    source: str | None
    start: int | None
    """Character offsets of the source as written."""
    end: int | None
    party: Party
    side: str | None
    verb: str | None
    """Lemma of the speech verb, when there is one ("claim", "say")."""


UNATTRIBUTED = Attribution(None, None, None, Party.UNATTRIBUTED, None, None)


class SourceFinder(NearbySources):
    """Finds sources for the figures of one Doc; remembers the last named speaker for pronouns."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.cues = cue_lexicon()
        self.parties = party_lexicon()
        self.demonyms = role_lexicon().demonyms
        self.roles = role_lexicon().person_roles
        self.actors: list[Actor] = doc_list(doc, "actors")
        self._speakers = self._named_speakers()

    # ----------------------------------------------------------------------------- finding sources

    def _speech_verbs(self, sent: Span) -> list[Token]:
        return [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.cues.speech_verbs]

    def _subject(self, verb: Token) -> Token | None:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            # "A strike killed 18 people, Governor Lysak has reported": the parser may give the verb
            # two subjects; the speaker is the one next to it.
            return min(subjects, key=lambda c: abs(verb.i - c.i))
        # "..., said the mayor" is sometimes parsed with the speaker as an object or attr.
        for child in verb.children:
            if (
                child.dep_ in ("dobj", "attr", "npadvmod")
                and child.i > verb.i
                and child.pos_ in ("PROPN", "NOUN")
                and verb.lower_ in self.cues.said_forms
            ):
                prev = verb.doc[verb.i - 1] if verb.i > 0 else None
                if prev is not None and prev.text in (",", "”", '"'):
                    return child
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            # "The emergency services first gave a toll of six, but later said it rose to 10."
            return self._subject(verb.head)
        return None

    def _according_to(self, sent: Span) -> Span | None:
        for tok in sent:
            if tok.lower_ in ("according", "citing", "per") or (
                tok.lower_ == "by"
                and tok.i > 0
                and tok.doc[tok.i - 1].lower_ in ("reported", "cited", "quoted")
            ):
                obj_parent = tok
                if tok.lower_ == "according":
                    nxt = [c for c in tok.children if c.lower_ == "to"]
                    if not nxt and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
                        nxt = [tok.doc[tok.i + 1]]
                    if not nxt:
                        continue
                    obj_parent = nxt[0]
                objs = [c for c in obj_parent.children if c.dep_ in ("pobj", "dobj")]
                if objs:
                    return trim(objs[0])
                if obj_parent.i + 1 < sent.end:
                    nxt_tok = tok.doc[obj_parent.i + 1]
                    return trim(nxt_tok)
        return None

    def _named_speakers(self) -> list[tuple[int, Span]]:
        """(token index of verb, subject span) of every non-pronoun speech subject, in order."""
        found: list[tuple[int, Span]] = []
        for sent in sentences(self.doc):
            for verb in self._speech_verbs(sent):
                subj = self._subject(verb)
                if subj is not None and subj.lower_ not in PRONOUNS and subj.pos_ in ("PROPN", "NOUN"):
                    found.append((verb.i, trim(subj)))
            according = self._according_to(sent)
            if according is not None:
                found.append((according.start, according))
        return found

    def _last_named_before(self, index: int) -> Span | None:
        best: Span | None = None
        for at, span in self._speakers:
            if at < index:
                best = span
            else:
                break
        return best

    def _governing_verb(self, sent: Span, token: Token) -> Token | None:
        verbs = self._speech_verbs(sent)
        verbs = [
            v
            for v in verbs
            if (self._subject(v) is not None or self._left_phrase(v) is not None) and v.i != token.i
        ]
        if not verbs:
            return None
        for verb in verbs:
            if token.i != verb.i and verb in token.ancestors:
                return verb
        # A verb whose subject is the counted noun itself ("14 people are reported killed") is no source.
        verbs = [
            v for v in verbs if token not in (self._subject(v) or token).subtree or self._subject(v) is None
        ]
        if not verbs:
            return None
        return min(verbs, key=lambda v: abs(v.i - token.i))

    def _left_phrase(self, verb: Token) -> Span | None:
        """ "..., a hospital director and police officials said.": a speaker between a comma and its
        verb that the parser hung on the figure instead of the verb."""
        if verb.lower_ not in self.cues.said_forms:
            return None
        doc = verb.doc
        sent_start = sentence_of(verb).start
        end = verb.i
        while end - 1 > sent_start and doc[end - 1].pos_ == "AUX":
            end -= 1
        if end - 1 <= sent_start or doc[end - 1].pos_ not in ("NOUN", "PROPN"):
            return None
        start = end - 1
        while (
            start - 1 > sent_start
            and end - start < MAX_SOURCE_TOKENS
            and not doc[start - 1].is_punct
            and doc[start - 1].pos_ not in ("VERB", "AUX", "NUM")
        ):
            start -= 1
        if doc[start - 1].text != "," and not all(t.pos_ == "PROPN" for t in doc[start:end]):
            return None  # a bare name is a speaker however the parser hung it: "At 23:01 Terekhov said"
        return doc[start:end]

    def _quote_speaker(self, sent: Span, token: Token) -> Span | None:
        """Speaker of the quotation the figure stands in, named before or after the quote."""
        doc = self.doc
        opened = None
        for i in range(token.i - 1, max(-1, token.i - 400), -1):
            text = doc[i].text
            if text in _QUOTE_OPEN and (text != '"' or i == 0 or doc[i - 1].whitespace_):
                opened = i
                break
            if text in ("”", "»") or text == '"':
                return None  # the figure stands after a closed quotation, not inside one
        if opened is None:
            return None
        closed = None
        for i in range(token.i + 1, min(len(doc), token.i + 400)):
            if doc[i].text in _QUOTE_CLOSE:
                closed = i
                break
        if closed is not None:
            after = sentence_of(doc[closed])
            window = [after]
            if after.end < len(doc):
                window.append(sentence_of(doc[after.end]))
            for s in window:
                for verb in self._speech_verbs(s):
                    if verb.i > closed and verb.i - closed <= 6:
                        subj = self._subject(verb)
                        if subj is not None:
                            return self._resolve(subj)
        before = sentence_of(doc[opened])
        for verb in self._speech_verbs(before):
            if verb.i < opened:
                subj = self._subject(verb)
                if subj is not None:
                    return self._resolve(subj)
        return None

    def _resolve(self, subject: Token) -> Span:
        if subject.lower_ in PRONOUNS:
            named = self._last_named_before(subject.i)
            person = self._last_person_before(subject.i)
            if person is not None and (named is None or person.start > named.end):
                return person
            if named is not None:
                return named
        return trim(subject)

    def _last_person_before(self, index: int) -> Span | None:
        """The last person named before a pronoun, with the title in front of the name."""
        people = [e for e in self.doc.ents if e.label_ == "PERSON" and e.end <= index]
        if not people:
            return None
        last = people[-1]
        return trim(last.root)

    def _valid(self, span: Span | None) -> bool:
        """A source names someone: a person, an organisation, or a role or body of the lexicon."""
        if span is None or len(span) == 0:
            return False
        root = span.root
        if root.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or root.pos_ == "PROPN":
            return True
        # Judge the head noun with its own modifiers ("the regional governor", "health officials"),
        # not words further inside ("the extent of the destruction caused by the Russian strike").
        words = [t.lower_ for t in span if t.i == root.i or (t.head.i == root.i and t.i < root.i)]
        party = self._party_of_words(words) or self._role_party(words)
        return party is not None and party != Party.UNATTRIBUTED

    def _role_party(self, words: list[str]) -> Party | None:
        """ "the chairman of the region": a person's title from the role lexicon."""
        return next((self.roles[w] for w in words if w in self.roles), None)

    def _in_sentence(self, token: Token) -> tuple[Span | None, str | None]:
        sent = sentence_of(token)
        verb = self._governing_verb(sent, token)
        according = self._according_to(sent)
        if according is not None and (verb is None or verb not in token.ancestors):
            if self._valid(according):
                return according, None
            # "according to an updated report of the interior ministry": the body behind the report.
            behind = self._behind(according.root)
            if behind is not None:
                return behind, None
        if verb is not None:
            subj = self._subject(verb)
            if subj is not None:
                span = self._resolve(subj)
                if self._valid(span):
                    return span, verb.lemma_.lower()
                # "Later updates from the State Emergency Service reported ...": the body behind
                # a report-like subject.
                behind = self._behind(subj)
                if behind is not None:
                    return behind, verb.lemma_.lower()
            else:
                left = self._left_phrase(verb)
                if left is not None and self._valid(left):
                    return left, verb.lemma_.lower()
        return self._agent_or_observer(sent, token), None

    def _behind(self, noun: Token) -> Span | None:
        if noun.lemma_.lower() not in _REPORT_NOUNS:
            return None
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
                span = trim(child)  # "according to Lysak's latest update"
                if span[-1].dep_ == "case" and len(span) > 1:
                    span = span[:-1]
                if self._valid(span):
                    return span
            if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        span = trim(obj)
                        if self._valid(span):
                            return span
            if child.dep_ == "acl":
                agent = self._agent(child)
                if agent is not None:
                    return agent
        return None

    def _agent(self, verb: Token) -> Span | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        span = trim(obj)
                        if self._valid(span):
                            return span
        return None

    def _agent_or_observer(self, sent: Span, token: Token) -> Span | None:
        """ "revised down from 359 by authorities", "Reporters saw at least 20 bodies",
        "rescuers pulled 15 bodies": the one who announced, revised or counted."""
        for verb in (token, *token.ancestors):
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            lemma = verb.lemma_.lower()
            if lemma in ANNOUNCE_VERBS or lemma in self.cues.speech_verbs:
                agent = self._agent(verb)
                if agent is not None:
                    return agent
            if lemma in _OBSERVE_VERBS:
                subj = self._subject(verb)
                if subj is not None and subj.lower_ not in PRONOUNS:
                    span = trim(subj)
                    if self._valid(span):
                        return span
        for tok in sent:
            if tok.dep_ == "nsubj" and tok.lemma_.lower() in _REPORT_NOUNS:
                behind = self._behind(tok)
                if behind is not None:
                    return behind
        return None

    def find(self, token: Token) -> Attribution:
        """Attribution of the figure whose casualty cue (or number) is ``token``."""
        span, verb_lemma = self._in_sentence(token)
        if span is None:
            span = self._quote_speaker(sentence_of(token), token)
            if span is not None and not self._valid(span):
                span = None
        if span is None:
            span = self._labelled(token)
        if span is None:
            span = self._announced_after(token)
        if span is None:
            span = self._in_paragraph(token)
        if span is None:
            return UNATTRIBUTED
        party, side = self.classify(span)
        return Attribution(span.text, span.start_char, span.end_char, party, side, verb_lemma)

    # ----------------------------------------------------------------------------- classifying

    def _actor_for(self, span: Span) -> Actor | None:
        for actor in self.actors:
            for ts in actor.spans:
                if ts.start < span.end_char and span.start_char < ts.end:
                    return actor
        return None

    def _antecedent(self, span: Span) -> Span | None:
        """ "the ministry" -> the fuller name said before ("the Russian defence ministry")."""
        if len(span) > 3 or span[0].lower_ not in ("the", "this", "that"):
            return None
        head = span.root.lemma_.lower()
        # "the defense ministry" is not "the interior ministry" said before: every word must recur.
        own = {t.lower_ for t in span[1:]}
        best: Span | None = None
        for _, other in self._speakers:
            if other.start >= span.start:
                break
            if (
                other.root.lemma_.lower() == head
                and len(other) > len(span)
                and own <= {t.lower_ for t in other}
            ):
                best = other
        if best is None:
            for tok in self.doc[: span.start]:
                if tok.lemma_.lower() == head and tok.i - tok.left_edge.i >= 2:
                    phrase = self.doc[tok.left_edge.i : tok.i + 1]
                    if own <= {t.lower_ for t in phrase}:
                        best = phrase
        return best

    def classify(self, span: Span) -> tuple[Party, str | None]:
        antecedent = self._antecedent(span)
        if antecedent is not None:
            span = antecedent
        # "Zelenskyy on social media", "the governor via Telegram": the channel is not the source.
        channel = {
            t.i
            for child in span.root.children
            if child.dep_ == "prep" and child.lower_ in _CHANNEL_PREPS
            for t in child.subtree
        }
        words = [t.lower_ for t in span if t.i not in channel]
        party = self._party_of_words(words) or self._role_party(words)
        actor = self._actor_for(span)
        side = next((self.parties.sides[w] for w in words if w in self.parties.sides), None)
        if side is None:
            side = next((self.demonyms[w] for w in words if w in self.demonyms), None)
        if actor is not None:
            if party is None and actor.party is not None:
                party = actor.party
            side = side or actor.side
        if party is None:
            # A named person or body with no role given is, in these reports, most often an official.
            named = span.root.pos_ == "PROPN" or any(
                t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for t in span
            )
            party = Party.GOVERNMENT if named else Party.UNATTRIBUTED
        return party, side

    def _party_of_words(self, words: list[str]) -> Party | None:
        """The longest lexicon term in ``words``; a generic title ("spokesman", "official", "head")
        gives way to the body it speaks for ("a spokesman for the TPLF", "an official at the
        hospital")."""
        terms = self.parties.terms
        found: list[tuple[int, int, Party]] = []
        for size in range(min(self.parties.max_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = tuple(words[start : start + size])
                party = terms.get(phrase)
                if party is not None:
                    generic = int(" ".join(phrase) in self.parties.generic)
                    found.append((generic, -size, party))
        if not found:
            return None
        return min(found, key=lambda f: (f[0], f[1]))[2]
