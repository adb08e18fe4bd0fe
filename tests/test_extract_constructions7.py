"""Constructions blind batch 8 showed the extractor missing or getting wrong, each on sentences
written for these tests: fact-box lines ("Weight: 189g") as claims about the product the title
names, not split at their commas nor dropped as short; time stamps of live-blog entries and
live-blog housekeeping; machine-translated datelines ending in a stop; "it was informed today
by X" tails; "of this sum ..." splices and ", when ..." after "of last year"; a state sentence
sourced to "the coastguard"; review verdicts and bare answers; headings with only a year.
Rule-based, no model."""

from __future__ import annotations

from verifier.extract import extract_claims

from .test_extract import accounted_for, parts
from .test_extract import dropped as reasons
from .test_extract import texts as claims

# ----------------------------------------------------------------------------- fact boxes

_SPECS = (
    "Tellmark K3 review: a quiet kettle with a slow start\n\n"
    "The K3 is the third kettle from Tellmark, a Swedish appliance maker.\n\n"
    "Key facts\n\n"
    "Capacity: 1.7 litres, auto shut-off\n\n"
    "Weight: 1.1kg\n\n"
    "Price: €89 (white), €99 (steel)\n\n"
    "Tellmark says the K3 boils a litre in 150 seconds.\n"
)


def test_fact_box_lines_are_whole_claims_about_the_title_subject() -> None:
    got = claims(_SPECS)
    assert "Tellmark K3 capacity: 1.7 litres, auto shut-off" in got
    assert "Tellmark K3 weight: 1.1kg" in got  # two words, still a fact
    assert "Tellmark K3 price: €89 (white), €99 (steel)" in got
    assert not any(t.startswith("€99") for t in got)  # not split at the comma
    accounted_for(_SPECS)


def test_fact_box_claim_spans_slice_the_line_and_keep_features() -> None:
    ex = extract_claims(_SPECS)
    weight = next(c for c in ex.claims if c.text.endswith("1.1kg"))
    assert weight.span.slice(_SPECS) == "Weight: 1.1kg"
    assert weight.rewritten
    assert [n.text for n in weight.numbers] == ["1.1kg"] or weight.numbers


def test_fact_box_markdown_bullets_and_title_labels() -> None:
    text = ("# Live: Ostby Bridge reopens after repairs\n\n"
            "- **Length:** 412 metres\n"
            "- Cost: 38 million crowns\n")
    got = claims(text)
    assert "Ostby Bridge length: 412 metres" in got  # "Live:" is not the subject
    assert "Ostby Bridge cost: 38 million crowns" in got
    accounted_for(text)


def test_label_lines_with_a_clause_or_no_number_are_not_fact_box_lines() -> None:
    text = ("Harrow Mill flood: what we know\n\n"
            "Update: 14 people have been rescued from the mill.\n\n"
            "Cause: heavy rain upstream\n")
    got = claims(text)
    assert not any(t.startswith("Harrow Mill update") for t in got)
    assert any("14 people have been rescued" in t for t in got)
    assert not any("heavy rain upstream" in t and "Harrow" in t for t in got)


def test_a_label_inside_running_text_is_not_a_fact_box_line() -> None:
    text = ("Veno Tab 2 goes on sale\n\n"
            "The tablet was tested last week. Weight: 480g, the maker says.\n")
    assert not any(t.startswith("Veno Tab 2 weight") for t in claims(text))


# ----------------------------------------------------------------------------- live blogs

_LIVE = (
    "Live: flooding in the Ebro valley\n\n"
    "**18:20** — Updates to follow.\n\n"
    "**17:45** — Emergency services evacuated 350 people from Tudela, the regional "
    "government said.\n\n"
    "09:05 – Good morning and welcome to our rolling coverage.\n"
)


def test_live_blog_time_stamps_are_dropped_and_the_entry_kept() -> None:
    ex = extract_claims(_LIVE)
    texts = [c.text for c in ex.claims]
    assert any(t.startswith("Emergency services evacuated 350 people from Tudela") for t in texts)
    assert not any(t[:1].isdigit() or t.startswith("*") for t in texts)
    stamps = [d for d in ex.dropped if d.reason == "time stamp of a live-blog entry"]
    assert [d.span.slice(_LIVE).strip("* ") for d in stamps] == ["18:20", "17:45", "09:05"]
    accounted_for(_LIVE)


def test_live_blog_housekeeping_is_not_a_claim() -> None:
    got = claims(_LIVE)
    assert not any("follow" in t or "welcome" in t.lower() for t in got)


def test_a_time_in_running_text_is_not_a_stamp() -> None:
    text = "The train left Gdynia at 14:05 - two hours late, the operator said.\n"
    assert reasons(text) == {}


# ----------------------------------------------------------------------------- translation

def test_dateline_ending_in_a_stop_is_dropped() -> None:
    text = ("Water supply restored in Zrenjanin\n\n"
            "Zrenjanin, 3 September.\n\n"
            "The water supply in Zrenjanin was restored on Tuesday after 40 hours, it was "
            "informed yesterday by the public utility company Vodovod.\n")
    r = reasons(text)
    assert r.get("Zrenjanin, 3 September.") == "dateline"
    ex = extract_claims(text)
    assert not any(c.text.startswith("it was informed") for c in ex.claims)
    water = next(c for c in ex.claims if "40 hours" in c.text)
    assert water.attributed_to and "Vodovod" in water.attributed_to


def test_passive_source_tail_with_a_time_word() -> None:
    got = parts("The museum will close for a week, it was announced on Monday by the city.")
    assert not any(p.startswith("it was announced") for p in got)
    # a sentence that only looks like it: no "by", the clause stays
    assert parts("The plan was informed by the 2019 census.") == [
        "The plan was informed by the 2019 census."]


def test_of_this_sum_splice_is_split() -> None:
    got = parts("The new school was built for 4.2 million euros, of this amount 30 percent "
                "is paid by the province.")
    assert got[0].startswith("The new school was built for 4.2 million euros")
    assert any(p.startswith("of this amount 30 percent is paid by the province") for p in got)


def test_when_clause_after_a_relative_year() -> None:
    text = ("Kovin dairy reopens\n\n"
            "The dairy in Kovin closed on 3 March of last year, when the owner went bankrupt.\n")
    got = claims(text)
    assert any(t.startswith("The owner went bankrupt on 3 March of last year") for t in got)


def test_when_clause_after_a_month_alone_is_not_split() -> None:
    got = parts("The dairy closed in March, when the owner went bankrupt.")
    assert len(got) == 1


# ----------------------------------------------------------------------------- sources

def test_state_sentence_sourced_to_the_coastguard_is_kept() -> None:
    text = ("Cargo ship stranded off Lampedusa\n\n"
            "The cargo ship Alba ran aground off Lampedusa on Friday.\n\n"
            "The hull was not damaged and no oil had leaked, the coastguard said.\n")
    got = claims(text)
    assert any("not damaged" in t for t in got)
    assert any("no oil had leaked" in t for t in got)


def test_an_opinion_sourced_to_an_institution_is_still_dropped() -> None:
    text = ("Cargo ship stranded off Lampedusa\n\n"
            "The rescue was a wonderful effort, the coastguard said.\n")
    assert not any("wonderful" in t for t in claims(text))


# ----------------------------------------------------------------------------- reviews

def test_review_verdicts_and_bare_answers_are_dropped() -> None:
    text = ("Sola 7 review: a bright screen and a dull camera\n\n"
            "The Sola 7 went on sale in France on 2 May for €450.\n\n"
            "Should you upgrade? If you own the Sola 6, probably not.\n\n"
            "Verdict: the brightest screen under €500, held back by its camera.\n")
    r = reasons(text)
    assert r["Sola 7 review: a bright screen and a dull camera"].startswith("a reviewer's")
    assert r["Verdict: the brightest screen under €500, held back by its camera."].startswith(
        "a reviewer's")
    assert r["If you own the Sola 6, probably not."].startswith("answers the reader's")
    assert any(t.startswith("The Sola 7 went on sale in France") for t in claims(text))


def test_review_title_with_a_verb_is_kept() -> None:
    text = "Sola 7 review: Sola cuts the price to €399\n\nThe phone went on sale on 2 May.\n"
    assert any("cuts the price" in t for t in claims(text))


# ----------------------------------------------------------------------------- headings

def test_heading_with_only_a_year_is_not_a_claim() -> None:
    text = ("# Aalborg zoo expands\n\n"
            "## Highlights of the 2025 season\n\n"
            "Aalborg Zoo will open a new elephant house in May 2025.\n")
    assert reasons(text).get("Highlights of the 2025 season") == \
        "a heading without a verb, not a claim"


def test_further_details_line_is_boilerplate() -> None:
    text = ("Aalborg Zoo will open a new elephant house in May 2025. More information is "
            "available on the zoo's website.\n")
    assert reasons(text)["More information is available on the zoo's website."] == \
        "page boilerplate"
