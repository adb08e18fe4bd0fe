"""Measure a stance model on the held-out claim/evidence sets built by training/build_pairs.py.

Usage (from the repository root; a few minutes on 2 cores)::

    /tmp/venvtest/bin/python training/build_pairs.py          # once: writes training/data/
    /tmp/venvtest/bin/python bench/bench_stance.py            # the shipped weights
    /tmp/venvtest/bin/python bench/bench_stance.py --model /path/to/local/mnli-folder
    /tmp/venvtest/bin/python bench/bench_stance.py --sets synthetic,climate_fever --limit 500
    /tmp/venvtest/bin/python bench/bench_stance.py --json results.json

Held-out sets (never trained on): SciFact claims with id % 5 == 0 against rationale and
non-rationale sentences of their cited abstracts; Climate-FEVER dev and HealthVer dev claims in
the sha1 20% bucket; synthetic number/date/name/negation swaps and paraphrases of sentences of
held-out documents (SciFact abstracts, Wikipedia evidence, bundled reference documents).
Prints per set: macro-F1, per-label precision/recall/F1, the confusion matrix (rows gold,
columns predicted) and pairs/second; for the synthetic set also accuracy per perturbation kind.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LABELS = ("supported", "contradicted", "neutral")
SETS = ("scifact", "climate_fever", "healthver", "synthetic")


def metrics(gold: list[int], pred: list[int]) -> dict:
    k = len(LABELS)
    cm = np.zeros((k, k), dtype=int)
    for g, p in zip(gold, pred, strict=True):
        cm[g, p] += 1
    precision, recall, f1 = {}, {}, {}
    for i, lab in enumerate(LABELS):
        tp = cm[i, i]
        pp, gp = cm[:, i].sum(), cm[i, :].sum()
        pr = tp / pp if pp else 0.0
        rc = tp / gp if gp else 0.0
        precision[lab], recall[lab] = round(float(pr), 4), round(float(rc), 4)
        f1[lab] = round(float(2 * pr * rc / (pr + rc)) if pr + rc else 0.0, 4)
    present = [lab for i, lab in enumerate(LABELS) if cm[i, :].sum()]
    return {
        "pairs": len(gold),
        "accuracy": round(float(np.trace(cm) / max(1, cm.sum())), 4),
        "macro_f1": round(float(np.mean([f1[lab] for lab in present])), 4) if present else 0.0,
        "precision": precision, "recall": recall, "f1": f1,
        "confusion": cm.tolist(),
    }


def load_set(data: Path, name: str, limit: int = 0) -> list[dict]:
    path = data / f"heldout_{name}.jsonl"
    if not path.is_file():
        msg = f"{path} not found: run training/build_pairs.py first"
        raise SystemExit(msg)
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return rows[:limit] if limit else rows


def evaluate(model, rows: list[dict], batch_size: int = 32) -> tuple[dict, np.ndarray]:
    t0 = time.perf_counter()
    probs = model.predict([(r["claim"], r["evidence"]) for r in rows], batch_size=batch_size)
    dt = time.perf_counter() - t0
    gold = [LABELS.index(r["label"]) for r in rows]
    res = metrics(gold, probs.argmax(1).tolist())
    res["pairs_per_second"] = round(len(rows) / dt, 1) if dt else 0.0
    by_kind: dict[str, list[int]] = defaultdict(list)
    for r, p, g in zip(rows, probs.argmax(1), gold, strict=True):
        by_kind[f"{r['source']}/{r['kind']}"].append(int(p == g))
    res["accuracy_by_kind"] = {k: [round(float(np.mean(v)), 3), len(v)]
                               for k, v in sorted(by_kind.items())}
    res["thresholds"] = threshold_table(np.array(gold), probs)
    sources = sorted({r["source"] for r in rows})
    if len(sources) > 1:
        pred = probs.argmax(1).tolist()
        res["by_source"] = {}
        for src in sources:
            keep = [i for i, r in enumerate(rows) if r["source"] == src]
            m = metrics([gold[i] for i in keep], [pred[i] for i in keep])
            res["by_source"][src] = {k: m[k] for k in ("pairs", "macro_f1", "accuracy", "f1")}
    return res, probs


def threshold_table(gold: np.ndarray, probs: np.ndarray,
                    cuts=(0.4, 0.5, 0.6, 0.7, 0.8, 0.9)) -> dict:
    """Precision/recall of 'supported' and 'contradicted' when each is only called at p >= t."""
    out = {}
    for col, lab in ((0, "supported"), (1, "contradicted")):
        rows = []
        for t in cuts:
            called = probs[:, col] >= t
            tp = int((called & (gold == col)).sum())
            prec = tp / called.sum() if called.sum() else 0.0
            rec = tp / (gold == col).sum() if (gold == col).sum() else 0.0
            rows.append([t, round(float(prec), 3), round(float(rec), 3), int(called.sum())])
        out[lab] = rows
    return out


def print_report(name: str, res: dict, show_kinds: bool) -> None:
    print(f"\n== {name}: {res['pairs']} pairs, macro-F1 {res['macro_f1']:.3f}, "
          f"accuracy {res['accuracy']:.3f}, {res['pairs_per_second']:.0f} pairs/s")
    print(f"   {'label':<13}{'prec':>7}{'recall':>8}{'F1':>7}")
    for lab in LABELS:
        print(f"   {lab:<13}{res['precision'][lab]:>7.3f}{res['recall'][lab]:>8.3f}"
              f"{res['f1'][lab]:>7.3f}")
    print("   confusion (rows gold, cols predicted: sup / con / neu)")
    for lab, row in zip(LABELS, res["confusion"], strict=True):
        print(f"   {lab:<13}" + "".join(f"{x:>7}" for x in row))
    print("   call a label only at p >= t:  t: precision / recall (n called)")
    for lab, rows in res["thresholds"].items():
        print(f"   {lab:<13}" + "  ".join(f"{t:.1f}: {p:.2f}/{r:.2f} ({n})" for t, p, r, n in rows))
    for src, m in res.get("by_source", {}).items():
        print(f"   {src:<20} {m['pairs']:>5} pairs  macro-F1 {m['macro_f1']:.3f}  F1 sup/con/neu "
              + "/".join(f"{m['f1'][lab]:.2f}" for lab in LABELS))
    if show_kinds:
        print("   accuracy by kind")
        for k, (acc, n) in res["accuracy_by_kind"].items():
            print(f"     {k:<45}{acc:>6.3f}  (n={n})")


def evaluate_sets(model_path: Path | None, data: Path, sets=SETS, limit: int = 0,
                  batch_size: int = 32, quiet: bool = False) -> dict:
    from verifier.stance import StanceModel

    model = StanceModel.load(model_path)
    if not quiet:
        print(f"model {model.name} ({model.path}), sha256 {model.sha256[:16]}...")
    out = {}
    for name in sets:
        rows = load_set(data, name, limit)
        res, _ = evaluate(model, rows, batch_size)
        out[name] = res
        if not quiet:
            print_report(name, res, show_kinds=name == "synthetic")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=None, help="model folder (default: shipped)")
    ap.add_argument("--data", type=Path, default=ROOT / "training" / "data")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--limit", type=int, default=0, help="first N pairs of each set (0 = all)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0 = leave as is)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    t0 = time.time()
    res = evaluate_sets(args.model, args.data, [s for s in args.sets.split(",") if s],
                        args.limit, args.batch_size)
    print("\nsummary macro-F1: " + ", ".join(f"{k} {v['macro_f1']:.3f}" for k, v in res.items())
          + f"  ({time.time() - t0:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
