"""Normalisation keys for names of people and organisations (pure functions, no spaCy).

Reports spell one person many ways: Zelenskyy, Zelensky, Zelenskiy, Zelenskij; Volodymyr and
Wolodymyr; Mykhailo and Mikhail. :func:`token_key` folds one name word to a transliteration-neutral
key (accents dropped, ``y``/``iy``/``yy``/``ij`` endings and inner ``y`` folded to ``i``, doubled
letters collapsed, common Latin renderings of one Cyrillic letter merged), so spellings of one name
share a key. :func:`person_key` keys a person by surname (what reports use after the first
mention), :func:`org_key` an organisation by all its content words. Other stages import these to
merge speakers and sources across reports.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "HONORIFICS",
    "clean_name",
    "name_tokens",
    "org_key",
    "person_key",
    "same_person",
    "token_key",
]

HONORIFICS: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "gen",
        "col",
        "maj",
        "capt",
        "lt",
        "sgt",
        "adm",
        "rev",
        "fr",
        "sen",
        "rep",
        "gov",
        "pres",
        "hon",
        "mx",
        "messrs",
        "st",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
    ]
)
"""Courtesy titles and suffixes that are not part of the name key."""

_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_NON_LETTER = re.compile(r"[^a-z]")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

# Ordered rewrites: multi-letter renderings of one sound first, then single letters.
_REWRITES: tuple[tuple[str, str], ...] = (
    ("ck", "k"),
    ("shch", "sc"),
    ("sch", "s"),
    ("tch", "c"),
    ("zh", "j"),
    ("dzh", "j"),
    ("kh", "h"),
    ("ch", "c"),
    ("sh", "s"),
    ("ph", "f"),
    ("ts", "c"),
    ("tz", "c"),
    ("w", "v"),
    ("x", "ks"),
    ("q", "k"),
)
_ENDINGS = re.compile(r"(?:iy|yy|ij|ii|yi|y|j)$")
_DOUBLE = re.compile(r"(.)\1+")
_INITIAL_YE = re.compile(r"^(?:ye|je)")
_INITIAL_YU = re.compile(r"^(?:yu|ju|iu)")
_INITIAL_YA = re.compile(r"^(?:ya|ja|ia)")


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def token_key(word: str) -> str:
    """Transliteration-neutral key of one name word ("Zelenskyy" and "Zelenskiy" -> "zelenski")."""
    text = _NON_LETTER.sub("", _ascii(_POSSESSIVE.sub("", word)))
    if not text:
        return ""
    text = _INITIAL_YE.sub("e", text)
    text = _INITIAL_YU.sub("iu", text)
    text = _INITIAL_YA.sub("ia", text)
    text = _ENDINGS.sub("i", text) if len(text) > 3 else text
    for old, new in _REWRITES:
        text = text.replace(old, new)
    text = text.replace("y", "i")
    return _DOUBLE.sub(r"\1", text)


def name_tokens(name: str) -> list[str]:
    """Words of a name without honorifics and possessive endings ("Mr. Putin's" -> ["Putin"])."""
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(name)]
    return [w for w in words if w and w.casefold().rstrip(".") not in HONORIFICS]


def clean_name(name: str) -> str:
    """Display form: whitespace collapsed, honorifics, possessives and edge punctuation removed."""
    return " ".join(name_tokens(name))


def person_key(name: str) -> str:
    """Key of a person's name: the surname's token key ("President Volodymyr Zelenskyy" -> "zelenski").

    Reports name people by surname after the first mention, so the surname is what links the
    mentions within a report and across reports.
    """
    words = name_tokens(name)
    if not words:
        return ""
    # Hyphenated and particle surnames ("de Blasio", "Al-Assad") key on the last word.
    return token_key(words[-1].split("-")[-1]) or token_key(words[-1])


# British and American spellings of one word share a key ("Defence"/"Defense", "Centre"/"Center",
# "Organisation"/"Organization"): folded on the token key, so both sides of a comparison fold alike.
_SPELLING = (
    (re.compile(r"isation$"), "ization"),
    (re.compile(r"ence$"), "ense"),
    (re.compile(r"([^aeiou])re$"), r"\1er"),
)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Demonyms and country names ("Russian", "Russia") folded to a country code."""
    from factledger.extract.lexicon import data_file

    out: dict[str, str] = {}
    for word, code in data_file("demonyms.json").items():
        out[_ascii(_POSSESSIVE.sub("", word))] = str(code).casefold()
    return out


def _org_word_key(word: str) -> str:
    country = _countries().get(_ascii(word))
    if country is not None:
        return country
    key = token_key(word)
    for pattern, repl in _SPELLING:
        key = pattern.sub(repl, key)
    return key


def org_key(name: str) -> str:
    """Key of an organisation's name: its words' keys, articles dropped, countries folded.

    "the Russian defense ministry" and "Russia's Defence Ministry" share a key, so one body's
    statements join across reports that write it differently.
    """
    words = [w for w in name_tokens(name) if w.casefold() not in {"the", "of", "and", "for"}]
    return " ".join(k for k in (_org_word_key(w) for w in words) if k)


def same_person(a: str, b: str) -> bool:
    """Whether two written names can be one person: same surname key, and first names that agree."""
    wa, wb = name_tokens(a), name_tokens(b)
    if not wa or not wb or person_key(a) != person_key(b):
        return False
    if len(wa) > 1 and len(wb) > 1:
        fa, fb = token_key(wa[0]), token_key(wb[0])
        return fa == fb or fa.startswith(fb) or fb.startswith(fa)
    return True
