"""The figures evaluation task (issue 3): matching rules, optional gold, headline exact match."""

from __future__ import annotations

from pathlib import Path

import pytest

from factledger.evaluate.data import GoldFigure
from factledger.evaluate.tasks.figures import _headline_ok, match_figures
from factledger.models import Figure, FigureKind, FigureStatus, Party, Qualifier, TextSpan

TEXT = "The strike killed at least 16 people, including six children. Later the toll rose to 18."


def _fig(
    kind: str, value: int | None, group: str = "all", qualifier: str = "exact", at: int = 0, **kw: object
) -> Figure:
    span = TextSpan(start=at, end=at + 2)
    return Figure(
        kind=FigureKind(kind),
        group=group,
        value=value,
        qualifier=Qualifier(qualifier),
        sentence=span,
        number=span,
        **kw,  # type: ignore[arg-type]
    )


def _gold(
    kind: str, value: int | None, group: str = "all", qualifier: str = "exact", **kw: object
) -> GoldFigure:
    fields: dict[str, object] = {
        "incident": "inc-1",
        "kind": kind,
        "group": group,
        "value": value,
        "low": None,
        "high": None,
        "qualifier": qualifier,
        "source": None,
        "party": "unattributed",
        "status": "current",
        "evidence": "",
    }
    fields.update(kw)
    return GoldFigure(**fields)  # type: ignore[arg-type]


def test_match_needs_kind_group_qualifier_value_and_scope() -> None:
    gold = [_gold("killed", 16, qualifier="at_least"), _gold("killed", 6, group="children")]
    predicted = [
        _fig("killed", 16, qualifier="at_least"),
        _fig("killed", 6, group="all"),  # wrong group
        _fig("killed", 16, qualifier="at_least", mention=1),  # other incident
    ]
    pairs, n_pred, n_gold = match_figures(TEXT, predicted, gold, "inc-1")
    assert len(pairs) == 1 and (n_pred, n_gold) == (3, 2)


def test_optional_gold_counts_neither_way() -> None:
    gold = [_gold("killed", 18), _gold("injured", 2, group="critical", optional=True)]
    predicted = [_fig("killed", 18), _fig("injured", 2, group="critical")]
    pairs, n_pred, n_gold = match_figures(TEXT, predicted, gold, "inc-1")
    assert (len(pairs), n_pred, n_gold) == (1, 1, 1)


def test_one_to_one_prefers_the_nearest_evidence() -> None:
    gold = [
        _gold("killed", 16, evidence="killed at least 16", party="government"),
        _gold("killed", 16, evidence="toll rose to 18", party="media"),
    ]
    predicted = [_fig("killed", 16, at=TEXT.index("toll"), party=Party.MEDIA)]
    pairs, _, _ = match_figures(TEXT, predicted, gold, "inc-1")
    assert pairs[0][1].party == "media"


def test_ranges_match_gold_written_as_exact() -> None:
    gold = [_gold("missing", None, low=4, high=14)]
    predicted = [_fig("missing", None, qualifier="range", low=4, high=14)]
    pairs, _, _ = match_figures(TEXT, predicted, gold, "inc-1")
    assert len(pairs) == 1


def test_headline_exact() -> None:
    gold = [_gold("killed", 16, qualifier="at_least", status="earlier"), _gold("killed", 18)]
    assert _headline_ok([_fig("killed", 18)], gold, "inc-1")
    assert not _headline_ok([_fig("killed", 16)], gold, "inc-1")
    # An earlier figure is no headline; none stated and none in gold is a match.
    assert _headline_ok([_fig("injured", 3, status=FigureStatus.EARLIER)], [], "inc-1")


@pytest.mark.shared
def test_task_on_conflict_dev_slice(shared_data: Path) -> None:
    from factledger.evaluate import evaluate

    cache = Path("~/.cache/factledger")
    result = evaluate(shared_data / "conflict-dev", "figures", limit=8, cache_dir=cache)
    assert result["documents"] == 8
    for key in (
        "headline_exact",
        "figure_precision",
        "figure_recall",
        "figure_f1",
        "party_accuracy",
        "status_accuracy",
    ):
        assert (
            key in result and key in result["baselines"]["regex"] and key in result["baselines"]["spacy_dep"]
        )
