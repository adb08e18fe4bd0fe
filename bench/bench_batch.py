"""Batch verification at load: 200 synthetic articles through `factcheck verify DIR`, memory
measured as the batch runs.

    python bench/bench_batch.py                  # 200 articles, packaged model, bundled corpus
    python bench/bench_batch.py -n 50 --model DIR
    python bench/bench_batch.py --json

Articles are made from sentences of the bundled reference documents and the example article,
with numbers and dates perturbed (so many claims are contradicted, some supported), 8 to 20
sentences each. Peak RSS (the process's high-water mark, getrusage) and current RSS are read
after 10 articles and after the last; with --trace the live Python heap (tracemalloc) too, which
separates objects kept alive from memory the allocators (glibc, torch) hold on to. Then the
batch is run again to show the resume path: every article is skipped.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

REFERENCE_DOCS = ROOT / "reference_docs"
EXAMPLE_ARTICLE = ROOT / "examples" / "lunar_article.md"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\b")


def _body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[text.find("\n", end + 1) + 1 :] if end != -1 else text
    return text


def source_sentences() -> list[str]:
    """Sentences of the reference bodies and the example article (a plain, cheap split)."""
    from verifier.segment import sentence_spans

    out = []
    for path in [*sorted(REFERENCE_DOCS.glob("*.md")), EXAMPLE_ARTICLE]:
        body = _body(path)
        out += [s for sp in sentence_spans(body) if len((s := sp.slice(body)).split()) >= 6]
    return out


def perturb(sentence: str, rng: random.Random) -> str:
    """Change some numbers and month names, as a careless article would."""

    def number(m: re.Match) -> str:
        if rng.random() < 0.5:
            return m.group()
        digits = m.group()
        if "." in digits or "," in digits:
            return digits
        value = int(digits)
        if 1900 <= value <= 2100:
            return str(value + rng.choice([-2, -1, 1, 2]))
        return str(max(1, value + rng.randint(1, 9)))

    def month(m: re.Match) -> str:
        return rng.choice(MONTHS) if rng.random() < 0.4 else m.group()

    return _MONTH.sub(month, _NUMBER.sub(number, sentence))


def synthetic_article(rng: random.Random, sentences: list[str], n_sentences: int) -> str:
    picked = [perturb(s, rng) for s in rng.sample(sentences, n_sentences)]
    paragraphs, i = [], 0
    while i < len(picked):
        k = rng.randint(2, 4)
        paragraphs.append(" ".join(picked[i : i + k]))
        i += k
    title = " ".join(picked[0].split()[:8]).rstrip(",.;:")
    return f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def synthetic_articles(n: int, *, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    sentences = source_sentences()
    return [synthetic_article(rng, sentences, rng.randint(8, 20)) for _ in range(n)]


def synthetic_text(n_bytes: int, *, seed: int = 11) -> str:
    """About `n_bytes` of article-like text (for the size-limit cases)."""
    rng = random.Random(seed)
    sentences = source_sentences()
    parts, size = [], 0
    while size < n_bytes:
        paragraph = " ".join(perturb(rng.choice(sentences), rng) for _ in range(3)) + "\n\n"
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8"))
    return "".join(parts)[:n_bytes].rsplit(" ", 1)[0] + "\n"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def run(n: int, model: str | None, index: str | None, work: Path, *, trace: bool = False) -> dict:
    """Verify n synthetic articles as one batch; with `trace`, also follow the Python heap
    (tracemalloc: slower, but it separates live objects from what the allocator keeps)."""
    from verifier.api import Verifier
    from verifier.batch import run_batch
    from verifier.corpus import load_documents
    from verifier.embed import Embedder
    from verifier.index import build_index

    articles = work / "articles"
    articles.mkdir()
    for i, text in enumerate(synthetic_articles(n)):
        (articles / f"article-{i:04d}.md").write_text(text, encoding="utf-8")
    if index is None:
        index = str(work / "index")
        build_index(load_documents([REFERENCE_DOCS]), index, Embedder(model), progress=False)
    verifier = Verifier.load(index, model_path=model)
    marks: dict[int, tuple[float, float, float]] = {}
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()

    def on_article(summary) -> None:
        if summary.articles in (1, 10, n) or summary.articles % 50 == 0:
            heap = tracemalloc.get_traced_memory()[0] / 2**20 if trace else 0.0
            marks[summary.articles] = (peak_rss_mb(), rss_mb(), heap)

    summary = run_batch(verifier, articles, work / "reports", progress=False,
                        on_article=on_article)
    took = time.perf_counter() - t0
    tracemalloc.stop()
    t1 = time.perf_counter()
    again = run_batch(verifier, articles, work / "reports", progress=False)
    resume = time.perf_counter() - t1
    return {
        "articles": n,
        "verified": summary.verified,
        "failed": len(summary.failed),
        "claims": summary.claims,
        "seconds": round(took, 1),
        "articles_per_second": round(n / took, 2),
        "peak_rss_mb_after_10": round(marks[10][0], 1),
        f"peak_rss_mb_after_{n}": round(marks[n][0], 1),
        "growth_mb_10_to_last": round(marks[n][0] - marks[10][0], 1),
        "rss_mb_by_article": {k: round(v[1], 1) for k, v in sorted(marks.items())},
        **({"python_heap_mb_by_article": {k: round(v[2], 2) for k, v in sorted(marks.items())},
            "python_heap_growth_mb_10_to_last": round(marks[n][2] - marks[10][2], 2)}
           if trace else {}),
        "resume_skipped": again.skipped,
        "resume_seconds": round(resume, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="articles (default 200)")
    parser.add_argument("--model", help="local sentence-transformers folder (default: packaged)")
    parser.add_argument("--index", help="existing index built with that model (default: build "
                        "one of reference_docs)")
    parser.add_argument("--trace", action="store_true",
                        help="also follow the Python heap with tracemalloc (slower)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    if args.n < 10:
        parser.error("-n must be at least 10 (memory is read after 10 articles)")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        result = run(args.n, args.model, args.index, Path(tmp), trace=args.trace)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        width = max(map(len, result))
        for key, value in result.items():
            print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
