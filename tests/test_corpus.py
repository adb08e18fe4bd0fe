import json
import os

import pytest

from tests.conftest import REFERENCE_DOCS, write_doc
from verifier.corpus import load_documents
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
