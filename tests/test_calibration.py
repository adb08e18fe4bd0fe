"""Confidence calibration: the isotonic fit, the curves, and how judges are wrapped."""

import json

import pytest

from verifier.api import make_judge
from verifier.calibration import (
    DEFAULT_TABLE,
    CalibratedJudge,
    CalibrationTable,
    Curve,
    calibrated,
    isotonic,
)
from verifier.errors import ModelLoadError
from verifier.judge import RuleJudge
from verifier.models import Claim, Span


def test_isotonic_pools_violators_into_an_increasing_fit():
    xs, ys = isotonic([0.1, 0.2, 0.3, 0.4], [0.0, 1.0, 0.0, 1.0], [1, 1, 1, 1])
    # (0.2, 1) and (0.3, 0) violate the order: they pool to 0.5 at x 0.25.
    assert xs == [0.1, 0.25, 0.4] and ys == [0.0, 0.5, 1.0]


def test_isotonic_respects_weights():
    _, ys = isotonic([0.1, 0.2], [1.0, 0.0], [3, 1])
    assert ys == [0.75]


def test_curve_interpolates_and_clamps_at_the_ends():
    c = Curve([0.2, 0.6], [0.1, 0.9])
    assert c(0.0) == 0.1 and c(1.0) == 0.9
    assert c(0.4) == pytest.approx(0.5)


def test_curve_never_says_certain():
    c = Curve([0.2, 0.6], [0.0, 1.0])
    assert c(0.0) == 0.05 and c(1.0) == 0.95


def _table(tmp_path, judges, fmt=1):
    path = tmp_path / "cal.json"
    path.write_text(json.dumps({"format": fmt, "judges": judges}))
    return path


def _claim():
    text = "Nothing in the corpus speaks of this."
    return Claim(id="c1", text=text, span=Span(start=0, end=len(text)))


def test_a_known_judge_gets_its_curve(tmp_path):
    table = CalibrationTable.load(_table(tmp_path, {
        "rules-v2": {"unverified": {"x": [0.0, 1.0], "y": [0.3, 0.3]}}}))
    judge = calibrated(RuleJudge(), table)
    assert isinstance(judge, CalibratedJudge)
    assert judge.name.startswith("rules-v2+calibrated@sha256:")
    raw = RuleJudge().judge(_claim(), [])
    result = judge.judge(_claim(), [])
    assert result.verdict == raw.verdict == "unverified"
    assert result.confidence == 0.3 and raw.confidence != 0.3


def test_an_unknown_judge_keeps_raw_scores_and_its_name(tmp_path):
    table = CalibrationTable.load(_table(tmp_path, {"other": {}}))
    judge = RuleJudge()
    assert calibrated(judge, table) is judge


@pytest.mark.parametrize("content", ["not json", '{"format": 99, "judges": {}}', '{"format": 1}'])
def test_a_broken_table_is_a_model_error(tmp_path, content):
    path = tmp_path / "cal.json"
    path.write_text(content)
    with pytest.raises(ModelLoadError, match="calibration table"):
        CalibrationTable.load(path)


def test_the_shipped_table_calibrates_the_default_judges():
    table = CalibrationTable.load(DEFAULT_TABLE)
    assert table.for_judge("rules-v2")
    assert "+calibrated@" in make_judge("rules").name
    assert make_judge("rules", calibration=None).name == "rules-v2"
    for curves in table.curves.values():
        for curve in curves.values():
            assert curve.xs == sorted(curve.xs) and curve.ys == sorted(curve.ys)
            assert all(0.0 <= y <= 1.0 for y in curve.ys)
