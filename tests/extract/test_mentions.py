"""Incident mentions: the primary incident and those told in passing (issues 4 and 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Doc

from factledger.extract.extensions import doc_list
from factledger.models import Article, IncidentMention


def annotate(extractor: Any, text: str, published: dt.date | None = None, title: str | None = None) -> Doc:
    article = Article.create(text, published=published, title=title)
    doc = next(extractor.parse([text]))
    result: Doc = extractor.annotate(doc, article)
    return result


def test_primary_and_earlier_incident(extractor: Any) -> None:
    # Our own wording of the 6 April 2025 situation (issue 5): an attack on Kyiv on Sunday, and in
    # passing the Kryvyi Rih strike two days before it.
    text = (
        "Kyiv came under a missile attack on Sunday, the city's mayor said, two days after a Russian "
        "missile strike killed 18 people in Kryvyi Rig.\n"
        "Air defence units were working over the capital, he added."
    )
    doc = annotate(extractor, text, dt.date(2025, 4, 6))
    mentions: list[IncidentMention] = doc_list(doc, "mentions")
    assert mentions[0].place is not None and mentions[0].place.name == "Kyiv"
    assert mentions[0].place.role == "incident"
    assert mentions[0].date is not None and mentions[0].date.start == dt.date(2025, 4, 6)
    other = [m for m in mentions[1:] if m.place is not None and m.place.name == "Kryvyy Rih"]
    assert other and other[0].date is not None and other[0].date.start == dt.date(2025, 4, 4)
    assert other[0].relation == "earlier"


def test_incident_place_from_lead_when_ner_misses(extractor: Any) -> None:
    # Regression for issue 4: the small model tags "Kryvyi Rih" as a person.
    text = (
        "At least 12 people were killed in a Russian missile strike on President Zelenskyy's hometown, "
        "Kryvyi Rih, officials said.\nLater on Friday, drones attacked the city again."
    )
    doc = annotate(extractor, text, dt.date(2025, 4, 5))
    primary = doc_list(doc, "mentions")[0]
    assert primary.place is not None and abs((primary.place.lat or 0) - 47.91) < 0.1
    assert primary.date is not None and primary.date.start == dt.date(2025, 4, 4)


def test_no_publication_date_no_guess(extractor: Any) -> None:
    doc = annotate(extractor, "A gunman opened fire at a bar in Dayton, Ohio, on Sunday, police said.", None)
    primary = doc_list(doc, "mentions")[0]
    assert primary.date is None or primary.date.start is None


def test_figures_point_at_their_mention(extractor: Any) -> None:
    text = (
        "Kyiv came under a missile attack on Sunday, injuring three people, two days after a Russian "
        "missile strike killed 18 people in Kryvyi Rig."
    )
    doc = annotate(extractor, text, dt.date(2025, 4, 6))
    mentions = doc_list(doc, "mentions")
    for figure in doc_list(doc, "figures"):
        assert 0 <= figure.mention < len(mentions)
