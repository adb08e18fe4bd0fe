"""Index and retrieval speed: build throughput vs the raw model, incremental updates, query
latency at 10k/100k passages, HNSW recall vs exact search, memory, faiss-haystack's JSON cost.

Usage (from the repository root; every part prints its own numbers):
    nice -n 5 .venv/bin/python bench/bench_speed.py build    [--docs 400] [--threads 1]
    nice -n 5 .venv/bin/python bench/bench_speed.py query    [--sizes 10000,100000]
                                                             [--index-type flat|hnsw]
    nice -n 5 .venv/bin/python bench/bench_speed.py hnsw     [--sizes 100000,300000]
                                                    [--data clustered|uniform|scifact]
    nice -n 5 .venv/bin/python bench/bench_speed.py memory   [--passages 100000]
    nice -n 5 .venv/bin/python bench/bench_speed.py json     [--passages 10000]

build   Raw embedding throughput of the packaged model over the passages of the first --docs
        SciFact abstracts (one `Embedder.embed` call, sentence-transformers' own length
        sorting), then `build_index` over the same documents in a fresh folder, in the same
        run: the ratio build/raw throughput says what the pipeline adds (target >= 0.9). Then
        1% of the documents change (new sentence appended) and the incremental build is timed
        against the full one (target < 5%).
query   Synthetic indexes of N passages: real SciFact sentences (so BM25 has real statistics)
        with random unit vectors (FAISS cost does not depend on the values for exact search).
        Per claim, one claim at a time: p50/p95 latency of the retrieval after embedding
        (dense + BM25 + fusion + second stage), of the claim embedding, and batch claims/s.
        Also the whole `Verifier.verify` on the seed article at the largest size, warm.
hnsw    Clustered synthetic vectors (2,000 Gaussian clusters on the unit sphere, like sentence
        embeddings, which are far from uniform): HNSW (M=32, efConstruction=80, efSearch=128,
        inner product) build time, recall@10 against exact IndexFlatIP, query latency. The
        1M point needs 1.5 GB for the vectors plus the graph and a long single-machine build;
        pass it in --sizes only if the machine is idle. `--data scifact` uses the real passage
        vectors of bench_retrieval.py's cached index (44,830) and real claims as queries;
        `--data uniform` the worst case (random unit vectors, no structure).
memory  Peak RSS of a fresh process that loads an N-passage index, minus the same process
        before loading (imports done), per 100k passages.
json    What faiss-haystack's persistence (every embedding as JSON text) costs against our
        binary FAISS file, for N 384-d vectors.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SCIFACT = ROOT.parent / "shared" / "bench" / "scifact"
SEED_ARTICLE = ROOT.parent / "shared" / "seeds" / "000_d7cbc5efb14dccd9.txt"


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def scifact_docs(limit: int | None = None):
    from verifier.models import SourceDocument

    docs = []
    with (SCIFACT / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            docs.append(SourceDocument(
                id=str(r["doc_id"]), title=r["title"].strip() or str(r["doc_id"]),
                text="\n".join(s.strip() for s in r["abstract"]), publisher="SciFact",
                doc_type="abstract"))
            if limit and len(docs) >= limit:
                break
    return docs


def scifact_claims(n: int) -> list[str]:
    out = []
    with (SCIFACT / "claims_train.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line)["claim"])
            if len(out) >= n:
                break
    return out


class RandomEmbedder:
    """Random unit vectors, seeded by the text: indexes of any size without the model."""

    sha256 = "5" * 64
    model_path = Path("random-unit-vectors")

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self._rng = np.random.default_rng(0)

    @property
    def info(self):
        from verifier.models import ModelInfo

        return ModelInfo(name="random", sha256=self.sha256, dim=self.dim)

    @property
    def model_id(self) -> str:
        return "random"

    def embed(self, texts, **kw) -> np.ndarray:
        v = self._rng.standard_normal((len(texts), self.dim), dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def synthetic_docs(passages: int, per_doc: int = 10):
    """Documents of real SciFact sentences, `per_doc` sentences each, `passages` in all."""
    from verifier.models import SourceDocument

    sentences, titles = [], []
    with (SCIFACT / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            titles.append(r["title"].strip())
            sentences += [s.strip() for s in r["abstract"] if len(s.split()) >= 4
                          and "\n" not in s]
    rng = random.Random(0)
    docs = []
    for i in range(0, passages, per_doc):
        picked = [rng.choice(sentences) for _ in range(min(per_doc, passages - i))]
        docs.append(SourceDocument(
            id=f"s{i // per_doc:07d}", title=rng.choice(titles) or "Untitled",
            publisher=rng.choice(["NASA", "ESA", "WHO", "Eurostat"]), doc_type="synthetic",
            text="\n".join(picked)))
    return docs


# -- build ------------------------------------------------------------------------------------


def bench_build(args) -> None:
    import shutil

    from verifier.embed import Embedder
    from verifier.index import build_index, load_index, passage_embedding_text, split_passages

    docs = scifact_docs(args.docs)
    embedder = Embedder()
    embedder.embed(["warm up the model once", "and its tokenizer"])
    texts = [passage_embedding_text(d, s) for d in docs for s in split_passages(d)]
    print(f"{len(docs)} SciFact abstracts, {len(texts)} passages; torch threads "
          f"{__import__('torch').get_num_threads()}")
    def raw_embedding() -> float:
        t = time.perf_counter()
        embedder.embed(texts)
        return time.perf_counter() - t

    raw_before = raw_embedding()
    print(f"raw embedding:      {raw_before:7.1f} s  {len(texts) / raw_before:7.1f} passages/s")
    work = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        t = time.perf_counter()
        m = build_index(docs, work / "idx", embedder, progress=False)
        full = time.perf_counter() - t
        raw_after = raw_embedding()  # again: the machine's load may have changed meanwhile
        raw = (raw_before + raw_after) / 2
        print(f"full build_index:   {full:7.1f} s  {m.passage_count / full:7.1f} passages/s")
        print(f"raw embedding again:{raw_after:7.1f} s  {len(texts) / raw_after:7.1f} passages/s"
              f"  -> build/raw throughput ratio {raw / full:.3f} against the mean of both raw "
              f"runs (target >= 0.9)")
        changed = max(1, len(docs) // 100)
        rng = random.Random(1)
        picks = set(rng.sample(range(len(docs)), changed))
        docs2 = [d.model_copy(update={"text": d.text + "\nThis sentence was added in an update."})
                 if i in picks else d for i, d in enumerate(docs)]
        t = time.perf_counter()
        m2 = build_index(docs2, work / "idx", embedder, progress=False)
        inc = time.perf_counter() - t
        print(f"incremental build:  {inc:7.1f} s  ({changed} of {len(docs)} documents changed, "
              f"{inc / full:.1%} of the full build; target < 5%)")
        t = time.perf_counter()
        load_index(work / "idx", embedder)
        print(f"load_index:         {time.perf_counter() - t:7.2f} s "
              f"({m2.passage_count} passages)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- query ------------------------------------------------------------------------------------


def bench_query(args) -> None:
    from verifier.embed import Embedder
    from verifier.index import build_index, load_index
    from verifier.retrieve import Retriever, SearchFilter

    embedder = Embedder()
    claims = scifact_claims(args.claims)
    embedder.embed(claims[:4])
    lat_embed = []
    for c in claims:
        t = time.perf_counter()
        embedder.embed([c])
        lat_embed.append((time.perf_counter() - t) * 1000)
    vectors = RandomEmbedder().embed(claims)  # the index holds random vectors too
    print(f"claim embedding (packaged MiniLM, one claim per call): p50 {pct(lat_embed, 50):.1f}"
          f" ms, p95 {pct(lat_embed, 95):.1f} ms")
    sizes = [int(s) for s in args.sizes.split(",")]
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench-query-{n}-"))
        t = time.perf_counter()
        build_index(synthetic_docs(n), work / "idx", RandomEmbedder(), progress=False,
                    index_type=args.index_type)
        build_s = time.perf_counter() - t
        t = time.perf_counter()
        index = load_index(work / "idx")
        load_s = time.perf_counter() - t
        print(f"\n{n} passages ({len(index.documents)} documents, {index.index_type} index): "
              f"build without embedding {build_s:.1f} s, load {load_s:.1f} s")
        only_nasa = SearchFilter.from_options(publisher="NASA")
        for mode, filt in (("dense", None), ("lexical", None), ("hybrid", None),
                           ("hybrid", only_nasa)):
            r = Retriever(index, embedder, top_k=12, mode=mode)
            r.search(claims[:2], vectors=vectors[:2], filters=filt)
            lat = []
            for c, v in zip(claims, vectors, strict=True):
                t = time.perf_counter()
                r.search([c], vectors=v[None, :], filters=filt)
                lat.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            r.search(claims, vectors=vectors, filters=filt)
            batch = len(claims) / (time.perf_counter() - t)
            name = mode + (" + publisher filter" if filt else "")
            print(f"  {name:<28} p50 {pct(lat, 50):6.1f} ms  p95 {pct(lat, 95):6.1f} ms  "
                  f"batch {batch:7.0f} claims/s (after embedding)")
        if n == sizes[-1] and SEED_ARTICLE.exists():
            _verify_seed(index, embedder)
        del index
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def _verify_seed(index, embedder) -> None:
    """Whole verify path on the seed article against this index (random vectors), warm."""
    try:
        from verifier.api import Verifier

        v = Verifier(index, embedder)
        article = SEED_ARTICLE.read_text(encoding="utf-8")
        v.verify(article)
        times = []
        for _ in range(3):
            t = time.perf_counter()
            report = v.verify(article)
            times.append(time.perf_counter() - t)
        print(f"  verify seed article ({len(report.claims)} claims), warm: best "
              f"{min(times):.2f} s, median {sorted(times)[1]:.2f} s; stage timings "
              f"{report.run.timings}")
    except Exception as exc:  # the verify path is owned elsewhere: report, do not crash
        print(f"  verify seed article: failed ({type(exc).__name__}: {exc})")


# -- hnsw -------------------------------------------------------------------------------------


def clustered(n: int, dim: int, rng: np.random.Generator, centers: np.ndarray) -> np.ndarray:
    out = np.empty((n, dim), dtype=np.float32)
    for s in range(0, n, 100_000):
        m = min(100_000, n - s)
        c = centers[rng.integers(0, len(centers), m)]
        v = c + rng.standard_normal((m, dim), dtype=np.float32) * 0.045
        out[s : s + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def bench_hnsw(args) -> None:
    import faiss

    from verifier.index import make_faiss_index

    dim, rng = 384, np.random.default_rng(0)
    centers = rng.standard_normal((2000, dim), dtype=np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    for n in (int(s) for s in args.sizes.split(",")):
        if args.data == "scifact":  # real passage embeddings: the bench_retrieval index
            from verifier.embed import Embedder
            from verifier.index import load_index

            index = load_index(Path(args.cache) / "scifact-index")
            data = np.array(index.matrix[:n], dtype=np.float32)
            claims = scifact_claims(args.queries)
            queries = Embedder().embed(claims)
            n = len(data)
        elif args.data == "uniform":  # the hardest case for a graph index: no structure at all
            data = RandomEmbedder(dim).embed(["x"] * n)
            queries = RandomEmbedder(dim).embed(["q"] * args.queries)
        else:
            data = clustered(n, dim, rng, centers)
            queries = clustered(args.queries, dim, rng, centers)
        print(f"{args.data} data")
        exact = faiss.IndexFlatIP(dim)
        exact.add(data)
        t = time.perf_counter()
        _, truth = exact.search(queries, 10)
        flat_ms = (time.perf_counter() - t) * 1000 / len(queries)
        t = time.perf_counter()
        hnsw, params = make_faiss_index(data, "hnsw")
        build_s = time.perf_counter() - t
        for ef in (64, 128, 256):
            hnsw.hnsw.efSearch = ef
            lat = []
            found = []
            for q in queries:
                t = time.perf_counter()
                _, ids = hnsw.search(q[None, :], 10)
                lat.append((time.perf_counter() - t) * 1000)
                found.append(ids[0])
            recall = np.mean([len(set(f) & set(g)) / 10 for f, g in zip(found, truth,
                                                                        strict=True)])
            print(f"{n:>8} vectors  HNSW M={params['M']} efC={params['efConstruction']} "
                  f"efSearch={ef:<3}: build {build_s:6.1f} s, recall@10 {recall:.3f}, "
                  f"p50 {pct(lat, 50):.2f} ms, p95 {pct(lat, 95):.2f} ms "
                  f"(exact batched {flat_ms:.2f} ms/query)")
        del hnsw, exact, data


# -- memory -----------------------------------------------------------------------------------


_MEMORY_CHILD = r"""
import resource, sys, time
sys.path.insert(0, sys.argv[2])
import faiss, numpy, pydantic, scipy.sparse  # noqa: F401  (imports counted in the baseline)
from verifier.index import load_index
from verifier.retrieve import Retriever
def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
before = rss_mb()
index = load_index(sys.argv[1])
index.matrix; index.passage_document_row; index.document_passages
after = rss_mb()
peak = [int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(f"{before:.0f} {after:.0f} {peak:.0f} {len(index.passages)}")
"""


def bench_memory(args) -> None:
    import shutil

    from verifier.index import build_index

    n = args.passages
    work = Path(tempfile.mkdtemp(prefix="bench-mem-"))
    try:
        build_index(synthetic_docs(n), work / "idx", RandomEmbedder(), progress=False,
                    index_type="flat")
        out = subprocess.run([sys.executable, "-c", _MEMORY_CHILD, str(work / "idx"),
                              str(ROOT)], capture_output=True, text=True, check=True)
        before, after, peak, count = out.stdout.split()
        per = (float(after) - float(before)) * 100_000 / int(count)
        size = sum(f.stat().st_size for f in (work / "idx").rglob("*") if f.is_file()) / 2**20
        print(f"{count} passages: RSS {before} MB before load, {after} MB after, peak {peak} MB"
              f" -> {per:.0f} MB per 100k passages (index folder {size:.0f} MB on disk)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"(this process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}"
          " MB while building)")


# -- json -------------------------------------------------------------------------------------


def bench_json(args) -> None:
    import faiss

    n, dim = args.passages, 384
    v = RandomEmbedder(dim).embed(["x"] * n)
    work = Path(tempfile.mkdtemp(prefix="bench-json-"))
    t = time.perf_counter()
    text = json.dumps([{"id": str(i), "embedding": row.tolist()} for i, row in enumerate(v)])
    (work / "docs.json").write_text(text)
    dump_s = time.perf_counter() - t
    t = time.perf_counter()
    back = json.loads((work / "docs.json").read_text())
    np.asarray([d["embedding"] for d in back], dtype=np.float32)
    load_s = time.perf_counter() - t
    t = time.perf_counter()
    index = faiss.IndexFlatIP(dim)
    index.add(v)
    faiss.write_index(index, str(work / "v.faiss"))
    faiss_w = time.perf_counter() - t
    t = time.perf_counter()
    faiss.read_index(str(work / "v.faiss"))
    faiss_r = time.perf_counter() - t
    js, fs = (work / "docs.json").stat().st_size / 2**20, (work / "v.faiss").stat().st_size / 2**20
    print(f"{n} x {dim} vectors: JSON {js:.0f} MB, write {dump_s:.2f} s, read {load_s:.2f} s | "
          f"FAISS file {fs:.0f} MB, write {faiss_w:.3f} s, read {faiss_r:.3f} s")
    import shutil

    shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("part", choices=["build", "query", "hnsw", "memory", "json"])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--sizes", default="")
    ap.add_argument("--claims", type=int, default=300)
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--passages", type=int, default=100_000)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch default)")
    ap.add_argument("--data", default="clustered", choices=["clustered", "uniform", "scifact"],
                    help="hnsw part: clustered (embedding-like), uniform random unit vectors, "
                    "or the real SciFact passage vectors (bench_retrieval.py's index) with "
                    "real claims as queries")
    ap.add_argument("--cache", default="/tmp/factcheck-bench", help="bench_retrieval's cache")
    ap.add_argument("--index-type", default="flat", choices=["flat", "hnsw", "auto"],
                    help="query part: index type of the synthetic indexes")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    if not args.sizes:
        args.sizes = "100000,300000" if args.part == "hnsw" else "10000,100000"
    if args.part == "json" and args.passages == 100_000:
        args.passages = 10_000
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} CPUs)")
    {"build": bench_build, "query": bench_query, "hnsw": bench_hnsw, "memory": bench_memory,
     "json": bench_json}[args.part](args)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
