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


def _figures_by_value(doc: Doc) -> dict[int | None, int]:
    return {f.value: f.mention for f in doc_list(doc, "figures")}


def test_issue3_figure_in_another_town_is_another_incident(extractor: Any) -> None:
    text = (
        "A Russian missile strike on Kharkiv killed five people on Monday, the regional governor said.\n"
        "Two people were also killed in the town of Chuhuiv, he added."
    )
    doc = annotate(extractor, text, dt.date(2024, 3, 4))
    by_value = _figures_by_value(doc)
    assert by_value[5] == 0
    assert by_value[2] != 0


def test_issue3_figure_told_days_earlier_is_another_incident(extractor: Any) -> None:
    text = (
        "A drone attack on Odesa killed three people on Tuesday, officials said.\n"
        "Two days earlier, a Russian missile killed seven people in the city."
    )
    doc = annotate(extractor, text, dt.date(2024, 3, 6))
    by_value = _figures_by_value(doc)
    assert by_value[3] == 0
    assert by_value[7] != 0


def test_issue3_second_verb_counts_the_first_verbs_event(extractor: Any) -> None:
    text = (
        "Two car bombs killed 30 people and wounded 52 others near a mosque where a commander killed "
        "in a drone strike was buried, the interior ministry said."
    )
    doc = annotate(extractor, text, dt.date(2024, 1, 4))
    by_value = _figures_by_value(doc)
    assert by_value[30] == 0
    assert by_value[52] == 0


def test_issue3_photo_caption_and_speaking_capital_do_not_place_the_incident(extractor: Any) -> None:
    text = (
        "Moscow said the strike hit an army depot in Poltava on Tuesday.\n"
        "A handout photo taken on Monday shows rescuers at a hotel hit by a Russian strike in "
        "Zaporizhzhia.\n"
        "At least 12 people were killed and 40 wounded when two missiles hit Poltava on Tuesday, "
        "officials said."
    )
    doc = annotate(extractor, text, dt.date(2024, 9, 4))
    primary = doc_list(doc, "mentions")[0]
    assert primary.place is not None and primary.place.name == "Poltava"
    by_value = _figures_by_value(doc)
    assert by_value[12] == 0
    assert by_value[40] == 0


def test_issue3_participle_counts_victims_of_the_town_attacked(extractor: Any) -> None:
    text = (
        "A Russian missile strike on Kharkiv killed five people on Monday, the governor said.\n"
        "Russian troops also shelled the town of Chuhuiv, killing two people."
    )
    doc = annotate(extractor, text, dt.date(2024, 3, 4))
    by_value = _figures_by_value(doc)
    assert by_value[5] == 0
    assert by_value[2] != 0


def test_attack_hours_after_another_kind_is_another_incident(extractor: Any) -> None:
    text = (
        "Drones hit the port of Izmail on Tuesday night, hours after a ballistic missile struck a "
        "grain terminal in the town, the regional governor said.\n"
        "Earlier in the day the missile strike killed two dock workers, he said."
    )
    doc = annotate(extractor, text, dt.date(2023, 8, 2))
    mentions: list[IncidentMention] = doc_list(doc, "mentions")
    kinds = [m.event_type.value for m in mentions]
    assert kinds[:2] == ["air_drone_strike", "shelling_artillery_missile_attack"]
    killed = [f for f in doc_list(doc, "figures") if f.kind.value == "killed"]
    assert killed and all(f.mention == 1 for f in killed)


def test_same_kind_hours_later_stays_one_incident(extractor: Any) -> None:
    text = (
        "A gunman opened fire at a bar in Dayton early Sunday, police said. Officers shot the "
        "gunman hours after the shooting began, ending the attack."
    )
    doc = annotate(extractor, text, dt.date(2019, 8, 4))
    mentions: list[IncidentMention] = doc_list(doc, "mentions")
    assert len(mentions) == 1
