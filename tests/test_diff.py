"""`factcheck diff` and verifier.diff: claims matched by text, what changed, both directions."""

from __future__ import annotations

import json
import re

import pytest

from tests.test_cli import run
from tests.test_html_report import evidence, sample_report
from verifier.diff import CONFIDENCE_THRESHOLD, ReportDiff, diff_reports
from verifier.models import ClaimResult, Report
from verifier.review import text_hash


def with_claims(report: Report, claims: list[ClaimResult], *, index_id: str = "idx-new") -> Report:
    run_info = report.run.model_copy(update={"index_id": index_id})
    return report.model_copy(update={"claims": claims, "run": run_info})


@pytest.fixture
def old() -> Report:
    return sample_report()


@pytest.fixture
def new(old) -> Report:
    """c1 unchanged; c2 contradicted -> supported; c3 confidence 0.81 -> 0.86 and a new passage;
    c4 confidence moves by less than the threshold; c5 gone; one new claim; ids shifted by one."""
    c1, c2, c3, c4, _ = old.claims
    new_passage = evidence("Eight countries signed the Accords in October 2020.",
                           doc_id="esa-accords", title="ESA note", url="https://example.org/esa")
    added = c1.model_copy(update={"id": "c1", "text": "Zarya was launched on 20 November 1998.",
                                  "verdict": "supported", "confidence": 0.9})
    return with_claims(old, [
        added,
        c1.model_copy(update={"id": "c2"}),
        c2.model_copy(update={"id": "c3", "verdict": "supported", "discrepancies": []}),
        c3.model_copy(update={"id": "c4", "confidence": 0.86,
                              "evidence": [*c3.evidence, new_passage]}),
        c4.model_copy(update={"id": "c5", "confidence": 0.44}),
    ])


def test_changes_are_found_by_text_despite_shifted_ids(old, new):
    diff = diff_reports(old, new)
    assert isinstance(diff, ReportDiff)
    assert [(ch.old.id, ch.new.id, ch.changes) for ch in diff.changed] == [
        ("c2", "c3", ["verdict"]),
        ("c3", "c4", ["confidence", "evidence"]),
    ]
    verdict, moved = diff.changed
    assert (verdict.old.verdict, verdict.new.verdict) == ("contradicted", "supported")
    assert (moved.old.confidence, moved.new.confidence) == (0.81, 0.86)
    assert moved.evidence_added == ["esa-accords:0-51"] and moved.evidence_removed == []
    assert moved.text_hash == text_hash(moved.text)
    # c1 is identical and c4 moved 0.04, under the threshold.
    assert diff.unchanged == 2
    assert CONFIDENCE_THRESHOLD == 0.05


def test_claims_in_one_report_only(old, new):
    diff = diff_reports(old, new)
    assert [o.text for o in diff.added] == ["Zarya was launched on 20 November 1998."]
    assert [o.claim.id for o in diff.removed] == ["c5"]
    assert diff.removed[0].text == old.claims[4].text
    assert not diff.is_empty()


def test_identical_reports_have_no_diff(old):
    diff = diff_reports(old, old)
    assert diff.is_empty() and diff.unchanged == len(old.claims) and diff.same_article


def test_removed_evidence_and_threshold(old):
    c1 = old.claims[0]
    less = with_claims(old, [c1.model_copy(update={"evidence": [], "confidence": 0.88})])
    (change,) = diff_reports(with_claims(old, [c1]), less).changed
    assert change.changes == ["confidence", "evidence"]  # 0.93 -> 0.88 is exactly 0.05
    assert change.evidence_removed == [c1.evidence[0].key()]
    assert diff_reports(with_claims(old, [c1]), less, confidence_threshold=0.1).changed[0] \
        .changes == ["evidence"]


def test_repeated_text_pairs_in_order(old):
    c1 = old.claims[0]
    twice = with_claims(old, [c1, c1.model_copy(update={"id": "c2", "verdict": "unverified"})])
    once = with_claims(old, [c1])
    diff = diff_reports(twice, once)
    assert diff.unchanged == 1 and [o.claim.id for o in diff.removed] == ["c2"]
    diff = diff_reports(once, twice)
    assert [o.claim.verdict for o in diff.added] == ["unverified"]


def test_reviewer_verdicts_are_carried_not_compared(old):
    from verifier.models import Review

    c1 = old.claims[0]
    reviewed = c1.model_copy(update={"review": Review(verdict="unverified",
                                                      machine_verdict_seen="supported")})
    diff = diff_reports(with_claims(old, [c1]), with_claims(old, [reviewed]))
    assert diff.is_empty()


@pytest.fixture
def files(tmp_path, old, new):
    a, b = tmp_path / "old.json", tmp_path / "new.json"
    a.write_text(old.model_dump_json(), encoding="utf-8")
    b.write_text(new.model_dump_json(), encoding="utf-8")
    return a, b


def test_cli_table_json_and_markdown(capsys, files):
    a, b = files
    code, out, _ = run(capsys, "diff", str(a), str(b))
    assert code == 0
    assert re.search(r"^changed +c2->c3 +verdict contradicted -> supported$", out, re.M)
    assert "confidence 0.81 -> 0.86; evidence +1 -0" in out
    assert "+ esa-accords:0-51" in out
    assert "2 changed, 1 added, 1 removed, 2 unchanged" in out

    code, out, _ = run(capsys, "diff", str(a), str(b), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["new_index_id"] == "idx-new" and len(data["changed"]) == 2
    assert ReportDiff.model_validate(data) == diff_reports(
        Report.model_validate_json(a.read_text()), Report.model_validate_json(b.read_text()))

    code, out, _ = run(capsys, "diff", str(a), str(b), "--format", "md")
    assert code == 0 and "## Only in the new report" in out and "## Only in the old report" in out
    assert "| c2->c3 |" in out


def test_cli_no_changes_exits_0(capsys, files):
    a, _ = files
    code, out, _ = run(capsys, "diff", str(a), str(a))
    assert code == 0 and out.startswith("0 changed, 0 added, 0 removed")


def test_cli_bad_input(capsys, tmp_path, files):
    a, _ = files
    code, _, err = run(capsys, "diff", str(a), str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read" in err and "Traceback" not in err
