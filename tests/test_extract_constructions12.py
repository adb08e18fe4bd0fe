"""Constructions blind batch 13 showed the extractor missing or getting wrong, each on
sentences written for these tests: an official's "we" in a Q&A (the town or firm they head, not
"<name>'s team"), forecasts and hypotheticals of the interviewee ("I expect ...", "I would
..."), a title that opens with the quote, generalisations ("A town that wants X has to ...",
"Everybody wants ...", "We cannot do everything"); "and about 800 are finished" after a bare
"and"; "half of which the state and the region pay" (an "and" inside a relative); "with 18
stops" read as a verb; ", on a turnout of 41%, so I ..."; a headline's "three hurt"; gapped
counts ("80 of the buses are in Lyon, 40 in Nice"); a quote's first-person part cut off from
its speaker; "covers the A and the B built in 2021"; translated inverted passives spliced after
a comma; "612,000 visitors, a 12% rise"; the figures read as a motive; "..., study finds";
a gerund inside a list ("age, weight, smoking and exercise"); "Line 1" as a name; ", of which
38 million goes on ...". Rule-based, no model."""

from __future__ import annotations

import pytest

from verifier.claim_features import entities
from verifier.decompose import decompose
from verifier.extract import extract_claims

from .test_extract import accounted_for
from .test_extract import dropped as reasons
from .test_extract import texts as claims


def parts(sentence: str) -> list[str]:
    return [p.text for p in decompose(sentence).parts]


# ----------------------------------------------------------------------------- interviews

_QA = ('# "Buses are not optional": four questions for Dunmore\'s mayor\n\n'
       "*Petra Lind, 52, was elected mayor of Dunmore, a town of 31,000 people, in 2021. We met "
       "her at her office.*\n\n"
       "**How did the election go?**\n\n"
       "We won 61% of the vote, on a turnout of 48%, so I have never taken anything for "
       "granted.\n\n"
       "**What is the budget?**\n\n"
       "Our budget for 2025 is 40 million euros, of which 9 million goes on schools. We have "
       "bought 120 electric buses so far and about 70 are in service. I expect we will finish "
       "the depot in 2027.\n\n"
       "**Why buses?**\n\n"
       "A town that wants clean air has to give people a way to leave the car at home, and I "
       "would take the same decision again tomorrow. Everybody wants a bus stop outside their "
       "door, and most of those requests are reasonable. We cannot please everyone at once.\n")


def test_an_officials_we_is_the_body_they_head() -> None:
    got = claims(_QA)
    assert "Dunmore's budget for 2025 is 40 million euros" in got
    assert "Dunmore has bought 120 electric buses so far" in got
    assert not any("Petra Lind's team" in c and "buses" in c for c in got)
    accounted_for(_QA)


def test_in_an_election_the_we_stays_the_candidates_own() -> None:
    got = claims(_QA)
    assert "Petra Lind's team won 61% of the vote, on a turnout of 48%" in got
    assert not any("granted" in c for c in got)  # an attitude, not a fact


def test_forecasts_hypotheticals_and_generalisations_of_the_interviewee_are_dropped() -> None:
    got = " | ".join(claims(_QA))
    for gone in ("expect", "finish the depot", "clean air", "same decision", "Everybody",
                 "reasonable", "please everyone"):
        assert gone not in got


def test_a_title_that_opens_with_the_quote_is_dropped_in_an_interview() -> None:
    why = reasons(_QA)
    title = next(t for t in why if t.startswith('"Buses are not optional"'))
    assert why[title] == "the interview's title quotes an answer"


def test_a_share_of_a_sum_of_money_is_its_own_claim() -> None:
    assert "9 million of Dunmore's budget for 2025 goes on schools." in claims(_QA)
    assert parts("The fund totals €9 billion, of which €2 billion is set aside for loans.") == \
        ["The fund totals €9 billion", "€2 billion of the fund is set aside for loans."]


def test_a_subset_of_a_count_stays_with_the_count() -> None:
    assert parts("The line has 14 stations, of which 5 stations are underground.") == \
        ["The line has 14 stations, of which 5 stations are underground."]


def test_the_first_person_verb_agrees_when_a_plain_verb_follows() -> None:
    from verifier.interview import speak_as

    assert speak_as("I expect a reply", "Ana Reis") == "Ana Reis expects a reply"


# ----------------------------------------------------------------------------- "and"

@pytest.mark.parametrize(("sentence", "split"), [
    ("The club sold 40 tickets and nearly 30 were refunded.",
     ["The club sold 40 tickets", "nearly 30 were refunded."]),
    ("The agency has checked 900 claims so far and about 300 were false.",
     ["The agency has checked 900 claims so far", "about 300 were false."]),
])
def test_a_counted_subject_after_a_bare_and_opens_a_clause(sentence: str,
                                                           split: list[str]) -> None:
    assert parts(sentence) == split


def test_an_and_inside_a_relative_joins_its_subjects() -> None:
    got = parts("The bridge will cost 80 million euros, half of which the city and the state "
                "are paying.")
    assert not any(p.startswith(("the state", "The state")) for p in got)
    assert not any(p.endswith("the city") for p in got)


def test_a_counted_noun_is_no_verb() -> None:
    assert parts("The tunnel is 6 kilometres long, with 4 exits, and will cost 90 million "
                 "euros.") == ["The tunnel is 6 kilometres long, with 4 exits",
                               "The tunnel will cost 90 million euros."]
    assert parts("The route has 12 stops and runs every ten minutes.") == \
        ["The route has 12 stops", "The route runs every ten minutes."]


def test_a_list_after_an_including_verb_is_not_cut_at_a_participle() -> None:
    assert parts("The ban affects diesel vans and the lorries registered before 2015.") == \
        ["The ban affects diesel vans and the lorries registered before 2015."]
    assert parts("The firm made ferries and the yard opened in 2019.") == \
        ["The firm made ferries", "the yard opened in 2019."]


def test_a_phrase_and_a_second_comma_do_not_open_a_spliced_clause() -> None:
    assert parts("They took 40% of the seats, on a turnout of 55%, so they govern alone.") == \
        ["They took 40% of the seats, on a turnout of 55%", "they govern alone."]


# ----------------------------------------------------------------------------- headlines

def test_a_headline_count_of_people_is_said_in_full() -> None:
    assert parts("Bus maker recalls 5,000 coaches over brake fault, two hurt") == \
        ["Bus maker recalls 5,000 coaches over brake fault", "Two people were hurt"]
    assert parts("Ferry hits rocks off Varna, 12 passengers rescued")[-1] == \
        "12 passengers rescued"  # a named group needs no "people"


def test_a_change_after_a_figure_stays_with_it() -> None:
    assert parts("84,000 passengers, a 9% rise on 2022") == \
        ["84,000 passengers, a 9% rise on 2022"]


def test_a_study_finding_in_a_headline_is_kept() -> None:
    text = "Green tea linked to better sleep, new study finds\n"
    assert claims(text) == ["Green tea linked to better sleep, new study finds"]


# ----------------------------------------------------------------------------- counts, quotes

def test_gapped_counts_share_the_first_clause() -> None:
    assert parts("Some 300 of the workers live in Tartu, 120 in Narva, and about 40 in "
                 "Pärnu.") == ["Some 300 of the workers live in Tartu",
                               "120 of the workers live in Narva",
                               "About 40 of the workers live in Pärnu"]


def test_each_first_person_part_of_a_quote_keeps_its_speaker() -> None:
    got = decompose('"We have told all our staff, and the first refunds go out on May 2," '
                    "said company spokesman Rui Costa.").parts
    assert [p.text for p in got] == [
        "We have told all our staff, said company spokesman Rui Costa",
        "The first refunds go out on May 2, said company spokesman Rui Costa"]
    assert all(p.attributed for p in got)


# ----------------------------------------------------------------------------- translation

def test_inverted_passives_spliced_after_a_comma_are_clauses() -> None:
    assert parts("At the factory are employed 300 workers, in the summer are hired 50 "
                 "students.") == ["At the factory are employed 300 workers",
                                  "in the summer are hired 50 students."]
    assert parts("Also, at the mill are employed 40 people, during the harvest additionally "
                 "were hired over 60 pickers from the villages.") == [
        "Also, at the mill are employed 40 people",
        "during the harvest additionally were hired over 60 pickers from the villages."]


# ----------------------------------------------------------------------------- drops

def test_a_motive_read_into_the_figures_is_dropped_and_its_aside_kept() -> None:
    text = ('"These numbers show that families want more green space," said director Dr. '
            'Lena Ortiz, who took over in 2021.\n')
    why = reasons(text)
    assert why[text.strip()].startswith("reads a motive into the figures")
    assert claims(text) == ["Dr. Lena Ortiz took over in 2021"]


def test_a_figure_the_figures_show_is_still_a_claim() -> None:
    text = "The figures show that sales fell by 4% in March.\n"
    assert claims(text) == ["The figures show that sales fell by 4% in March."]


@pytest.mark.parametrize("sentence", [
    "A club that wants young players in Leeds has to pay for their coaching.",
    "Everybody wants a park in Porto next to their house, and most of them are right.",
    "Mayor Ruiz cannot fix everything at once.",
])
def test_generalisations_are_dropped(sentence: str) -> None:
    # a name or "most of" would keep them otherwise
    assert reasons(sentence + "\n")[sentence] == "a generalisation, nothing to check"


def test_a_past_statement_about_nobody_is_still_a_claim() -> None:
    assert claims("Nobody was hurt in the fire at the Lisbon depot.\n") == \
        ["Nobody was hurt in the fire at the Lisbon depot."]


# ----------------------------------------------------------------------------- lists, names

def test_a_gerund_in_a_list_of_nouns_is_no_result_clause() -> None:
    assert parts("The survey asked about diet, sleep, drinking and stress.") == \
        ["The survey asked about diet, sleep, drinking and stress."]
    assert parts("The fire destroyed 40 homes, killing two people.") == \
        ["The fire destroyed 40 homes", "The fire killed two people."]


def test_a_numbered_name_is_one_name_and_it_stands_for_it() -> None:
    assert [e.text for e in entities("Route 9, which links the port to the airport")] == \
        ["Route 9"]
    text = ("Route 9, which links the port to the airport, opened in 2020. It is 12 "
            "kilometres long.\n")
    assert claims(text) == ["Route 9 links the port to the airport", "Route 9 opened in 2020.",
                            "Route 9 is 12 kilometres long."]
    accounted_for(text)


def test_a_numbered_name_then_a_verb_in_s_is_a_clause() -> None:
    assert extract_claims("Line 4 opens on 3 March 2026.\n").claims[0].text == \
        "Line 4 opens on 3 March 2026."
