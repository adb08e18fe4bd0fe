"""Scores for verdicts against gold labels: per-label precision/recall/F1, macro-F1, confusion
matrix, expected calibration error. Used by the benchmarks; pure Python."""

from __future__ import annotations

from collections.abc import Sequence

LABELS = ("supported", "contradicted", "unverified")


def score(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str] = LABELS) -> dict:
    if len(gold) != len(pred):
        msg = f"{len(gold)} gold labels but {len(pred)} predictions"
        raise ValueError(msg)
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    per_label = {}
    for label in labels:
        tp = confusion[label][label]
        predicted = sum(confusion[g][label] for g in labels)
        actual = sum(confusion[label].values())
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": actual}
    present = [label for label in labels if per_label[label]["support"]]
    macro = sum(per_label[label]["f1"] for label in present) / len(present) if present else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0
    return {"macro_f1": macro, "accuracy": accuracy, "per_label": per_label,
            "confusion": confusion}


def expected_calibration_error(confidence: Sequence[float], correct: Sequence[bool],
                               bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    if not confidence:
        return 0.0
    total, error = len(confidence), 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        members = [i for i, c in enumerate(confidence)
                   if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if members:
            acc = sum(correct[i] for i in members) / len(members)
            conf = sum(confidence[i] for i in members) / len(members)
            error += len(members) / total * abs(acc - conf)
    return error


def format_scores(scores: dict, labels: Sequence[str] = LABELS) -> str:
    lines = [f"macro-F1 {100 * scores['macro_f1']:.1f}   accuracy {100 * scores['accuracy']:.1f}",
             f"{'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'n':>7}"]
    for label in labels:
        s = scores["per_label"][label]
        lines.append(f"{label:<14}{100 * s['precision']:7.1f}{100 * s['recall']:7.1f}"
                     f"{100 * s['f1']:7.1f}{s['support']:7d}")
    lines.append("confusion (rows gold, columns predicted): "
                 + " ".join(label[:4] for label in labels))
    for g in labels:
        lines.append(f"  {g:<14}" + " ".join(f"{scores['confusion'][g][p]:5d}" for p in labels))
    return "\n".join(lines)
