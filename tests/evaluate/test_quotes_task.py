"""The quotes evaluation task (issue 7) on a folder written for the test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factledger.evaluate.context import EvalContext
from factledger.evaluate.data import load_folder
from factledger.evaluate.tasks import quotes as task

TEXT = (
    'Chief Ana Lopes spoke on Friday. "The fire started in the basement," Lopes said. '
    "She added that the cause was unknown."
)


def _span(part: str) -> list[list[int]]:
    start = TEXT.index(part)
    return [[start, start + len(part)]]


def _write_folder(tmp: Path) -> Path:
    doc = {"doc_id": "d1", "text": TEXT, "published": "2024-05-03", "split": "dev"}
    rows = [
        {
            "doc_id": "d1",
            "annotator": annotator,
            "source": {"spans": [[TEXT.index("Lopes said"), TEXT.index("Lopes said") + 5]], "text": "Lopes"},
            "cue": {"spans": _span("said"), "text": "said"},
            "content": {"spans": _span('"The fire started in the basement,"'), "text": ""},
        }
        for annotator in ("a1", "a2")
    ] + [
        {
            "doc_id": "d1",
            "annotator": "a1",
            "source": {"spans": _span("She"), "text": "She"},
            "cue": {"spans": _span("added"), "text": "added"},
            "content": {"spans": _span("the cause was unknown"), "text": ""},
        }
    ]
    (tmp / "documents.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (tmp / "attributions.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp


def test_direct_rule_counts_quoted_characters() -> None:
    text = 'The mayor said on Monday evening that "we stay" whatever happens.'
    quoted = task._quoted_chars(text)
    inside = frozenset(range(text.index('"'), text.rindex('"') + 1))
    assert task._is_direct(inside, text, quoted)
    assert not task._is_direct(frozenset(range(len(text))), text, quoted)


def test_one_annotator_per_document(tmp_path: Path, extractor: Any) -> None:
    ctx = EvalContext(folder=load_folder(_write_folder(tmp_path)), extractor=extractor)
    gold = task._load_gold(ctx, {"d1"})
    assert {r["annotator"] for r in gold["d1"]} == {"a1"}


def test_run_scores_direct_quotes_and_speakers(tmp_path: Path, extractor: Any) -> None:
    ctx = EvalContext(folder=load_folder(_write_folder(tmp_path)), extractor=extractor)
    result = task.run(ctx)
    assert result["documents"] == 1 and result["split"] == "dev"
    assert result["direct_f1"] == 1.0
    assert result["speaker_accuracy"] == 1.0
    # Both gold attributions have a source: the quote and the reported clause with "She".
    assert result["speaker_recall"] == result["all_recall"]
    assert set(result["baselines"]["textacy"]) >= {"direct_f1", "speaker_accuracy", "speaker_recall"}
    # textacy finds only the direct quote, so its recall of speakers is at most one in two.
    assert result["baselines"]["textacy"]["speaker_recall"] <= 0.5
