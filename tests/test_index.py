"""Index build/load/staleness with a tiny model built by the tests (fast, no packaged model)."""

import json
from pathlib import Path

import pytest

from tests.conftest import write_doc
from verifier.corpus import load_documents
from verifier.embed import Embedder
from verifier.errors import IndexProblem, ModelLoadError
from verifier.index import build_index, index_is_current, load_index


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    write_doc(folder, "landing", "Chang'e-4 landed on 3 January 2019. It carried the Yutu-2 rover.")
    write_doc(folder, "accords", "Eight nations signed the Artemis Accords on 13 October 2020.")
    return folder


@pytest.fixture(scope="module")
def tiny(tiny_model_dir):
    return Embedder(tiny_model_dir)


def test_build_and_load_round_trip(corpus, tmp_path, tiny):
    docs = load_documents([corpus])
    out = tmp_path / "idx"
    manifest = build_index(docs, out, tiny, progress=False)
    assert manifest.passage_count == 3
    assert manifest.embedding_model.sha256 == tiny.sha256
    loaded = load_index(out, tiny)
    assert loaded.index_id == manifest.index_id
    for p in loaded.passages:
        doc = loaded.documents[p.doc_id]
        assert doc.text[p.span.start : p.span.end] == p.text
    hits = loaded.search(tiny.embed(["Chang'e-4 landed on 3 January 2019."]), 2)[0]
    assert len(hits) == 2 and hits[0].document.id in {"landing", "accords"}
    assert index_is_current(out, docs, tiny) == ""
    assert not list(out.glob(".tmp-build-*"))


def test_missing_index_message(tmp_path, tiny):
    with pytest.raises(IndexProblem, match=r"no index at .*factcheck index"):
        load_index(tmp_path / "none", tiny)


def test_index_from_another_model_is_refused(corpus, tmp_path, tiny):
    out = tmp_path / "idx"
    build_index(load_documents([corpus]), out, tiny, progress=False)
    packaged = Embedder()  # hashing its weights does not load it
    with pytest.raises(IndexProblem, match="was built with embedding model"):
        load_index(out, packaged)
    assert "another embedding model" in index_is_current(out, load_documents([corpus]), packaged)


def test_corrupted_vectors_detected(corpus, tmp_path, tiny):
    out = tmp_path / "idx"
    build_index(load_documents([corpus]), out, tiny, progress=False)
    build = out / (out / "CURRENT").read_text().strip()
    (build / "vectors.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexProblem, match="corrupted"):
        load_index(out, tiny)


def test_newer_format_refused(corpus, tmp_path, tiny):
    out = tmp_path / "idx"
    build_index(load_documents([corpus]), out, tiny, progress=False)
    build = out / (out / "CURRENT").read_text().strip()
    manifest = json.loads((build / "manifest.json").read_text())
    manifest["format_version"] = 99
    (build / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(IndexProblem, match="newer tool"):
        load_index(out, tiny)


def test_stale_after_document_change_and_incremental_reuse(corpus, tmp_path, tiny, monkeypatch):
    out = tmp_path / "idx"
    build_index(load_documents([corpus]), out, tiny, progress=False)
    write_doc(corpus, "extra", "Zarya was launched on 20 November 1998.")
    docs = load_documents([corpus])
    assert "1 document(s)" in index_is_current(out, docs, tiny)

    embedded: list[str] = []
    real = tiny.embed
    monkeypatch.setattr(tiny, "embed", lambda texts, **kw: embedded.extend(texts) or real(texts))
    manifest = build_index(docs, out, tiny, progress=False)
    assert manifest.passage_count == 4
    assert len(embedded) == 1 and "Zarya" in embedded[0]  # unchanged documents reused
    fresh = load_index(out, tiny)
    assert [p.text for p in fresh.passages if p.doc_id == "extra"] == [
        "Zarya was launched on 20 November 1998."
    ]


def test_failed_build_keeps_previous_index(corpus, tmp_path, tiny, monkeypatch):
    out = tmp_path / "idx"
    first = build_index(load_documents([corpus]), out, tiny, progress=False)
    write_doc(corpus, "extra", "Zarya was launched on 20 November 1998.")

    def boom(texts, **kw):
        raise OSError("No space left on device")

    monkeypatch.setattr(tiny, "embed", boom)
    with pytest.raises(OSError, match="No space"):
        build_index(load_documents([corpus]), out, tiny, progress=False)
    monkeypatch.undo()
    assert load_index(out, tiny).index_id == first.index_id
    assert not list(out.glob(".tmp-build-*"))


def test_bad_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match="does not exist or is not a model"):
        Embedder(tmp_path / "nothing")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "modules.json").write_text("not json")
    (broken / "model.safetensors").write_bytes(b"x")
    with pytest.raises(ModelLoadError, match="cannot load embedding model"):
        Embedder(broken).embed(["text"])


def test_no_pickles_in_index(corpus, tmp_path, tiny):
    out = tmp_path / "idx"
    build_index(load_documents([corpus]), out, tiny, progress=False)
    names = {p.name for p in Path(out).rglob("*") if p.is_file()}
    assert names == {"CURRENT", "manifest.json", "documents.jsonl", "passages.jsonl",
                     "vectors.faiss"}
