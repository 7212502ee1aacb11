"""Bad items are rejected one by one with a reason; the rest of the batch goes in (issue 2)."""

from __future__ import annotations

import json
from pathlib import Path

from factledger.ingest import Ingester
from factledger.models import Article, Rejection
from factledger.settings import load_settings

GOOD = (
    "Shelling damaged the water station in the northern district on Tuesday, leaving thousands without water."
)
CP1251 = (
    "Officials in Зеленодольськ said two people were injured when a drone hit a grain store on Monday night."
)


def make_mixed_folder(folder: Path) -> Path:
    """Good reports beside an empty file, a binary file, a cp1251 file and a malformed JSON line."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n ", encoding="utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4)
    (folder / "legacy.txt").write_bytes(CP1251.encode("cp1251"))
    (folder / "short.txt").write_text("Too short.", encoding="utf-8")
    (folder / "records.jsonl").write_text(
        json.dumps({"doc_id": "r1", "text": GOOD + " Repairs began."})
        + "\n{not json at all\n"
        + json.dumps({"doc_id": "r3", "title": "no text here"})
        + "\n"
        + json.dumps({"doc_id": "r4", "text": GOOD + " Crews worked late.", "published": "someday"})
        + "\n",
        encoding="utf-8",
    )
    return folder


def test_mixed_folder_keeps_the_good_and_names_each_rejection(tmp_path: Path) -> None:
    folder = make_mixed_folder(tmp_path / "mixed")
    results = list(Ingester(load_settings(environ={})).read_all([folder, tmp_path / "nowhere"]))
    articles = [r for r in results if isinstance(r, Article)]
    rejected = {Path(r.source).name: r.reason for r in results if isinstance(r, Rejection)}
    assert sorted(a.text for a in articles) == sorted([GOOD, CP1251, GOOD + " Repairs began."])
    assert rejected == {
        "nowhere": "not_found",
        "blank.txt": "empty",
        "empty.txt": "empty",
        "photo.jpg": "binary",
        "short.txt": "too_short",
        "records.jsonl:2": "malformed",
        "records.jsonl:3": "malformed",
        "records.jsonl:4": "malformed",
    }


def test_oversized_files_are_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(GOOD * 100, encoding="utf-8")
    [rejection] = Ingester(load_settings(environ={}).replace(max_bytes=1000)).read_all([tmp_path / "big.txt"])
    assert isinstance(rejection, Rejection) and rejection.reason == "oversized"


def test_malformed_front_matter_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text("---\nthis line has no colon\n---\n" + GOOD, encoding="utf-8")
    [rejection] = Ingester(load_settings(environ={})).read_all([tmp_path / "bad.txt"])
    assert isinstance(rejection, Rejection) and rejection.reason == "malformed"
