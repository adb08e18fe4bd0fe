"""Turn a judge's raw confidence into the observed chance that its verdict is right.

The judges' confidences are heuristics (similarities, coverages, model probabilities). A table
fitted by `bench/calibrate.py` on benchmark verdicts maps them, per judge and verdict, through
an increasing step function (isotonic regression), so that among verdicts reported at 0.7 about
70% were right on the data it was fitted on. The table is JSON shipped with the package; a judge
it does not know (another stance model, an LLM) keeps its raw scores and says so in its name.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from verifier.errors import ModelLoadError
from verifier.models import Candidate, Claim, ClaimResult

log = logging.getLogger(__name__)

DEFAULT_TABLE = Path(__file__).parent / "weights" / "calibration.json"
FORMAT = 1


def isotonic(x: Sequence[float], y: Sequence[float], w: Sequence[float]) -> tuple[list, list]:
    """Weighted pool-adjacent-violators: the increasing step fit of y on x.

    Returns the knots (mean x of each pooled block, its fitted y), ready for interpolation.
    """
    order = sorted(range(len(x)), key=lambda i: x[i])
    blocks: list[list[float]] = []  # [weight, sum w*x, sum w*y]
    for i in order:
        blocks.append([w[i], w[i] * x[i], w[i] * y[i]])
        while len(blocks) > 1 and blocks[-2][2] / blocks[-2][0] >= blocks[-1][2] / blocks[-1][0]:
            last = blocks.pop()
            for k in range(3):
                blocks[-1][k] += last[k]
    return ([round(b[1] / b[0], 6) for b in blocks], [round(b[2] / b[0], 6) for b in blocks])


# An end block of the fit may hold a few verdicts that were all right (or all wrong); no
# verdict of ours is certain, so the curve's values stay inside these bounds.
LOWEST, HIGHEST = 0.05, 0.95


@dataclass(frozen=True)
class Curve:
    xs: list[float]
    ys: list[float]

    def __call__(self, value: float) -> float:
        return min(HIGHEST, max(LOWEST, self._interpolate(value)))

    def _interpolate(self, value: float) -> float:
        if value <= self.xs[0]:
            return self.ys[0]
        if value >= self.xs[-1]:
            return self.ys[-1]
        i = bisect.bisect_right(self.xs, value)
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        return y0 + (y1 - y0) * (value - x0) / (x1 - x0) if x1 > x0 else y1


class CalibrationTable:
    def __init__(self, data: dict, sha256: str) -> None:
        if data.get("format") != FORMAT:
            msg = f"calibration table format {data.get('format')!r}; this tool reads {FORMAT}"
            raise ModelLoadError(msg)
        self.sha256 = sha256
        self.fitted_on = data.get("fitted_on", {})
        self.curves = {
            judge: {verdict: Curve(c["x"], c["y"]) for verdict, c in per_verdict.items()}
            for judge, per_verdict in data["judges"].items()
        }

    @classmethod
    def load(cls, path: str | Path = DEFAULT_TABLE) -> CalibrationTable:
        try:
            raw = Path(path).read_bytes()
            return cls(json.loads(raw), hashlib.sha256(raw).hexdigest())
        except (OSError, ValueError, KeyError, TypeError) as exc:
            msg = f"cannot read calibration table {path}: {exc}"
            raise ModelLoadError(msg) from exc

    def for_judge(self, name: str) -> dict[str, Curve] | None:
        return self.curves.get(name)


class CalibratedJudge:
    """Any judge, with its confidences mapped through the fitted curves for its verdicts."""

    def __init__(self, judge, curves: dict[str, Curve], table_sha256: str) -> None:
        self.inner = judge
        self.curves = curves
        self.name = f"{judge.name}+calibrated@sha256:{table_sha256[:12]}"

    def judge(self, claim: Claim, candidates: list[Candidate]) -> ClaimResult:
        result = self.inner.judge(claim, candidates)
        curve = self.curves.get(result.verdict)
        if curve is None:
            return result
        return result.model_copy(update={"confidence": round(curve(result.confidence), 3)})


def calibrated(judge, table: CalibrationTable | None):
    """`judge` wrapped in the table's curves for it, or `judge` itself (logged) if it has none."""
    curves = table.for_judge(judge.name) if table else None
    if not curves:
        log.info("no calibration for judge %s: confidences are its raw scores", judge.name)
        return judge
    return CalibratedJudge(judge, curves, table.sha256)
