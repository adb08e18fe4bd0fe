"""Verdict quality of the full pipeline on public benchmarks (and synthetic swaps of our corpus).

Usage (from the repository root, after `make setup`):

    .venv/bin/python bench/bench_verdicts.py --dataset healthver
    .venv/bin/python bench/bench_verdicts.py --dataset climate-fever
    .venv/bin/python bench/bench_verdicts.py --dataset scifact      # indexes 5,183 abstracts once
    .venv/bin/python bench/bench_verdicts.py --dataset synthetic
    .venv/bin/python bench/bench_verdicts.py --dataset seed        # the seed news article
    .venv/bin/python bench/bench_verdicts.py --dataset all --limit 300

Data is read from ../shared/bench. Indexes are cached under --cache (default
/tmp/factcheck-bench). Labels map SUPPORT(S)/Supports -> supported, CONTRADICT/REFUTES/Refutes ->
contradicted, no evidence/NOT_ENOUGH_INFO/Neutral -> unverified; Climate-FEVER DISPUTED claims are
reported separately. Nothing here is trained on these sets, so every figure is on unseen data for
the rule judge; `--fold heldout` restricts SciFact to the claims the stance-model training holds
out (id % 5 == 0), and Climate-FEVER and HealthVer to the claims it holds out (sha1 of the
claim text % 5 == 0).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))




import verifier.offline  # noqa: E402, F401
from verifier.api import JUDGES, Verifier, make_judge  # noqa: E402
from verifier.corpus import load_documents  # noqa: E402
from verifier.embed import Embedder  # noqa: E402
from verifier.index import build_index, index_is_current, load_index, split_passages  # noqa: E402
from verifier.judge import RuleJudge  # noqa: E402
from verifier.metrics import LABELS, expected_calibration_error, format_scores, score  # noqa: E402
from verifier.models import Candidate, Claim, Passage, SourceDocument, Span  # noqa: E402

SHARED = ROOT.parent / "shared" / "bench"
JUDGE: list = [RuleJudge()]  # replaced by --judge
RECORDS: list[dict] | None = None  # per-claim verdicts, collected when bench/calibrate.py asks
log = logging.getLogger("bench")
GOLD = {"SUPPORT": "supported", "SUPPORTS": "supported", "Supports": "supported",
        "CONTRADICT": "contradicted", "REFUTES": "contradicted", "Refutes": "contradicted",
        "NOT_ENOUGH_INFO": "unverified", "Neutral": "unverified"}


def claim(cid: str, text: str) -> Claim:
    return Claim(id=cid, text=text, span=Span(start=0, end=len(text)))


def cached_index(name: str, docs: list[SourceDocument], embedder: Embedder, cache: Path):
    out = cache / name
    if index_is_current(out, docs, embedder):
        log.info("indexing %s: %d documents into %s", name, len(docs), out)
        build_index(docs, out, embedder, progress=True)
    return load_index(out, embedder)


def run_claims(verifier: Verifier, claims: list[Claim], batch: int = 64):
    results, start = [], time.perf_counter()
    for i in range(0, len(claims), batch):
        results.extend(verifier.check(claims[i : i + batch]))
    return results, len(claims) / (time.perf_counter() - start)


def report(name: str, gold: list[str], results, rate: float, extra: str = "") -> dict:
    pred = [r.verdict for r in results]
    scores = score(gold, pred)
    conf = [r.confidence for r in results]
    right = [p == g for p, g in zip(pred, gold, strict=True)]
    scores["ece"] = expected_calibration_error(conf, right)
    scores["claims_per_s"] = rate
    if RECORDS is not None:
        RECORDS.extend({"set": name, "id": r.id, "gold": g, "verdict": r.verdict,
                        "confidence": r.confidence} for r, g in zip(results, gold, strict=True))
    print(f"\n== {name}: {len(gold)} claims ==")
    print(format_scores(scores))
    print(f"expected calibration error {scores['ece']:.3f}; {rate:.1f} claims/s")
    if extra:
        print(extra)
    return scores


def held_out(claim_text: str) -> bool:
    """The stance-model training split of Climate-FEVER and HealthVer (training/build_pairs.py)."""
    return int(hashlib.sha1(claim_text.encode("utf-8")).hexdigest(), 16) % 5 == 0


def bench_healthver(embedder: Embedder, limit: int | None, fold: str = "all", **_) -> dict:
    """Claim + given evidence: the judge reads the evidence sentences directly (no retrieval)."""
    with (SHARED / "healthver" / "healthver_dev.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh)
                if fold == "all" or held_out(r["claim"].strip())][:limit]
    judge, gold, results = JUDGE[0], [], []
    start = time.perf_counter()
    for i, row in enumerate(rows):
        doc = SourceDocument(id=f"hv{i}", title=row["question"] or "evidence",
                             publisher="HealthVer", text=row["evidence"])
        spans = split_passages(doc) or [Span(start=0, end=len(doc.text))]
        vecs = embedder.embed([row["claim"]] + [s.slice(doc.text) for s in spans])
        cands = [Candidate(passage=Passage(id=j, doc_id=doc.id, text=s.slice(doc.text), span=s),
                           document=doc, score=float(vecs[0] @ vecs[j + 1]))
                 for j, s in enumerate(spans)]
        cands.sort(key=lambda c: -c.score)
        results.append(judge.judge(claim(str(i), row["claim"].strip()), cands))
        gold.append(GOLD[row["label"]])
    return report(f"HealthVer dev ({fold}, claim + given evidence)", gold, results,
                  len(rows) / (time.perf_counter() - start))


def bench_climate_fever(embedder: Embedder, limit: int | None, cache: Path, fold: str = "all",
                        **_) -> dict:
    """Claims against the pool of all their evidence sentences (open retrieval in the pool)."""
    rows = [json.loads(line) for line in
            (SHARED / "climate-fever" / "climate-fever-dev.jsonl").open(encoding="utf-8")]
    pool = {}
    for row in rows:
        for ev in row["evidences"]:
            pool[ev["evidence_id"]] = SourceDocument(id=ev["evidence_id"], title=ev["article"],
                                                     publisher="Wikipedia", text=ev["evidence"])
    index = cached_index("climate-fever", list(pool.values()), embedder, cache)
    verifier = Verifier(index, embedder, judge=JUDGE[0])
    rows = [r for r in rows if fold == "all" or held_out(r["claim"])][:limit]
    disputed = [r for r in rows if r["claim_label"] == "DISPUTED"]
    rows = [r for r in rows if r["claim_label"] != "DISPUTED"]
    results, rate = run_claims(verifier, [claim(r["claim_id"], r["claim"]) for r in rows])
    d_results, _ = run_claims(verifier, [claim(r["claim_id"], r["claim"]) for r in disputed])
    extra = f"DISPUTED claims ({len(disputed)}), our verdicts: " + str(
        dict(Counter(r.verdict for r in d_results)))
    return report(f"Climate-FEVER dev ({fold}, evidence pool, no DISPUTED)",
                  [GOLD[r["claim_label"]] for r in rows], results, rate, extra)


def _scifact_docs(cache: Path) -> tuple[list[SourceDocument], dict[str, list[tuple[int, int]]]]:
    """The documents of bench_retrieval.py (one sentence per line): one index serves both."""
    from bench_retrieval import convert_corpus

    docs = load_documents([convert_corpus(cache)])
    sentence_spans = {}
    for doc in docs:
        spans, start = [], 0
        for line in doc.text.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        sentence_spans[doc.id] = spans
    return docs, sentence_spans


def bench_scifact(embedder: Embedder, limit: int | None, cache: Path, fold: str, **_) -> dict:
    """Open retrieval over all abstracts; abstract-level label-only and +rationale F1."""
    docs, sent_spans = _scifact_docs(cache)
    verifier = Verifier(cached_index("scifact-index", docs, embedder, cache), embedder,
                        judge=JUDGE[0])
    rows = [json.loads(line) for line in
            (SHARED / "scifact" / "claims_train.jsonl").open(encoding="utf-8")]
    if fold == "heldout":
        rows = [r for r in rows if r["id"] % 5 == 0]
    rows = rows[:limit]
    results, rate = run_claims(verifier, [claim(str(r["id"]), r["claim"]) for r in rows])
    gold_labels = []
    n_gold = n_pred = correct = correct_rationale = 0
    for row, res in zip(rows, results, strict=True):
        gold_docs = {d: GOLD[sets[0]["label"]] for d, sets in row["evidence"].items()}
        labels = set(gold_docs.values())
        gold_labels.append(labels.pop() if len(labels) == 1 else "contradicted"
                           if "contradicted" in gold_docs.values() else "unverified")
        n_gold += len(gold_docs)
        if res.verdict == "unverified":
            continue
        cited: dict[str, set[int]] = {}
        for ev in res.evidence:
            idx = {i for i, (s, e) in enumerate(sent_spans[ev.doc_id])
                   if s < ev.span.end and ev.span.start < e}
            cited.setdefault(ev.doc_id, set()).update(idx)
        for doc_id, sentences in cited.items():
            n_pred += 1
            if gold_docs.get(doc_id) == res.verdict:
                correct += 1
                sets = row["evidence"][doc_id]
                if any(set(s["sentences"]) <= sentences for s in sets):
                    correct_rationale += 1

    def f1(c: int) -> float:
        p, r = c / max(n_pred, 1), c / max(n_gold, 1)
        return 2 * p * r / (p + r) if p + r else 0.0

    extra = (f"abstract-level label-only F1 {100 * f1(correct):.1f} "
             f"(P {100 * correct / max(n_pred, 1):.1f} R {100 * correct / max(n_gold, 1):.1f}); "
             f"label+rationale F1 {100 * f1(correct_rationale):.1f}; "
             f"{n_pred} abstracts predicted, {n_gold} gold")
    return report(f"SciFact claims_train ({fold}), open retrieval over 5,183 abstracts",
                  gold_labels, results, rate, extra)


_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_DAYMONTH = re.compile(r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|"
                       r"September|October|November|December)\b")
_COUNT = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")
_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve"]


def _swap(sentence: str, rng: random.Random) -> str | None:
    """Change one date or count in the sentence; None if it has none."""
    options = []
    if m := _DAYMONTH.search(sentence):
        day = int(m.group(1))
        options.append(sentence[: m.start(1)] + str(day % 28 + 1 + (day % 28 + 1 == day))
                       + sentence[m.end(1):])
    if m := _YEAR.search(sentence):
        options.append(sentence[: m.start()] + str(int(m.group()) + rng.choice([-3, -2, -1, 1, 2]))
                       + sentence[m.end():])
    if m := _COUNT.search(sentence):
        other = rng.choice([w for w in _WORDS if w != m.group()])
        options.append(sentence[: m.start()] + other + sentence[m.end():])
    return rng.choice(options) if options else None


def bench_synthetic(embedder: Embedder, limit: int | None, cache: Path, **_) -> dict:
    """Sentences of our reference documents, unchanged (expect supported) and with one date or
    count changed (expect contradicted)."""
    docs = load_documents([ROOT / "reference_docs"])
    verifier = Verifier(cached_index("reference", docs, embedder, cache), embedder, judge=JUDGE[0])
    rng = random.Random(13)
    claims, gold = [], []
    for doc in docs:
        for span in split_passages(doc):
            sentence = span.slice(doc.text)
            swapped = _swap(sentence, rng)
            if swapped:
                claims += [claim(f"{doc.id}:{span.start}", sentence),
                           claim(f"{doc.id}:{span.start}:swap", swapped)]
                gold += ["supported", "contradicted"]
    claims, gold = claims[: limit and 2 * limit], gold[: limit and 2 * limit]
    results, rate = run_claims(verifier, claims)
    pred = [r.verdict for r in results]
    tp = sum(p == g == "contradicted" for p, g in zip(pred, gold, strict=True))
    extra = (f"contradiction recall on swaps {tp / max(gold.count('contradicted'), 1):.3f}, "
             f"precision {tp / max(pred.count('contradicted'), 1):.3f}")
    return report("Synthetic date/count swaps of reference_docs sentences", gold, results, rate,
                  extra)


def bench_seed(embedder: Embedder, limit: int | None, cache: Path, **_) -> dict:
    """The seed news article end to end (extraction included) against the bundled corpus, scored
    on the claims bench/verdicts/lunar_article.json labels by hand (a label goes to the shortest
    claim containing its quote). Few claims, but the only set
    here where the claims are a journalist's and the evidence is our agencies' releases."""
    gold_file = json.loads((ROOT / "bench" / "verdicts" / "lunar_article.json").read_text())
    docs = load_documents([ROOT / "reference_docs"])
    verifier = Verifier(cached_index("reference", docs, embedder, cache), embedder, judge=JUDGE[0])
    start = time.perf_counter()
    rep = verifier.verify((ROOT / gold_file["article"]).read_text(encoding="utf-8"))
    rate = len(rep.claims) / (time.perf_counter() - start)
    gold, results, lines = [], [], []
    for want in gold_file["claims"][:limit]:
        # the shortest: "first signed on 13 October 2020" is also inside the "six nations" claim
        found = sorted((c for c in rep.claims if want["quote"] in c.text),
                       key=lambda c: len(c.text))
        if not found:
            lines.append(f"  no claim contains {want['quote']!r}")
            continue
        gold.append(want["verdict"])
        results.append(found[0])
        if found[0].verdict != want["verdict"]:
            lines.append(f"  {found[0].id}: expected {want['verdict']}, got {found[0].verdict}: "
                         f"{found[0].text[:70]}")
    return report(f"Seed article ({len(rep.claims)} claims extracted, hand-labelled)", gold,
                  results, rate, "\n".join(lines))


BENCHES = {"healthver": bench_healthver, "climate-fever": bench_climate_fever,
           "scifact": bench_scifact, "synthetic": bench_synthetic, "seed": bench_seed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=[*BENCHES, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N claims per dataset")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/factcheck-bench"))
    parser.add_argument("--fold", choices=["all", "heldout"], default="all")
    parser.add_argument("--model", default=None, help="embedding model folder")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument("--judge", choices=JUDGES, default="rules")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    embedder = Embedder(args.model)
    JUDGE[0] = make_judge(args.judge)
    names = list(BENCHES) if args.dataset == "all" else [args.dataset]
    print(f"labels: {', '.join(LABELS)}; judge {JUDGE[0].name}; model {embedder.model_id}")
    out = {n: BENCHES[n](embedder, limit=args.limit, cache=args.cache, fold=args.fold)
           for n in names}
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
