"""The on-disk passage index: build it from reference documents, load it, search it.

Layout of an index folder:
    CURRENT             name of the active build folder (replaced atomically with os.replace)
    .build.lock         held (flock) by the one build allowed to run at a time
    build-<index_id>-<stamp>/
        manifest.json        what is in the build, with the sha256 of every other file and
                             the reference files skipped as bad (with the reason)
        documents.jsonl      the reference documents (text + authority metadata)
        passages.jsonl       passage spans into their document's text
        vectors.faiss        the passage embeddings (IndexFlatIP, or IndexHNSWFlat over IP)
        lexical.npz          BM25 weights (plain arrays, loaded with allow_pickle=False)
        lexical_vocab.json   the BM25 vocabulary

Safety:
- A build is written to a temporary folder, fsynced, renamed to `build-*` and only then made
  visible by replacing CURRENT: an interrupted build (even SIGKILL) leaves the previous index
  usable, and a reader never sees half a build. The previous build is kept one round so a
  reader that read CURRENT just before the swap can finish loading it.
- Two builds of the same folder cannot race: the second waits up to `lock_timeout` seconds
  (`factcheck index --wait`, default 0) for the lock, then fails with a message naming the
  holder.
- Loading and `index_is_current` check every file against the manifest's sha256: a damaged
  build is refused by `verify` and rebuilt by a plain `factcheck index`.
- Nothing in the folder is a pickle: JSON, a FAISS file and an .npz of numeric arrays.

Why faiss-cpu directly rather than faiss-haystack's FAISSDocumentStore (see ../shared/STACK.md):
- it is always L2: scores become 1/(1+d^2) (Flat) or raw distances (HNSW), while the judge
  thresholds a cosine; with IndexFlatIP / IndexHNSWFlat(METRIC_INNER_PRODUCT) on normalised
  vectors our score *is* the cosine for both index types;
- its filters run after a search of top_k*10 candidates, so a selective publisher/date filter
  silently returns fewer than top_k passages; ours deepens the search until k pass (below);
- it persists every embedding as JSON text next to the .faiss file: bench/bench_speed.py
  measures that cost (JSON of 100k x 384 floats vs our binary FAISS file, see bench/RESULTS.md);
- it pins numpy<2 on Python < 3.13, which conflicts with the numpy the rest of the stack uses.
A desk that needs a server store plugs one in through `verifier.stores` instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import faiss
import numpy as np
from pydantic import ValidationError
from tqdm import tqdm

from verifier import __version__
from verifier.embed import Embedder
from verifier.errors import IndexProblem
from verifier.lexical import LexicalIndex
from verifier.models import (
    Candidate,
    DocumentEntry,
    IndexManifest,
    Passage,
    SkippedDocument,
    SourceDocument,
    Span,
)
from verifier.segment import sentence_spans
from verifier.textio import sha256_text

try:  # POSIX advisory locks; released by the kernel when the holder dies, even by SIGKILL.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

FORMAT_VERSION = 2
READABLE_FORMATS = (1, 2)  # format 1 (dense only) still loads; its vectors are reused
MIN_PASSAGE_WORDS = 3
PASSAGE_RULE = 1  # bump when split_passages/passage_embedding_text change: no vector reuse
_FILES_V1 = ("documents.jsonl", "passages.jsonl", "vectors.faiss")
_FILES = (*_FILES_V1, LexicalIndex.NPZ, LexicalIndex.VOCAB)
LOCK_NAME = ".build.lock"

INDEX_TYPES = ("auto", "flat", "hnsw")
# Exact search stays fast up to about 100k passages (STACK.md: ~15 ms per query at 100k, 2
# cores); beyond that `auto` builds HNSW. The parameters below are recorded in the manifest.
HNSW_THRESHOLD = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
EMBED_CHUNK = 1024


def document_sha256(doc: SourceDocument) -> str:
    """Hash of everything about a document that ends up in the index or in a citation."""
    return sha256_text(doc.model_dump_json(exclude={"source"}))


def split_passages(doc: SourceDocument) -> list[Span]:
    return [
        span
        for span in sentence_spans(doc.text)
        if len(span.slice(doc.text).split()) >= MIN_PASSAGE_WORDS
    ]


def passage_embedding_text(doc: SourceDocument, span: Span) -> str:
    # The title carries the subject that a lone sentence ("It landed on 3 January.") omits.
    return f"{doc.title}. {span.slice(doc.text)}"


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _flat_storage(index: faiss.Index) -> faiss.Index:
    """The IndexFlat holding the raw vectors of a Flat or HNSW-Flat index."""
    index = faiss.downcast_index(index)
    if isinstance(index, faiss.IndexHNSW):
        return faiss.downcast_index(index.storage)
    return index


class _IndexView(np.ndarray):
    """An ndarray over memory owned by a FAISS index; holds the index so it outlives the view."""

    _owner: object = None

    def __array_finalize__(self, obj: object) -> None:
        self._owner = getattr(obj, "_owner", None)


def vector_matrix(index: faiss.Index) -> np.ndarray:
    """Zero-copy (n, d) float32 view of the vectors stored in a Flat or HNSW-Flat index.

    The view keeps a reference to the index (FAISS's raw pointer alone would not), so the
    memory stays valid as long as the array or any slice of it is alive.
    """
    flat = _flat_storage(index)
    n, d = flat.ntotal, flat.d
    if n == 0:
        return np.zeros((0, d), dtype=np.float32)
    view = faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d).view(_IndexView)
    view._owner = (index, flat)
    return view


@contextlib.contextmanager
def _faiss_threads_for(n_queries: int) -> Iterator[None]:
    """One OpenMP thread for small query batches.

    FAISS answers fewer than 20 queries one query per thread, so extra threads only spin; on a
    busy 2-core machine that spinning made a single 10k-passage query 60 ms instead of 0.9 ms
    (measured, see bench/RESULTS.md). Large batches keep every thread.
    """
    if n_queries >= 20:
        yield
        return
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


@dataclass
class PassageIndex:
    """A loaded index: documents, passages, their vectors (and BM25 tables), searchable."""

    path: Path
    manifest: IndexManifest
    documents: dict[str, SourceDocument]
    passages: list[Passage]
    vectors: faiss.Index
    lexical: LexicalIndex | None = None
    _deep_searches: int = field(default=0, repr=False)
    _selectors: dict = field(default_factory=dict, repr=False)

    @property
    def index_id(self) -> str:
        return self.manifest.index_id

    @property
    def index_type(self) -> str:
        return self.manifest.index_type

    @cached_property
    def matrix(self) -> np.ndarray:
        """All passage vectors, (n, d) float32, a view into the FAISS index (no copy)."""
        return vector_matrix(self.vectors)

    @cached_property
    def document_order(self) -> list[str]:
        """Document ids in row order of the lexical document table (documents.jsonl order)."""
        return list(self.documents)

    @cached_property
    def passage_document_row(self) -> np.ndarray:
        """For each passage, the row of its document in `document_order`."""
        row = {d: i for i, d in enumerate(self.document_order)}
        return np.fromiter((row[p.doc_id] for p in self.passages), dtype=np.int64,
                           count=len(self.passages))

    @cached_property
    def document_passages(self) -> dict[str, np.ndarray]:
        groups: dict[str, list[int]] = {}
        for p in self.passages:
            groups.setdefault(p.doc_id, []).append(p.id)
        return {d: np.asarray(ids, dtype=np.int64) for d, ids in groups.items()}

    def candidate(self, passage_id: int, score: float, **extra: float) -> Candidate:
        p = self.passages[passage_id]
        return Candidate(passage=p, document=self.documents[p.doc_id], score=score, **extra)

    def dense_search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """(passage ids, cosines) of the k nearest passages per query, best first.

        With `allowed` (a boolean mask over passages) only allowed passages are returned, and
        never fewer than min(k, number allowed). An exact (flat) index restricts its scan to
        the allowed ids (FAISS bitmap selector). An HNSW index is searched deeper (x4 each
        time) until k allowed passages are found, and once that would cover a quarter of the
        index, the allowed passages are scanned exactly. A filter never silently shrinks the
        result.
        """
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        n = len(self.passages)
        if n == 0 or len(queries) == 0:
            return [(np.zeros(0, np.int64), np.zeros(0, np.float32)) for _ in queries]
        with _faiss_threads_for(len(queries)):
            return self._dense_search(queries, k, allowed, n)

    def _dense_search(
        self, queries: np.ndarray, k: int, allowed: np.ndarray | None, n: int
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        if allowed is None:
            k = min(k, n)
            scores, ids = self.vectors.search(queries, k)
            return [(i[i >= 0].astype(np.int64), s[i >= 0]) for s, i in zip(scores, ids,
                                                                             strict=True)]
        allowed_ids = np.flatnonzero(allowed)
        k = min(k, len(allowed_ids))
        if k == 0:
            return [(np.zeros(0, np.int64), np.zeros(0, np.float32)) for _ in queries]
        out: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(queries)
        todo = np.arange(len(queries))
        if self.manifest.index_type == "flat":
            # Exact search restricted to the allowed ids inside FAISS (a bitmap selector): no
            # post-filtering, skips the rest, always min(k, allowed) results.
            scores, ids = self.vectors.search(queries, k, params=self._selector(allowed))
            return [(i[i >= 0].astype(np.int64), s[i >= 0]) for s, i in zip(scores, ids,
                                                                             strict=True)]
        # Approximate index: start deep enough that, at this filter's selectivity, about 2k
        # allowed passages are expected; go deeper while too few pass.
        fraction = len(allowed_ids) / n
        depth = max(64, int(2 * k / fraction))
        while len(todo) and depth < n // 4:
            scores, ids = self.vectors.search(queries[todo], depth)
            self._deep_searches += 1
            still = []
            for q, s, i in zip(todo, scores, ids, strict=True):
                keep = (i >= 0) & allowed[np.maximum(i, 0)]
                if keep.sum() >= k:
                    out[q] = (i[keep][:k].astype(np.int64), s[keep][:k])
                else:
                    still.append(q)
            todo = np.asarray(still, dtype=np.int64)
            depth *= 4
        if len(todo):  # exact scan of the allowed subset: cost proportional to its size
            sub = self.matrix[allowed_ids]
            sims = queries[todo] @ sub.T
            for q, row in zip(todo, sims, strict=True):
                top = np.argpartition(-row, k - 1)[:k] if len(row) > k else np.arange(len(row))
                top = top[np.argsort(-row[top], kind="stable")]
                out[q] = (allowed_ids[top], row[top].astype(np.float32))
        return out  # type: ignore[return-value]

    def _selector(self, allowed: np.ndarray) -> faiss.SearchParameters:
        """FAISS search parameters admitting only `allowed` passages (cached per mask)."""
        cached = self._selectors.get(id(allowed))
        if cached is not None and cached[0] is allowed:
            return cached[3]
        bits = np.packbits(allowed.astype(bool), bitorder="little")
        selector = faiss.IDSelectorBitmap(len(allowed), faiss.swig_ptr(bits))
        params = faiss.SearchParameters(sel=selector)
        if len(self._selectors) > 16:
            self._selectors.clear()
        # keep the mask, the bitmap and the selector alive as long as the parameters
        self._selectors[id(allowed)] = (allowed, bits, selector, params)
        return params

    def search(
        self, queries: np.ndarray, k: int, *, allowed: np.ndarray | None = None
    ) -> list[list[Candidate]]:
        """Dense search: the k passages closest to each query vector (score = cosine)."""
        return [
            [self.candidate(int(i), float(s)) for i, s in zip(ids, scores, strict=True)]
            for ids, scores in self.dense_search(queries, k, allowed)
        ]

    def document_vectors(self, doc_id: str) -> tuple[list[Passage], np.ndarray]:
        ids = self.document_passages.get(doc_id)
        if ids is None:
            return [], np.zeros((0, self.vectors.d), dtype=np.float32)
        return [self.passages[i] for i in ids], self.matrix[ids]


def _current_build(index_dir: Path) -> Path:
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        msg = (
            f"no index at {index_dir}: build one with "
            f"`factcheck index reference_docs --out {index_dir}`"
        )
        raise IndexProblem(msg)
    name = pointer.read_text(encoding="utf-8").strip()
    build = index_dir / name
    if not name.startswith("build-") or "/" in name or not build.is_dir():
        msg = f"{index_dir}: CURRENT names {name!r}, which is not a build in this folder"
        raise IndexProblem(msg)
    return build


def _read_manifest(build: Path, index_dir: Path) -> IndexManifest:
    try:
        manifest = IndexManifest.model_validate_json((build / "manifest.json").read_text("utf-8"))
    except (OSError, ValidationError, ValueError) as exc:
        msg = f"{build}/manifest.json is missing or unreadable: rebuild the index"
        raise IndexProblem(msg) from exc
    if manifest.format_version > FORMAT_VERSION:
        msg = (
            f"{index_dir} was written by a newer tool (index format {manifest.format_version}, "
            f"this tool reads {FORMAT_VERSION}): upgrade factcheck or rebuild the index"
        )
        raise IndexProblem(msg)
    return manifest


def read_manifest(index_dir: str | Path) -> IndexManifest:
    index_dir = Path(index_dir)
    return _read_manifest(_current_build(index_dir), index_dir)


def _damaged_file(build: Path, manifest: IndexManifest) -> Path | None:
    """The first index file that is missing or whose sha256 is not the manifest's."""
    needed = _FILES if manifest.format_version >= 2 else _FILES_V1
    for name in needed:
        path = build / name
        if not path.is_file() or manifest.files.get(name) != _file_sha256(path):
            return path
    return None


def _check_files(build: Path, manifest: IndexManifest) -> None:
    damaged = _damaged_file(build, manifest)
    if damaged is not None:
        msg = f"{damaged} is missing or corrupted (checksum mismatch): rebuild the index"
        raise IndexProblem(msg)


def _read_vectors(build: Path, manifest: IndexManifest) -> faiss.Index:
    try:
        vectors = faiss.read_index(str(build / "vectors.faiss"))
    except RuntimeError as exc:
        msg = f"{build}/vectors.faiss cannot be read by FAISS: rebuild the index"
        raise IndexProblem(msg) from exc
    if vectors.ntotal != manifest.passage_count or vectors.d != manifest.embedding_model.dim:
        msg = f"{build}: vector count or dimension does not match the manifest: rebuild the index"
        raise IndexProblem(msg)
    if isinstance(faiss.downcast_index(vectors), faiss.IndexHNSW):
        # Set on the object read_index returned: a downcast wrapper does not own the index.
        ef = int(manifest.index_params.get("efSearch", HNSW_EF_SEARCH))
        faiss.ParameterSpace().set_index_parameter(vectors, "efSearch", ef)
    return vectors


def _read_spans(build: Path) -> list[tuple[int, str, int, int]]:
    out = []
    with (build / "passages.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out.append((rec["id"], rec["doc_id"], rec["start"], rec["end"]))
    return out


def _load_build(index_dir: Path, embedder: Embedder | None) -> PassageIndex:
    build = _current_build(index_dir)
    manifest = _read_manifest(build, index_dir)
    _check_files(build, manifest)
    if embedder is not None and embedder.sha256 != manifest.embedding_model.sha256:
        msg = (
            f"{index_dir} was built with embedding model {manifest.embedding_model.name} "
            f"(sha256 {manifest.embedding_model.sha256[:12]}), but the model in use is "
            f"{embedder.model_path} (sha256 {embedder.sha256[:12]}): rebuild the index "
            "with this model or pass the model it was built with"
        )
        raise IndexProblem(msg)
    documents = {}
    with (build / "documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            doc = SourceDocument.model_validate_json(line)
            documents[doc.id] = doc
    passages = []
    for pid, doc_id, start, end in _read_spans(build):
        text = documents[doc_id].text
        passages.append(Passage.model_construct(
            id=pid, doc_id=doc_id, text=text[start:end], span=Span(start=start, end=end)
        ))
    vectors = _read_vectors(build, manifest)
    lexical = None
    if manifest.format_version >= 2:
        try:
            lexical = LexicalIndex.load(build)
        except (OSError, ValueError, KeyError) as exc:
            msg = f"{build}: lexical tables unreadable ({exc}): rebuild the index"
            raise IndexProblem(msg) from exc
    else:
        log.warning("%s has index format 1 (dense only): rebuild it for hybrid search", index_dir)
    return PassageIndex(build, manifest, documents, passages, vectors, lexical)


def load_index(index_dir: str | Path, embedder: Embedder | None = None) -> PassageIndex:
    """Load and check an index. With an embedder, refuse an index made by another model."""
    index_dir = Path(index_dir)
    try:
        return _load_build(index_dir, embedder)
    except (IndexProblem, OSError):
        # A build swapped twice while we were loading can have its folder removed under us:
        # CURRENT then names a newer, complete build. Try that once before giving up.
        time.sleep(0.05)
        return _load_build(index_dir, embedder)


def index_is_current(
    index_dir: str | Path, docs: list[SourceDocument], embedder: Embedder, *,
    index_type: str | None = None, skipped: Sequence[SkippedDocument] | None = None,
) -> str:
    """Return '' when the index matches these documents and model, else why it does not.

    With `index_type` "flat" or "hnsw", an index of the other type is not current either; with
    `skipped`, neither is one whose manifest lists other skipped files. Last, every index file
    is checked against its sha256 in the manifest (a warning names a damaged one), so a plain
    `factcheck index` rebuilds a corrupted index instead of calling it up to date. Hashing is
    cheap next to a build (0.15 s for 200 MB on the 2-core dev machine); loading checks the
    same sums, so `verify` needs no extra pass.
    """
    index_dir = Path(index_dir)
    try:
        build = _current_build(index_dir)
        manifest = _read_manifest(build, index_dir)
    except IndexProblem as exc:
        return str(exc)
    if index_type not in (None, "auto") and manifest.index_type != index_type:
        return f"it is a {manifest.index_type} index and {index_type} was asked for"
    if manifest.embedding_model.sha256 != embedder.sha256:
        return ("it was built with another embedding model: every passage is embedded again "
                "(full rebuild)")
    if manifest.format_version != FORMAT_VERSION:
        return f"it has index format {manifest.format_version}, this tool writes {FORMAT_VERSION}"
    wanted = {d.id: document_sha256(d) for d in docs}
    have = {k: v.sha256 for k, v in manifest.documents.items()}
    if wanted != have:
        added = len(wanted.keys() - have.keys())
        removed = len(have.keys() - wanted.keys())
        changed = sum(1 for k in wanted.keys() & have.keys() if wanted[k] != have[k])
        return (f"{added + removed + changed} document(s) were added, changed or removed "
                f"({added} added, {changed} changed, {removed} removed)")
    if skipped is not None and list(skipped) != manifest.skipped:
        return "the files skipped as bad are not the ones the manifest lists"
    damaged = _damaged_file(build, manifest)
    if damaged is not None:
        log.warning("%s is missing or corrupted (its checksum does not match the manifest): "
                    "the index is rebuilt", damaged)
        return f"{damaged} is missing or corrupted (checksum mismatch)"
    return ""


# -- building ---------------------------------------------------------------------------------


@dataclass
class _Previous:
    """What a build reuses from the current one: per document hash, its spans and vectors."""

    hashes: dict[str, str]
    spans: dict[str, list[tuple[int, int, int]]]  # doc_id -> [(start, end, vector row)]
    matrix: np.ndarray
    index: faiss.Index  # keeps `matrix` (a view) alive


def _previous_build(index_dir: Path, embedder: Embedder) -> _Previous | None:
    """The current build's vectors when they can be reused (same model, same passage rule)."""
    try:
        build = _current_build(index_dir)
        manifest = _read_manifest(build, index_dir)
        if manifest.embedding_model.sha256 != embedder.sha256:
            log.info("the embedding model changed: every passage is embedded again")
            return None
        if manifest.passage_rule != PASSAGE_RULE:
            log.info("the passage rule changed: every passage is embedded again")
            return None
        for name in _FILES_V1:  # vectors and spans only; lexical tables are always rebuilt
            if manifest.files.get(name) != _file_sha256(build / name):
                log.warning("%s/%s is corrupted: not reusing the previous build", build, name)
                return None
        index = _read_vectors(build, manifest)
        spans: dict[str, list[tuple[int, int, int]]] = {}
        for pid, doc_id, start, end in _read_spans(build):
            spans.setdefault(doc_id, []).append((start, end, pid))
    except (IndexProblem, OSError, ValueError, KeyError):
        return None
    hashes = {k: v.sha256 for k, v in manifest.documents.items()}
    return _Previous(hashes, spans, vector_matrix(index), index)


def choose_index_type(index_type: str, passages: int) -> str:
    if index_type not in INDEX_TYPES:
        msg = f"index type must be one of {', '.join(INDEX_TYPES)}, got {index_type!r}"
        raise ValueError(msg)
    if index_type == "auto":
        return "hnsw" if passages > HNSW_THRESHOLD else "flat"
    return index_type


def make_faiss_index(
    matrix: np.ndarray, index_type: str, *, m: int = HNSW_M,
    ef_construction: int = HNSW_EF_CONSTRUCTION, ef_search: int = HNSW_EF_SEARCH,
) -> tuple[faiss.Index, dict[str, int]]:
    """An inner-product FAISS index over `matrix` (normalised rows: scores are cosines)."""
    dim = matrix.shape[1]
    if index_type == "hnsw":
        index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = ef_construction
        index.hnsw.efSearch = ef_search
        params = {"M": m, "efConstruction": ef_construction, "efSearch": ef_search}
    else:
        index = faiss.IndexFlatIP(dim)
        params = {}
    if len(matrix):
        index.add(np.ascontiguousarray(matrix, dtype=np.float32))
    return index, params


@contextlib.contextmanager
def index_lock(index_dir: str | Path, timeout: float = 0.0) -> Iterator[None]:
    """Hold the build lock of an index folder; wait up to `timeout` s, then IndexProblem.

    The lock is an flock on `<index_dir>/.build.lock`: the kernel releases it when the holder
    exits or is killed, so a crashed build never leaves a stale lock behind.
    """
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    path = index_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                        raise
                    if time.monotonic() >= deadline:
                        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                        msg = (
                            f"another build of {index_dir} is running ({holder or 'unknown'}): "
                            "wait for it to finish, or let this one wait for it "
                            "(lock_timeout / --wait)"
                        )
                        raise IndexProblem(msg) from None
                    time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {now}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


def _clean_stale_temporaries(index_dir: Path) -> None:
    """Remove what killed builds left behind. Only called while holding the build lock."""
    for tmp in index_dir.glob(".tmp-build-*"):
        log.info("removing %s, left by an interrupted build", tmp)
        shutil.rmtree(tmp, ignore_errors=True)
    for tmp in index_dir.glob(".CURRENT.*"):
        tmp.unlink(missing_ok=True)


def build_index(
    docs: list[SourceDocument],
    index_dir: str | Path,
    embedder: Embedder,
    *,
    progress: bool = True,
    index_type: str = "auto",
    lock_timeout: float = 0.0,
    skipped: Sequence[SkippedDocument] = (),
) -> IndexManifest:
    """Write a new build for `docs` and make it current.

    Incremental: passages of documents whose content hash is unchanged keep their vectors from
    the current build (when it used the same model); new and changed documents are embedded;
    documents no longer given are dropped. `index_type` is "flat" (exact), "hnsw" or "auto"
    (HNSW above HNSW_THRESHOLD passages). Another build holding the folder's lock makes this
    one wait up to `lock_timeout` seconds (0: fail at once), then fail with IndexProblem.
    `skipped` (the files `read_corpus(..., skip_bad=True)` left out) is recorded in the manifest.
    """
    index_dir = Path(index_dir)
    choose_index_type(index_type, 0)  # an unknown type fails before anything is embedded
    with index_lock(index_dir, lock_timeout):
        _clean_stale_temporaries(index_dir)
        return _build_locked(docs, index_dir, embedder, progress=progress,
                             index_type=index_type, skipped=list(skipped))


def _build_locked(
    docs: list[SourceDocument], index_dir: Path, embedder: Embedder, *, progress: bool,
    index_type: str, skipped: list[SkippedDocument],
) -> IndexManifest:
    docs = sorted(docs, key=lambda d: d.id)
    previous = _previous_build(index_dir, embedder)

    passages: list[Passage] = []
    entries: dict[str, DocumentEntry] = {}
    to_embed: list[tuple[int, str]] = []
    reused_rows: list[tuple[int, int]] = []  # (new passage id, previous vector row)
    for doc in docs:
        digest = document_sha256(doc)
        first = len(passages)
        if previous is not None and previous.hashes.get(doc.id) == digest:
            for start, end, row in previous.spans.get(doc.id, []):
                reused_rows.append((len(passages), row))
                passages.append(Passage.model_construct(
                    id=len(passages), doc_id=doc.id, text=doc.text[start:end],
                    span=Span(start=start, end=end),
                ))
        else:
            for span in split_passages(doc):
                to_embed.append((len(passages), passage_embedding_text(doc, span)))
                passages.append(Passage.model_construct(
                    id=len(passages), doc_id=doc.id, text=span.slice(doc.text), span=span
                ))
        entries[doc.id] = DocumentEntry(
            sha256=digest, title=doc.title, source=doc.source, passages=len(passages) - first,
        )
    removed = sorted(previous.hashes.keys() - entries.keys()) if previous else []
    log.info(
        "%d documents, %d passages: %d to embed, %d reused from the previous build, "
        "%d document(s) removed",
        len(docs), len(passages), len(to_embed), len(reused_rows), len(removed),
    )

    dim = embedder.dim
    matrix = np.zeros((len(passages), dim), dtype=np.float32)
    if reused_rows:
        new_ids, old_rows = (np.asarray(x, dtype=np.int64) for x in zip(*reused_rows,
                                                                         strict=True))
        matrix[new_ids] = previous.matrix[old_rows]  # type: ignore[union-attr]
    previous = None  # release the previous index's memory before embedding
    # Longest first, in large chunks: sentence-transformers pads each batch to its longest
    # text, so length-sorted batches waste no compute (the raw model speed is the ceiling).
    to_embed.sort(key=lambda item: -len(item[1]))
    with tqdm(total=len(to_embed), desc="embedding passages", unit="passage",
              disable=not progress) as bar:
        for start in range(0, len(to_embed), EMBED_CHUNK):
            chunk = to_embed[start : start + EMBED_CHUNK]
            matrix[[i for i, _ in chunk]] = embedder.embed([t for _, t in chunk])
            bar.update(len(chunk))

    chosen = choose_index_type(index_type, len(passages))
    model = embedder.info
    content = sorted((k, v.sha256) for k, v in entries.items())
    index_id = sha256_text(json.dumps([FORMAT_VERSION, model.sha256, chosen, content]))[:16]

    tmp = Path(tempfile.mkdtemp(prefix=".tmp-build-", dir=index_dir))
    try:
        with (tmp / "documents.jsonl").open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(doc.model_dump_json() + "\n")
        with (tmp / "passages.jsonl").open("w", encoding="utf-8") as fh:
            for p in passages:
                rec = {"id": p.id, "doc_id": p.doc_id, "start": p.span.start, "end": p.span.end}
                fh.write(json.dumps(rec) + "\n")
        titles = {d.id: d.title for d in docs}
        lexical = LexicalIndex.build(
            (f"{titles[p.doc_id]} {p.text}" for p in passages),
            (f"{d.title} {d.text}" for d in docs),
        )
        lexical.save(tmp)
        if chosen == "hnsw":
            log.info("building an HNSW graph over %d passages", len(passages))
        vectors, params = make_faiss_index(matrix, chosen)
        faiss.write_index(vectors, str(tmp / "vectors.faiss"))
        del vectors
        manifest = IndexManifest(
            format_version=FORMAT_VERSION,
            index_id=index_id,
            tool_version=__version__,
            created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            embedding_model=model,
            documents=entries,
            passage_count=len(passages),
            files={name: _file_sha256(tmp / name) for name in _FILES},
            index_type=chosen,
            index_params=params,
            lexical=lexical.params,
            passage_rule=PASSAGE_RULE,
            skipped=skipped,
        )
        (tmp / "manifest.json").write_text(manifest.model_dump_json(indent=2), encoding="utf-8")
        for f in tmp.iterdir():
            with f.open("rb") as fh:
                os.fsync(fh.fileno())
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        final = index_dir / f"build-{index_id}-{stamp}"
        tmp.rename(final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _make_current(index_dir, final.name)
    return manifest


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _make_current(index_dir: Path, build_name: str) -> None:
    _fsync_dir(index_dir)  # the renamed build folder is durable before CURRENT names it
    pointer_tmp = index_dir / f".CURRENT.{os.getpid()}"
    with pointer_tmp.open("w", encoding="utf-8") as fh:
        fh.write(build_name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(pointer_tmp, index_dir / "CURRENT")
    _fsync_dir(index_dir)
    # Keep the build just replaced too: a reader that read CURRENT a moment ago may still be
    # loading it. Anything older is unreachable.
    builds = sorted(index_dir.glob("build-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [b for b in builds if b.name != build_name][1:]:
        shutil.rmtree(old, ignore_errors=True)
