"""Decoding bytes into text (issue 2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factledger.errors import IngestError
from factledger.ingest import clean_text, decode_bytes, looks_binary
from factledger.ingest.decode import declared_charset

CYRILLIC_REPORT = (
    "A missile hit Kryvyi Rih (Кривий Ріг) on Friday evening. The city council said "
    "«at least sixteen people» were killed — the head of the military administration "
    "confirmed it. Residents of Покровський district were evacuated."
)


def test_cp1251_text_with_a_few_cyrillic_words_is_decoded() -> None:
    assert decode_bytes(CYRILLIC_REPORT.encode("cp1251")) == CYRILLIC_REPORT


def test_cp1251_ukrainian_text_is_decoded() -> None:
    text = "Ракета влучила в житловий квартал Кривого Рогу ввечері у п'ятницю; загинули шістнадцять людей."
    assert decode_bytes(text.encode("cp1251")) == text


def test_cp1252_punctuation_is_decoded() -> None:
    text = "The mayor said: \u201cWe will rebuild\u201d \u2014 and the café reopened on Monday."
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_byte_order_marks_are_honoured(encoding: str) -> None:
    assert decode_bytes("Shelling hit the market.".encode(encoding)) == "Shelling hit the market."


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n" + bytes(200), b"%PDF-1.7\n...", bytes(range(256)) * 8, b"ab\x00cd" * 100],
)
def test_binary_data_is_refused(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(IngestError) as info:
        decode_bytes(data)
    assert info.value.reason == "binary"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_utf8_text_decodes_to_itself(text: str) -> None:
    assert decode_bytes(text.encode("utf-8")) == text


@given(st.text())
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


def test_clean_text_keeps_paragraphs_and_drops_invisible_characters() -> None:
    assert (
        clean_text("One\u200b line.\r\n\r\n\r\n\r\nTwo   words\u00a0here. ") == "One line.\n\nTwo words here."
    )


def test_a_declared_charset_is_used_when_it_fits() -> None:
    text = "Шість людей загинули."  # short: detection alone could not tell cp1251 from its cousins
    data = text.encode("cp1251")
    assert decode_bytes(data, declared=declared_charset(b"<meta charset='windows-1251'>")) == text
    assert declared_charset(b"", "text/html; charset=koi8-r") == "koi8-r"
    assert decode_bytes(b"plain", declared="no-such-codec") == "plain"
