"""Fit the confidence calibration table shipped in verifier/weights/calibration.json.

Usage (from the repository root, after `make setup`; about 15 minutes on 2 cores):

    .venv/bin/python bench/calibrate.py                   # run the judges, fit, print, write
    .venv/bin/python bench/calibrate.py --records FILE    # refit from saved verdicts only

Each judge (rules; rules + the shipped stance model) runs with raw confidences over the
benchmark sets of bench_verdicts.py (for the stance judge only the claims its model's training
held out: `--fold heldout`). Every verdict becomes a point (raw confidence, was it
right); per judge and verdict an isotonic curve maps one to the other, each dataset weighing
the same. The printed expected calibration error (ECE, 10 bins) is out of fold: claims are split
in two by a hash of their id, each half is calibrated by the curve fitted on the other half
("ECE cal"); "ECE other" calibrates each dataset with curves fitted on the other datasets only,
which is what to expect on a new kind of text. The written table is fitted on all claims.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bench_verdicts as bv  # noqa: E402

from verifier.api import make_judge  # noqa: E402
from verifier.calibration import DEFAULT_TABLE, FORMAT, Curve, isotonic  # noqa: E402
from verifier.embed import Embedder  # noqa: E402
from verifier.metrics import expected_calibration_error  # noqa: E402

DATASETS = ("synthetic", "climate-fever", "healthver", "scifact")


def collect(kind: str, embedder: Embedder, cache: Path, limit: int | None) -> tuple[str, list]:
    judge = make_judge(kind, calibration=None)
    bv.JUDGE[0], bv.RECORDS = judge, []
    # The stance model trained on most claims of the public sets; on those it is right more
    # often than on new text, so its curves come from the claims its training held out.
    fold = "all" if kind == "rules" else "heldout"
    for name in DATASETS:
        bv.BENCHES[name](embedder, limit=limit, cache=cache, fold=fold)
    return judge.name, bv.RECORDS


def fold_of(rec: dict) -> int:
    return hashlib.sha256(f"{rec['set']}|{rec['id']}".encode()).digest()[0] % 2


def fit(records: list[dict]) -> dict[str, dict]:
    """One curve per verdict; each dataset's points together weigh 1."""
    per_set = defaultdict(int)
    for r in records:
        per_set[r["set"]] += 1
    curves = {}
    for verdict in ("supported", "contradicted", "unverified"):
        pts = [r for r in records if r["verdict"] == verdict]
        if len(pts) < 20:  # too few to say anything: keep the raw score
            continue
        xs, ys = isotonic([r["confidence"] for r in pts],
                          [float(r["verdict"] == r["gold"]) for r in pts],
                          [1.0 / per_set[r["set"]] for r in pts])
        curves[verdict] = {"x": xs, "y": ys, "points": len(pts)}
    return curves


def apply(curves: dict, rec: dict) -> float:
    c = curves.get(rec["verdict"])
    return Curve(c["x"], c["y"])(rec["confidence"]) if c else rec["confidence"]


def ece(records: list[dict], conf: list[float]) -> float:
    return expected_calibration_error(conf, [r["verdict"] == r["gold"] for r in records])


def report(judge: str, records: list[dict]) -> None:
    halves = [[r for r in records if fold_of(r) == k] for k in (0, 1)]
    fitted = [fit(halves[1]), fit(halves[0])]  # each half calibrated by the other
    out_of_fold = {id(r): apply(fitted[k], r) for k in (0, 1) for r in halves[k]}
    print(f"\n== {judge}: {len(records)} verdicts ==")
    print(f"{'dataset':<62} {'n':>5} {'ECE raw':>8} {'ECE cal':>8} {'ECE other':>9}")
    for name in [*sorted({r["set"] for r in records}), "all"]:
        rs = [r for r in records if name in ("all", r["set"])]
        # The honest figure for a new kind of text: curves fitted without this dataset at all.
        rest = fit([r for r in records if r["set"] != name])
        other = "" if name == "all" else f"{ece(rs, [apply(rest, r) for r in rs]):>9.3f}"
        print(f"{name[:62]:<62} {len(rs):>5} {ece(rs, [r['confidence'] for r in rs]):>8.3f} "
              f"{ece(rs, [out_of_fold[id(r)] for r in rs]):>8.3f} {other}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/factcheck-bench"))
    ap.add_argument("--limit", type=int, default=None, help="first N claims per dataset")
    ap.add_argument("--records", type=Path, help="refit from verdicts saved by an earlier run")
    ap.add_argument("--save-records", type=Path, help="save the verdicts for --records")
    ap.add_argument("--out", type=Path, default=DEFAULT_TABLE)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    if args.records:
        by_judge = json.loads(args.records.read_text())
    else:
        embedder = Embedder()
        by_judge = dict(collect(kind, embedder, args.cache, args.limit)
                        for kind in ("rules", "stance"))
        if args.save_records:
            args.save_records.write_text(json.dumps(by_judge))
    table = {"format": FORMAT, "judges": {}, "fitted_on": {
        "date": dt.date.today().isoformat(),
        "records_sha256": hashlib.sha256(
            json.dumps(by_judge, sort_keys=True).encode()).hexdigest(),
        "datasets": sorted({r["set"] for rs in by_judge.values() for r in rs}),
    }}
    for judge, records in by_judge.items():
        report(judge, records)
        table["judges"][judge] = fit(records)
    tmp = args.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    tmp.replace(args.out)
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
