"""Constructions blind batch 5 showed the extractor missing, and four reference bugs, each on
sentences written for these tests: a title's portfolio kept in a name ("Minister of X and Y
Name"), "He said <name> ..." taken for that name, a surname merged with a company that starts
with the same word, sentence-opening possessives ("Its chief executive ..."), figures called a
record, "when" clauses after a year, relatives that close before the main verb or say how a
thing was got, fronted participles, object relatives, short sentences with an age, changes
stated without a number, quoted opinions, impersonal frames, machine-translation splices, colons
and ", so", "as" inside reported speech, headline halves, a source's own relative clause, the
source's second verb phrase, appositives of a place name, and the gender a speaker's quote
shows. Rule-based, no model."""

from __future__ import annotations

import pytest

from verifier.decompose import decompose
from verifier.decontext import _without_title
from verifier.extract import extract_claims

from .test_extract import accounted_for, parts
from .test_extract import texts as claims

# ----------------------------------------------------------------------------- known bugs

@pytest.mark.parametrize(("title", "name"), [
    ("Minister of Culture and Sport Ilse Varga", "Ilse Varga"),
    ("Minister for Foreign Affairs Tomas Brenner", "Tomas Brenner"),
    ("Secretary of State Mark Ellis", "Mark Ellis"),
    ("Deputy Minister Pavel Dvorak", "Pavel Dvorak"),
    ("Northland Central Bank", "Northland Central Bank"),
])
def test_a_title_with_its_portfolio_is_taken_off_the_name(title: str, name: str) -> None:
    assert _without_title(title) == name


def test_the_minister_is_the_person_not_the_end_of_her_title() -> None:
    text = ("Minister of Culture and Sport Ilse Varga opened the new grid centre on Monday. "
            "The minister said it had cost 40 million euros.")
    last = extract_claims(text).claims[-1]
    assert last.text == "Ilse Varga said it had cost 40 million euros."
    assert [(r.text, r.name) for r in last.resolved] == [("The minister", "Ilse Varga")]


def test_the_minister_in_his_speech_is_the_minister() -> None:
    text = ("The bridge was opened on Friday by the Minister of Roads and Rail Omar Haddad. "
            "The minister in his speech said that 12 more bridges will be built by 2030.")
    assert extract_claims(text).claims[-1].attributed_to == "Omar Haddad"


def test_he_said_name_is_someone_other_than_that_name() -> None:
    text = ("Carla Mendes, 38, was convicted of tax fraud on Tuesday. Mendes's lawyer, "
            "Peter Vance, told the court his client had repaid 40,000 euros. "
            "He said Mendes would appeal.")
    ex = extract_claims(text)
    assert ex.claims[-1].text == "Peter Vance said Mendes would appeal."
    assert ex.claims[-1].attributed_to == "Peter Vance"
    # the lawyer's own words are his, not the possessive subject's
    assert "Peter Vance told the court his client had repaid 40,000 euros." in claims(text)


def test_a_pronoun_before_a_name_in_a_subordinate_clause_is_left_alone() -> None:
    text = ("Carla Mendes was convicted of tax fraud on Tuesday. Her lawyer is Peter Vance. "
            "After he left the court, Mendes said she would appeal.")
    assert "he left the court" in claims(text)


def test_a_surname_is_the_person_not_a_company_starting_with_that_word() -> None:
    text = ("Lena Corvin, 52, runs the regional network. The operator, Corvin Rail, carried "
            "30 million passengers last year. Corvin said fares would rise by 4% in June.")
    assert extract_claims(text).claims[-1].attributed_to == "Lena Corvin"


def test_a_titled_person_is_cited_without_the_title() -> None:
    text = ("Mayor Ken Osei praised the bus drivers on Monday. "
            "Osei said fares would rise by 4% in June.")
    assert extract_claims(text).claims[-1].attributed_to == "Ken Osei"


@pytest.mark.parametrize(("text", "expected"), [
    # "its" after a company: its chief executive
    ("Varda Shipping runs four container terminals. Its chief executive is Mia Sorensen.",
     "Varda Shipping's chief executive is Mia Sorensen."),
    # "her" after the one woman named before
    ("Eva Lund, a Danish physicist, died on Sunday. Her husband died in 2011.",
     "Eva Lund's husband died in 2011."),
    ("Tom Baker, the mayor of Kelby, resigned on Monday. His deputy, Ann Cole, will take over.",
     "Tom Baker's deputy is Ann Cole"),
])
def test_a_possessive_opening_a_sentence_names_its_owner(text: str, expected: str) -> None:
    assert expected in claims(text)
    accounted_for(text)


@pytest.mark.parametrize("text", [
    # a person and a company named before: whose chief executive?
    "Mia Sorensen runs Varda Shipping. Its chief executive is Mia Sorensen.",
    # another organisation in the sentence before
    "Varda Shipping signed a deal with Kelby Port Authority. Its chief executive is Mia Sorensen.",
])
def test_a_possessive_with_two_possible_owners_is_left_alone(text: str) -> None:
    assert claims(text)[-1].startswith("Its chief executive")


def test_a_named_holder_of_a_role_is_the_source() -> None:
    text = ("Varda Shipping said on Monday it would close two depots. Its chief executive, "
            "Mia Sorensen, said the company had lost 9 million euros and could not go on.")
    ex = extract_claims(text)
    said = [c for c in ex.claims if c.text.startswith("Mia Sorensen said")]
    assert said and said[0].attributed_to == "Mia Sorensen"


# ----------------------------------------------------------------------------- records, dates

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The airport handled 31 million passengers in 2023, a record.",
     ["The airport handled 31 million passengers in 2023",
      "The airport handled 31 million passengers in 2023, a record."]),
    ("The index closed at 9,412 points, an all-time high.",
     ["The index closed at 9,412 points", "The index closed at 9,412 points, an all-time high."]),
    # a longer appositive says enough on its own
    ("Exports fell 3% in June, the sharpest drop since records began in 1995.",
     ["Exports fell 3% in June", "This was the sharpest drop since records began in 1995."]),
    # "high" as an adjective is no record
    ("The team hired Ann Cole, a high school teacher.",
     ["The team hired Ann Cole", "Ann Cole is a high school teacher."]),
])
def test_a_record_appositive_keeps_the_figure_it_is_about(sentence: str,
                                                           expected: list[str]) -> None:
    assert parts(sentence) == expected
    accounted_for(sentence)


def test_a_record_sentence_after_a_figure_is_about_that_figure() -> None:
    text = ("The airport handled 31 million passengers last year. This was a record. "
            "Cargo fell 4% in May. It was a record low. The team played well. This was a shame.")
    got = claims(text)
    assert "The airport handled 31 million passengers last year, a record" in got
    assert "Cargo fell 4% in May, a record low" in got
    assert not any("shame" in c for c in got)
    ex = extract_claims(text)
    record = next(c for c in ex.claims if c.text.endswith(", a record"))
    assert [s.slice(text) for s in record.spans] == [
        "The airport handled 31 million passengers last year.", "a record"]
    assert record.sentence is not None and record.sentence.slice(text) == (
        "The airport handled 31 million passengers last year. This was a record.")
    accounted_for(text)


def test_a_high_share_is_not_a_record() -> None:
    text = "The two banks hold 70% of the market. This is a high share for Europe."
    assert claims(text) == ["The two banks hold 70% of the market."]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("It was the first flood there since 1987, when the river rose by six metres.",
     ["It was the first flood there since 1987.", "The river rose by six metres in 1987"]),
    ("The club last won the cup in May 1998, when Ryan Hale scored twice in the final.",
     ["The club last won the cup in May 1998.",
      "Ryan Hale scored twice in the final in May 1998"]),
    # no year to place it at
    ("The shop opened in May, when the street was closed.",
     ["The shop opened in May, when the street was closed."]),
])
def test_a_when_clause_after_a_year_happened_then(sentence: str, expected: list[str]) -> None:
    assert parts(sentence) == expected


# ----------------------------------------------------------------------------- relatives

@pytest.mark.parametrize(("sentence", "expected"), [
    # the relative closes before the main verb: it can only be about the noun
    ("From May, the fee for parking permits, which has been 40 euros since 2020, will rise "
     "to 60 euros.",
     ["From May, the fee for parking permits will rise to 60 euros.",
      "The fee for parking permits has been 40 euros since 2020"]),
    # how a thing was got: about the thing
    ("The lab was fitted with new scanners, which were bought from Japan.",
     ["The lab was fitted with new scanners", "New scanners were bought from Japan."]),
    # a judgement of the whole clause, or a month: not split
    ("The bridge collapsed in May, which was reported by the press.",
     ["The bridge collapsed in May, which was reported by the press."]),
    ("The council raised rents by 5%, which will hit 300 families.",
     ["The council raised rents by 5%, which will hit 300 families."]),
    # an object relative: the subject is what was done
    ("The design, which she never patented, was copied across Africa.",
     ["The design was copied across Africa.", "She never patented the design"]),
    ("The bridge, which they built in 1990, carries 40,000 cars a day.",
     ["The bridge carries 40,000 cars a day.", "They built the bridge in 1990"]),
])
def test_relatives_about_a_common_noun(sentence: str, expected: list[str]) -> None:
    assert parts(sentence) == expected
    accounted_for(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Born in 1951 in Tromso, a port city in the north, Berg was the son of a fisherman.",
     ["Berg was born in 1951 in Tromso", "Tromso is a port city in the north",
      "Berg was the son of a fisherman."]),
    ("Founded in 1990, the company employs 400 people.",
     ["The company was founded in 1990", "the company employs 400 people."]),
    ("Built in 1988 in Gdynia, the oldest ferry, the Polaris, will be sold in June.",
     ["The oldest ferry was built in 1988 in Gdynia", "The oldest ferry is the Polaris",
      "The oldest ferry will be sold in June."]),
])
def test_a_fronted_participle_is_said_of_the_subject(sentence: str,
                                                     expected: list[str]) -> None:
    assert parts(sentence) == expected
    accounted_for(sentence)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Eva Lund, a Danish physicist whose solar cells are used in 30 countries, died on Sunday.",
     ["Eva Lund is a Danish physicist",
      "Eva Lund's solar cells are used in 30 countries", "Eva Lund died on Sunday."]),
    # a headline leaves out the article
    ("Eva Lund, physicist whose cells lit a million homes, dies at 91",
     ["Eva Lund is physicist whose cells lit a million homes", "Eva Lund dies at 91"]),
    ("Peter Holm, head of the Kelby Port Authority, signed the deal on Monday.",
     ["Peter Holm is head of the Kelby Port Authority", "Peter Holm signed the deal on Monday."]),
])
def test_appositives_with_whose_and_without_an_article(sentence: str,
                                                       expected: list[str]) -> None:
    assert parts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Police said traffic at Tromso, Norway's northernmost city, had doubled since 2019.",
     ["Police said traffic at Tromso had doubled since 2019.",
      "Tromso is Norway's northernmost city"]),
    ("The mayor of Kelby, a town of 9,000, resigned in May.",
     ["The mayor of Kelby resigned in May.", "Kelby is a town of 9,000"]),
    # a person's appositive stays the subject's
    ("The mayor of Kelby, a former teacher, resigned in May.",
     ["The mayor of Kelby is a former teacher", "The mayor of Kelby resigned in May."]),
])
def test_an_appositive_naming_a_place_is_about_the_place(sentence: str,
                                                         expected: list[str]) -> None:
    assert parts(sentence) == expected


# ----------------------------------------------------------------------------- what is kept

def test_a_short_sentence_with_an_age_is_a_claim_of_its_own() -> None:
    text = "Eva Lund, a Danish physicist, died on Sunday at her home in Aarhus. She was 91."
    got = claims(text)
    assert got[-1] == "Eva Lund was 91."
    assert "Eva Lund died on Sunday at her home in Aarhus." in got
    accounted_for(text)


@pytest.mark.parametrize("sentence", [
    "Reservoir levels have also dropped.",
    "The east was hit hardest.",
    "The west fared better.",
    "Even there, soils are drier than normal for the season.",
])
def test_a_change_stated_without_a_number_is_kept(sentence: str) -> None:
    text = f"Spain had its driest spring since 1947. {sentence}"
    assert claims(text)[-1] == sentence


@pytest.mark.parametrize("sentence", [
    "We think prices will fall.",
    "The company declined to comment on the figures.",
    "It fell silent.",
])
def test_a_forecast_or_a_refusal_is_no_measured_change(sentence: str) -> None:
    text = f"Spain had its driest spring since 1947. {sentence}"
    assert len(claims(text)) == 1


def test_a_credit_line_is_boilerplate() -> None:
    text = ("The dam holds 40% of its capacity. Rewritten from a bulletin by the National "
            "Water Agency (NWA). Adapted from a weekly report by the WHO.")
    ex = extract_claims(text)
    assert [d.reason for d in ex.dropped] == ["page boilerplate", "page boilerplate"]


def test_a_quoted_opinion_gains_nothing_from_knowing_its_speaker() -> None:
    text = ('Mia Sorensen, the chief executive, said the offer was final. '
            '"Nobody gains from a long dispute," she told reporters. '
            'She said the company would not pay more.')
    ex = extract_claims(text)
    assert [d.reason for d in ex.dropped] == ["no checkable fact (no name, number or date)"]
    # the dropped quote does not hide who "she" is from the next sentence
    assert ex.claims[-1].text == "Mia Sorensen said the company would not pay more."


def test_a_role_after_became_is_no_unnamed_person() -> None:
    text = ("Ruth Amsel died on Thursday in Leeds. She became a judge in 1990. "
            "Her report on the dam was published in 2009.")
    assert claims(text)[-1] == "Ruth Amsel's report on the dam was published in 2009."


def test_a_speakers_quote_about_her_says_he_is_not_her() -> None:
    text = ('Ruth Amsel died on Thursday in Leeds. She was 79. "She never let anyone off '
            'lightly," said Tom Reyes, who worked with her on the inquiry. '
            'Her husband died in 2015.')
    assert not any(c.startswith("Tom Reyes'") for c in claims(text))


# ----------------------------------------------------------------------------- splits

@pytest.mark.parametrize(("sentence", "expected"), [
    # impersonal frames of translated text (a frame naming no one is left out once what it
    # frames splits)
    ("It should be noted that the school was founded in 1975 and is the oldest in the city.",
     ["the school was founded in 1975", "The school is the oldest in the city."]),
    # a preposition and a pronoun before the subject of a spliced clause
    ("In the school 600 pupils are studying, of them 120 pupils are from the villages.",
     ["In the school 600 pupils are studying", "of them 120 pupils are from the villages."]),
    ("Also 40 teachers were invited from other regions, for them flats are provided.",
     ["Also 40 teachers were invited from other regions", "for them flats are provided."]),
    # a clause that bears out the one before the colon
    ("Officials also argue that costs have fallen: the cheapest heat pump now costs 6,000 euros.",
     ["Officials also argue that costs have fallen",
      "the cheapest heat pump now costs 6,000 euros."]),
    ("The reason is simple: the plant closed in 2019.",
     ["The reason is simple: the plant closed in 2019."]),
    # ", so" joins two clauses; a discourse word before a colon is no part of the claim
    ("But remember: the permit is paid at the town hall, so the form must be sent by 1 May.",
     ["the permit is paid at the town hall", "the form must be sent by 1 May."]),
    ("The bank raised rates, so far the highest this year.",
     ["The bank raised rates, so far the highest this year."]),
])
def test_translated_and_colon_splits(sentence: str, expected: list[str]) -> None:
    assert parts(sentence) == expected
    accounted_for(sentence)


def test_an_as_clause_in_reported_speech_stays_with_it() -> None:
    sentence = "Nina Park said sales had jumped in March as buyers rushed to beat the deadline."
    assert parts(sentence) == [sentence]
    assert parts("Sales jumped in March as buyers rushed to beat the deadline.") == [
        "Sales jumped in March", "buyers rushed to beat the deadline."]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ferry strike paralyses Bergen harbour, 30 ships stranded offshore",
     ["Ferry strike paralyses Bergen harbour", "30 ships stranded offshore"]),
    ("New school opened in Aktobe, 600 places added",
     ["New school opened in Aktobe", "600 places added"]),
])
def test_headline_halves_with_an_unknown_verb_or_a_count(sentence: str,
                                                         expected: list[str]) -> None:
    d = decompose(sentence)
    assert [p.text for p in d.parts] == expected
    assert d.source is None  # "600 places added" names no source


def test_a_sources_relative_clause_is_split_per_verb_phrase() -> None:
    d = decompose('"She trained 200 potters," said Anil Roy, who worked with her in the 1980s '
                  'and now teaches at the University of Pune.')
    assert d.source == "Anil Roy"
    assert [(p.text, p.attributed) for p in d.parts] == [
        ("She trained 200 potters", True),
        ("Anil Roy worked with her in the 1980s", False),
        ("Anil Roy now teaches at the University of Pune", False)]


def test_a_quote_split_inside_keeps_its_source_before_a_relative() -> None:
    d = decompose('"Our drivers have had no raise since 2019, and fuel has doubled," said union '
                  'leader Jan Berg, who has driven buses for 22 years.')
    assert d.source == "union leader Jan Berg"
    assert [p.text for p in d.parts][:2] == [
        "Our drivers have had no raise since 2019", "Fuel has doubled, said union leader Jan Berg"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a modal cannot go on in the past: the second verb phrase is the source's
    ("The mayor said the plan would cost jobs and warned of protests.",
     ["The mayor said the plan would cost jobs", "The mayor warned of protests."]),
    # "it" is the source
    ("The Ministry of Health said in a statement that it had hired 40 nurses and urged "
     "doctors to return to work.",
     ["The Ministry of Health said in a statement that it had hired 40 nurses",
      "The Ministry of Health urged doctors to return to work."]),
])
def test_the_second_verb_phrase_of_a_source(sentence: str, expected: list[str]) -> None:
    assert parts(sentence) == expected


def test_told_the_court_then_what_was_said() -> None:
    d = decompose("The lawyer told the court his client had repaid the money.")
    assert d.source == "The lawyer"
    assert d.content_start == len("The lawyer told the court ")
