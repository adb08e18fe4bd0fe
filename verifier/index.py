"""The on-disk passage index: build it from reference documents, load it, search it.

Layout of an index folder:
    CURRENT             name of the active build folder (replaced atomically)
    build-<index_id>/   manifest.json, documents.jsonl, passages.jsonl, vectors.faiss

A build is written to a temporary folder and only becomes visible when CURRENT is swapped, so a
failed or interrupted build leaves the previous index usable and readers never see half a build.
Nothing in the folder is a pickle: JSON and a FAISS file only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np
from pydantic import ValidationError
from tqdm import tqdm

from verifier import __version__
from verifier.embed import Embedder
from verifier.errors import IndexProblem
from verifier.models import (
    Candidate,
    DocumentEntry,
    IndexManifest,
    Passage,
    SourceDocument,
    Span,
)
from verifier.segment import sentence_spans
from verifier.textio import sha256_text

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MIN_PASSAGE_WORDS = 3
_FILES = ("documents.jsonl", "passages.jsonl", "vectors.faiss")


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


@dataclass
class PassageIndex:
    """A loaded index: documents, passages and their vectors, searchable by cosine similarity."""

    path: Path
    manifest: IndexManifest
    documents: dict[str, SourceDocument]
    passages: list[Passage]
    vectors: faiss.Index

    @property
    def index_id(self) -> str:
        return self.manifest.index_id

    def search(self, queries: np.ndarray, k: int) -> list[list[Candidate]]:
        if len(self.passages) == 0 or len(queries) == 0:
            return [[] for _ in range(len(queries))]
        k = min(k, len(self.passages))
        scores, ids = self.vectors.search(np.ascontiguousarray(queries, dtype=np.float32), k)
        return [
            [
                Candidate(
                    passage=self.passages[i],
                    document=self.documents[self.passages[i].doc_id],
                    score=float(s),
                )
                for s, i in zip(row_s, row_i, strict=True)
                if i >= 0
            ]
            for row_s, row_i in zip(scores, ids, strict=True)
        ]

    def document_vectors(self, doc_id: str) -> tuple[list[Passage], np.ndarray]:
        ids = [p.id for p in self.passages if p.doc_id == doc_id]
        if not ids:
            return [], np.zeros((0, self.vectors.d), dtype=np.float32)
        vecs = np.vstack([self.vectors.reconstruct(i) for i in ids])
        return [self.passages[i] for i in ids], vecs


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


def read_manifest(index_dir: str | Path) -> IndexManifest:
    build = _current_build(Path(index_dir))
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


def load_index(index_dir: str | Path, embedder: Embedder | None = None) -> PassageIndex:
    """Load and check an index. With an embedder, refuse an index made by another model."""
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    build = _current_build(index_dir)
    for name in _FILES:
        expected = manifest.files.get(name)
        path = build / name
        if not path.is_file() or expected != _file_sha256(path):
            msg = f"{path} is missing or corrupted (checksum mismatch): rebuild the index"
            raise IndexProblem(msg)
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
    with (build / "passages.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            doc = documents[rec["doc_id"]]
            span = Span(start=rec["start"], end=rec["end"])
            passages.append(
                Passage(id=rec["id"], doc_id=doc.id, text=span.slice(doc.text), span=span)
            )
    try:
        vectors = faiss.read_index(str(build / "vectors.faiss"))
    except RuntimeError as exc:
        msg = f"{build}/vectors.faiss cannot be read by FAISS: rebuild the index"
        raise IndexProblem(msg) from exc
    if vectors.ntotal != len(passages) or vectors.d != manifest.embedding_model.dim:
        msg = f"{build}: vector count or dimension does not match the manifest: rebuild the index"
        raise IndexProblem(msg)
    return PassageIndex(build, manifest, documents, passages, vectors)


def index_is_current(index_dir: str | Path, docs: list[SourceDocument], embedder: Embedder) -> str:
    """Return '' when the index matches these documents and model, else why it does not."""
    try:
        manifest = read_manifest(index_dir)
    except IndexProblem as exc:
        return str(exc)
    if manifest.embedding_model.sha256 != embedder.sha256:
        return "it was built with another embedding model"
    if manifest.format_version != FORMAT_VERSION:
        return f"it has index format {manifest.format_version}, this tool writes {FORMAT_VERSION}"
    wanted = {d.id: document_sha256(d) for d in docs}
    have = {k: v.sha256 for k, v in manifest.documents.items()}
    if wanted != have:
        changed = sorted(set(wanted.items()) ^ set(have.items()))
        return f"{len({k for k, _ in changed})} document(s) were added, changed or removed"
    return ""


def _reusable_vectors(
    index_dir: Path, embedder: Embedder
) -> tuple[dict[str, str], PassageIndex | None]:
    """Vectors of the previous build, when it used the same model, keyed by document hash."""
    try:
        previous = load_index(index_dir, embedder)
    except IndexProblem:
        return {}, None
    if previous.manifest.format_version != FORMAT_VERSION:
        return {}, None
    return {k: v.sha256 for k, v in previous.manifest.documents.items()}, previous


def build_index(
    docs: list[SourceDocument],
    index_dir: str | Path,
    embedder: Embedder,
    *,
    progress: bool = True,
) -> IndexManifest:
    """Write a new build for `docs` and make it current. Unchanged documents keep their vectors."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    docs = sorted(docs, key=lambda d: d.id)
    old_hashes, previous = _reusable_vectors(index_dir, embedder)

    passages: list[Passage] = []
    entries: dict[str, DocumentEntry] = {}
    to_embed: list[tuple[int, str]] = []
    reused: dict[int, np.ndarray] = {}
    for doc in docs:
        digest = document_sha256(doc)
        if previous is not None and old_hashes.get(doc.id) == digest:
            old_passages, old_vecs = previous.document_vectors(doc.id)
            for p, v in zip(old_passages, old_vecs, strict=True):
                reused[len(passages)] = v
                passages.append(p.model_copy(update={"id": len(passages)}))
        else:
            for span in split_passages(doc):
                to_embed.append((len(passages), passage_embedding_text(doc, span)))
                passages.append(
                    Passage(id=len(passages), doc_id=doc.id, text=span.slice(doc.text), span=span)
                )
        entries[doc.id] = DocumentEntry(
            sha256=digest,
            title=doc.title,
            source=doc.source,
            passages=sum(1 for p in passages if p.doc_id == doc.id),
        )
    log.info(
        "%d documents, %d passages: %d to embed, %d reused from the previous build",
        len(docs), len(passages), len(to_embed), len(reused),
    )

    dim = embedder.dim
    matrix = np.zeros((len(passages), dim), dtype=np.float32)
    for i, v in reused.items():
        matrix[i] = v
    batch = 256
    with tqdm(total=len(to_embed), desc="embedding passages", unit="passage",
              disable=not progress) as bar:
        for start in range(0, len(to_embed), batch):
            chunk = to_embed[start : start + batch]
            matrix[[i for i, _ in chunk]] = embedder.embed([t for _, t in chunk])
            bar.update(len(chunk))

    model = embedder.info
    content = sorted((k, v.sha256) for k, v in entries.items())
    index_id = sha256_text(json.dumps([FORMAT_VERSION, model.sha256, content]))[:16]

    tmp = Path(tempfile.mkdtemp(prefix=".tmp-build-", dir=index_dir))
    try:
        with (tmp / "documents.jsonl").open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(doc.model_dump_json() + "\n")
        with (tmp / "passages.jsonl").open("w", encoding="utf-8") as fh:
            for p in passages:
                rec = {"id": p.id, "doc_id": p.doc_id, "start": p.span.start, "end": p.span.end}
                fh.write(json.dumps(rec) + "\n")
        flat = faiss.IndexFlatIP(dim)
        if len(matrix):
            flat.add(matrix)
        faiss.write_index(flat, str(tmp / "vectors.faiss"))
        manifest = IndexManifest(
            format_version=FORMAT_VERSION,
            index_id=index_id,
            tool_version=__version__,
            created_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            embedding_model=model,
            documents=entries,
            passage_count=len(passages),
            files={name: _file_sha256(tmp / name) for name in _FILES},
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


def _make_current(index_dir: Path, build_name: str) -> None:
    pointer_tmp = index_dir / f".CURRENT.{os.getpid()}"
    pointer_tmp.write_text(build_name + "\n", encoding="utf-8")
    os.replace(pointer_tmp, index_dir / "CURRENT")
    # Keep the build just replaced too: a reader that read CURRENT a moment ago may still be
    # loading it. Anything older is unreachable.
    builds = sorted(index_dir.glob("build-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [b for b in builds if b.name != build_name][1:]:
        shutil.rmtree(old, ignore_errors=True)
