"""Index build/load/staleness with a tiny model built by the tests (fast, no packaged model)."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import verifier.index as index_mod
from tests.conftest import write_doc
from verifier.corpus import load_documents
from verifier.embed import Embedder
from verifier.errors import IndexProblem, ModelLoadError
from verifier.index import build_index, index_is_current, index_lock, load_index
from verifier.models import SourceDocument


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
    assert names == {"CURRENT", ".build.lock", "manifest.json", "documents.jsonl",
                     "passages.jsonl", "vectors.faiss", "lexical.npz", "lexical_vocab.json"}
    build = out / (out / "CURRENT").read_text().strip()
    manifest = json.loads((build / "manifest.json").read_text())
    assert set(manifest["files"]) == names - {"CURRENT", ".build.lock", "manifest.json"}
    for name in ("lexical.npz", "vectors.faiss"):  # no pickle opcodes hiding in binary files
        assert b"\x80\x04\x95" not in (build / name).read_bytes()
    with np.load(build / "lexical.npz", allow_pickle=False) as z:  # loads without pickle
        assert all(z[k].dtype != object for k in z.files)


# -- incremental updates ----------------------------------------------------------------------


def _counting(tiny, monkeypatch) -> list[str]:
    embedded: list[str] = []
    real = tiny.embed
    monkeypatch.setattr(tiny, "embed", lambda texts, **kw: embedded.extend(texts) or real(texts))
    return embedded


def test_incremental_add_change_remove(corpus, tmp_path, tiny, monkeypatch):
    out = tmp_path / "idx"
    build_index(load_documents([corpus]), out, tiny, progress=False)
    before = load_index(out, tiny)
    old_vec = before.document_vectors("accords")[1]

    write_doc(corpus, "landing", "Chang'e-4 touched down on 3 January 2019 in Von Karman.")
    (corpus / "accords.md").unlink()
    write_doc(corpus, "zarya", "Zarya was launched on 20 November 1998 from Baikonur.")
    write_doc(corpus, "accords2", "Eight nations signed the Artemis Accords on 13 October 2020.")
    docs = load_documents([corpus])
    why = index_is_current(out, docs, tiny)
    assert "1 added" not in why and "2 added, 1 changed, 1 removed" in why

    embedded = _counting(tiny, monkeypatch)
    manifest = build_index(docs, out, tiny, progress=False)
    assert sorted(manifest.documents) == ["accords2", "landing", "zarya"]
    # Only the changed and the new documents were embedded.
    assert sorted(embedded) == sorted([
        "Title of landing. Chang'e-4 touched down on 3 January 2019 in Von Karman.",
        "Title of zarya. Zarya was launched on 20 November 1998 from Baikonur.",
        "Title of accords2. Eight nations signed the Artemis Accords on 13 October 2020.",
    ])
    after = load_index(out, tiny)
    assert "accords" not in after.documents
    assert not [p for p in after.passages if p.doc_id == "accords"]
    assert after.lexical is not None and after.lexical.documents.rows == 3
    assert after.lexical.passages.rows == len(after.passages) == 3
    for p in after.passages:
        assert after.documents[p.doc_id].text[p.span.start : p.span.end] == p.text
    # Removing a document removes its words from the lexical side too.
    assert "karman" in after.lexical.vocab and "yutu" not in after.lexical.vocab
    assert index_is_current(out, docs, tiny) == ""
    assert old_vec.shape[0] == 1

    embedded.clear()
    build_index(docs, out, tiny, progress=False)  # nothing changed: nothing embedded
    assert embedded == []
    np.testing.assert_array_equal(load_index(out, tiny).matrix, after.matrix)


def test_reused_vectors_equal_fresh_ones(corpus, tmp_path, tiny):
    out = tmp_path / "idx"
    build_index(load_documents([corpus]), out, tiny, progress=False)
    write_doc(corpus, "extra", "Zarya was launched on 20 November 1998.")
    build_index(load_documents([corpus]), out, tiny, progress=False)
    incremental = load_index(out, tiny)
    fresh_dir = tmp_path / "fresh"
    build_index(load_documents([corpus]), fresh_dir, tiny, progress=False)
    fresh = load_index(fresh_dir, tiny)
    assert incremental.index_id == fresh.index_id
    assert [p.text for p in incremental.passages] == [p.text for p in fresh.passages]
    np.testing.assert_allclose(incremental.matrix, fresh.matrix, atol=1e-6)


# -- locking and interrupted builds ----------------------------------------------------------


def test_second_build_fails_clearly_while_the_lock_is_held(corpus, tmp_path, tiny):
    out = tmp_path / "idx"
    with index_lock(out), pytest.raises(IndexProblem, match=r"another build of .* is running"):
        build_index(load_documents([corpus]), out, tiny, progress=False)
    build_index(load_documents([corpus]), out, tiny, progress=False)  # lock released


def test_second_build_waits_for_the_lock(corpus, tmp_path, tiny):
    out = tmp_path / "idx"
    docs = load_documents([corpus])
    held = threading.Event()

    def holder():
        with index_lock(out):
            held.set()
            time.sleep(0.6)

    t = threading.Thread(target=holder)
    t.start()
    held.wait(5)
    start = time.monotonic()
    build_index(docs, out, tiny, progress=False, lock_timeout=10)
    assert time.monotonic() - start >= 0.4
    t.join()
    assert load_index(out, tiny).manifest.passage_count == 3


KILLED_BUILD = r"""
import os, sys, time
from verifier.corpus import load_documents
from verifier.embed import Embedder
import verifier.index as index

docs_dir, out, model, stage, marker = sys.argv[1:]
embedder = Embedder(model)
if stage == "embedding":
    real = embedder.embed
    def slow(texts, **kw):
        open(marker, "w").close()
        time.sleep(60)
        return real(texts)
    embedder.embed = slow
else:  # writing: the temporary folder exists and holds part of the build
    real_write = index.faiss.write_index
    def slow_write(ix, path):
        real_write(ix, path)
        open(marker, "w").close()
        time.sleep(60)
    index.faiss.write_index = slow_write
index.build_index(load_documents([docs_dir]), out, embedder, progress=False)
"""


@pytest.mark.parametrize("stage", ["embedding", "writing"])
def test_killed_build_leaves_previous_index_usable(corpus, tmp_path, tiny, tiny_model_dir,
                                                   stage):
    out = tmp_path / "idx"
    first = build_index(load_documents([corpus]), out, tiny, progress=False)
    write_doc(corpus, "extra", "Zarya was launched on 20 November 1998.")
    marker = tmp_path / "marker"
    script = tmp_path / "build.py"
    script.write_text(KILLED_BUILD)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(out), str(tiny_model_dir), stage,
         str(marker)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the build never reached the kill point"
            time.sleep(0.05)
        if stage == "writing":
            assert list(out.glob(".tmp-build-*"))  # killed with a half-written build
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    loaded = load_index(out, tiny)  # the previous index, intact
    assert loaded.index_id == first.index_id and len(loaded.passages) == 3
    # The kernel dropped the dead builder's lock: the next build runs and cleans up.
    manifest = build_index(load_documents([corpus]), out, tiny, progress=False)
    assert manifest.passage_count == 4
    assert not list(out.glob(".tmp-build-*"))
    assert load_index(out, tiny).index_id == manifest.index_id


# -- index types -----------------------------------------------------------------------------


class RandomEmbedder:
    """Deterministic pseudo-embeddings from a hash of the text: an index without a model."""

    sha256 = "0" * 64
    dim = 32
    model_path = Path("random")

    @property
    def info(self):
        from verifier.models import ModelInfo

        return ModelInfo(name="random", sha256=self.sha256, dim=self.dim)

    def embed(self, texts, **kw):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:8], "little")
            out[i] = np.random.default_rng(seed).standard_normal(self.dim)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def _many_docs(n: int) -> list[SourceDocument]:
    return [SourceDocument(id=f"d{i:05d}", title=f"Bulletin {i}",
                           publisher="ESA" if i % 20 == 0 else "NASA",
                           text=f"Statistic number {i} rose by {i % 7} percent this year.")
            for i in range(n)]


def test_hnsw_index_type_recorded_and_close_to_exact(tmp_path):
    emb = RandomEmbedder()
    docs = _many_docs(600)
    flat_m = build_index(docs, tmp_path / "flat", emb, progress=False)
    hnsw_m = build_index(docs, tmp_path / "hnsw", emb, progress=False, index_type="hnsw")
    assert flat_m.index_type == "flat" and hnsw_m.index_type == "hnsw"
    assert hnsw_m.index_params["M"] == index_mod.HNSW_M
    flat, hnsw = load_index(tmp_path / "flat"), load_index(tmp_path / "hnsw")
    assert hnsw.manifest.index_type == "hnsw"
    queries = emb.embed([f"query {i}" for i in range(20)])
    hits = 0
    for (fi, fs), (hi, hs) in zip(flat.dense_search(queries, 10), hnsw.dense_search(queries, 10),
                                  strict=True):
        hits += len(set(fi.tolist()) & set(hi.tolist()))
        assert hs[0] <= fs[0] + 1e-5  # HNSW scores are inner products (cosines) too
    assert hits / 200 >= 0.95
    # An HNSW index is also incremental: unchanged documents keep their vectors.
    build_index([*docs, *_many_docs(601)[600:]], tmp_path / "hnsw", emb, progress=False,
                index_type="hnsw")
    assert load_index(tmp_path / "hnsw").manifest.passage_count == 601


def test_auto_index_type_switches_at_threshold(monkeypatch):
    assert index_mod.choose_index_type("auto", 10) == "flat"
    assert index_mod.choose_index_type("auto", index_mod.HNSW_THRESHOLD + 1) == "hnsw"
    assert index_mod.choose_index_type("flat", 10**7) == "flat"
    with pytest.raises(ValueError, match="index type"):
        index_mod.choose_index_type("ivf", 10)


@pytest.mark.parametrize("index_type", ["flat", "hnsw"])
def test_filtered_dense_search_returns_k_allowed(tmp_path, index_type):
    emb = RandomEmbedder()
    build_index(_many_docs(2000), tmp_path / "idx", emb, progress=False, index_type=index_type)
    idx = load_index(tmp_path / "idx")
    allowed = np.array([idx.documents[p.doc_id].publisher == "ESA" for p in idx.passages])
    assert allowed.sum() == 100
    queries = emb.embed([f"query {i}" for i in range(30)])
    results = idx.dense_search(queries, 10, allowed)
    # flat: a 5% filter scans the allowed subset directly; hnsw: searches deeper first
    assert (idx._deep_searches == 0) == (index_type == "flat")
    exact = queries @ idx.matrix[allowed].T
    found = 0
    for (ids, scores), row in zip(results, exact, strict=True):
        assert len(ids) == 10 and allowed[ids].all()
        best = np.sort(row)[::-1][:10]
        found += int(np.isin(np.round(scores, 5), np.round(best, 5)).sum())
        if index_type == "flat":
            np.testing.assert_allclose(scores, best, atol=1e-5)
    assert found / (10 * len(queries)) >= 0.9  # HNSW is approximate, and close


def test_filtered_search_deepens_when_the_first_pass_is_short(tmp_path):
    emb = RandomEmbedder()
    build_index(_many_docs(2000), tmp_path / "idx", emb, progress=False, index_type="hnsw")
    idx = load_index(tmp_path / "idx")
    allowed = np.array([idx.documents[p.doc_id].publisher == "ESA" for p in idx.passages])
    # a query pointing away from every allowed passage: the nearest ones are all filtered out
    query = -idx.matrix[allowed].mean(axis=0, keepdims=True)
    query /= np.linalg.norm(query)
    ((ids, scores),) = idx.dense_search(query.astype(np.float32), 10, allowed)
    assert idx._deep_searches >= 1 and len(ids) == 10 and allowed[ids].all()
    np.testing.assert_allclose(scores, np.sort(query @ idx.matrix[allowed].T)[0][::-1][:10],
                               atol=1e-5)


def test_index_type_change_makes_index_stale(corpus, tmp_path, tiny):
    docs = load_documents([corpus])
    build_index(docs, tmp_path / "idx", tiny, progress=False)
    assert index_is_current(tmp_path / "idx", docs, tiny, index_type="auto") == ""
    assert "flat index and hnsw was asked for" in index_is_current(
        tmp_path / "idx", docs, tiny, index_type="hnsw")


def test_pickle_only_model_folder_is_refused(tmp_path):
    folder = tmp_path / "pickled"
    folder.mkdir()
    (folder / "modules.json").write_text("[]")
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04pickle")
    with pytest.raises(ModelLoadError, match=r"no weight file \(model.safetensors\)"):
        _ = Embedder(folder).sha256


# -- currency checks file checksums; skipped files are recorded ------------------------------


@pytest.mark.parametrize("name", ["vectors.faiss", "passages.jsonl", "lexical.npz"])
def test_corrupted_file_makes_index_stale_and_a_build_repairs_it(corpus, tmp_path, tiny, name,
                                                                 caplog):
    docs = load_documents([corpus])
    out = tmp_path / "idx"
    build_index(docs, out, tiny, progress=False)
    path = out / (out / "CURRENT").read_text().strip() / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, one byte flipped: only the checksum tells
    path.write_bytes(bytes(data))
    why = index_is_current(out, docs, tiny)
    assert name in why and "corrupted" in why
    assert any(name in r.getMessage() and r.levelname == "WARNING" for r in caplog.records)
    build_index(docs, out, tiny, progress=False)
    assert index_is_current(out, docs, tiny) == ""
    assert load_index(out, tiny).manifest.passage_count == 3


def test_skipped_files_are_recorded_and_part_of_currency(corpus, tmp_path, tiny):
    from verifier.models import SkippedDocument

    docs = load_documents([corpus])
    out = tmp_path / "idx"
    bad = [SkippedDocument(path="docs/bad.md", reason="document has no text")]
    manifest = build_index(docs, out, tiny, progress=False, skipped=bad)
    assert manifest.skipped == bad
    on_disk = json.loads((out / (out / "CURRENT").read_text().strip() / "manifest.json")
                         .read_text())
    assert on_disk["skipped"] == [{"path": "docs/bad.md", "reason": "document has no text"}]
    assert index_is_current(out, docs, tiny, skipped=bad) == ""
    assert "skipped" in index_is_current(out, docs, tiny, skipped=[])
    assert index_is_current(out, docs, tiny) == ""  # not asked: not compared


def test_unknown_index_type_fails_before_embedding(corpus, tmp_path, tiny):
    with pytest.raises(ValueError, match="index type must be one of"):
        build_index(load_documents([corpus]), tmp_path / "idx", tiny, progress=False,
                    index_type="ivf")
    assert not (tmp_path / "idx").exists()
