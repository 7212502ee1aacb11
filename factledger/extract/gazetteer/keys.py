"""Normalization keys for place names.

Two keys per name. :func:`exact_key` folds case, diacritics, apostrophes and hyphens, so that
"Kryvyï Rih" and "kryvyi-rih" meet. :func:`skeleton_key` also folds the spelling differences that
romanizations of one name show (Ukrainian and Russian forms, English and French transcriptions of
Arabic): ``kh``/``h``, ``zh``/``z``, ``g``/``h``, ``w``/``v``, ``ou``/``u``, doubled letters, and
vowels inside a word (Kharkiv/Kharkov, Rih/Rog, Zaporizhzhia/Zaporozhye, Younis/Yunis), keeping
each word's first letter. A skeleton match is weaker evidence than an exact one and is scored so.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["exact_key", "skeleton_key"]

_APOSTROPHES = re.compile(r"[’'`ʼʹ‘´]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LEADING = re.compile(r"^(?:the|al|el|ad|an|ar|as|at|az|ash)\s+")
# Digraphs first (order matters: "shch" before "sh", "kh" before "h"-rules).
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("shch", "s"),
    ("sch", "s"),
    ("tch", "c"),
    ("kh", "h"),
    ("zh", "z"),
    ("sh", "s"),
    ("ch", "c"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("ck", "k"),
    ("dj", "j"),
    ("gh", "h"),
    ("q", "k"),
    ("g", "h"),
    ("w", "v"),
    ("j", "y"),
    ("x", "ks"),
)
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("ø", "o")
    stripped = stripped.replace("đ", "d").replace("æ", "ae").replace("œ", "oe")
    return _APOSTROPHES.sub("", stripped.casefold())


def exact_key(name: str) -> str:
    """Case, diacritics, apostrophes, hyphens and spacing folded: "Kryvyï-Rih" -> "kryvyi rih"."""
    key = _NON_ALNUM.sub(" ", _fold(name)).strip()
    key = re.sub(r"\bsaint\b", "st", key)
    return re.sub(r"\bmount\b", "mt", key)


def _skeleton_word(word: str) -> str:
    if word.isdigit():
        return word
    for src, dst in _DIGRAPHS:
        word = word.replace(src, dst)
    head, tail = word[0], word[1:]
    if head in "aeiou":
        head = "a"  # initial vowels vary too: Odesa/Adessa are rare, but Ighil/Eghil are not
    return _DOUBLE.sub(r"\1", head + _VOWELS.sub("", tail))


def skeleton_key(name: str) -> str:
    """Transliteration-tolerant key: "Kryvyi Rih", "Krivoy Rog", "Kryvyy Rih" -> "krv rh"."""
    key = _LEADING.sub("", exact_key(name))
    words = [w for w in key.split() if w]
    return " ".join(_skeleton_word(w) for w in words)
