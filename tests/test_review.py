"""Reviewer overrides: review files, matching, rendering in every format, re-runs, bad files.

Reports are built directly from the models (tests.test_html_report.sample_report) except in
the re-run test, which verifies with the tiny test model against an index that grows.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import yaml

from tests.conftest import write_doc
from tests.test_cli import assert_one_line_error, run
from tests.test_html_report import SAMPLE_ARTICLE, _csp_source_hash, parse, sample_report
from verifier.claimreview import to_claimreview
from verifier.errors import InputError
from verifier.html_report import CONTENT_SECURITY_POLICY, to_html
from verifier.models import ClaimResult, Report
from verifier.report import read_report, to_markdown, to_table
from verifier.review import (
    ReviewFile,
    apply_review,
    dump_review,
    parse_review,
    review_template,
    text_hash,
)
from verifier.textio import sha256_text

HOSTILE = "<script>window.__pwned = true</script><img src=x onerror=alert(9)>"


def decide(review: ReviewFile, claim_id: str, **fields) -> ReviewFile:
    """The review with the entry of `claim_id` updated by `fields`."""
    claims = [e.model_copy(update=fields) if e.id == claim_id else e for e in review.claims]
    return review.model_copy(update={"claims": claims})


def by_id(report: Report, claim_id: str) -> ClaimResult:
    (claim,) = [c for c in report.claims if c.id == claim_id]
    return claim


@pytest.fixture
def report() -> Report:
    return sample_report()


@pytest.fixture
def template(report) -> ReviewFile:
    return review_template(report, reviewer="Ana Reviewer")


# --- the template ---------------------------------------------------------------------------

def test_template_lists_every_claim_with_blank_decisions(report, template):
    assert [e.id for e in template.claims] == [c.id for c in report.claims]
    for entry, claim in zip(template.claims, report.claims, strict=True):
        assert entry.text == claim.text
        assert entry.text_hash == text_hash(claim.text) == text_hash(entry.text)
        assert entry.machine_verdict == claim.verdict
        assert list(entry.evidence) == [ev.key() for ev in claim.evidence]
        assert (entry.verdict, entry.note, entry.strike) == (None, "", [])
    assert template.report["article_sha256"] == report.article.sha256


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_template_round_trips_and_decides_nothing(report, template, fmt):
    text = dump_review(template, fmt)
    again = parse_review(text, f"review.{fmt}")
    assert again == template
    applied = apply_review(report, again)
    assert all(c.review is None for c in applied.claims)
    assert applied.orphaned_reviews == []
    assert applied.claims == report.claims


def test_yaml_template_reads_as_plain_yaml_with_blank_fields(template):
    text = dump_review(template)
    assert text.startswith("# factcheck review file")
    data = yaml.safe_load(text)
    assert data["format"] == "factcheck-review/1"
    first = data["claims"][0]
    assert {"id", "text_hash", "text", "machine_verdict", "verdict", "note", "strike"} <= set(first)
    # What a reviewer writes by hand: blank values read as "nothing decided".
    edited = text.replace("verdict: null", "verdict:", 1).replace("strike: []", "strike:", 1)
    assert parse_review(edited, "review.yaml").claims[0].strike == []


# --- applying a review ----------------------------------------------------------------------

def test_override_keeps_machine_verdict_and_marks_human(report, template):
    review = decide(template, "c2", verdict="supported", note="Source corrected in 2019.")
    reviewed = apply_review(report, review)
    c2 = by_id(reviewed, "c2")
    assert c2.verdict == "contradicted"  # the machine's, untouched
    assert c2.final_verdict == "supported"
    assert c2.review.verdict == "supported"
    assert c2.review.note == "Source corrected in 2019."
    assert c2.review.reviewer == "Ana Reviewer"
    assert c2.review.machine_verdict_seen == "contradicted"
    assert not c2.review.machine_verdict_changed
    assert reviewed.counts() == {"supported": 2, "contradicted": 1, "unverified": 2}
    assert report.counts() == {"supported": 1, "contradicted": 2, "unverified": 2}
    # Only decided entries become reviews; the input report is not modified.
    assert [c.id for c in reviewed.claims if c.review] == ["c2"]
    assert by_id(report, "c2").review is None


def test_entry_reviewer_overrides_file_reviewer(report, template):
    review = decide(template, "c1", note="fine", reviewer="Bo")
    assert by_id(apply_review(report, review), "c1").review.reviewer == "Bo"


def test_applying_again_replaces_the_earlier_review(report, template):
    once = apply_review(report, decide(template, "c2", verdict="supported"))
    twice = apply_review(once, decide(template, "c3", note="checked"))
    assert by_id(twice, "c2").review is None
    assert by_id(twice, "c3").review.note == "checked"


def test_claim_found_by_text_when_its_id_moved(report, template):
    """Ids shift when sentences are added above a claim; the text hash still finds it."""
    review = decide(template, "c3", id="c7", verdict="supported")
    reviewed = apply_review(report, review)
    assert by_id(reviewed, "c3").review.verdict == "supported"
    assert reviewed.orphaned_reviews == []


def test_same_id_with_other_words_is_orphaned_not_applied(report, template):
    entry = template.claims[2]  # c3
    moved = decide(template, "c3", text_hash=text_hash(entry.text + " (edited)"),
                   verdict="supported", note="was about six nations")
    reviewed = apply_review(report, moved)
    assert by_id(reviewed, "c3").review is None
    (orphan,) = reviewed.orphaned_reviews
    assert orphan.id == "c3" and orphan.verdict == "supported"
    assert orphan.note == "was about six nations" and orphan.reviewer == "Ana Reviewer"
    assert "reads differently" in orphan.reason


def test_orphaned_entry_is_reported_in_every_format(report, template, caplog):
    gone = decide(template, "c4", id="c44", text_hash="0" * 64,
                  note="about a sentence since removed")
    with caplog.at_level(logging.WARNING, logger="verifier.review"):
        reviewed = apply_review(report, gone)
    assert "c44" in caplog.text and "not applied" in caplog.text
    assert by_id(reviewed, "c4").review is None
    (orphan,) = reviewed.orphaned_reviews
    assert "no claim with this text" in orphan.reason
    saved = json.loads(reviewed.model_dump_json())
    assert saved["orphaned_reviews"][0]["note"] == "about a sentence since removed"
    assert "## Review entries not applied" in to_markdown(reviewed)
    assert "about a sentence since removed" in to_markdown(reviewed)
    assert "not applied" in to_table(reviewed)
    section = parse(to_html(reviewed, SAMPLE_ARTICLE)).by_id("orphaned-reviews")
    assert "about a sentence since removed" in section.text()


def test_repeated_text_needs_the_id_to_pick_a_claim(report, template):
    twin = report.claims[0].model_copy(update={"id": "c9"})
    doubled = report.model_copy(update={"claims": [*report.claims, twin]})
    by_exact_id = apply_review(doubled, decide(template, "c1", note="first one"))
    assert by_id(by_exact_id, "c1").review.note == "first one"
    assert by_id(by_exact_id, "c9").review is None
    ambiguous = apply_review(doubled, decide(template, "c1", id="c5x", note="which?"))
    assert [c.review for c in ambiguous.claims] == [None] * len(doubled.claims)
    assert "ambiguous" in ambiguous.orphaned_reviews[0].reason


def test_changed_machine_verdict_is_flagged(report, template):
    """The reviewer saw `supported`; the machine now says `contradicted`: look again."""
    stale = decide(template, "c3", machine_verdict="supported", verdict="supported",
                   note="eight is right")
    reviewed = apply_review(report, stale)
    c3 = by_id(reviewed, "c3")
    assert c3.review.machine_verdict_changed
    assert c3.review.machine_verdict_seen == "supported" and c3.verdict == "contradicted"
    assert json.loads(reviewed.model_dump_json())["claims"][2]["review"][
        "machine_verdict_changed"] is True
    assert "re-check" in to_markdown(reviewed)
    assert "RE-CHECK" in to_table(reviewed)
    card = parse(to_html(reviewed, SAMPLE_ARTICLE)).by_id("claim-3")
    assert [b for b in card.find_all("span", "badge") if "recheck" in b.classes()]
    assert "Re-check" in card.text()


def test_struck_evidence_is_shown_struck_not_deleted(report, template):
    key = report.claims[2].evidence[0].key()  # c3's only passage
    reviewed = apply_review(report, decide(template, "c3", strike=[key]))
    assert by_id(reviewed, "c3").evidence == by_id(report, "c3").evidence
    assert by_id(reviewed, "c3").review.struck_evidence == [key]
    card = parse(to_html(reviewed, SAMPLE_ARTICLE)).by_id("claim-3")
    (evidence_list,) = card.find_all("ul", "evidence")
    (item,) = evidence_list.find_all("li")
    assert "struck" in item.classes() and item.find_all("del")
    assert "Struck by reviewer" in item.text()
    md = to_markdown(reviewed)
    assert "~~" in md and "struck by reviewer" in md
    # The best-evidence column no longer offers a struck passage.
    row = next(line for line in md.splitlines() if line.startswith("| c3 |"))
    assert "artemis-accords" not in row


def test_strike_by_document_id(report, template):
    reviewed = apply_review(report, decide(template, "c2", strike=["cnsa-change4"]))
    card = parse(to_html(reviewed, SAMPLE_ARTICLE)).by_id("claim-2")
    assert [li for li in card.find_all("li") if "struck" in li.classes()]


def test_human_decision_shows_beside_machine_verdict_in_html(report, template):
    reviewed = apply_review(report, decide(template, "c2", verdict="supported", note="ok"))
    dom = parse(to_html(reviewed, SAMPLE_ARTICLE))
    card = dom.by_id("claim-2")
    assert card.attrs["data-verdict"] == "supported"
    assert "Human decision" in card.text()
    assert "machine: Contradicted" in card.text()
    highlight = dom.by_id("hl-2")
    assert highlight.attrs["data-verdict"] == "supported"
    assert "set by a reviewer" in highlight.text()


def test_markdown_marks_human_verdicts(report, template):
    reviewed = apply_review(report, decide(template, "c2", verdict="supported", note="n"))
    row = next(line for line in to_markdown(reviewed).splitlines() if line.startswith("| c2 |"))
    assert "👤" in row and "reviewer" in row and "machine: ❌ contradicted" in row


def test_claimreview_uses_the_human_verdict(report, template):
    review = decide(template, "c2", verdict="supported", note="Corrected by CNSA.")
    review = decide(review, "c1", note="Also in the Roscosmos release.")
    reviews = to_claimreview(apply_review(report, review))
    assert reviews[1]["reviewRating"]["alternateName"] == "Supported"
    assert reviews[1]["reviewRating"]["ratingValue"] == 3
    assert reviews[1]["reviewRating"]["ratingExplanation"] == "Corrected by CNSA."
    assert reviews[0]["reviewRating"]["ratingExplanation"].endswith(
        "Reviewer note: Also in the Roscosmos release.")
    assert reviews[2]["reviewRating"]["alternateName"] == "Contradicted"


def test_review_notes_are_escaped_in_html(report, template):
    review = decide(template, "c1", verdict="unverified", note=HOSTILE, reviewer=HOSTILE)
    review = decide(review, "c4", text_hash="1" * 64, note=HOSTILE)  # orphaned
    page = to_html(apply_review(report, review), SAMPLE_ARTICLE)
    dom = parse(page)
    assert len(dom.find_all("script")) == 1 and page.count("<script") == 1
    assert not dom.find_all("img")
    for node in dom.iter():
        assert not [a for a in node.attrs if a.lower().startswith("on")]
    assert HOSTILE in dom.by_id("claim-1").text()
    assert HOSTILE in dom.by_id("orphaned-reviews").text()
    # The stylesheet grew for review marks; the policy still pins exactly what is inline.
    assert f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">" \
        in page
    (style,) = dom.find_all("style")
    assert f"style-src {_csp_source_hash(style.text())};" in CONTENT_SECURITY_POLICY


# --- bad review files -----------------------------------------------------------------------

def _entry(**fields) -> dict:
    base = {"id": "c1", "text_hash": "a" * 64, "machine_verdict": "supported"}
    return {**base, **fields}


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("r.yaml", "claims: [\n", "not valid YAML"),
        ("r.yaml", "- just\n- a list\n", "expected a mapping"),
        ("r.json", "{\"claims\": [", "not valid JSON"),
        ("r.yaml", yaml.safe_dump({"claims": [_entry(verdict="true")]}),
         "claims[0].verdict: Input should be 'supported', 'contradicted' or 'unverified'"),
        ("r.yaml", yaml.safe_dump({"claims": [_entry(verdit="supported")]}),
         "claims[0].verdit: Extra inputs are not permitted"),
        ("r.yaml", yaml.safe_dump({"claims": [_entry(text_hash="abc")]}), "claims[0].text_hash"),
        ("r.yaml", yaml.safe_dump({"claims": [{"id": "c1", "text_hash": "a" * 64}]}),
         "claims[0].machine_verdict: Field required"),
        ("r.yaml", yaml.safe_dump({"format": "other/2", "claims": []}), "format"),
        ("r.yaml", yaml.safe_dump({"claims": [_entry(note="x"), _entry(note="y")]}),
         "appears twice"),
        ("r.yaml", "a: &x [1]\nclaims: *x\n", "aliases"),
        ("r.yaml", yaml.safe_dump({"claims": [_entry(strike="doc-1:0-10")]}), "strike"),
    ],
)
def test_bad_review_file_is_one_line_exit_2(capsys, tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="^" + str(path).replace(".", r"\.")):
        parse_review(content, str(path))
    report = tmp_path / "report.json"
    report.write_text(sample_report().model_dump_json(), encoding="utf-8")
    code, _, err = run(capsys, "render", str(report), "--review", str(path), "--format", "md")
    assert code == 2
    assert_one_line_error(err, fragment)


def test_missing_review_file_and_bad_report(capsys, tmp_path):
    report = tmp_path / "report.json"
    report.write_text(sample_report().model_dump_json(), encoding="utf-8")
    code, _, err = run(capsys, "render", str(report), "--review", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert_one_line_error(err, "cannot read")
    not_a_report = tmp_path / "other.json"
    not_a_report.write_text('{"claims": []}', encoding="utf-8")
    code, _, err = run(capsys, "render", str(not_a_report))
    assert code == 2
    assert_one_line_error(err, "not a factcheck JSON report")
    broken = tmp_path / "broken.json"
    broken.write_text('{"claims": [', encoding="utf-8")
    code, _, err = run(capsys, "review-template", str(broken))
    assert code == 2
    assert_one_line_error(err, "not valid JSON")


def test_verify_refuses_a_bad_review_file_before_verifying(capsys, tmp_path):
    bad = tmp_path / "r.yaml"
    bad.write_text(yaml.safe_dump({"claims": [_entry(verdict="maybe")]}), encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text("Zarya was launched on 20 November 1998.\n", encoding="utf-8")
    # No index exists: the review file is checked first, so its error is the one reported.
    code, _, err = run(capsys, "verify", str(article), "--index", str(tmp_path / "none"),
                       "--review", str(bad))
    assert code == 2
    assert_one_line_error(err, "claims[0].verdict")


# --- the commands ---------------------------------------------------------------------------

@pytest.fixture
def saved(tmp_path) -> tuple[Path, Path]:
    """A JSON report and the article it was made from, on disk."""
    article = tmp_path / "lunar.md"
    article.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    report = sample_report().model_copy(deep=True)
    report.article.sha256 = sha256_text(SAMPLE_ARTICLE)
    report.article.source = str(article)
    path = tmp_path / "lunar.json"
    path.write_text(report.model_dump_json(), encoding="utf-8")
    return path, article


def test_review_template_then_render_every_format(capsys, tmp_path, saved):
    report, _ = saved
    review = tmp_path / "review.yaml"
    code, _, _ = run(capsys, "review-template", str(report), "--reviewer", "Ana",
                     "--out", str(review))
    assert code == 0
    data = yaml.safe_load(review.read_text(encoding="utf-8"))
    data["claims"][1].update(verdict="supported", note="Corrected later.",
                             strike=list(data["claims"][1]["evidence"]))
    review.write_text(yaml.safe_dump(data), encoding="utf-8")

    code, out, _ = run(capsys, "render", str(report), "--review", str(review), "--format", "json")
    c2 = json.loads(out)["claims"][1]
    assert code == 0 and c2["verdict"] == "contradicted"
    assert c2["review"]["verdict"] == "supported" and c2["review"]["reviewer"] == "Ana"
    assert c2["review"]["struck_evidence"] == ["cnsa-change4:0-84"]

    # The report names its article; html finds it there.
    out_html = tmp_path / "reviewed.html"
    code, _, _ = run(capsys, "render", str(report), "--review", str(review), "--format", "html",
                     "--out", str(out_html))
    card = parse(out_html.read_text(encoding="utf-8")).by_id("claim-2")
    assert code == 0 and "Human decision" in card.text()

    code, out, _ = run(capsys, "render", str(report), "--review", str(review), "--format", "md")
    assert code == 0 and "Corrected later." in out
    code, out, _ = run(capsys, "render", str(report), "--review", str(review),
                       "--format", "claimreview")
    assert code == 0 and json.loads(out)[1]["reviewRating"]["alternateName"] == "Supported"
    code, out, _ = run(capsys, "render", str(report), "--review", str(review))
    assert code == 0 and "reviewer: SUPPORTED" in out


def test_render_html_needs_the_right_article(capsys, tmp_path, saved):
    report, article = saved
    other = tmp_path / "other.md"
    other.write_text("Another article entirely.\n", encoding="utf-8")
    code, _, err = run(capsys, "render", str(report), "--format", "html", "--article", str(other))
    assert code == 2
    assert_one_line_error(err, "is not the article this report was made from")
    article.write_text(SAMPLE_ARTICLE + "\nA line added since.\n", encoding="utf-8")
    code, _, err = run(capsys, "render", str(report), "--format", "html")
    assert code == 2
    assert_one_line_error(err, "pass --article FILE")
    other.write_text(SAMPLE_ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "render", str(report), "--format", "html", "--article", str(other))
    assert code == 0 and parse(out).by_id("hl-1")


def test_verify_with_review_keeps_overrides_after_the_index_grew(capsys, tmp_path,
                                                                 tiny_model_dir):
    """Review a run, add a source, re-index, verify again with the same review file."""
    docs = tmp_path / "docs"
    docs.mkdir()
    write_doc(docs, "zarya", "The Zarya module was launched on 20 November 1998 from Baikonur.")
    article = tmp_path / "article.md"
    article.write_text("The Zarya module was launched on 20 November 1998 from Baikonur.\n\n"
                       "The Perseverance rover landed on Mars on 18 February 2021.\n",
                       encoding="utf-8")
    index, model = tmp_path / "idx", str(tiny_model_dir)
    assert run(capsys, "index", str(docs), "--out", str(index), "--model", model, "-q")[0] == 0
    first = tmp_path / "first.json"
    code, _, _ = run(capsys, "verify", str(article), "--index", str(index), "--model", model,
                     "--format", "json", "--out", str(first), "-q")
    assert code == 0
    before = read_report(first)
    zarya, rover = before.claims
    assert rover.verdict == "unverified"  # no source about the rover yet

    review = review_template(before, reviewer="Ana")
    review = decide(review, zarya.id, verdict="unverified", note="Wants a second source.")
    review = decide(review, rover.id, verdict="supported", note="JPL confirms the date.")
    review_path = tmp_path / "review.yaml"
    review_path.write_text(dump_review(review), encoding="utf-8")

    write_doc(docs, "perseverance", "The Perseverance rover landed on Mars on 18 February 2021.")
    assert run(capsys, "index", str(docs), "--out", str(index), "--model", model, "-q")[0] == 0
    reports = tmp_path / "reports"
    code, _, err = run(capsys, "verify", str(article), "--index", str(index), "--model", model,
                       "--review", str(review_path), "--report-dir", str(reports))
    assert code == 0
    assert "re-check" in err
    after = read_report(reports / "article.json")
    assert after.run.index_id != before.run.index_id
    z, r = after.claims
    assert z.verdict == zarya.verdict  # unchanged machine verdict: override kept, not flagged
    assert z.review.verdict == "unverified" and not z.review.machine_verdict_changed
    assert r.verdict == "supported"  # the new source changed the machine's mind: flagged
    assert r.review.verdict == "supported" and r.review.note == "JPL confirms the date."
    assert r.review.machine_verdict_seen == "unverified" and r.review.machine_verdict_changed
    assert after.orphaned_reviews == []
    card = parse((reports / "article.html").read_text(encoding="utf-8")).by_id("claim-2")
    assert "Re-check" in card.text()
    assert "re-check" in (reports / "article.md").read_text(encoding="utf-8")
    # The Python API gives the same result from the unreviewed run.
    plain = after.model_copy(update={"claims": [c.model_copy(update={"review": None})
                                                for c in after.claims]})
    assert apply_review(plain, review).claims == after.claims
