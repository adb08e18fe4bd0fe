"""Constructions a blind test batch showed the extractor missing, each on sentences written for
these tests: translated word order and comma splices, passive and reporting-verb attributions,
ages, "whose" / "where" and relatives inside appositives, "its" in event appositives, facts in
the asides of dropped sentences, check-worthiness of exhortations, beliefs and judgements, and
"he" when one of two names is not a person. Rule-based, no model."""

from __future__ import annotations

import pytest

from verifier.decompose import _third_person, decompose, is_finite, subject_verb, tokenize
from verifier.extract import extract_claims

from .test_extract import accounted_for, texts


def reasons(text: str) -> list[str]:
    return [d.reason for d in extract_claims(text).dropped]


# ----------------------------------------------------------------------------- word order

def test_a_clause_opening_with_a_phrase_and_no_comma_has_its_subject_before_the_verb() -> None:
    toks = tokenize("From the port of Aktau 300 tonnes of grain were shipped on Monday")
    s0, verb = subject_verb(toks)
    assert (toks[s0].text, toks[verb].text) == ("300", "were")
    # a governed number is no subject; the noun phrase before it is
    toks = tokenize("Near the border on Friday a bus with 30 passengers overturned")
    s0, verb = subject_verb(toks)
    assert (toks[s0].text, toks[verb].text) == ("a", "overturned")
    # coordinated subjects are taken together
    toks = tokenize("To the site 80 firefighters and 20 engines were sent")
    assert toks[subject_verb(toks)[0]].text == "80"
    # a purpose clause still has no subject
    assert subject_verb(tokenize("To build the bridge took four years")) is None


@pytest.mark.parametrize(("sentence", "expected"), [
    ("In the northern districts of the province 45 schools were closed, the classes are held "
     "online.",
     ["In the northern districts of the province 45 schools were closed",
      "the classes are held online."]),
    ("To the site of the fire 80 firefighters and 20 fire engines were sent, the work on "
     "extinguishing the blaze is conducted day and night.",
     ["To the site of the fire 80 firefighters and 20 fire engines were sent",
      "the work on extinguishing the blaze is conducted day and night."]),
    ("The bridge was built by the firm Kestrel Roads in 2015, the cost of the construction "
     "reached 90 million euros.",
     ["The bridge was built by the firm Kestrel Roads in 2015",
      "the cost of the construction reached 90 million euros."]),
    ("Recall, in 2016 the same plant was closed for a month, then 400 workers lost their jobs.",
     ["Recall, in 2016 the same plant was closed for a month",
      "then 400 workers lost their jobs."]),
    ("Malaria kills an estimated 600,000 people each year, and there is no cheap cure.",
     ["Malaria kills an estimated 600,000 people each year", "there is no cheap cure."]),
])
def test_comma_splices_of_translated_text_are_split(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected
    accounted_for(sentence)


@pytest.mark.parametrize("sentence", [
    "If the river rises further, the old bridge in Tarvik will be closed.",
    "According to the preliminary report published by Avianor, the engine failed during the "
    "descent.",
    "The museum in Kelby holds 5,000 objects, most of them donated by collectors.",
    "The council built 300 homes in Tarvik last year, a fifth of them for key workers.",
    "The treaty extends the cooperation between Norway and Sweden that began in 1995.",
    "The town of Kelby has renovated council and subsidised flats since 2010.",
    "Fares on the Kelby network will rise by 5%, starting in January.",
])
def test_what_only_looks_like_a_second_clause_stays_whole(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_a_year_that_names_something_does_not_date_a_fronted_after_clause() -> None:
    text = ("After a court ordered a repeat of the 2019 vote in three wards, the council in Kelby "
            "hired 900 extra staff.")
    assert texts(text) == ["a court ordered a repeat of the 2019 vote in three wards",
                           "the council in Kelby hired 900 extra staff."]


def test_an_event_appositive_is_not_taken_for_a_splice() -> None:
    assert texts("Exports fell 3% in June, the sharpest drop since records began in 1995.") == [
        "Exports fell 3% in June", "This was the sharpest drop since records began in 1995."]


def test_a_third_person_verb_the_lexicon_lacks_is_found_by_its_position() -> None:
    toks = tokenize("Malaria kills an estimated 600,000 people")
    assert is_finite(toks, 1)
    assert not is_finite(tokenize("Food prices a year ago were lower"), 1)
    assert not is_finite(tokenize("The firm gave investors the chance"), 3)
    assert not is_finite(tokenize("It took two weeks the first time"), 3)


@pytest.mark.parametrize(("headline", "expected"), [
    ("Ferry hits rocks off Varna, 12 passengers rescued",
     ["Ferry hits rocks off Varna", "12 passengers rescued"]),
    ("Dockers win pay dispute, strike over after 9 days",
     ["Dockers win pay dispute", "strike over after 9 days"]),
])
def test_headline_halves_with_dropped_articles(headline: str, expected: list[str]) -> None:
    assert texts(headline) == expected


# ----------------------------------------------------------------------------- attribution

@pytest.mark.parametrize(("sentence", "source"), [
    ("The fire destroyed 12 warehouses in Kelby, it was reported by the regional fire service.",
     "regional fire service"),
    ("The plant in Dorval will close in March, as reported by the Kelby Gazette.",
     "Kelby Gazette"),
    ("Energy bills in Norland rose 30% in a year, the consumer group Fairwatt calculated.",
     "Fairwatt"),
])
def test_passive_and_reporting_verb_tails_name_the_source(sentence: str, source: str) -> None:
    (claim,) = extract_claims(sentence).claims
    assert claim.text == sentence
    assert claim.attributed_to == source


def test_a_prepositional_phrase_before_reported_by_is_no_source() -> None:
    sentence = "Most side effects of the Brixa vaccine were mild, with headaches reported by 12% " \
               "of patients."
    (claim,) = extract_claims(sentence).claims
    assert claim.attributed_to is None


def test_the_title_after_a_quoted_source_is_a_fact_about_the_source() -> None:
    sentence = '"The harvest is the worst in 20 years," said Dr. Lena Vos, Agrimark\'s chief ' \
               'economist.'
    quote, title = extract_claims(sentence).claims
    assert (quote.text, quote.attributed_to) == ("The harvest is the worst in 20 years",
                                                 "Lena Vos")
    assert (title.text, title.attributed_to) == ("Dr. Lena Vos is Agrimark's chief economist",
                                                 None)


def test_a_frame_with_an_adverb_and_the_agency_for_a_ministry() -> None:
    d = decompose("The ministry also informed that the road will reopen on Monday.")
    assert d.source == "The ministry"
    text = ("The Ministry of Transport closed the Varna pass on Monday. "
            "The agency also informed that the road will reopen on 3 March.")
    claim = extract_claims(text).claims[-1]
    assert claim.attributed_to == "Ministry of Transport"
    assert claim.text.startswith("The Ministry of Transport also informed")


def test_first_person_words_in_unquoted_reported_speech_are_the_sources() -> None:
    kept = "The mayor of Tarvik Jonas Lind said to reporters: our crews cleared 200 km of " \
           "roads overnight."
    (claim,) = extract_claims(kept).claims
    assert claim.attributed_to is not None and "Jonas Lind" in claim.attributed_to
    assert reasons("I said to my neighbour: our street in Kelby floods every spring.") == [
        "the author's own experience or opinion"]


def test_unnamed_residents_complaining_with_a_count() -> None:
    text = ("Residents of Dolna complain that nobody warned them about the flood, many of them "
            "lost their cars.")
    claims = extract_claims(text).claims
    assert [c.text for c in claims] == [
        "Residents of Dolna complain that nobody warned them about the flood",
        "many of them lost their cars."]
    assert {c.attributed_to for c in claims} == {"Residents of Dolna"}


# ----------------------------------------------------------------------------- asides

@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police arrested driver Tom Ekberg, 52, after a crash on the A9.",
     ["Police arrested driver Tom Ekberg after a crash on the A9.", "Tom Ekberg is 52"]),
    ("The storm hit Tarvik on May 3, 12 people died.",
     ["The storm hit Tarvik on May 3", "12 people died."]),
    ("Ruth Amsel, a former judge who led the inquiry in 2019, will chair the panel.",
     ["Ruth Amsel is a former judge", "Ruth Amsel led the inquiry in 2019",
      "Ruth Amsel will chair the panel."]),
    ("Karl Brenner, whose company builds wind turbines, was elected mayor of Tarvik on Sunday.",
     ["Karl Brenner's company builds wind turbines",
      "Karl Brenner was elected mayor of Tarvik on Sunday."]),
    ("Oslo, where most commuters cycle, has cut car traffic by a third since 2015.",
     ["Oslo has cut car traffic by a third since 2015.", "Most commuters cycle in Oslo"]),
    ("The Ravens, who have lost four games in a row, sit last in the table.",
     ["The Ravens have lost four games in a row", "The Ravens sit last in the table."]),
    ("Union leader Mia Dahl said she was open to talks but would not accept job cuts.",
     ["Union leader Mia Dahl said she was open to talks", "She would not accept job cuts."]),
])
def test_ages_whose_where_and_relatives_in_appositives(sentence: str,
                                                       expected: list[str]) -> None:
    assert texts(sentence) == expected
    accounted_for(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The Green Alliance won 14.2% of the vote, its best result since 2009.",
     "This was the Green Alliance's best result since 2009."),
    # the index, not the strike, had its worst day: "its" is left as written
    ("The strike pushed the Kelby index down 2%, its worst day in a month.",
     "This was its worst day in a month."),
])
def test_its_in_an_event_appositive_names_the_subject_only_when_nothing_else_can_own_it(
        sentence: str, expected: str) -> None:
    assert texts(sentence)[-1] == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The striker scored twice in the final, ending his club's 30-year wait for a trophy.",
     "The striker ended his club's 30-year wait for a trophy."),
    ("Heavy snowfalls blocked roads across the north of Norland, cutting off 20 villages.",
     "Heavy snowfalls cut off 20 villages."),
    ("The retailer Maxwell cut its profit forecast on Monday, blaming weak demand in Asia.",
     "The retailer Maxwell blamed weak demand in Asia."),
])
def test_result_clauses(sentence: str, expected: str) -> None:
    assert texts(sentence)[-1] == expected


@pytest.mark.parametrize(("ing", "verb"), [
    ("blaming", "blames"), ("providing", "provides"), ("sharing", "shares"),
    ("requiring", "requires"), ("entering", "enters"), ("opening", "opens"),
    ("claiming", "claims"), ("seeming", "seems"), ("scoring", "scores"), ("ending", "ends"),
])
def test_third_person_of_an_ing_form(ing: str, verb: str) -> None:
    assert _third_person(ing) == verb


def test_the_fact_in_an_aside_of_an_uncertain_sentence_is_kept() -> None:
    text = "It is unclear how the miners, who have been on strike since March, will vote."
    ex = extract_claims(text)
    assert [c.text for c in ex.claims] == ["The miners have been on strike since March"]
    assert [d.reason for d in ex.dropped] == [
        "states an uncertainty, nothing to check; its other parts are kept (c1)"]
    text = ("Whether the nurses, who joined the strike at Kelby General, will accept the offer is "
            "not yet clear.")
    ex = extract_claims(text)
    assert [c.text for c in ex.claims] == ["The nurses joined the strike at Kelby General"]
    assert ex.dropped[0].reason.startswith("states an uncertainty")
    accounted_for(text)


def test_known_as_is_no_uncertainty() -> None:
    assert texts("The satellite, known as Aster-2, was launched on 3 May 2021.") == [
        "The satellite was known as Aster-2", "The satellite was launched on 3 May 2021."]


# ----------------------------------------------------------------------------- check-worthiness

@pytest.mark.parametrize(("sentence", "reason"), [
    ("We need 20,000 more nurses, not more managers.", "an exhortation, not a claim"),
    ('"We believe the new line can halve journey times," said Ola Berg.',
     "opinion without a checkable fact"),
    ('"This is a turning point for our city," the mayor said.',
     "a judgement of 'this', nothing to check"),
    ("Analysts said a deal on the budget was unlikely.",
     "no checkable fact (no name, number or date)"),
    ("No one was happy with the decision.", "no checkable fact (no name, number or date)"),
    ("That decision was mine.", "the author's own experience or opinion"),
])
def test_non_claims(sentence: str, reason: str) -> None:
    assert extract_claims(sentence).claims == []
    assert reasons(sentence) == [reason]


@pytest.mark.parametrize("sentence", [
    '"We need 4,000 more nurses," the health minister said.',
    "This is a 40% rise on last year.",
    "No flights were cancelled.",
    "The Korvik mine employs 800 workers.",
    "Today the same model costs £19,000.",
])
def test_claims_that_look_like_non_claims(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_the_same_thing_after_the_authors_own_story_is_still_the_authors() -> None:
    text = "I bought my first car in 2004 for £2,000. Today the same model costs £19,000."
    assert reasons(text) == ["the author's own experience or opinion",
                             "continues the author's own experience"]
    # in a paragraph of its own it is a claim
    text = "I bought my first car in 2004 for £2,000.\n\nToday the same model costs £19,000."
    assert texts(text) == ["Today the same model costs £19,000."]


# ----------------------------------------------------------------------------- references

def test_he_is_the_one_of_two_names_that_looks_like_a_person() -> None:
    text = ("Winger Leo Marsh, who joined Kelby Rovers in June, scored twice on Saturday. "
            "Marsh came through the academy of Sporting Dunmore and made his debut for "
            "Dunmore’s first team at 17. He has scored nine goals this season.")
    last = extract_claims(text).claims[-1]
    assert last.text.endswith("Leo Marsh has scored nine goals this season.")
    assert [r.text for r in last.resolved] == ["He"]
