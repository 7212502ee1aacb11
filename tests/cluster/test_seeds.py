"""The seed reports (issue 5): both share the Kryvyi Rih strike, Kyiv apart, the drone attack not merged."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from factledger.cluster import Clusterer
from factledger.models import Article


def _seed_articles(seeds: Path) -> list[Article]:
    articles = []
    for line in (seeds / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = (seeds / meta["file"]).read_text(encoding="utf-8")
        published = dt.date.fromisoformat(meta["published"])
        articles.append(Article.create(text, published=published, source=meta["file"]))
    return sorted(articles, key=lambda a: a.published or dt.date.min)


def test_seeds_share_the_strike_and_keep_kyiv_and_the_drone_attack_apart(
    shared_seeds: Path, extractor: Any
) -> None:
    first, second = _seed_articles(shared_seeds)
    clusterer = Clusterer()
    placed_first = clusterer.place(extractor.extract_one(first), first)
    placed_second = clusterer.place(extractor.extract_one(second), second)
    strike = placed_first[0].incident_id
    assert strike is not None
    assert placed_second[0].incident_id != strike  # the Kyiv attack is its own incident
    assert strike in {a.incident_id for a in placed_second[1:]}  # the 6 April report recalls the strike
    for extra in placed_first[1:]:  # the evening drone attack: its own incident, linked
        assert extra.incident_id != strike
        assert extra.incident_id is None or strike in extra.linked
