"""How the stance judge's settings trade off, measured on held-out claims.

Usage (from the repository root, after `make setup`; about 15 minutes on 2 cores):

    .venv/bin/python bench/tune_stance.py [--stance-model DIR]

The stance judge (`verifier.stance_judge`) reads the `reads` closest passages of each claim and
lets the model decide alone above `support_above` / `contradict_above`. This runs the judge once
over the claims the stance model's training held out (HealthVer, Climate-FEVER, SciFact; see
bench_verdicts.py --fold heldout), keeps every claim's candidates and the model's probabilities,
then replays the judge over a grid of settings without running the model again. Reported:
claim-level 3-way macro-F1 per dataset at the shipped settings, and 2-fold cross-validated
figures for settings chosen on the other half of the claims (mean macro-F1 over the three public
datasets), so a choice is never scored on the claims it was picked on. Two guards are replayed
too but never used to choose: the synthetic swaps of our reference documents and the
hand-labelled seed article (bench_verdicts.py --dataset seed). "wrong c" counts claims called
contradicted whose gold label is not.
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

GRID = (0.25, 0.34, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
READS = (1, 2, 3, 4)


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
    ap.add_argument("--also", nargs="*", default=[], metavar="READS:SUPPORT:CONTRADICT",
                    help="more settings to print a row for, e.g. 4:0.25:0.4")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    embedder = Embedder()
    judge = StanceJudge(CachedModel(StanceModel.load(args.stance_model)),
                        stance=StanceSettings(reads=max(READS)))
    shipped = StanceSettings()
    runs = {}  # dataset -> (calls, gold)
    for name, fold in (("healthver", "heldout"), ("climate-fever", "heldout"),
                       ("scifact", "heldout"), ("synthetic", "all"), ("seed", "all")):
        rec = Recorder(judge)
        bv.JUDGE[0], bv.RECORDS = rec, []
        bv.BENCHES[name](embedder, limit=None, cache=args.cache, fold=fold)
        # bench_verdicts also judges Climate-FEVER's DISPUTED claims: keep the scored ones.
        by_id = {r["id"]: r["gold"] for r in bv.RECORDS}
        calls = [(c, cands) for c, cands in rec.calls if c.id in by_id]
        runs[name] = (calls, [by_id[c.id] for c, _ in calls])

    def replay(settings: StanceSettings, name: str, part: int | None = None):
        judge.stance = settings
        calls, gold = runs[name]
        keep = [i for i, (c, _) in enumerate(calls) if part is None or half(c.id) == part]
        pred = [judge.judge(*calls[i]).verdict for i in keep]
        want = [gold[i] for i in keep]
        wrong_c = sum(p == "contradicted" != g for p, g in zip(pred, want, strict=True))
        return macro_f1(want, pred), wrong_c

    def row(label: str, cells: dict) -> None:
        print(f"{label:<40}" + "".join(f"{f'{f:.1f} ({w})':>16}" for f, w in cells.values()))

    tuned_sets = ("healthver", "climate-fever", "scifact")
    grid = [replace(shipped, reads=r, support_above=s, contradict_above=c)
            for r, s, c in itertools.product(READS, GRID, GRID)]

    def chosen(part: int | None) -> StanceSettings:
        return max(grid, key=lambda g: np.mean([replay(g, n, part)[0] for n in tuned_sets]))

    print(f"\nstance judge {judge.name}; claim-level 3-way macro-F1 (wrong c)")
    print(f"{'setting':<40}" + "".join(f"{n:>16}" for n in runs))
    row(f"shipped (reads {shipped.reads}, {shipped.support_above} / "
        f"{shipped.contradict_above})", {n: replay(shipped, n) for n in runs})
    cv = {n: [] for n in runs}
    for part in (0, 1):
        best = chosen(1 - part)
        print(f"half {part}: chosen on half {1 - part}: reads {best.reads}, support "
              f"{best.support_above}, contradict {best.contradict_above}")
        for n in runs:
            cv[n].append(replay(best, n, part))
    row("2-fold CV, chosen settings", {n: (np.mean([f for f, _ in cv[n]]),
                                         sum(w for _, w in cv[n])) for n in runs})
    best_all = chosen(None)
    row(f"best on all (reads {best_all.reads}, {best_all.support_above} / "
        f"{best_all.contradict_above}; in-sample)", {n: replay(best_all, n) for n in runs})
    for s_, c_ in ((0.5, 0.9), (0.8, 0.8)):
        cautious = replace(best_all, support_above=s_, contradict_above=c_)
        row(f"reads {best_all.reads}, {s_} / {c_}", {n: replay(cautious, n) for n in runs})
    for spec in args.also:
        r_, s_, c_ = spec.split(":")
        extra = replace(shipped, reads=int(r_), support_above=float(s_),
                        contradict_above=float(c_))
        row(f"reads {r_}, {s_} / {c_}", {n: replay(extra, n) for n in runs})


if __name__ == "__main__":
    main()
