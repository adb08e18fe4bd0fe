import pytest

from verifier.metrics import expected_calibration_error, format_scores, score


def test_scores_per_label_and_macro():
    gold = ["supported", "supported", "contradicted", "unverified"]
    pred = ["supported", "unverified", "contradicted", "contradicted"]
    s = score(gold, pred)
    assert s["per_label"]["supported"] == {"precision": 1.0, "recall": 0.5, "f1": 2 / 3,
                                           "support": 2}
    assert s["per_label"]["contradicted"]["precision"] == 0.5
    assert s["per_label"]["unverified"]["f1"] == 0.0
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert s["confusion"]["supported"]["unverified"] == 1
    assert "macro-F1 44.4" in format_scores(s)


def test_calibration_error():
    assert expected_calibration_error([0.9, 0.9], [True, False]) == pytest.approx(0.4)
    assert expected_calibration_error([1.0, 0.0], [True, False]) == pytest.approx(0.0)


def test_length_mismatch():
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        score(["supported", "supported"], ["supported"])
