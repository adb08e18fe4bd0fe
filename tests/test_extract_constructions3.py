"""Constructions blind batch 4 showed the extractor missing, each on sentences written for these
tests: gapped clauses and comma splices after "after that" or with no comma after "According to
X", a time word before the second subject of a bare "and", quoted statements split inside the
quote, appositives in mid-clause and ages inside an appositive, the speaker kept with a
first-person quote once the sentence is cut up, two results after one comma and their tense,
nouns mistaken for instructions, credit lines, and headings that name a change or a record.
Rule-based, no model."""

from __future__ import annotations

import pytest

from verifier.decompose import _past
from verifier.extract import extract_claims

from .test_extract import accounted_for, texts


def reasons(text: str) -> list[str]:
    return [d.reason for d in extract_claims(text).dropped]


# ----------------------------------------------------------------------------- splits

@pytest.mark.parametrize(("sentence", "expected"), [
    # gapping: the second half repeats the opening preposition and leaves out subject and verb
    ("In the morning the ferries will leave every 20 minutes, in the evening every hour.",
     ["In the morning the ferries will leave every 20 minutes",
      "In the evening the ferries will leave every hour"]),
    ("In 2019 the brewery sold 5,000 barrels, in 2020 only 3,000.",
     ["In 2019 the brewery sold 5,000 barrels", "In 2020 the brewery sold only 3,000"]),
    ("For adults a ticket costs 12 euros, for children 6 euros.",
     ["For adults a ticket costs 12 euros", "For children a ticket costs 6 euros"]),
    # a comma splice after "after that" / "since then"
    ("The museum will be closed for two days, after that a ticket will cost 5 euros.",
     ["The museum will be closed for two days", "after that a ticket will cost 5 euros."]),
    # "According to X" with no comma after X: the comma later ends a clause
    ("According to the police 300 trees fell on roads, two drivers died in their cars.",
     ["According to the police 300 trees fell on roads", "two drivers died in their cars."]),
    # a time word before the subject of a clause after a bare "and"; "it" is the first subject
    ("The harbour wall was built in 1911 and today it protects 200 houses.",
     ["The harbour wall was built in 1911", "Today the harbour wall protects 200 houses."]),
    ("The depot opened in 1998 and it employs 300 people.",
     ["The depot opened in 1998", "The depot employs 300 people."]),
    # a comma splice inside a quoted statement
    ('The governor said: "The reservoir will hold 2 million cubic metres, it is the largest '
     'in our state."',
     ['The governor said: "The reservoir will hold 2 million cubic metres',
      "The reservoir is the largest in our state."]),  # "it" resolved within the quote
    # an appositive after a name inside the clause
    ("Ferrox was founded by Tom Hale, a Leeds-based engineer, under a 2019 licence.",
     ["Ferrox was founded by Tom Hale under a 2019 licence.",
      "Tom Hale is a Leeds-based engineer"]),
    # the age of a name inside an appositive
    ("His deputy, chief engineer Maria Lund, 51, was promoted after the audit.",
     ["His deputy, chief engineer Maria Lund was promoted after the audit.", "Maria Lund is 51"]),
    # two results after one comma, in the past when the main clause is past or perfect
    ("A storm has flattened 300 homes in northern Chile since Friday, killing two people and "
     "leaving 4,000 without power.",
     ["A storm has flattened 300 homes in northern Chile since Friday",
      "A storm killed two people", "A storm left 4,000 without power."]),
    ("The project was approved by Parliament in 2021, costing 900 million euros.",
     ["The project was approved by Parliament in 2021", "The project cost 900 million euros."]),
])
def test_batch4_constructions_split(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected
    accounted_for(sentence)


def test_a_first_person_quote_keeps_its_speaker_once_the_sentence_is_cut_up() -> None:
    sentence = '"Our bakery is gone," said Peter Dahl, 72, who lost his shop in the flood.'
    ex = extract_claims(sentence)
    assert [c.text for c in ex.claims] == ["Our bakery is gone, said Peter Dahl",
                                           "Peter Dahl is 72",
                                           "Peter Dahl lost his shop in the flood"]
    assert ex.claims[0].attributed_to == "Peter Dahl"
    assert ex.claims[1].attributed_to is None  # his age is not something he said
    # the quote and the speaker are two pieces of the article, not one rewritten string
    assert [s.slice(sentence) for s in ex.claims[0].spans] == ["Our bakery is gone",
                                                               "said Peter Dahl"]
    accounted_for(sentence)


def test_a_third_person_quote_is_not_given_the_tail() -> None:
    # nothing in it needs the speaker to be read: the speaker stays in attributed_to
    ex = extract_claims('"Prices will rise by 4%," said Ann Cole, 45, a trader in Leeds.')
    assert [c.text for c in ex.claims][:2] == ["Prices will rise by 4%", "Ann Cole is 45"]
    assert ex.claims[0].attributed_to == "Ann Cole"


@pytest.mark.parametrize("sentence", [
    "In 2019 the company sold 5,000 cars, in total 20,000 since 2010.",  # an idiom, no gap
    "The prize money rose to 300 euros, in line with inflation.",
    "The committee met the ministers on May 3, after that the vote.",  # no clause follows
    "The bridge and the tunnel were built in 1990 and 1995.",
])
def test_not_split(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_a_passive_participle_after_according_to_is_no_clause() -> None:
    sentence = ("According to the analysis reported by Roscosmos, the engine parameters deviated "
                "from the plan.")
    assert texts(sentence) == [sentence]


def test_participle_appositive_agrees_with_a_plural_subject() -> None:
    claims = texts("More than 400 volunteers, supported by 12 boats, searched the lake on Sunday.")
    assert "More than 400 volunteers were supported by 12 boats" in claims


@pytest.mark.parametrize(("ing", "past"), [
    ("killing", "killed"), ("forcing", "forced"), ("stopping", "stopped"), ("leaving", "left"),
    ("carrying", "carried"), ("cutting", "cut"), ("selling", "sold"), ("injuring", "injured"),
])
def test_past_of_a_result_verb(ing: str, past: str) -> None:
    assert _past(ing) == past


# ----------------------------------------------------------------------------- check-worthiness

def test_a_noun_subject_is_not_an_instruction() -> None:
    assert texts("Contact with the probe was lost after two hours.") == [
        "Contact with the probe was lost after two hours."]
    assert texts("Talk of a merger was dismissed by the board on Monday.")
    assert reasons("Contact the office for details.") == [
        "an instruction to the reader, not a claim"]


@pytest.mark.parametrize("line", [
    "Based on a press release from the city council.",
    "Adapted from a report by the regional health board.",
])
def test_credit_lines_are_boilerplate(line: str) -> None:
    assert reasons(line) == ["page boilerplate"]


@pytest.mark.parametrize("heading", [
    "Electricity prices are going up",
    "Water bills rise again",
    "It is the longest bridge in the region's history",
])
def test_headings_naming_a_change_or_a_record_are_claims(heading: str) -> None:
    assert texts(heading) == [heading]


@pytest.mark.parametrize("sentence", [
    '"We believe the new tunnel can halve journey times," said Ola Berg.',  # a belief
    "This is the best decision in the club's history.",  # a judgement in running text
])
def test_change_and_record_words_do_not_rescue_opinions(sentence: str) -> None:
    assert texts(sentence) == []
