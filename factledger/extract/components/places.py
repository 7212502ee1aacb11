"""``factledger_places``: place names found by the gazetteer, resolved to coordinates.

Candidates come from a longest-match scan of capitalized token runs against the gazetteer's keys
(a dict lookup per n-gram, so cost grows with the text, not with the gazetteer). A match is kept
when the statistical NER calls it a place, when the words around it do ("in", "the city of",
"hometown, X", "X region", "X, N.C."), or when it names a large town; the NER's PERSON or ORG label
does not veto a large town (the small model tags "Kryvyi Rih" as a person). Ambiguous names are
resolved by the report's country context, the regions and states it names, and population.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from factledger.extract.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    GazEntry,
    Gazetteer,
    exact_key,
    load_gazetteer,
    skeleton_key,
)
from factledger.extract.gazetteer.outlet import outlet_home
from factledger.extract.lexicon import data_file, word_set
from factledger.models import Place, PlacePrecision, TextSpan

__all__ = ["PlacesComponent", "resolve_places"]

_WORDS = "place_words.json"
_ARTICLES = frozenset({"al", "el", "ad", "as", "az", "ash", "an", "ar", "at", "de", "du", "la", "le"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_GEO_LABELS = frozenset({"GPE", "LOC"})
_SKIP_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_BIG_TOWN = 100_000
_LATIN_NATIVE = frozenset({"US", "GB", "CA", "AU", "NZ", "IE"})
_ALLOWED_INSIDE = frozenset(
    {
        "the",
        "'s",
        "’s",
        "city",
        "of",
        "metro",
        "greater",
        "downtown",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
    }
)
_TOWN = 20_000
_OUTLET_SEPARATOR = re.compile(r"\s(?:-|\||–|—|::)\s")
_MAIN_NAME = 2.0
_CUE_VOTE = 1.5
_NEIGHBOURHOOD_MAX = 50_000  # a namesake town this small far away is rather a neighbourhood at home
_HOME_VOTE = 2.0  # the outlet's home country: a hint, below a single named town
_ENGLISH_PRIOR = 3
_MAX_CUES = 3
_LEADING_ARTICLE = re.compile(r"^(?:the|al|el|an|ar|as|ash|ad|az|at)\s+")
_PRECISION = {
    CITY: PlacePrecision.TOWN,
    ADMIN1: PlacePrecision.REGION,
    ADMIN2: PlacePrecision.DISTRICT,
    COUNTRY: PlacePrecision.COUNTRY,
}


@dataclass
class _Match:
    start: int
    end: int
    """Token range of the name itself."""
    candidates: list[tuple[int, bool]]
    region: bool = False
    """Followed by a region word ("the Kharkiv region"): the region is meant, not the town."""
    end_ext: int = 0
    """Token end including the region word."""
    state_hint: GazEntry | None = None
    """The state or region written right after it ("Rocky Mount, N.C.")."""
    strong: bool = False
    """Context or NER says it is a place."""
    votes_for: tuple[str, str] | None = None
    weak: bool = False
    """Only inside an organisation's name; used when nothing better names a town."""
    strong_prep: bool = False
    """A place preposition or place noun stands right before it ("in X", "the city of X")."""
    choice: int | None = None
    undecided: bool = False
    """Rejected only for want of evidence: kept when the report uses the name as a place elsewhere."""
    names_region: bool = False
    """A state or country has this very name ("Maine", "Iowa"): towns named after it do not outrank it."""
    context_only: bool = False
    """A state's abbreviation: it votes for the report's state but is not itself a place mention."""
    key: str = ""
    """The exact key of the matched text: a candidate whose own name has it is named, not aliased."""


def _named(e: GazEntry, m: _Match) -> bool:
    """The entry's own name is what the text says (not one of its alternate names)."""
    own = exact_key(e.name)
    return own == m.key or _LEADING_ARTICLE.sub("", own) == _LEADING_ARTICLE.sub("", m.key)


def _name_like(tok: Token) -> bool:
    text = tok.text
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and False))


def _inner_ok(tok: Token) -> bool:
    return (
        _name_like(tok) or (tok.text in {"-", "'s"} and False) or tok.lower_ in _ARTICLES or tok.text == "-"
    )


def _inside_person(doc: Doc, m: _Match) -> bool:
    """True when a PERSON entity overlaps the match and reaches beyond it."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start < m.end and ent.end > m.start:
            return ent.start < m.start or ent.end > m.end
    return False


def _partial_entity(doc: Doc, m: _Match, place_words: frozenset[str]) -> bool:
    """The match is only part of a longer named entity ("Ras" of "Ras Isa", "Biri" of "Tudun Biri")."""
    for ent in doc.ents:
        if ent.start < m.end and ent.end > m.start and ent.label_ not in _SKIP_LABELS:
            before = doc[ent.start : m.start]
            after = doc[m.end : ent.end]
            extra = [
                t
                for t in [*before, *after]
                if t.lower_ not in place_words and not t.is_punct and t.lower_ not in _ALLOWED_INSIDE
            ]
            return bool(extra)
    return False


def _person_words(doc: Doc, preps: frozenset[str]) -> frozenset[str]:
    """Words of multi-word person names, which a later bare mention may repeat ("Martinez said").
    A first word right after a preposition is more likely a place the NER glued onto the name
    ("the mayor of Kramatorsk Oleksandr ...")."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        glued = ent.start > 0 and doc[ent.start - 1].lower_ in preps
        words.update(t.text for t in ent[1 if glued else 0 :])
    return frozenset(words)


class PlacesComponent:
    def __init__(
        self, gazetteer: Gazetteer | None = None, tokenizer: Callable[[str], Doc] | None = None
    ) -> None:
        self._gaz = gazetteer
        self.tokenizer = tokenizer
        self.preps = word_set(_WORDS, "prepositions")
        self.place_nouns = word_set(_WORDS, "place_nouns")
        self.region_words = word_set(_WORDS, "region_words")
        self.stop = word_set(_WORDS, "stop_names")
        self.street_words = word_set(_WORDS, "street_words")
        self.inside_org_ok = word_set(_WORDS, "inside_org_ok")
        self.neighborhood_words = word_set(_WORDS, "neighborhood_words")
        self.served_words = word_set(_WORDS, "served_words")
        self.district_words = word_set(_WORDS, "district_words")
        self.standalone = word_set(_WORDS, "standalone_abbreviations")
        self.country_cues = {
            str(cc): frozenset(str(w) for w in words)
            for cc, words in data_file(_WORDS).get("country_cues", {}).items()
            if not str(cc).startswith("_")
        }
        self.org_words: frozenset[str] = frozenset()  # per document: every word of an ORG/FAC entity
        self.person_words: frozenset[str] = frozenset()  # per document: words of multi-word PERSON names
        self.demonyms = {k: str(v) for k, v in data_file("demonyms.json").items()}
        triggers = data_file("event_triggers.json").get("triggers", {})
        self.event_words = frozenset(str(k).split()[0] for k in triggers) - {
            "hit",
            "target",
            "shot",
            "fire",
            "fired",
        }

    def cue_votes(self, doc: Doc) -> dict[str, float]:
        """Votes from words only one country's reports use ("sheriff's deputies", "Crown Court"):
        they settle a lone "Winchester" or "Bristol" when no other name does."""
        words = {t.lower_ for t in doc}
        text = doc.text.casefold()
        votes: dict[str, float] = {}
        for cc, cues in self.country_cues.items():
            hits = sum(1 for cue in cues if (cue in words if " " not in cue else cue in text))
            if hits:
                votes[cc] = _CUE_VOTE * min(hits, _MAX_CUES)
        return votes

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        title: str | None = doc._.title
        title_doc: Doc | None = None
        if title and self.tokenizer is not None and title.strip() not in doc.text[: len(title) + 200]:
            title_doc = self.tokenizer(title)
        matches = candidates(doc, self)
        title_matches = candidates(title_doc, self) if title_doc is not None else []
        # The headline's names (and the outlet's home town after it) tell the report's country and
        # state as much as the text's do: "Third suspect arrested in Hope Mills shooting" puts the
        # Cumberland County of the text in North Carolina.
        city = outlet_home(self.gaz, doc._.url)
        home = (city.cc, city.admin1 or "") if city is not None else None
        places, spans, context = resolve(doc, self, matches, title_matches, home=home, home_city=city)
        doc._.title_places = []
        if title_doc is not None:
            title_doc._.country_context = context
            headline_end = _headline_end(title_doc)
            found, _, _ = resolve(title_doc, self, title_matches, matches, context, home=home)
            # Names after " - " or " | " belong to the outlet ("... - WAFB 9 News Baton Rouge"):
            # context, not the scene.
            doc._.title_places = [p for p in found if p.span.start < headline_end]
        doc._.places = places
        doc._.country_context = context
        doc.spans["places"] = spans
        for span, place in zip(spans, places, strict=True):
            span._.place = place
        return doc

    # ------------------------------------------------------------------ candidate spans

    def find(self, doc: Doc) -> list[_Match]:
        gaz = self.gaz
        found: list[_Match] = []
        i, n = 0, len(doc)
        while i < n:
            tok = doc[i]
            starts = _name_like(tok) or (tok.lower_ in _ARTICLES and i + 1 < n and doc[i + 1].text == "-")
            if tok.ent_type_ in _SKIP_LABELS or tok.text in self.demonyms:
                starts = False
            if not starts:
                i += 1
                continue
            state = gaz.abbreviation(tok.text)
            if state is not None and (i == 0 or doc[i - 1].text != ",") and not self._longer_name(doc, i):
                # A bare "Fla." or "TX" is no town; a dotted one says which state the report is in.
                if "." in tok.text or tok.lower_ in self.standalone:
                    # "Southeast D.C." is a place; a bare "Fla." only votes for its state.
                    named = gaz.abbreviation_candidates(tok.text)
                    found.append(_Match(i, i + 1, named, context_only=tok.lower_ not in self.standalone))
                i += 1
                continue
            best: tuple[int, list[tuple[int, bool]]] | None = None
            j = i
            limit = min(n, i + gaz.max_words + 2)
            while j < limit and (j == i or _inner_ok(doc[j])):
                j += 1
                last = doc[j - 1]
                if last.text == "-" or (last.lower_ in _ARTICLES and not _name_like(last)):
                    continue
                text = doc[i:j].text
                stopped = tok.lower_ in self.stop or tok.is_stop
                if stopped and (j - i == 1 or not gaz.has_exact(text)):
                    continue
                if doc[j - 1].is_stop and doc[j - 1].lower_ not in _ARTICLES:
                    continue
                if j - i == 1 and tok.lower_ in _ARTICLES:
                    continue
                fuzzy = not stopped and not text.isupper() and len(skeleton_key(text).replace(" ", "")) >= 4
                cands = gaz.lookup(text, fuzzy=fuzzy)
                if cands:
                    best = (j, cands)
            if best is None:
                i += 1
                continue
            end, cands = best
            found.append(_Match(i, end, cands, end_ext=end, key=exact_key(doc[i:end].text)))
            i = end
        return found

    def _longer_name(self, doc: Doc, i: int) -> bool:
        """A gazetteer name of two or more words starts at token ``i`` ("LA PORTE", "La Porte")."""
        for j in range(i + 2, min(len(doc), i + self.gaz.max_words) + 1):
            if self.gaz.has_exact(doc[i:j].text):
                return True
        return False

    def _context(self, doc: Doc, m: _Match) -> None:
        """Region words, state hints and place context around a match."""
        n = len(doc)
        nxt = doc[m.end] if m.end < n else None
        if nxt is not None and nxt.lower_ in self.region_words:
            m.region = True
            m.end_ext = m.end + 1
            m.strong = True
        if nxt is not None and nxt.text == "," and m.end + 1 < n:
            after = doc[m.end + 1]
            abbrev = doc[m.end + 1 : m.end + 3].text if m.end + 3 <= n else after.text
            hint = self.gaz.abbreviation(after.text) or self.gaz.abbreviation(abbrev.replace(" ", ""))
            if hint is None and _name_like(after):
                for k in (2, 1):
                    if m.end + 1 + k <= n:
                        for idx, exact in self.gaz.lookup(doc[m.end + 1 : m.end + 1 + k].text, fuzzy=False):
                            e = self.gaz.entry(idx)
                            if exact and e.kind in (ADMIN1, COUNTRY):
                                hint = e
                                break
                    if hint is not None:
                        break
            if hint is not None:
                hint_end = m.end + 1 + len(self._hint_tokens(doc, m.end + 1, hint))
                follow = doc[hint_end] if hint_end < n else None
                if follow is None or not _name_like(follow) or follow.is_sent_start:
                    m.state_hint = hint
                    m.strong = True
        if nxt is not None and nxt.lower_ in self.event_words and m.end - m.start <= 3:
            m.strong = True  # "the Kitaf air raid", "the Kramatorsk attack"
        if nxt is not None and nxt.lower_ in self.served_words:
            m.strong = True  # "DeLand police said", "a Toledo man", "Kyiv Mayor"
        prev = doc[m.start - 1] if m.start > 0 else None
        if prev is not None and prev.lower_ == "the" and m.start > 1:
            prev = doc[m.start - 2] if m.region else prev
        if prev is not None and prev.lower_ in self.preps:
            m.strong = True
            m.strong_prep = True
        if m.start >= 2:
            p1, p2 = doc[m.start - 1], doc[m.start - 2]
            if p1.lower_ in {"of", ","} and p2.lower_ in self.place_nouns:
                m.strong = True
                m.strong_prep = True
        ents = {t.ent_type_ for t in doc[m.start : m.end]}
        if ents & _PLACE_LABELS:
            m.strong = True
        line_start = m.start == 0 or doc[m.start - 1].text == "\n" or doc[m.start - 1].is_space
        if line_start and nxt is not None and nxt.text in {",", "—", "-", "(", "–"}:
            m.strong = True  # datelines: "KYIV, Ukraine (AP) —"

    def _hint_tokens(self, doc: Doc, start: int, hint: GazEntry) -> Span:
        for k in (3, 2, 1):
            if start + k <= len(doc):
                span = doc[start : start + k]
                text = span.text
                if (
                    self.gaz.abbreviation(text) == hint
                    or self.gaz.abbreviation(text.replace(" ", "")) == hint
                ):
                    return span
                if any(self.gaz.entry(i) == hint for i, _ in self.gaz.lookup(text, fuzzy=False)):
                    return span
        return doc[start : start + 1]

    def _lower_words(self, doc: Doc) -> frozenset[str]:
        cached: frozenset[str] | None = doc.user_data.get("_fl_lower_words")
        if cached is None:
            cached = frozenset(t.text for t in doc if t.text.islower())
            doc.user_data["_fl_lower_words"] = cached
        return cached

    def keep(self, doc: Doc, m: _Match) -> bool:
        if m.context_only or (m.end - m.start == 1 and doc[m.start].lower_ in self.standalone):
            return True  # "Southeast D.C." names the district even inside a longer entity
        gaz = self.gaz
        # Spelling variants are for names romanized from other scripts: "Dixon" is not Dickson.
        m.candidates = [c for c in m.candidates if c[1] or gaz.entry(c[0]).cc not in _LATIN_NATIVE]
        if not m.candidates:
            return False
        exact = [gaz.entry(i) for i, e in m.candidates if e]
        fuzzy = [gaz.entry(i) for i, e in m.candidates if not e]
        m.names_region = any(e.kind in (ADMIN1, COUNTRY) and _named(e, m) for e in exact)
        top = max((e.population for e in exact), default=0)
        top_fuzzy = max((e.population for e in fuzzy), default=0)
        kinds = {e.kind for e in exact}
        span = doc[m.start : m.end]
        ents = {t.ent_type_ for t in span}
        multi = m.end - m.start > 1
        # A town's name that is only part of a person's name ("Vladimir" in "Vladimir Putin").
        if "PERSON" in ents and not m.strong and _inside_person(doc, m):
            return False
        if _partial_entity(doc, m, self.region_words | self.inside_org_ok):
            if not _partial_entity(doc, m, self.region_words | self.inside_org_ok | self.org_words):
                m.weak = True  # "Memphis Athletic Ministries": kept only if the report names no other town
                return True
            return False
        if multi and doc[m.end - 1].lower_ in self.street_words and not kinds & {ADMIN2}:
            return False  # "Second Street" is an address, whatever town carries the name
        nxt0 = doc[m.end] if m.end < len(doc) else None
        if nxt0 is not None and nxt0.lower_ in self.neighborhood_words:
            return False  # "the Austin neighborhood" of some city, not the town of Austin
        nxt = doc[m.end] if m.end < len(doc) else None
        if nxt is not None and nxt.lower_ in self.street_words and not m.region and nxt.text[:1].isupper():
            return False  # "Portsmouth Boulevard", "Second Street", "Pure Diamonds Lounge"
        if not multi and not m.strong_prep and span[0].text in self.person_words and not ents & _GEO_LABELS:
            return False  # "Martinez" after "Jose Martinez" was named: a person, not Martinez, Calif.
        m.undecided = True  # from here on, only the evidence for a place is weighed
        if "PERSON" in ents and not m.strong_prep and not multi and top < 3 * _BIG_TOWN:
            return False
        if not multi and not kinds & {COUNTRY, ADMIN1} and span[0].lower_ in self._lower_words(doc):
            m.undecided = False
            return False  # "Strike", "Village" in a title-cased headline: the text uses it as a word
        if not exact:
            m.undecided = False
            placeish = bool(ents & _PLACE_LABELS) or (multi and top_fuzzy >= _BIG_TOWN)
            if not placeish or top_fuzzy < _TOWN or ("PERSON" in ents and not multi):
                return False
            # Transliteration variants are for names romanized from other scripts, not English ones.
            m.candidates = [
                c
                for c in m.candidates
                if gaz.entry(c[0]).population >= _TOWN and gaz.entry(c[0]).cc not in _LATIN_NATIVE
            ]
            return bool(m.candidates)
        if (
            not multi
            and not any(_named(e, m) for e in exact)
            and not (ents & _GEO_LABELS and m.strong_prep)
            and top < 3 * _BIG_TOWN
        ):
            # Only another town's other name ("Terms", "Salazar", "Advocate"): a word, not a place,
            # unless the text plainly uses it as one.
            m.undecided = False
            return False
        if m.strong or ents & _PLACE_LABELS:
            return True
        if kinds & {COUNTRY, ADMIN1, ADMIN2}:
            return True
        sent_start = span[0].is_sent_start
        if "PERSON" in ents and not multi:
            # The small model calls many towns persons; the object of a verb ("leaving
            # Zaporizhzhia") is a large town, a subject or agent ("Austin said", "by Martinez") a person.
            return top >= 3 * _BIG_TOWN and span[0].dep_ in ("dobj", "appos", "pobj")
        if multi:
            return top >= _TOWN
        return top >= _BIG_TOWN and not (sent_start and not ents)

    # ------------------------------------------------------------------ resolution

    def score(
        self, e: GazEntry, exact: bool, ctx_cc: str | None, regions: set[tuple[str, str]], m: _Match
    ) -> float:
        if e.kind == ADMIN2:
            s = 3.0 + math.log10(e.population + 1) if e.cc == "US" else 2.5
        else:
            s = math.log10(e.population + 10)
        if exact:
            s += 3.0
            if e.kind == CITY and e.cc in _LATIN_NATIVE and _named(e, m) and not m.names_region:
                # Frankfort, Ky. over Frankfurt, whose English alias it is; where names are
                # romanized (Serhiivka, Serhiyivka) the main and other names are equally used.
                s += _MAIN_NAME
        if e.kind == ADMIN1:
            s -= 1.0
        if m.region:
            s += 4.0 if e.kind in (ADMIN1, ADMIN2) else -2.0
        if ctx_cc is not None and e.cc == ctx_cc:
            s += 3.5
        if e.admin1 is not None and (e.cc, e.admin1) in regions and e.kind != ADMIN1:
            s += 2.5
        if m.state_hint is not None:
            h = m.state_hint
            if (h.kind == COUNTRY and e.cc == h.cc) or (
                h.kind == ADMIN1 and e.cc == h.cc and e.admin1 == h.admin1
            ):
                s += 5.0
        return s


def _country_votes(comp: PlacesComponent, doc: Doc, matches: list[_Match], lead: bool = True) -> Counter[str]:
    votes: Counter[str] = Counter()
    for rank, m in enumerate(matches):
        exact = [comp.gaz.entry(i) for i, e in m.candidates if e] or [
            comp.gaz.entry(i) for i, _ in m.candidates
        ]
        # "Montgomery" votes for the towns so named, not for Sahiwal, once called so; but "Odessa"
        # still votes for Odesa, ten times the size of the towns named Odessa.
        named = [e for e in exact if _named(e, m)]
        if named and max(e.population for e in named) * 10 >= max(e.population for e in exact):
            exact = named
        best = max(exact, key=lambda e: e.population)
        # Towns and regions say where a report is more than the countries it names (the attacker's).
        weight = 1.0 if best.kind == COUNTRY or not any(e for _, e in m.candidates) else 3.0
        if rank == 0 and lead:
            weight += 3
        if m.state_hint is not None:
            votes[m.state_hint.cc] += 6  # "Preston, Idaho" settles the country
        # An ambiguous name (Chester, Santa Cruz) votes for every country it may be in, by the
        # population of its namesake there.
        biggest: dict[str, int] = {}
        for e in exact:
            size = e.population if e.kind == CITY else max(e.population, 100_000)
            if e.kind == CITY and e.cc in _LATIN_NATIVE:
                size *= _ENGLISH_PRIOR  # an English report's "St. Louis" is rather not in Senegal
            biggest[e.cc] = max(biggest.get(e.cc, 0), size + 1)
        total = sum(biggest.values())
        for cc, size in biggest.items():
            votes[cc] += weight * size / total  # type: ignore[assignment]
    return votes


def _coherence(gaz: Gazetteer, matches: list[_Match]) -> Counter[tuple[str, str]]:
    """How many place names of the report could lie in each (country, region): Greene County
    and Snow Hill agree on North Carolina."""
    counts: Counter[tuple[str, str]] = Counter()
    for m in matches:
        m.votes_for = None
        # Only names that fix their region: a state, a region, or a town only one region has.
        seen = {(e.cc, e.admin1) for e in (gaz.entry(i) for i, exact in m.candidates if exact) if e.admin1}
        if m.state_hint is not None and m.state_hint.admin1:
            seen = {(m.state_hint.cc, m.state_hint.admin1)}
        if len(seen) == 1:
            key = next(iter(seen))
            m.votes_for = (key[0], key[1] or "")
            counts[m.votes_for] += 1
    return counts


def _elsewhere(gaz: Gazetteer, m: _Match, e: GazEntry, coherence: Counter[tuple[str, str]]) -> bool:
    """A bare town name whose only namesakes lie outside the state the rest of the report is
    plainly in: in English-speaking countries that is mostly a neighbourhood sharing a town's name
    ("two shot in Austin" in a Chicago report, "Homewood" in a Pittsburgh one), not that town."""
    if e.kind != CITY or e.cc not in _LATIN_NATIVE or m.state_hint is not None or not coherence:
        return False
    (cc, home), support = coherence.most_common(1)[0]
    if cc != e.cc or home == e.admin1 or support < 2:
        return False
    own = coherence.get((e.cc, e.admin1 or ""), 0)
    if support < 2 * max(own, 1):
        return False
    return not any(gaz.entry(i).admin1 == home and gaz.entry(i).cc == cc for i, _ in m.candidates)


def _home_neighbourhood(gaz: Gazetteer, m: _Match, e: GazEntry, home: GazEntry) -> bool:
    if e.kind != CITY or m.state_hint is not None or m.region or e.cc != home.cc or e.admin1 == home.admin1:
        return False
    if e.population >= _NEIGHBOURHOOD_MAX:
        return False
    return not any(gaz.entry(i).admin1 == home.admin1 and gaz.entry(i).cc == home.cc for i, _ in m.candidates)


def _region_of(gaz: Gazetteer, e: GazEntry) -> GazEntry | None:
    for idx, exact in gaz.lookup(e.admin1 or "", fuzzy=False):
        r = gaz.entry(idx)
        if exact and r.kind == ADMIN1 and r.cc == e.cc and r.name == e.admin1:
            return r
    return None


def _place(doc: Doc, m: _Match, e: GazEntry, gaz: Gazetteer) -> Place:
    end = m.end_ext if m.region else m.end
    span = doc[m.start : end]
    return Place(
        raw=span.text,
        name=e.name,
        span=TextSpan(start=span.start_char, end=span.end_char),
        geonameid=e.geonameid,
        lat=round(e.lat, 5),
        lon=round(e.lon, 5),
        admin1=e.admin1,
        admin2=e.admin2,
        country=gaz.country_name(e.cc),
        country_code=e.cc,
        precision=_PRECISION.get(e.kind, PlacePrecision.TOWN),
    )


def _headline_end(title_doc: Doc) -> int:
    """Character offset where the headline proper ends and the outlet's name begins."""
    found = _OUTLET_SEPARATOR.search(title_doc.text)
    return found.start() if found else len(title_doc.text)


def candidates(doc: Doc, comp: PlacesComponent) -> list[_Match]:
    """The gazetteer names of ``doc`` read as places, before choosing among their namesakes."""
    matches = comp.find(doc)
    for m in matches:
        comp._context(doc, m)
    comp.person_words = _person_words(doc, comp.preps | {"of"})
    comp.org_words = frozenset(t.lower_ for e in doc.ents if e.label_ in ("ORG", "FAC", "EVENT") for t in e)
    kept = [comp.keep(doc, m) for m in matches]
    # One sense per report: a name the report uses as a place somewhere ("in Uman") is that place
    # also where the evidence alone is thin ("Uman. Results." in a headline).
    placed = {m.key for m, k in zip(matches, kept, strict=True) if k and not m.weak}
    matches = [m for m, k in zip(matches, kept, strict=True) if k or (m.undecided and m.key in placed)]
    if any(not m.weak for m in matches):
        matches = [m for m in matches if not m.weak]
    return matches


def resolve_places(
    doc: Doc, comp: PlacesComponent, context: str | None = None
) -> tuple[list[Place], list[Span], str | None]:
    return resolve(doc, comp, candidates(doc, comp), [], context)


def resolve(
    doc: Doc,
    comp: PlacesComponent,
    matches: list[_Match],
    extra: list[_Match],
    context: str | None = None,
    home: tuple[str, str] | None = None,
    home_city: GazEntry | None = None,
) -> tuple[list[Place], list[Span], str | None]:
    """Places of ``matches``; ``extra`` (the names of the headline or of the text under it) only
    votes for the country and the regions, as does ``home``, the outlet's home region."""
    gaz = comp.gaz
    votes = _country_votes(comp, doc, matches) + _country_votes(comp, doc, extra, lead=False)
    for cc, cue_vote in comp.cue_votes(doc).items():
        votes[cc] += cue_vote  # type: ignore[assignment]
    if home is not None:
        votes[home[0]] += _HOME_VOTE  # type: ignore[assignment]
    ctx_cc = context or (votes.most_common(1)[0][0] if votes else None)
    coherence = _coherence(gaz, matches) + _coherence(gaz, extra)
    if home is not None and home[0] == ctx_cc:
        # A Chicago paper's lone "Austin" is rather its neighbourhood than the Texas capital.
        coherence[home] += 1
    regions: set[tuple[str, str]] = set()
    for m in [*matches, *extra]:
        for idx, exact in m.candidates:
            e = gaz.entry(idx)
            if exact and e.kind == ADMIN1 and (m.region or e.cc == ctx_cc):
                regions.add((e.cc, e.name))
        if m.state_hint is not None and m.state_hint.kind == ADMIN1 and m.state_hint.admin1:
            regions.add((m.state_hint.cc, m.state_hint.admin1))
    anchored: dict[str, tuple[int, bool]] = {}
    for m in matches:
        if m.state_hint is not None and not m.context_only and m.key not in anchored:
            hint = m.state_hint
            inside = [
                c
                for c in m.candidates
                if gaz.entry(c[0]).cc == hint.cc
                and (hint.kind != ADMIN1 or gaz.entry(c[0]).admin1 == hint.admin1)
            ]
            if inside:
                anchored[m.key] = max(inside, key=lambda c: (c[1], gaz.entry(c[0]).population))
    places: list[Place] = []
    spans: list[Span] = []
    for m in matches:

        def total(c: tuple[int, bool], m: _Match = m) -> float:
            e = gaz.entry(c[0])
            # Other names of the report that could lie in the same region (not counting this one).
            agree = coherence.get((e.cc, e.admin1 or ""), 0) if e.admin1 else 0
            if agree and m.votes_for == (e.cc, e.admin1):
                agree -= 1  # this name's own vote
            return comp.score(e, c[1], ctx_cc, regions, m) + 1.5 * min(agree, 2)

        if m.context_only:
            continue
        idx, exact = max(m.candidates, key=total)
        if m.state_hint is None and m.key in anchored and not m.region:
            # One sense per report: "PRESTON, Idaho" in the dateline is the later bare "Preston".
            idx, exact = anchored[m.key]
        e = gaz.entry(idx)
        if home_city is not None and _home_neighbourhood(gaz, m, e, home_city):
            # A big-city outlet's "Liberty City" or "Roxbury" is its own neighbourhood, not the
            # small namesake town in another state.
            e = home_city
        if not exact and ctx_cc is not None and e.cc != ctx_cc and m.state_hint is None:
            continue  # a spelling variant is only trusted for a town of the country the report is about
        if _elsewhere(gaz, m, e, coherence):
            continue
        district = m.region and e.kind == CITY and doc[m.end].lower_ in comp.district_words
        if m.region and e.kind == CITY and not district:
            e = _region_of(gaz, e) or e
        end = m.end_ext if m.region else m.end
        place = _place(doc, m, e, gaz)
        if district:
            # The district around its namesake town: the town is far nearer than the region's middle.
            place = place.model_copy(update={"precision": PlacePrecision.DISTRICT})
        places.append(place)
        spans.append(doc[m.start : end])
    return places, spans, ctx_cc


@Language.factory(
    "factledger_places",
    assigns=["doc._.places", "doc._.country_context", "span._.place"],
    requires=["token.ent_type", "token.is_sent_start"],
)
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(tokenizer=nlp.tokenizer)
