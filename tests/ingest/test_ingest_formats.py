"""Every input format becomes Articles (issue 2). Texts are our own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from factledger.ingest import Ingester, load_metadata
from factledger.models import Article, Rejection
from factledger.settings import load_settings

BODY = (
    "Rescuers searched collapsed flats through the night after a missile struck the eastern district. "
    "The regional governor said nine people were killed and 31 injured."
)


def _ingester(**overrides: object) -> Ingester:
    return Ingester(load_settings(environ={}).replace(**overrides))


def _read(paths: list[Path | str], ingester: Ingester | None = None) -> list[Article | Rejection]:
    return list((ingester or _ingester()).read_all(paths))


def test_plain_text_without_front_matter(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(BODY + "\n", encoding="utf-8")
    [article] = _read([tmp_path / "report.txt"])
    assert isinstance(article, Article)
    assert article.text == BODY and article.published is None
    assert article.source == str(tmp_path / "report.txt")


def test_text_front_matter_gives_metadata(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "---\ntitle: Nine killed in strike\nurl: https://www.riverpost.example/a/1\n"
        "published: 2025-04-05\nupdated: 2025-04-06T10:00:00+03:00\n---\n" + BODY,
        encoding="utf-8",
    )
    [article] = _read([path])
    assert isinstance(article, Article)
    assert article.title == "Nine killed in strike"
    assert article.outlet == "riverpost.example"  # the URL's domain when no outlet is given
    assert (article.published, article.updated) == (dt.date(2025, 4, 5), dt.date(2025, 4, 6))
    assert article.text == BODY


def test_html_keeps_the_lead_paragraph_and_both_dates(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>Strike on the eastern district | River Post</title>
    <meta property="og:title" content="Strike on the eastern district">
    <meta property="article:published_time" content="2025-04-05T06:00:00+00:00">
    <meta property="article:modified_time" content="2025-04-07T18:30:00+00:00">
    <link rel="canonical" href="https://riverpost.example/2025/04/05/strike"></head>
    <body><nav><a href="/">Home</a><a href="/world">World</a></nav><article>
    <h1>Strike on the eastern district</h1>
    <p class="standfirst">A missile killed nine people and injured 31 in the eastern district on Friday night, the governor said.</p>
    <div class="article-body">
    <p>Rescuers searched collapsed flats through the night, and the city declared a day of mourning for the victims.</p>
    <p>The governor said several of the injured were children and that two of them were in a critical condition.</p>
    <p>Power was restored to most homes in the district by Saturday afternoon, the utility company said.</p>
    </div></article><footer><p>Copyright River Post, all rights reserved, no reproduction.</p></footer></body></html>"""
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    [article] = _read([tmp_path / "page.html"])
    assert isinstance(article, Article)
    assert article.text.startswith("A missile killed nine people and injured 31")
    assert "Power was restored" in article.text and "Copyright" not in article.text
    assert article.title == "Strike on the eastern district"
    assert (article.published, article.updated) == (dt.date(2025, 4, 5), dt.date(2025, 4, 7))
    assert article.url == "https://riverpost.example/2025/04/05/strike"


def test_jsonl_records_in_the_evaluation_format(tmp_path: Path) -> None:
    records = [
        {
            "doc_id": "d1",
            "url": "https://a.example/1",
            "outlet": "a.example",
            "language": "en",
            "published": "2025-04-05",
            "title": "First",
            "text": BODY,
            "incidents": ["i1"],
        },
        {
            "doc_id": "d2",
            "url": None,
            "outlet": None,
            "published": None,
            "title": None,
            "text": BODY + " A second report.",
            "incidents": [],
        },
    ]
    path = tmp_path / "documents.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = _read([path])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.external_id, first.published, first.outlet, first.title) == (
        "d1",
        dt.date(2025, 4, 5),
        "a.example",
        "First",
    )
    assert first.source == f"{path}:1"
    assert second.external_id == "d2" and second.published is None


def test_json_list_and_wrapped_records(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": BODY, "date": "2025-04-06"}]), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(
        json.dumps({"articles": [{"body": BODY + " More."}]}), encoding="utf-8"
    )
    results = _read([tmp_path])
    assert [type(r) for r in results] == [Article, Article]
    assert results[0].published == dt.date(2025, 4, 6)  # type: ignore[union-attr]


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>River Post</title><link>https://riverpost.example/</link>
<item><title>Strike on the eastern district</title><link>https://riverpost.example/a/1</link>
<guid>rp-1</guid><pubDate>Sat, 05 Apr 2025 07:00:00 GMT</pubDate>
<description><![CDATA[<p>A missile killed nine people on Friday night.</p><p>The governor said 31 were injured and rescuers were still at work.</p>]]></description></item>
<item><title>Teaser only</title><link>https://riverpost.example/a/2</link><description>Short.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Gazette</title>
<entry><title>Market shelled</title><link href="https://hillgazette.example/m"/><id>hg-1</id>
<updated>2025-04-06T12:00:00Z</updated><published>2025-04-06T09:00:00Z</published>
<content type="html">&lt;p&gt;Shelling hit the central market on Sunday morning, killing two traders, police said.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_and_atom_entries_with_content_become_articles(tmp_path: Path) -> None:
    (tmp_path / "a.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "b.xml").write_text(ATOM, encoding="utf-8")  # detected by content, not suffix
    results = _read([tmp_path])
    articles = [r for r in results if isinstance(r, Article)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert [a.title for a in articles] == ["Strike on the eastern district", "Market shelled"]
    rss, atom = articles
    assert rss.published == dt.date(2025, 4, 5) and rss.external_id == "rp-1"
    assert (
        rss.text
        == "A missile killed nine people on Friday night.\n\nThe governor said 31 were injured and rescuers were still at work."
    )
    assert atom.published == dt.date(2025, 4, 6) and atom.outlet == "hillgazette.example"
    assert [r.reason for r in rejections] == ["too_short"]


def test_sidecar_metadata_fills_what_files_lack(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(BODY, encoding="utf-8")
    (folder / "b.txt").write_text("---\npublished: 2025-04-01\n---\n" + BODY + " Again.", encoding="utf-8")
    sidecar = folder / "metadata.jsonl"
    sidecar.write_text(
        json.dumps({"file": "a.txt", "published": "2025-04-05", "outlet": None, "url": None, "note": "x"})
        + "\n"
        + json.dumps({"file": "b.txt", "published": None, "outlet": "valley.example"})
        + "\nnot json\n",
        encoding="utf-8",
    )
    metadata, bad_lines = load_metadata(sidecar)
    assert [r.source for r in bad_lines] == [f"{sidecar}:3"]
    results = _read([folder], Ingester(load_settings(environ={}), metadata=metadata))
    a, b = results  # the sidecar itself is not ingested
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.published == dt.date(2025, 4, 5)
    assert (b.published, b.outlet) == (dt.date(2025, 4, 1), "valley.example")


def test_folders_are_read_recursively_skipping_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "2025" / "04").mkdir(parents=True)
    (tmp_path / "2025" / "04" / "deep.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    [article] = _read([tmp_path])
    assert isinstance(article, Article) and article.source.endswith("deep.txt")


def test_same_text_and_url_give_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "two.txt").write_text("  " + BODY.replace(". ", ".  ") + "\n\n", encoding="utf-8")
    one, two = _read([tmp_path])
    assert isinstance(one, Article) and isinstance(two, Article)
    assert one.id == two.id


def test_a_standalone_first_line_becomes_the_title_and_stays_in_the_text(tmp_path: Path) -> None:
    (tmp_path / "h.txt").write_text("Nine killed in eastern district\n\n" + BODY, encoding="utf-8")
    (tmp_path / "p.txt").write_text(BODY + "\n\nA second paragraph follows here.", encoding="utf-8")
    headed, plain = _read([tmp_path / "h.txt", tmp_path / "p.txt"])
    assert isinstance(headed, Article) and isinstance(plain, Article)
    assert headed.title == "Nine killed in eastern district"
    assert headed.text.startswith("Nine killed in eastern district\n\n")
    assert plain.title is None


LEAD = "Flooding after the dam breach forced thousands of residents to leave their homes on Tuesday, officials said."
PARAS = "".join(
    f"<p>{s}</p>"
    for s in (
        "Water levels in the lower town rose by more than two metres within six hours of the breach, the regional council said.",
        "Boats from the river police carried elderly residents to the railway station, where buses were waiting for them.",
        "The council said drinking water would be delivered by truck until the pumping station could be repaired.",
    )
)


def _page(article: str) -> str:
    return f"<html><head><title>Dam breach</title></head><body><nav><a href='/'>Home</a></nav>{article}</body></html>"


def test_lead_paragraph_survives_every_layout(tmp_path: Path) -> None:
    layouts = {
        "sibling": f"<article><h1>Dam breach</h1><p class='lead'>{LEAD}</p><div class='article-body'>{PARAS}</div></article>",
        "wrapped": f"<article><div class='content'><div class='standfirst'>{LEAD}</div><div class='story-body'>{PARAS}</div></div></article>",
        "inline": f"<article><h1>Dam breach</h1><p>{LEAD}</p>{PARAS}</article>",
    }
    for name, article in layouts.items():
        (tmp_path / f"{name}.html").write_text(_page(article), encoding="utf-8")
    for result in _read([tmp_path]):
        assert isinstance(result, Article), result
        assert result.text.startswith(LEAD), result.source
        assert result.text.count(LEAD) == 1
