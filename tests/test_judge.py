"""The rule judge on hand-made candidates: no model, no index."""

import datetime as dt

from verifier.judge import RuleJudge
from verifier.models import Candidate, Claim, Passage, SourceDocument, Span

LANDING = SourceDocument(
    id="landing", title="Chang'e-4 makes first soft landing on the far side of the Moon",
    publisher="CNSA", date=dt.date(2019, 1, 3), url="https://example.org/landing",
    text=("Chang'e-4 landed on the far side of the Moon on 3 January 2019. "
          "Chang'e-4 was launched on 8 December 2018. "
          "Zhang Kejian and Roscosmos Director General Dmitry Rogozin signed the memorandum."),
)


def cand(doc: SourceDocument, sentence: str, score: float) -> Candidate:
    start = doc.text.index(sentence)
    span = Span(start=start, end=start + len(sentence))
    return Candidate(passage=Passage(id=0, doc_id=doc.id, text=sentence, span=span),
                     document=doc, score=score)


def claim(text: str) -> Claim:
    return Claim(id="c1", text=text, span=Span(start=0, end=len(text)))


LANDED = "Chang'e-4 landed on the far side of the Moon on 3 January 2019."
LAUNCHED = "Chang'e-4 was launched on 8 December 2018."
SIGNED = "Zhang Kejian and Roscosmos Director General Dmitry Rogozin signed the memorandum."


def test_wrong_landing_month_is_contradicted_with_the_source_date():
    r = RuleJudge().judge(claim("Chang'e-4 landed on the far side of the Moon in December."),
                          [cand(LANDING, LANDED, 0.9), cand(LANDING, LAUNCHED, 0.8)])
    assert r.verdict == "contradicted"
    (d,) = r.discrepancies
    assert (d.kind, d.claim_value, d.evidence_value) == ("date", "December", "3 January 2019")
    assert "CNSA press release of 2019-01-03" in r.reason
    assert r.evidence[0].quote == LANDED
    assert LANDING.text[r.evidence[0].span.start : r.evidence[0].span.end] == LANDED


def test_launch_date_does_not_confirm_a_landing_claim():
    r = RuleJudge().judge(claim("Chang'e-4 landed on the far side of the Moon in December 2018."),
                          [cand(LANDING, LAUNCHED, 0.9), cand(LANDING, LANDED, 0.85)])
    assert r.verdict == "contradicted"


def test_matching_claim_is_supported_and_cites_the_passage():
    r = RuleJudge().judge(claim("Chang'e-4 landed on the far side of the Moon on 3 January 2019."),
                          [cand(LANDING, LANDED, 0.95)])
    assert r.verdict == "supported"
    assert r.evidence[0].doc_id == "landing" and r.discrepancies == []


def test_wrong_office_holder_is_a_name_discrepancy():
    r = RuleJudge().judge(
        claim("Zhang Kejian and Roscosmos director general Igor Komarov signed the memorandum."),
        [cand(LANDING, SIGNED, 0.85)],
    )
    assert r.verdict == "contradicted"
    assert r.discrepancies[0].kind == "name"
    assert r.discrepancies[0].evidence_value == "Dmitry Rogozin"


def test_unmentioned_fact_leaves_claim_unverified_with_reason():
    r = RuleJudge().judge(claim("Chang'e-4 landed on the far side of the Moon carrying 4 rovers."),
                          [cand(LANDING, LANDED, 0.8)])
    assert r.verdict == "unverified"
    assert "does not mention 4" in r.reason


def test_unrelated_evidence_is_no_evidence():
    r = RuleJudge().judge(claim("The unemployment rate rose to 14.7 percent in April."),
                          [cand(LANDING, LANDED, 0.1)])
    assert r.verdict == "unverified"
    assert r.reason.startswith("No relevant evidence found")
    assert r.evidence == []


def test_no_candidates():
    r = RuleJudge().judge(claim("Anything at all happened in 2020."), [])
    assert r.verdict == "unverified" and 0 <= r.confidence <= 1


def test_confidence_stays_in_range_for_dissimilar_evidence():
    r = RuleJudge().judge(claim("Vitamin D lowers mortality."), [cand(LANDING, LANDED, -0.2)])
    assert 0.0 <= r.confidence <= 1.0


SIGNATORIES = SourceDocument(
    id="accords-2023", title="Artemis Accords signatories", publisher="NASA",
    date=dt.date(2023, 6, 8), url="https://example.org/accords",
    text="The Artemis Accords now have 25 signatory nations.",
)
NOW_25 = "The Artemis Accords now have 25 signatory nations."


def test_a_later_source_does_not_refute_a_count_that_may_have_grown():
    c = claim("The Artemis Accords have 12 signatory nations.").model_copy(
        update={"as_of": dt.date(2021, 11, 1)})
    r = RuleJudge().judge(c, [cand(SIGNATORIES, NOW_25, 0.9)])
    assert r.verdict == "unverified"
    assert "later source" in r.reason and "2021-11-01" in r.reason
    (d,) = r.discrepancies
    assert (d.claim_value, d.evidence_value) == ("12", "25")


def test_the_same_count_is_contradicted_by_a_source_from_before_the_article():
    c = claim("The Artemis Accords have 12 signatory nations.").model_copy(
        update={"as_of": dt.date(2024, 1, 1)})
    assert RuleJudge().judge(c, [cand(SIGNATORIES, NOW_25, 0.9)]).verdict == "contradicted"


def test_a_dated_event_is_contradicted_by_a_later_source_too():
    # The claim fixes its moment ("on 3 January 2019"), so a later account still refutes it.
    c = claim("Chang'e-4 landed on the far side of the Moon in December 2018.").model_copy(
        update={"as_of": dt.date(2018, 12, 20)})
    r = RuleJudge().judge(c, [cand(LANDING, LANDED, 0.9)])
    assert r.verdict == "contradicted"


OLD_LANDING = SourceDocument(
    id="preview", title="Chang'e-4 mission preview", publisher="CNSA",
    date=dt.date(2018, 12, 1), url="https://example.org/preview",
    text="Chang'e-4 landed on the far side of the Moon in December 2018, a preview said.",
)
PREVIEW = OLD_LANDING.text


def test_conflicting_sources_are_both_cited_and_the_reason_says_so():
    c = claim("Chang'e-4 landed on the far side of the Moon in December 2018.")
    r = RuleJudge().judge(c, [cand(LANDING, LANDED, 0.95), cand(OLD_LANDING, PREVIEW, 0.6)])
    assert r.verdict == "contradicted"
    assert "Conflicting: CNSA press release of 2018-12-01 matches the claim" in r.reason
    assert [e.doc_id for e in r.evidence] == ["landing", "preview"]
