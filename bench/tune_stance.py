"""How the stance judge's decision thresholds trade off, measured on held-out claims.

Usage (from the repository root, after `make setup`; about 15 minutes on 2 cores):

    .venv/bin/python bench/tune_stance.py [--stance-model DIR]

The stance judge (`verifier.stance_judge`) lets the model decide alone only above
`support_above` / `contradict_above`. This runs the judge once over the claims the stance
model's training held out (HealthVer, Climate-FEVER, SciFact; see bench_verdicts.py --fold
heldout), keeps every claim's candidates and the model's probabilities, then replays the judge
for a grid of thresholds without running the model again. Reported: claim-level 3-way macro-F1
per dataset at the shipped thresholds, and 2-fold cross-validated figures for thresholds chosen
on the other half of the claims (mean macro-F1 over the datasets), so the choice is never scored
on the claims it was picked on. The synthetic swaps are replayed too, as a guard: lower
thresholds must not turn altered sentences into "supported".
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import logging
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bench_verdicts as bv  # noqa: E402

from verifier.embed import Embedder  # noqa: E402
from verifier.metrics import score  # noqa: E402
from verifier.stance import StanceModel  # noqa: E402
from verifier.stance_judge import StanceJudge, StanceSettings  # noqa: E402

GRID = (0.34, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


class CachedModel:
    """The stance model with its answers kept, so replays cost no inference."""

    def __init__(self, model: StanceModel) -> None:
        self.model, self.seen = model, {}
        self.name, self.sha256 = model.name, model.sha256

    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        todo = [p for p in pairs if p not in self.seen]
        if todo:
            for pair, row in zip(todo, self.model.predict(todo), strict=True):
                self.seen[pair] = row
        return np.array([self.seen[p] for p in pairs])


class Recorder:
    """Judges like the wrapped judge and remembers what it was asked."""

    def __init__(self, judge: StanceJudge) -> None:
        self.judge_, self.name, self.calls = judge, judge.name, []

    def judge(self, claim, candidates):
        self.calls.append((claim, candidates))
        return self.judge_.judge(claim, candidates)


def macro_f1(gold: list[str], pred: list[str]) -> float:
    return 100 * score(gold, pred)["macro_f1"]


def half(claim_id: str) -> int:
    return hashlib.sha256(claim_id.encode()).digest()[0] % 2


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/factcheck-bench"))
    ap.add_argument("--stance-model", default=None, help="stance model folder (default: shipped)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    embedder = Embedder()
    judge = StanceJudge(CachedModel(StanceModel.load(args.stance_model)))
    shipped = judge.stance
    runs = {}  # dataset -> (calls, gold)
    for name, fold in (("healthver", "heldout"), ("climate-fever", "heldout"),
                       ("scifact", "heldout"), ("synthetic", "all")):
        rec = Recorder(judge)
        bv.JUDGE[0], bv.RECORDS = rec, []
        bv.BENCHES[name](embedder, limit=None, cache=args.cache, fold=fold)
        # bench_verdicts also judges Climate-FEVER's DISPUTED claims: keep the scored ones.
        by_id = {r["id"]: r["gold"] for r in bv.RECORDS}
        calls = [(c, cands) for c, cands in rec.calls if c.id in by_id]
        runs[name] = (calls, [by_id[c.id] for c, _ in calls])

    def replay(settings: StanceSettings, name: str, part: int | None = None) -> float:
        judge.stance = settings
        calls, gold = runs[name]
        keep = [i for i, (c, _) in enumerate(calls) if part is None or half(c.id) == part]
        pred = [judge.judge(*calls[i]).verdict for i in keep]
        return macro_f1([gold[i] for i in keep], pred)

    tuned_sets = ("healthver", "climate-fever", "scifact")
    grid = [replace(shipped, support_above=s, contradict_above=c)
            for s, c in itertools.product(GRID, GRID)]
    print(f"\nstance judge {judge.name}; claim-level 3-way macro-F1 (held-out claims)")
    print(f"{'setting':<34}" + "".join(f"{n:>15}" for n in runs))
    row = {n: replay(shipped, n) for n in runs}
    print(f"{'shipped (0.8 / 0.8)':<34}" + "".join(f"{row[n]:>15.1f}" for n in runs))
    cv = {n: [] for n in runs}
    for part in (0, 1):
        other = 1 - part
        best = max(grid, key=lambda g: np.mean([replay(g, n, other) for n in tuned_sets]))
        print(f"half {part}: thresholds chosen on half {other}: support {best.support_above}, "
              f"contradict {best.contradict_above}")
        for n in runs:
            cv[n].append(replay(best, n, part))
    print(f"{'2-fold CV, chosen thresholds':<34}" + "".join(
        f"{np.mean(cv[n]):>15.1f}" for n in runs))
    best_all = max(grid, key=lambda g: np.mean([replay(g, n) for n in tuned_sets]))
    row = {n: replay(best_all, n) for n in runs}
    label = f"best on all ({best_all.support_above} / {best_all.contradict_above}, in-sample)"
    print(f"{label:<34}" + "".join(f"{row[n]:>15.1f}" for n in runs))


if __name__ == "__main__":
    main()
