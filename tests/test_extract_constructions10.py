"""Constructions blind batches 10 and 11 showed the extractor missing or getting wrong, each on
sentences written for these tests: "we / us / our team" in an interview's answers (the
interviewee's team), answers that only say what the speaker knew, prefers or won't promise, a
"Yes, X." answer confirming a prompt, an interview title quoting a figureless answer; a
relative ", which began ... and cost ..." after a common noun; a two-word company name read as
a person's; "What X delivered:" over a list of verbless items; press-contact lines; datelines
with accented place names; a list of gerunds after "included" read as results; a coordinated
noun read as a clause; Markdown table rows under a header row. Rule-based, no model."""

from __future__ import annotations

from verifier.decompose import decompose
from verifier.interview import speak_as

from .test_extract import accounted_for
from .test_extract import dropped as reasons
from .test_extract import texts as claims

INTERVIEW = """# Lena Ortiz: "We slept in the van for a month"

Cellist Lena Ortiz, 38, leads the Arvo Quartet. We met her in Bilbao before a concert.

**How did the quartet start?**

We met at the conservatoire in Madrid in 2008. There were four of us and we had one viola.
Our group played its first concert in Toledo in 2009.

**You still teach at your old school.**

Yes, the Escuela Reina Sofía. I teach there two days a week. I never wanted to stop.

**What was the hardest year?**

We toured Germany for six weeks in 2015, and I slept in the van, so I knew we could survive.

**What comes next?**

A new album would be wonderful, but I don't make promises. I would rather play than record.
"""


def test_we_in_an_interviews_answers_is_the_interviewees_team() -> None:
    got = claims(INTERVIEW)
    assert "Lena Ortiz's team met at the conservatoire in Madrid in 2008." in got
    assert "Lena Ortiz's team had four members" in got
    assert "Lena Ortiz's team had one viola." in got
    assert "Lena Ortiz's group played its first concert in Toledo in 2009." in got
    accounted_for(INTERVIEW)


def test_we_is_not_the_interviewees_team_outside_the_answers() -> None:
    assert not any("Bilbao" in t for t in claims(INTERVIEW))  # the interviewer's "we"


def test_speak_as_makes_the_team_agree_and_skips_an_adverb() -> None:
    assert speak_as("We do two concerts a week and we still train daily.", "Ana Reis") == \
        "Ana Reis' team does two concerts a week and Ana Reis' team still trains daily."
    assert speak_as("I still run 40 km.", "Ana Reis") == "Ana Reis still runs 40 km."


def test_yes_and_a_name_completes_the_prompt_it_answers() -> None:
    got = claims(INTERVIEW)
    assert "Lena Ortiz still teaches at Lena Ortiz's old school, the Escuela Reina Sofía" in got
    assert not any(t.startswith("Yes") for t in got)


def test_what_the_speaker_knew_prefers_or_will_not_promise_is_dropped() -> None:
    got = claims(INTERVIEW)
    assert not any("knew" in t or "promises" in t or "rather" in t or "wanted" in t
                   for t in got)
    # the facts beside "I knew ..." in the same sentence are kept
    assert "Lena Ortiz's team toured Germany for six weeks in 2015" in got


def test_an_interview_title_quoting_a_figureless_answer_is_dropped() -> None:
    assert reasons(INTERVIEW)['Lena Ortiz: "We slept in the van for a month"'] == \
        "the interview's title quotes an answer"


def test_a_relative_that_begins_or_costs_is_said_of_the_common_noun_before() -> None:
    parts = [p.text for p in decompose(
        "The firm built 90 km of cable during the project, which started in May 2021 and cost "
        "$40 million.").parts]
    assert parts == ["The firm built 90 km of cable during the project",
                     "The project started in May 2021", "The project cost $40 million."]


def test_a_plain_past_after_a_past_verb_is_split_but_not_after_a_modal() -> None:
    assert len(decompose("The tunnel opened in 2019 and cost €12 million.").parts) == 2
    assert len(decompose("The tunnel will open in 2026 and cost €12 million.").parts) == 1


RELEASE = """# Harrow Grid finishes cable upgrade

Harrow Grid has finished the first stage of its cable upgrade, the operator said on Monday.

The company laid 90 km of new cable in the stage.

What the first stage delivered:

- 40 new substations across the county
- a control room in Leeds, the largest in the north

| Region | Homes connected | Change |
|---|---|---|
| North | 4,100 | +22% |

Media contact: press office, Harrow Grid.

Press contact: Tom Hale, 01632 960 000.
"""


def test_a_two_word_name_that_owns_its_is_a_company() -> None:
    assert "Harrow Grid laid 90 km of new cable in the stage." in claims(RELEASE)


def test_verbless_list_items_take_the_subject_and_verb_of_a_what_lead_in() -> None:
    got = claims(RELEASE)
    assert "The first stage delivered 40 new substations across the county" in got
    assert "The first stage delivered a control room in Leeds, the largest in the north" in got
    assert reasons(RELEASE)["What the first stage delivered:"] == \
        "introduces the list below, not a claim"
    accounted_for(RELEASE)


def test_a_table_row_pairs_each_figure_with_its_heading() -> None:
    got = claims(RELEASE)
    assert "North (Harrow Grid): homes connected 4,100, change +22%" in got
    assert not any(t.startswith("|") for t in got)


def test_press_contacts_are_boilerplate() -> None:
    got = claims(RELEASE)
    assert not any("contact" in t.lower() for t in got)
    assert list(reasons(RELEASE).values()).count("page boilerplate") == 2


def test_a_dateline_with_an_accented_place_name() -> None:
    text = "Târgu Mureș, 12 June. The new hospital wing opened on Friday, the minister said.\n"
    assert claims(text) == ["The new hospital wing opened on Friday, the minister said."]
    assert reasons(text) == {"Târgu Mureș, 12 June.": "dateline"}


def test_a_list_of_gerunds_after_included_is_one_claim() -> None:
    parts = [p.text for p in decompose(
        "The charges included failing to pay staff, keeping false records and running a site "
        "without a permit.").parts]
    assert len(parts) == 1
    # a participle of result after a plain object is still split
    assert len(decompose("The fire destroyed 40 homes, forcing 300 people to leave.").parts) == 2


def test_a_coordinated_noun_ending_in_s_is_no_clause() -> None:
    assert len(decompose("Dockers protested against pay cuts and new overtime rules.").parts) == 1


def test_a_hyphenated_adjective_after_and_is_no_second_verb() -> None:
    parts = [p.text for p in decompose(
        "It said it would lend €3 billion to small and medium-sized firms this year.").parts]
    assert not any(p.startswith("It medium") for p in parts)
