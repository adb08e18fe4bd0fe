"""Claim-extraction benchmark: recall and precision against hand-labelled atomic claims, and speed.

    python bench/bench_extraction.py            # table per article + overall
    python bench/bench_extraction.py -v         # also list missed gold claims and extra claims
    python bench/bench_extraction.py --json     # machine-readable
    python bench/bench_extraction.py --locate   # recompute gold offsets from their quotes

A predicted claim matches a gold claim when one of its spans overlaps one of the gold spans and
the token F1 of the two texts is at least 0.5 (lower-cased words, articles and punctuation
removed, as in SQuAD); matching is one-to-one (maximum bipartite matching).
Gold and articles: bench/extraction/ (see its README); the seed article is read from
../shared/seeds/ and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from verifier.article import Article, read_article  # noqa: E402
from verifier.extract import extract_article  # noqa: E402
from verifier.segment import sentence_spans  # noqa: E402

DATA = ROOT / "bench" / "extraction"
SEEDS = ROOT.parent / "shared" / "seeds"
MIN_F1 = 0.5


@dataclass
class Case:
    name: str
    article: Article
    gold: list[dict]
    gold_path: Path
    key: str | None = None  # key inside a multi-article gold file (the seeds)
    result: dict = field(default_factory=dict)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def load_cases() -> list[Case]:
    cases = []
    for path in sorted((DATA / "articles").iterdir()):
        gold_path = DATA / "gold" / f"{path.stem}.json"
        if not gold_path.exists():
            print(f"warning: no gold for {path.name}", file=sys.stderr)
            continue
        article = read_article(_read(path), name=path.name)
        cases.append(Case(path.name, article, json.loads(_read(gold_path)), gold_path))
    seeds_gold = DATA / "gold" / "seeds.json"
    if seeds_gold.exists():
        for key, gold in json.loads(_read(seeds_gold)).items():
            path = SEEDS / key
            if not path.exists():
                print(f"warning: seed article {path} not found, skipped", file=sys.stderr)
                continue
            article = read_article(_read(path), name=path.name)
            cases.append(Case(f"seed:{key}", article, gold, seeds_gold, key=key))
    return cases


# ------------------------------------------------------------------ gold offsets

def _quote_pattern(quote: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in quote.split()))


def locate(text: str, gold: list[dict], start: int = 0) -> None:
    """Fill start/end of every gold span from its quote (whitespace matched loosely).

    The longest quote of a claim is searched from a little before the previous claim; the
    claim's other quotes are taken at their occurrence nearest to it.
    """
    cursor = start
    for claim in gold:
        spans = claim["spans"]
        anchor = max(spans, key=lambda s: len(s["quote"]))
        m = _quote_pattern(anchor["quote"]).search(text, max(start, cursor - 400))
        if m is None:
            msg = f"quote not found: {anchor['quote']!r}"
            raise SystemExit(msg)
        anchor["start"], anchor["end"] = m.start(), m.end()
        for span in spans:
            if span is anchor:
                continue
            found = list(_quote_pattern(span["quote"]).finditer(text, start))
            if not found:
                msg = f"quote not found: {span['quote']!r}"
                raise SystemExit(msg)
            best = min(found, key=lambda x: min(abs(x.start() - m.start()), abs(x.end() - m.end())))
            span["start"], span["end"] = best.start(), best.end()
        cursor = m.start()


def check_offsets(case: Case) -> None:
    text = case.article.text
    for claim in case.gold:
        for span in claim["spans"]:
            if "start" not in span:
                msg = f"{case.name}: gold has no offsets; run bench_extraction.py --locate"
                raise SystemExit(msg)
            got = text[span["start"] : span["end"]]
            if " ".join(got.split()) != " ".join(span["quote"].split()):
                msg = (f"{case.name}: gold span {span['start']}-{span['end']} slices {got!r}, "
                       f"not {span['quote']!r}; run bench_extraction.py --locate")
                raise SystemExit(msg)


def write_located(cases: list[Case]) -> None:
    by_file: dict[Path, list[Case]] = {}
    for case in cases:
        locate(case.article.text, case.gold, case.article.body_start)
        by_file.setdefault(case.gold_path, []).append(case)
    for path, group in by_file.items():
        if group[0].key is None:
            payload: object = group[0].gold
        else:
            payload = json.loads(_read(path))
            for case in group:
                payload[case.key] = case.gold  # type: ignore[index]
        path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


# ------------------------------------------------------------------ scoring

_ARTICLES = {"a", "an", "the"}


def tokens(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if w not in _ARTICLES]


def token_f1(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    common = sum((Counter(ta) & Counter(tb)).values())
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(pred: list[dict], gold: list[dict]) -> dict[int, int]:
    """Maximum one-to-one matching gold index -> predicted index over admissible pairs."""
    edges: dict[int, list[int]] = {}
    for gi, g in enumerate(gold):
        gspans = [(s["start"], s["end"]) for s in g["spans"]]
        cands = []
        for pi, p in enumerate(pred):
            if _overlap(gspans, p["spans"]):
                f1 = token_f1(p["text"], g["text"])
                if f1 >= MIN_F1:
                    cands.append((f1, pi))
        edges[gi] = [pi for _, pi in sorted(cands, reverse=True)]
    owner: dict[int, int] = {}

    def augment(gi: int, seen: set[int]) -> bool:
        for pi in edges[gi]:
            if pi in seen:
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    for gi in range(len(gold)):
        augment(gi, set())
    return {gi: pi for pi, gi in owner.items()}


def predict(article: Article) -> list[dict]:
    extraction = extract_article(article)
    return [
        {"id": c.id, "text": c.text,
         "spans": [(s.start, s.end) for s in (c.spans or [c.span])],
         "attributed_to": c.attributed_to}
        for c in extraction.claims
    ]


def run_case(case: Case, repeats: int) -> dict:
    pred = predict(case.article)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        extract_article(case.article)
        times.append(time.perf_counter() - t0)
    sentences = sum(1 for _ in sentence_spans(case.article.text, case.article.body_start))
    pairs = match(pred, case.gold)
    matched_pred = set(pairs.values())
    return {
        "article": case.name,
        "gold": len(case.gold),
        "predicted": len(pred),
        "matched": len(pairs),
        "recall": len(pairs) / len(case.gold) if case.gold else 1.0,
        "precision": len(pairs) / len(pred) if pred else 1.0,
        "sentences": sentences,
        "seconds": statistics.median(times),
        "missed": [g["text"] for gi, g in enumerate(case.gold) if gi not in pairs],
        "extra": [p["text"] for pi, p in enumerate(pred) if pi not in matched_pred],
    }


def thousand_word_article(cases: list[Case]) -> Article:
    """About 1,000 words of news text: the benchmark bodies concatenated, cut at a paragraph."""
    paragraphs: list[str] = []
    words = 0
    for case in cases:
        for para in re.split(r"\n\s*\n", case.article.body):
            if words >= 1000:
                break
            paragraphs.append(para.strip())
            words += len(para.split())
    return read_article("\n\n".join(paragraphs) + "\n", name="1000-words.md", fmt="markdown")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument("--locate", action="store_true", help="recompute gold offsets, then run")
    parser.add_argument("--repeats", type=int, default=5, help="timing repeats per article")
    args = parser.parse_args(argv)

    cases = load_cases()
    if args.locate:
        write_located(cases)
    for case in cases:
        check_offsets(case)
    extract_article(cases[0].article)  # warm-up: imports, nupunkt model, regex caches
    results = [run_case(c, args.repeats) for c in cases]

    def totals(rows: list[dict]) -> dict:
        g = sum(r["gold"] for r in rows)
        p = sum(r["predicted"] for r in rows)
        m = sum(r["matched"] for r in rows)
        return {"articles": len(rows), "gold": g, "predicted": p, "matched": m,
                "recall": m / g if g else 1.0, "precision": m / p if p else 1.0}

    # Batches written after the rules, by prefix (see bench/extraction/README.md).
    later = {"held out": "heldout_", "blind batch 3": "blind3_", "blind batch 4": "blind4_",
             "blind batch 5": "blind5_", "blind batch 6": "blind6_",
             "blind batch 7": "blind7_", "blind batch 8": "blind8_",
             "blind batch 9": "blind9_", "blind batch 10": "blind10_",
             "blind batch 11": "blind11_", "blind batch 12": "blind12_",
             "blind batch 13": "blind13_", "blind batch 14": "blind14_",
             "blind batch 15": "blind15_", "blind batch 16": "blind16_",
             "blind batch 17": "blind17_", "blind batch 18": "blind18_",
             "blind batch 19": "blind19_", "blind batch 20": "blind20_",
             "blind batch 21": "blind21_", "blind batch 22": "blind22_",
             "blind batch 23": "blind23_", "blind batch 24": "blind24_",
             "blind batch 25": "blind25_"}
    groups = {"tuned on": totals([r for r in results
                                  if not r["article"].startswith(tuple(later.values()))])}
    groups |= {name: totals([r for r in results if r["article"].startswith(prefix)])
               for name, prefix in later.items()}
    gold = sum(r["gold"] for r in results)
    pred = sum(r["predicted"] for r in results)
    matched = sum(r["matched"] for r in results)
    sentences = sum(r["sentences"] for r in results)
    seconds = sum(r["seconds"] for r in results)
    big = thousand_word_article(cases)
    times = []
    for _ in range(max(3, args.repeats)):
        t0 = time.perf_counter()
        extract_article(big)
        times.append(time.perf_counter() - t0)
    overall = {
        "gold": gold, "predicted": pred, "matched": matched,
        "recall": matched / gold if gold else 1.0,
        "precision": matched / pred if pred else 1.0,
        "sentences_per_second": sentences / seconds if seconds else 0.0,
        "thousand_word_article": {"words": len(big.text.split()),
                                  "seconds": statistics.median(times)},
    }
    if args.json:
        print(json.dumps({"articles": results, "groups": groups, "overall": overall}, indent=1))
        return 0
    print(f"{'article':34} {'gold':>5} {'pred':>5} {'match':>5} {'recall':>7} {'prec':>6} "
          f"{'sent/s':>8}")
    for r in results:
        rate = r["sentences"] / r["seconds"] if r["seconds"] else 0.0
        print(f"{r['article'][:34]:34} {r['gold']:5d} {r['predicted']:5d} {r['matched']:5d} "
              f"{r['recall']:7.3f} {r['precision']:6.3f} {rate:8.0f}")
        if args.verbose:
            for text in r["missed"]:
                print(f"    MISSED  {text}")
            for text in r["extra"]:
                print(f"    EXTRA   {text}")
    for label, g in groups.items():
        if g["articles"]:
            print(f"{label:34} {g['gold']:5d} {g['predicted']:5d} {g['matched']:5d} "
                  f"{g['recall']:7.3f} {g['precision']:6.3f}")
    print(f"{'overall':34} {gold:5d} {pred:5d} {matched:5d} {overall['recall']:7.3f} "
          f"{overall['precision']:6.3f} {overall['sentences_per_second']:8.0f}")
    t = overall["thousand_word_article"]
    print(f"extract a {t['words']}-word article: {t['seconds'] * 1000:.1f} ms (target < 500 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
