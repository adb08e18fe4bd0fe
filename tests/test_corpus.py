import json
import os

import pytest

from tests.conftest import REFERENCE_DOCS, write_doc
from verifier.corpus import load_documents, read_corpus
from verifier.errors import CorpusError


def test_bundled_corpus_is_complete_and_valid():
    docs = load_documents([REFERENCE_DOCS])
    assert len(docs) >= 30
    for d in docs:
        assert d.publisher != "unknown", d.id
        assert d.date is not None, d.id
        assert d.url.startswith("https://"), d.id
        assert d.source.endswith(f"{d.id}.md")
    publishers = {d.publisher for d in docs}
    assert {"NASA", "ESA", "CNSA", "Roscosmos", "CSA"} <= publishers


def test_reads_front_matter_and_body(tmp_path):
    write_doc(tmp_path, "a", "Body sentence one. Body sentence two.", date="2019-01-03")
    (doc,) = load_documents([tmp_path])
    assert doc.id == "a" and doc.publisher == "NASA" and str(doc.date) == "2019-01-03"
    assert doc.text == "Body sentence one. Body sentence two.\n"


def test_broken_front_matter_names_the_file(tmp_path):
    (tmp_path / "bad.md").write_text("---\nid: [unclosed\n---\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad\.md: front matter is not valid YAML"):
        load_documents([tmp_path])


def test_unclosed_front_matter(tmp_path):
    (tmp_path / "open.md").write_text("---\nid: x\ntitle: y\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"open\.md: front matter .* never closed"):
        load_documents([tmp_path])


def test_missing_fields_and_bad_date(tmp_path):
    (tmp_path / "nofields.md").write_text("---\npublisher: NASA\n---\nText.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"missing required field\(s\) id, title"):
        load_documents([tmp_path / "nofields.md"])
    write_doc(tmp_path, "d", "Text here.", date="3 January 2019")
    with pytest.raises(CorpusError, match="is not an ISO date"):
        load_documents([tmp_path / "d.md"])


def test_all_problems_reported_in_one_pass(tmp_path):
    write_doc(tmp_path, "same", "One.")
    (tmp_path / "dup.md").write_text(
        "---\nid: same\ntitle: T\n---\nThree.\n", encoding="utf-8"
    )
    (tmp_path / "empty.md").write_text("---\nid: e\ntitle: T\n---\n\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_documents([tmp_path])
    message = str(err.value)
    assert "\n" not in message
    assert "more problem" in message


def test_duplicate_ids_name_both_files(tmp_path):
    write_doc(tmp_path, "same", "One sentence here.")
    (tmp_path / "copy.md").write_text("---\nid: same\ntitle: T\n---\nOther.\n", encoding="utf-8")
    pattern = r"duplicate document id 'same' in .*copy\.md and .*same\.md"
    with pytest.raises(CorpusError, match=pattern):
        load_documents([tmp_path])


def test_binary_document_refused(tmp_path):
    (tmp_path / "blob.md").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(CorpusError, match=r"blob\.md: looks like a binary file"):
        load_documents([tmp_path])


def test_symlink_out_of_folder_is_skipped(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = write_doc(outside, "secret", "Should not be read.")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_doc(corpus, "inside", "Read this one.")
    os.symlink(secret, corpus / "link.md")
    assert [d.id for d in load_documents([corpus])] == ["inside"]


def test_jsonl_records(tmp_path):
    path = tmp_path / "docs.jsonl"
    rows = [{"id": "x1", "title": "T1", "text": "First text.", "publisher": "ESA"},
            {"id": "x2", "title": "T2", "text": "Second text.", "date": "2020-10-27"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = load_documents([path])
    assert [d.id for d in docs] == ["x1", "x2"]
    assert docs[1].publisher == "unknown" and str(docs[1].date) == "2020-10-27"
    path.write_text('{"id": "x1", "title": "T"\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"docs\.jsonl:1: not valid JSON"):
        load_documents([path])


def test_missing_source(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        load_documents([tmp_path / "nope"])


PAGE = """<!doctype html>
<html><head><title>Chang'e-4 | CNSA</title>
<meta property="og:title" content="Chang'e-4 lands on the far side of the Moon">
<meta property="og:site_name" content="CNSA">
<meta property="article:published_time" content="2019-01-03T10:26:00+08:00">
<link rel="canonical" href="https://www.cnsa.gov.cn/change4">
<style>p { color: red }</style>
<script>var tracking = "The probe landed on Mars.";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header><h1>China National Space Administration</h1></header>
<main>
<h1>Chang&#39;e-4 lands</h1>
<p>The Chang'e-4 probe landed on 3 January 2019 at 10:26 Beijing time.
It carried the <b>Yutu-2</b> rover &amp; a lander.</p>
<aside>Related: other missions.</aside>
<ul><li>Landing site: Von K&aacute;rm&aacute;n crater.</li></ul>
</main>
<footer>Copyright 2019 CNSA. All rights reserved.</footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "change4.html").write_text(PAGE, encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert doc.id == "news-change4"  # the path inside the folder: stable across runs
    assert doc.title == "Chang'e-4 lands on the far side of the Moon"
    assert doc.publisher == "CNSA" and str(doc.date) == "2019-01-03"
    assert doc.url == "https://www.cnsa.gov.cn/change4" and doc.doc_type == "web_page"
    assert doc.text == (
        "Chang'e-4 lands\n"
        "The Chang'e-4 probe landed on 3 January 2019 at 10:26 Beijing time. "
        "It carried the Yutu-2 rover & a lander.\n"
        "Landing site: Von Kármán crater.\n"
    )
    for junk in ("tracking", "Home", "Copyright", "Related", "color"):
        assert junk not in doc.text


def test_html_fallbacks_author_jsonld_time_and_body(tmp_path):
    page = """<html><head><title>Bulletin 7</title>
<meta name="author" content="Statistics Office">
<meta name="factcheck:id" content="stat-7"><meta name="factcheck:doc_type" content="bulletin">
<script type="application/ld+json">{"@graph": [{"@type": "Article",
 "datePublished": "2020-05-08", "url": "https://stats.example/b7"}]}</script>
</head><body><div>Unemployment rose to 14.7 percent in April.</div>
<div>Payrolls fell by 20.5 million.</div></body></html>"""
    path = tmp_path / "b7.htm"
    path.write_text(page, encoding="utf-8")
    (doc,) = load_documents([path])
    assert (doc.id, doc.title, doc.publisher, doc.doc_type) == (
        "stat-7", "Bulletin 7", "Statistics Office", "bulletin")
    assert str(doc.date) == "2020-05-08" and doc.url == "https://stats.example/b7"
    assert doc.text == ("Unemployment rose to 14.7 percent in April.\n"
                        "Payrolls fell by 20.5 million.\n")


def test_html_time_element_and_bad_date_tolerated(tmp_path, caplog):
    page = ("<html><head><title>T</title><meta name='date' content='sometime'></head><body>"
            "<article><p>Text of the article here.</p><time datetime='2021-02-03'>3 Feb</time>"
            "</article><p>Outside the article.</p></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (doc,) = load_documents([tmp_path])
    assert str(doc.date) == "2021-02-03" and "ignoring date 'sometime'" in caplog.text
    assert doc.text == "Text of the article here.\n3 Feb\n"  # <article> beats the body
    assert doc.publisher == "unknown"


def test_html_without_title_or_text_is_refused(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><nav>Menu</nav></body></html>")
    with pytest.raises(CorpusError, match=r"empty\.html: missing required field\(s\) title"):
        load_documents([tmp_path])
    (tmp_path / "empty.html").write_text("<html><head><title>T</title></head><body></body>")
    with pytest.raises(CorpusError, match="document has no text"):
        load_documents([tmp_path])


def test_html_passages_keep_exact_offsets(tmp_path, tiny_model_dir):
    from verifier.embed import Embedder
    from verifier.index import build_index, load_index

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "change4.html").write_text(PAGE, encoding="utf-8")
    tiny = Embedder(tiny_model_dir)
    build_index(load_documents([tmp_path / "docs"]), tmp_path / "idx", tiny, progress=False)
    index = load_index(tmp_path / "idx", tiny)
    texts = [p.text for p in index.passages]
    assert "It carried the Yutu-2 rover & a lander." in texts
    for p in index.passages:
        assert index.documents[p.doc_id].text[p.span.start : p.span.end] == p.text


# -- skipping bad documents (--skip-bad) -------------------------------------------------------


def _mixed_corpus(tmp_path):
    """Two good documents next to one of each kind of bad file corpus.py detects."""
    folder = tmp_path / "docs"
    folder.mkdir()
    write_doc(folder, "good", "NASA launched the Zarya module on 20 November 1998.")
    write_doc(folder, "other", "ESA launched Juice on 14 April 2023 from Kourou.")
    (folder / "broken.md").write_text("---\nid: [unclosed\n---\nText.\n", encoding="utf-8")
    (folder / "nofields.md").write_text("---\npublisher: NASA\n---\nText.\n", encoding="utf-8")
    write_doc(folder, "empty", "   ")
    (folder / "blob.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (folder / "huge.md").write_text("---\nid: huge\ntitle: T\n---\n" + "word " * 1_100_000,
                                    encoding="utf-8")
    same = write_doc(folder, "same", "The same words twice.")
    (folder / "zz-same-copy.md").write_bytes(same.read_bytes())
    write_doc(folder, "clash", "Version one of the story.")
    (folder / "clash-2.md").write_text("---\nid: clash\ntitle: Title of clash\n---\nVersion "
                                       "two.\n", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(write_doc(outside, "secret", "OUTSIDE-SECRET notes."), folder / "link.md")
    return folder


def test_skip_bad_indexes_the_good_documents_and_names_each_bad_one(tmp_path):
    folder = _mixed_corpus(tmp_path)
    corpus = read_corpus([folder], skip_bad=True)
    assert sorted(d.id for d in corpus.documents) == ["good", "other", "same"]
    reasons = {os.path.basename(s.path): s.reason for s in corpus.skipped}
    assert set(reasons) == {"broken.md", "nofields.md", "empty.md", "blob.md", "huge.md",
                            "zz-same-copy.md", "clash.md", "clash-2.md", "link.md"}
    assert "front matter is not valid YAML" in reasons["broken.md"]
    assert "missing required field(s) id, title" in reasons["nofields.md"]
    assert "no text" in reasons["empty.md"]
    assert "binary" in reasons["blob.md"]
    assert "byte limit" in reasons["huge.md"]
    assert "same.md" in reasons["zz-same-copy.md"] and "is indexed" in reasons["zz-same-copy.md"]
    assert "clash-2.md" in reasons["clash.md"] and "none of them" in reasons["clash.md"]
    assert "links outside" in reasons["link.md"]
    assert not any("OUTSIDE-SECRET" in d.text for d in corpus.documents)
    assert [s.path for s in corpus.skipped] == sorted(s.path for s in corpus.skipped)


def test_refusal_names_every_bad_file_and_suggests_skip_bad(tmp_path, caplog):
    folder = _mixed_corpus(tmp_path)
    with pytest.raises(CorpusError, match=r"more problem.*--skip-bad") as err:
        load_documents([folder])
    assert "\n" not in str(err.value)
    logged = " ".join(r.getMessage() for r in caplog.records)
    for name in ("broken.md", "nofields.md", "empty.md", "blob.md", "huge.md", "zz-same-copy.md",
                 "clash-2.md"):
        assert name in logged


def test_skip_bad_skips_single_jsonl_records(tmp_path):
    path = tmp_path / "docs.jsonl"
    rows = ['{"id": "a", "title": "A", "text": "Good record one."}',
            '{"id": "b", "title": "B"',
            '["not", "an", "object"]',
            '{"id": "c", "title": "C", "text": "Good record three."}',
            json.dumps({"id": "d", "title": "D", "text": "x" * (5 * 1024 * 1024 + 1)})]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus = read_corpus([path], skip_bad=True)
    assert [d.id for d in corpus.documents] == ["a", "c"]
    assert [(s.path.rsplit(":", 1)[1], s.reason.split(" (")[0]) for s in corpus.skipped] == [
        ("2", "not valid JSON"), ("3", "each line must be a JSON object"),
        ("5", "text is over the 5242880-byte limit for one document")]
    with pytest.raises(CorpusError, match=r"docs\.jsonl:2: not valid JSON"):
        load_documents([path])


def test_skip_bad_still_refuses_a_missing_source_or_nothing_to_index(tmp_path):
    write_doc(tmp_path, "good", "A fine sentence here.")
    with pytest.raises(CorpusError, match="no such file or folder") as err:
        read_corpus([tmp_path, tmp_path / "nope"], skip_bad=True)
    assert "--skip-bad" not in str(err.value)  # skipping cannot help there
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no reference documents .*all 1 were skipped"):
        read_corpus([bad], skip_bad=True)
