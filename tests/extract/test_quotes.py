"""Quotes and their speakers (issue 7)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from factledger.extract.components.actors import make_actors
from factledger.extract.components.quotes import make_quotes
from factledger.extract.names import person_key
from factledger.models import Article, Quote, QuoteKind


def _quotes(extractor: Any, text: str) -> list[Quote]:
    doc = next(extractor.parse([text]))
    doc._.actors = make_actors(doc)
    return make_quotes(doc)


def _direct(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.kind == QuoteKind.DIRECT]


def test_split_quote_has_one_speaker(extractor: Any) -> None:
    text = (
        'Mayor Anna Berg spoke on Monday. "The bridge is closed," Berg said, "and repairs will take weeks."'
    )
    quotes = _direct(_quotes(extractor, text))
    assert [q.text for q in quotes] == ["The bridge is closed,", "and repairs will take weeks."]
    assert {q.speaker_key for q in quotes} == {"berg"}
    assert quotes[0].cue_span == quotes[1].cue_span


def test_curly_and_single_quotes(extractor: Any) -> None:
    text = "“We will rebuild every school,” Governor Tom Ash said. 'Nobody will be left behind,' Ash added."
    quotes = _direct(_quotes(extractor, text))
    assert len(quotes) == 2
    assert all(q.speaker_key == person_key("Ash") for q in quotes)


def test_pronoun_resolves_to_last_named_speaker(extractor: Any) -> None:
    # Regression for issue 7: "He later reported three injuries" belongs to the mayor.
    text = (
        "Mayor Vitali Klitschko said the city was under attack. "
        "“Air defence is working,” Klitschko stated. He later reported two injuries."
    )
    quotes = _quotes(extractor, text)
    injuries = next(q for q in quotes if "injuries" in q.text)
    assert injuries.kind == QuoteKind.INDIRECT
    assert injuries.speaker == "He"
    assert injuries.speaker_key == "klicko"


def test_indirect_and_according_to(extractor: Any) -> None:
    text = (
        "The ministry alleged that the depot had been used by soldiers. "
        "Four people were hurt, according to regional official Maria Kovalenko."
    )
    quotes = _quotes(extractor, text)
    kinds = {q.kind for q in quotes}
    assert QuoteKind.INDIRECT in kinds and QuoteKind.ACCORDING_TO in kinds
    according = next(q for q in quotes if q.kind == QuoteKind.ACCORDING_TO)
    assert according.speaker_key == "kovalenko"
    assert according.text.startswith("Four people were hurt")


def test_partial_quote_inside_reported_clause(extractor: Any) -> None:
    text = "Senator Ruth Hale accused the agency of “dragging its feet” on the inquiry."
    quotes = _quotes(extractor, text)
    assert not _direct(quotes)


def test_multi_paragraph_quote_shares_the_cue(extractor: Any) -> None:
    text = (
        "Inspector Lena Park described the search.\n\n"
        "“We searched the whole block overnight and found nothing.\n\n"
        "“We will go back at dawn,” Park said."
    )
    quotes = _direct(_quotes(extractor, text))
    assert len(quotes) == 2
    assert quotes[0].cue_span == quotes[1].cue_span
    assert {q.speaker_key for q in quotes} == {"park"}


def test_colon_introduces_the_speaker(extractor: Any) -> None:
    text = "The governor leaned in and boomed: “We will not give up on this town.”"
    quotes = _direct(_quotes(extractor, text))
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and "governor" in quotes[0].speaker


def test_short_quote_with_cue_after(extractor: Any) -> None:
    text = 'Officer Dan Reyes was asked which road was closed. "Elm Street," he answered.'
    quotes = _direct(_quotes(extractor, text))
    assert [q.text for q in quotes] == ["Elm Street,"]
    assert quotes[0].speaker_key == person_key("Reyes")


def test_according_to_before_a_quote(extractor: Any) -> None:
    text = "According to the fire service, “the blaze was contained within two hours.”"
    quotes = _direct(_quotes(extractor, text))
    assert len(quotes) == 1
    assert quotes[0].speaker == "the fire service"


def test_fragment_after_cue_is_not_direct(extractor: Any) -> None:
    # "admitted 'a few mistakes' in ..." quotes words inside a reported clause.
    text = "The director admitted “a few mistakes” in the planning of the evacuation."
    assert not _direct(_quotes(extractor, text))


def test_headline_attribution_line(extractor: Any) -> None:
    text = (
        "Mayor Ruth Okafor: ‘Every Shelter Stays Open’ After Storm\n\nThe city opened six shelters on Monday."
    )
    quotes = _quotes(extractor, text)
    assert any(q.speaker_key == person_key("Okafor") and "Shelter" in q.text for q in quotes)


def test_quote_continued_after_but(extractor: Any) -> None:
    text = (
        "“The roof held,” engineer Mark Dunn said after the inspection. "
        "But “the east wall will have to come down before winter,” he warned."
    )
    quotes = _direct(_quotes(extractor, text))
    assert len(quotes) == 2
    assert {q.speaker_key for q in quotes} == {person_key("Dunn")}


@pytest.mark.shared
def test_seed_speakers(shared_seeds: Path, extractor: Any) -> None:
    meta = [json.loads(line) for line in (shared_seeds / "metadata.jsonl").read_text().splitlines() if line]
    reports = [
        extractor.extract_one(
            Article.create(
                (shared_seeds / m["file"]).read_text(encoding="utf-8"),
                published=dt.date.fromisoformat(m["published"]),
            )
        )
        for m in meta
    ]
    keys = [{q.speaker_key for q in r.quotes} for r in reports]
    # One person for the president, spelled Zelenskyy in one report and Zelensky in the other.
    zelensky = person_key("Zelenskyy")
    assert zelensky == person_key("Zelensky")
    assert zelensky in keys[0] and zelensky in keys[1]
    assert {person_key(n) for n in ("Rubio", "Lammy", "Vilkul")} <= keys[0]
    assert person_key("Klitschko") in keys[1]
    injuries = [q for q in reports[1].quotes if "three injuries" in q.text]
    assert injuries and all(q.speaker_key == person_key("Klitschko") for q in injuries)
    # The ministry is one speaker across reports, however each writes it.
    ministries = [
        {q.speaker_key for q in r.quotes if "ministry" in (q.speaker or "").casefold()} for r in reports
    ]
    assert ministries[0] and ministries[0] == ministries[1]
