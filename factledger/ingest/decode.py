"""Bytes to text: refuse binary data, detect and repair legacy encodings, tidy whitespace.

UTF-8 is tried first. Otherwise charset-normalizer proposes encodings; because its guess is unreliable
for English text with a few words in another script (a Cyrillic place name in a cp1251 file reads as
plausible cp1250 mojibake), common legacy encodings are added and every candidate is scored by how
much its decoding looks like mojibake: Latin words made mostly of accented letters, words mixing
scripts, symbols and control characters in the middle of words.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from factledger.errors import IngestError

__all__ = ["clean_text", "declared_charset", "decode_bytes", "looks_binary"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of formats that are certainly not text.
_MAGIC: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"MZ",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"SQLite format 3",
)

_FALLBACK_ENCODINGS = ("cp1251", "cp1252", "cp1250", "koi8_r", "iso8859_2", "iso8859_15")
_WORD = re.compile(r"\w+")
_SAMPLE = 64_000


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if any(head.startswith(magic) for magic in _MAGIC):
        return True
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return bool(head) and controls / len(head) > 0.02


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "?"


def _mojibake_score(text: str) -> float:
    """Lower is better: the share of words that look like a wrong decoding."""
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample)
    if not words:
        return 1.0
    odd = 0
    for word in words:
        letters = [c for c in word if c.isalpha()]
        if not letters or all(c.isascii() for c in letters):
            continue
        scripts = {_script(c) for c in letters if not c.isascii()} | (
            {"LATIN"} if any(c.isascii() for c in letters) else set()
        )
        non_ascii = sum(1 for c in letters if not c.isascii())
        if len(scripts) > 1 or (
            scripts == {"LATIN"} and len(letters) >= 3 and non_ascii / len(letters) > 0.4
        ):
            odd += 1
    strange = sum(
        1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn", "So") and c not in "\t\n\r\f"
    )
    return odd / len(words) + strange / max(len(sample), 1)


def _candidates(data: bytes) -> list[str]:
    names: list[str] = []
    for match in from_bytes(data[:_SAMPLE]):
        names.append(match.encoding)
    names.extend(_FALLBACK_ENCODINGS)
    return list(dict.fromkeys(names))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(data: bytes, content_type: str = "") -> str | None:
    """The encoding an HTTP header or an HTML ``<meta>`` declares, if any."""
    match = _HEADER_CHARSET.search(content_type)
    if match:
        return match.group(1)
    meta = _META_CHARSET.search(data[:4096])
    return meta.group(1).decode("ascii") if meta else None


def decode_bytes(data: bytes, *, source: str = "", declared: str | None = None) -> str:
    """Text of ``data``; raises :class:`IngestError` (binary, undecodable) when it is not text.

    A ``declared`` encoding (HTTP header, HTML meta) is tried right after UTF-8; declarations are
    often wrong, so a declaration that fails to decode is ignored rather than trusted.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise IngestError(f"bad {encoding} data: {exc}", reason="undecodable", source=source) from exc
    if looks_binary(data):
        raise IngestError("binary data, not text", reason="binary", source=source)
    for encoding in ("utf-8", *([declared] if declared else [])):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    best: tuple[float, str, str] | None = None
    for encoding in _candidates(data):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _mojibake_score(text)
        if best is None or score < best[0]:
            best = (score, encoding, text)
    if best is None or best[0] > 0.2:
        raise IngestError("no text encoding fits these bytes", reason="undecodable", source=source)
    return best[2]


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean_text(text: str) -> str:
    """Normalise line ends and spacing; keep paragraphs (blank lines) and every visible character."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
