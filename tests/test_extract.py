"""Claim extraction on real sentences: check-worthiness, decomposition, attribution, time,
features, the LLM extractor."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from verifier.article import read_article
from verifier.claim_features import entities, numbers, time_expressions
from verifier.decompose import decompose
from verifier.extract import LLMClaimExtractor, extract_article, extract_claims
from verifier.models import Span

from .conftest import EXAMPLE_ARTICLE, SEED_ARTICLE


def texts(text: str, **kw) -> list[str]:
    return [c.text for c in extract_claims(text, **kw).claims]


def dropped(text: str, **kw) -> dict[str, str]:
    return {d.text: d.reason for d in extract_claims(text, **kw).dropped}


def parts(sentence: str) -> list[str]:
    from verifier.decompose import decompose

    return [p.text for p in decompose(sentence).parts]


def accounted_for(text: str, start: int = 0) -> None:
    """Every sentence is covered by a claim or listed as dropped; spans slice exactly."""
    from verifier.segment import sentence_spans

    ex = extract_claims(text, start=start)
    for c in ex.claims:
        for s in c.spans:
            assert text[s.start : s.end].strip(), c
        assert c.span.start == min(s.start for s in c.spans)
        assert c.span.end == max(s.end for s in c.spans)
        if not c.rewritten:
            assert c.text == c.span.slice(text)
    for d in ex.dropped:
        assert d.text == d.span.slice(text)
    for s in sentence_spans(text, start):
        covered = any(c.span.start < s.end and s.start < c.span.end for c in ex.claims) or any(
            d.span.start < s.end and s.start < d.span.end for d in ex.dropped)
        assert covered, s.slice(text)
    assert [c.id for c in ex.claims] == [f"c{i}" for i in range(1, len(ex.claims) + 1)]
    assert [c.span.start for c in ex.claims] == sorted(c.span.start for c in ex.claims)


# ----------------------------------------------------------------------------- check-worthiness

@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("I think this is a disgrace.", "the author's own experience or opinion"),
        ("This is a disgrace.", "opinion without a checkable fact"),
        ("Voters should remember who scrapped the Harbour Road lane.",
         "opinion without a checkable fact"),
        ("Will the bank go further?", "a question, not a claim"),
        ("Is this the start of a battery boom in Central Europe?", "a question, not a claim"),
        ("Quick example of an extraction task.", "no checkable fact (no name, number or date)"),
        ("Previous Post Next Post", "page boilerplate"),
        ("Share this article: Facebook Twitter LinkedIn", "page boilerplate"),
        ("(Reporting by Marta Keller; Editing by Tom Rhys)", "page boilerplate"),
        ("By Marta Keller", "byline"),
        ("Here's everything you need to know about the most powerful telescope ever built.",
         "editorial framing, not a claim"),
        ("7 things to know about the James Webb Space Telescope",
         "editorial framing, not a claim"),
        ("Talk to your doctor about the measles vaccine.",
         "an instruction to the reader, not a claim"),
        ("Russia's specific technological contributions are not yet clear.",
         "states an uncertainty, nothing to check"),
        ("Analysts think so and many people agree.", "no checkable fact (no name, number or date)"),
        ("I have cycled to work in Port Ellis for eleven years.",
         "the author's own experience or opinion"),
    ],
)
def test_non_claims_are_dropped_with_a_reason(sentence: str, reason: str) -> None:
    ex = extract_claims(sentence)
    assert ex.claims == []
    assert [(d.text, d.reason) for d in ex.dropped] == [(sentence, reason)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia's space budget is ranked second in the world after the United States and China.",
        "Economists polled by Wire had expected the increase.",
        "Most of the patients were children who had not been vaccinated.",
        "It lives a million miles away",
        "NASA should not have spent $10 billion on one telescope.",  # opinion with a fact inside
        '"We will do what is necessary to bring inflation back to our 2% target," Governor '
        "Elena Varga told reporters.",
        'Opposition leader Petra Holm called the increase "a blow to every family."',
    ],
)
def test_checkable_sentences_are_kept(sentence: str) -> None:
    assert extract_claims(sentence).claims, dropped(sentence)


def test_a_repeated_headline_is_dropped_as_a_repeat() -> None:
    text = ("Russia and China are cooperating to set up a research station on the moon\n"
            "Russia and China are cooperating to set up a research station on the moon\n\n"
            "Roscosmos said the station will be built by 2035.\n")
    ex = extract_claims(text)
    assert [c.id for c in ex.claims] == ["c1", "c2"]
    assert ex.dropped[0].reason == "repeats claim c1"
    assert ex.dropped[0].span.start > ex.claims[0].span.end


def test_short_fragments_attach_to_the_claim_before_them_on_the_same_line() -> None:
    text = "NASA has been excluded from cooperation with China. Congress approved. In 2011.\n"
    ex = extract_claims(text)
    assert [c.text for c in ex.claims] == [text.strip()]
    assert ex.claims[0].span == Span(start=0, end=len(text.strip()))
    assert [t.value for t in ex.claims[0].time_expressions] == ["2011"]
    # on a line of its own a fragment is dropped, not attached
    ex = extract_claims("NASA has been excluded from cooperation with China.\n\nIn 2011.\n")
    assert ex.dropped[0].reason == "fragment too short to check"


def test_fragment_after_a_decomposed_claim_extends_its_last_part() -> None:
    text = ("The signing is Beijing's latest effort with competitors such as NASA that has been "
            "excluded from cooperation with China. Congress approved. In 2011.")
    ex = extract_claims(text)
    last = ex.claims[-1]
    assert last.text == ("NASA has been excluded from cooperation with China. "
                         "Congress approved. In 2011.")
    assert [s.slice(text) for s in last.spans] == [
        "NASA", "has been excluded from cooperation with China.", "Congress approved.",
        "In 2011."]


# ----------------------------------------------------------------------------- decomposition

@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russia, which has worked with NASA on the International Space Station for decades, "
         "is reluctant to extend its space alliance with the United States to the Moon.",
         ["Russia has worked with NASA on the International Space Station for decades",
          "Russia is reluctant to extend its space alliance with the United States to the "
          "Moon."]),
        ("So far, nine other countries have signed the Artemis Agreement, but after the United "
         "States last year tried to exclude Moscow from the initial negotiations on the "
         "agreement, Russia was not a part of it.",
         ["So far, nine other countries have signed the Artemis Agreement",
          "the United States last year tried to exclude Moscow from the initial negotiations "
          "on the agreement",
          "Russia was not a part of it."]),
        ("Like NASA, China has sought international support for its plan to put infrastructure "
         "on the surface of the Moon and has sent several robotic missions to the moon, "
         "including the first landing on the far side of the Moon, carried out in December.",
         ["Like NASA, China has sought international support for its plan to put infrastructure "
          "on the surface of the Moon",
          "China has sent several robotic missions to the moon, including the first landing on "
          "the far side of the Moon, carried out in December."]),
        ("Finance Minister Jonas Berg welcomed the move but said the government would not cut "
         "fuel taxes.",
         ["Finance Minister Jonas Berg welcomed the move",
          "Finance Minister Jonas Berg said the government would not cut fuel taxes."]),
        ("Food prices jumped 12.1% from a year earlier, while energy costs rose 18%.",
         ["Food prices jumped 12.1% from a year earlier", "energy costs rose 18%."]),
        ("Volta Cells, founded in 2016, already operates a plant in Skelleftea in northern "
         "Sweden.",
         ["Volta Cells was founded in 2016",
          "Volta Cells already operates a plant in Skelleftea in northern Sweden."]),
        ("Dr. Alicia Moreno, an epidemiologist at St. Mary's Hospital in Phoenix, said the "
         "trend was worrying.",
         ["Dr. Alicia Moreno is an epidemiologist at St. Mary's Hospital in Phoenix",
          "Dr. Alicia Moreno said the trend was worrying."]),
        ("The city's Health Commissioner, Dr. James Okafor, said all nine children were under "
         "the age of 5.",
         ["The city's Health Commissioner is Dr. James Okafor",
          "Dr. James Okafor said all nine children were under the age of 5."]),
        ("Russia has considered participating in NASA's \"Gateway Project\", a competitive lunar "
         "space station that will be built by a coalition of other countries.",
         ["Russia has considered participating in NASA's \"Gateway Project\"",
          "NASA's \"Gateway Project\" is a competitive lunar space station that will be built "
          "by a coalition of other countries."]),
        ("The space agencies said Russia and China signed an agreement to build an "
         "International Lunar Research Station (ILRS) orbiting the moon.",
         ["The space agencies said Russia and China signed an agreement to build an "
          "International Lunar Research Station (ILRS)",
          "The International Lunar Research Station (ILRS) orbits the moon."]),
        ("Part of that effort is developing a multilateral agreement called the Armis Agreement "
         "that seeks to set standards for behavior in space.",
         ["Part of that effort is developing a multilateral agreement called the Armis "
          "Agreement",
          "The Armis Agreement seeks to set standards for behavior in space."]),
        ("Northland's unemployment rate fell to 4.1% in May, the lowest since records began "
         "in 1990.",
         ["Northland's unemployment rate fell to 4.1% in May",
          # "the lowest" names no thing of its own: it ranks the figure, so it stays with it
          "Northland's unemployment rate fell to 4.1% in May, the lowest since records began "
          "in 1990."]),
        ("According to the meteorological department, the rainfall in Zhengzhou in 24 hours "
         "reached 552.5 mm, breaking the record of 1951.",
         ["According to the meteorological department, the rainfall in Zhengzhou in 24 hours "
          "reached 552.5 mm",
          "The rainfall in Zhengzhou in 24 hours broke the record of 1951."]),
        ("Heavy rains caused the Yellow River level to exceed warning line, 12 people died",
         ["Heavy rains caused the Yellow River level to exceed warning line", "12 people died"]),
        ("The Xiaolangdi reservoir, which was completed in 2001 and is the largest water "
         "control project on the lower reaches, has opened 5 spillways.",
         ["The Xiaolangdi reservoir was completed in 2001",
          "The Xiaolangdi reservoir is the largest water control project on the lower reaches",
          "The Xiaolangdi reservoir has opened 5 spillways."]),
        ("Martin Crane, 61, who led the town council from 2014 to 2019, admitted six counts "
         "of bribery in March.",
         ["Martin Crane is 61", "Martin Crane led the town council from 2014 to 2019",
          "Martin Crane admitted six counts of bribery in March."]),
        ("Before the vaccine was introduced in 1963, measles killed 400 to 500 people a year "
         "in the U.S.",
         ["Before 1963, measles killed 400 to 500 people a year in the U.S.",
          "the vaccine was introduced in 1963"]),
        ("Central bank raises rates for third time this year as inflation hits 7.4%",
         ["Central bank raises rates for third time this year", "inflation hits 7.4%"]),
    ],
)
def test_compound_sentences_become_atomic_claims(sentence: str, expected: list[str]) -> None:
    assert texts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # lists, "including" tails, numeric qualifiers, conditionals, asides stay whole
        "NASA has signed agreements with the European Space Agency, Japan and Canada to work on "
        "the lunar channel.",
        "Webb is a partnership between NASA, the European Space Agency (ESA) and the Canadian "
        "Space Agency (CSA).",
        "Last year, 14 cyclists were killed on the city's roads, up from 9 in 2019.",
        "The council spent just £2.1 million on cycling infrastructure in 2021, less than 3% of "
        "its £74 million transport budget.",
        "The U.S. could lose that status if the virus circulates for 12 months in a row.",
        "The Hubble Space Telescope, by contrast, circles Earth at an altitude of roughly 540 km.",
        "Roscosmos said in a statement: The International Lunar Research Station, under study "
        "by Russia and China, is a group of research facilities on the surface of the moon.",
        "Councillor Mark Ellison said the lane would have cost £4.5 million and \"caused chaos "
        "for deliveries.\"",
        "The memorandum states that Roscosmos has committed to providing airlocks, which is "
        "considered impractical.",
    ],
)
def test_conservative_no_split(sentence: str) -> None:
    ex = extract_claims(sentence)
    assert [c.text for c in ex.claims] == [sentence]
    assert not ex.claims[0].rewritten


def test_decomposed_claims_point_at_their_original_words() -> None:
    text = ("Russia, which has worked with NASA on the International Space Station for decades, "
            "is reluctant to extend its space alliance with the United States to the Moon.")
    ex = extract_claims(text)
    rel, main = ex.claims
    assert [s.slice(text) for s in rel.spans] == [
        "Russia", "has worked with NASA on the International Space Station for decades"]
    assert [s.slice(text) for s in main.spans] == [
        "Russia", "is reluctant to extend its space alliance with the United States to the Moon."]
    assert rel.rewritten and main.rewritten
    assert rel.sentence == main.sentence == Span(start=0, end=len(text))
    assert rel.span == Span(start=0, end=rel.spans[-1].end)


def test_decomposition_can_be_switched_off() -> None:
    text = "Food prices jumped 12.1% from a year earlier, while energy costs rose 18%."
    assert texts(text, decompose_claims=False) == [text]


def test_decompose_reports_source_and_content() -> None:
    d = decompose("Roscosmos said in a statement: The station will be built by 2035.")
    assert d.source == "Roscosmos"
    assert d.frame == "prefix"
    assert d.statement
    assert len(d.parts) == 1 and not d.parts[0].rewritten


# ----------------------------------------------------------------------------- attribution

SPACE_STORY = (
    "Roscosmos said in a statement: The International Lunar Research Station is a group of "
    "research facilities on the surface of the moon.\n\n"
    "The statement said that the station aims to support long-range unmanned operations by "
    "2030.\n\n"
    "A spokesman for the Russian space agency Roskosmos said last December that NASA had asked "
    "Russia to help build the station.\n\n"
    "The spokesman said: Cooperation with China has become one of Russia's most important "
    "priorities.\n"
)


def test_sources_are_named_and_resolved_from_earlier_sentences() -> None:
    ex = extract_claims(SPACE_STORY)
    assert [c.attributed_to for c in ex.claims] == ["Roscosmos", "Roscosmos", "Roskosmos",
                                                    "Roskosmos"]
    assert ex.claims[0].attribution.slice(SPACE_STORY) == "Roscosmos"
    assert ex.claims[1].attribution.slice(SPACE_STORY) == "The statement"
    assert ex.claims[3].attribution.slice(SPACE_STORY) == "The spokesman"
    # the claim text names the source; the spans keep the words as written
    statement, spokesman = ex.claims[1], ex.claims[3]
    # "the station" is the one station the article named
    assert statement.text.startswith("The Roscosmos statement said that the International "
                                     "Lunar Research Station aims")
    assert spokesman.text.startswith("The Roskosmos spokesman said: Cooperation with China")
    assert [(r.text, r.name) for r in spokesman.resolved] == [
        ("The spokesman", "The Roskosmos spokesman")]
    assert spokesman.resolved[0].span.slice(SPACE_STORY) == "The spokesman"
    assert spokesman.rewritten and spokesman.span.slice(SPACE_STORY).startswith("The spokesman")
    assert not ex.claims[0].rewritten
    assert [(r.text, r.name) for r in ex.claims[2].resolved] == [
        ("the station", "the International Lunar Research Station")]


def test_tail_attributions_and_the_company() -> None:
    text = ("Swedish battery maker Volta Cells said on Tuesday it will invest €1.2 billion in a "
            "factory in Ostrava.\n\n"
            "Construction will start in the first quarter of 2024, the company said in a "
            "statement.\n\n"
            "“Ostrava offers us skilled workers,” said chief executive Karin Lund.\n\n"
            "Inflation reached 7.4% in May, according to the national statistics office.\n")
    ex = extract_claims(text)
    assert [c.attributed_to for c in ex.claims] == ["Volta Cells", "Volta Cells", "Karin Lund",
                                                    "national statistics office"]


def test_a_fact_about_the_source_is_not_attributed_to_it() -> None:
    text = ("Councillor Mark Ellison, who chairs the committee, said the lane would have cost "
            "£4.5 million.")
    about, said = extract_claims(text).claims
    assert about.text == "Councillor Mark Ellison chairs the committee"
    assert about.attributed_to is None
    assert said.attributed_to == "Mark Ellison"


def test_a_pronoun_quote_continues_the_previous_source() -> None:
    text = ("The unions were not consulted before the announcement, a spokeswoman for the IG "
            'Metall union said. She called the plan "a betrayal."')
    ex = extract_claims(text)
    assert [c.attributed_to for c in ex.claims] == ["IG Metall", "IG Metall"]


def test_the_agency_in_a_claim_is_resolved_and_marked_rewritten() -> None:
    text = ("A law passed by Congress in 2013 bars NASA from spending its funds on cooperation "
            "with China. The agency is not short of money for its own program.")
    claim = extract_claims(text).claims[1]
    assert claim.text == "NASA is not short of money for its own program."
    assert claim.rewritten
    assert claim.span.slice(text) == "The agency is not short of money for its own program."


# ----------------------------------------------------------------------------- time

def test_relative_time_is_resolved_against_the_article_date() -> None:
    text = ("A spokesman said last December that NASA had asked Russia to help. The United "
            "States last year tried to exclude Moscow. China carried out a landing in "
            "December. Volta Cells said on Tuesday it will invest €1.2 billion in 2024.")
    ex = extract_claims(text, date=dt.date(2021, 3, 17))
    got = [(t.text, t.value, t.precision, t.relative, t.inferred)
           for c in ex.claims for t in c.time_expressions]
    assert got == [
        ("last December", "2020-12", "month", True, False),
        ("last year", "2020", "year", True, False),
        ("December", "2020-12", "month", False, True),
        ("on Tuesday", "2021-03-16", "day", True, False),
        ("2024", "2024", "year", False, False),
    ]


def test_without_a_date_the_year_stays_unknown() -> None:
    ex = extract_claims("China carried out the first landing on the far side in December. "
                        "Moscow said last December that it would join.")
    assert [(t.value, t.precision) for c in ex.claims for t in c.time_expressions] == [
        ("XXXX-12", "month"), ("XXXX-12", "month")]


def test_front_matter_date_is_used_when_no_date_is_given() -> None:
    text = "---\ndate: 2022-10-04\n---\nLast year, 14 cyclists were killed in Port Ellis.\n"
    claim = extract_claims(text, start=text.index("Last")).claims[0]
    assert [(t.value, t.relative) for t in claim.time_expressions] == [("2021", True)]
    assert claim.time_expressions[0].span.slice(text) == "Last year"


@pytest.mark.parametrize(
    ("phrase", "value", "precision"),
    [
        ("in the first quarter of 2024", "2024-Q1", "quarter"),
        ("approved in the 1990s", "199X", "decade"),
        ("arrived this summer", "2022-summer", "season"),
        ("launched on Christmas Day", "2021-12-25", "day"),
        ("two years ago", "2020", "year"),
        ("last week", "2022-W28", "week"),
        ("yesterday", "2022-07-19", "day"),
        ("on 25 December 2021", "2021-12-25", "day"),
        ("in January 2020", "2020-01", "month"),
        ("next March", "2023-03", "month"),
    ],
)
def test_time_expression_values(phrase: str, value: str, precision: str) -> None:
    (t,) = time_expressions(phrase, article_date=dt.date(2022, 7, 20))
    assert (t.value, t.precision) == (value, precision)


# ----------------------------------------------------------------------------- features

def test_numbers_with_units() -> None:
    got = [(n.text, n.value, n.unit, n.approx) for n in numbers(
        "Volta Cells will invest €1.2 billion, creating 2,300 jobs; incentives worth CZK 3.5 "
        "billion; about 1.5 million kilometres; below -223°C; rose 2.5%; 4.1 billion Swedish "
        "crowns; nine other countries; 12 basis points")]
    assert got == [
        ("€1.2 billion", 1.2e9, "EUR", False), ("2,300", 2300, "jobs", False),
        ("3.5 billion", 3.5e9, "CZK", False), ("1.5 million kilometres", 1.5e6, "km", True),
        ("-223°C", -223, "°C", True), ("2.5%", 2.5, "%", False),
        ("4.1 billion Swedish crowns", 4.1e9, "crowns", False), ("nine", 9, "countries", False),
        ("12 basis points", 12, "bp", False),
    ]


def test_numbers_skip_names_and_dates() -> None:
    assert numbers("Chang'e-4 and Luna-25 reached L2 in the 2022-23 season") == []


def test_entities_are_typed_roughly() -> None:
    got = [(e.text, e.type) for e in entities(
        "Director of the China Space Administration Zhang Kejian met officials of the U.S. "
        "Centers for Disease Control and Prevention (CDC) in Beijing about the Chang'e-4 "
        "mission and the Artemis Accords.")]
    assert got == [
        ("China Space Administration", "organisation"), ("Zhang Kejian", "person"),
        ("U.S. Centers for Disease Control and Prevention (CDC)", "organisation"),
        ("Beijing", "place"), ("Chang'e-4", "mission"), ("Artemis Accords", "other"),
    ]


def test_claim_features_are_filled() -> None:
    text = "NASA has not signed agreements with 11 countries since 2020, Roscosmos said."
    (c,) = extract_claims(text).claims
    assert c.negated
    assert [(n.value, n.unit) for n in c.numbers] == [(11.0, "countries")]
    assert [t.value for t in c.time_expressions] == ["2020"]
    assert {(e.text, e.type) for e in c.entities} == {("NASA", "organisation"),
                                                      ("Roscosmos", "organisation")}
    for feature in (*c.numbers, *c.time_expressions, *c.entities):
        assert feature.span.slice(text) == feature.text


# ----------------------------------------------------------------------------- whole articles

def test_seed_article() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    ex = extract_claims(text)
    by_text = {c.text: c for c in ex.claims}
    reasons = {d.text: d.reason for d in ex.dropped}
    assert reasons["Previous Post Next Post"] == "page boilerplate"
    assert reasons["Quick example of an extraction task. ."].startswith("no checkable fact")
    assert reasons[text.splitlines()[1]] == "repeats claim c1"
    assert "The International Lunar Research Station (ILRS) orbits the moon." in by_text
    assert by_text["Russia has worked with NASA on the International Space Station for "
                   "decades"].rewritten
    assert "NASA has been excluded from legal cooperation with China. Congress approved. " \
           "In 2011." in by_text
    statement = by_text["The Roscosmos statement said that the \"International Lunar Research "
                        "Station\" aims to support various research experiments, including "
                        "possible long-range unmanned operations and human activities that may "
                        "exist on the surface of the moon."]
    assert statement.attributed_to == "Roscosmos"
    assert [(r.text, r.name) for r in statement.resolved] == [
        ("The statement", "The Roscosmos statement")]
    accounted_for(text)


def test_example_article_and_html_input() -> None:
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    art = read_article(text, name=EXAMPLE_ARTICLE.name)
    accounted_for(text, art.body_start)
    ex = extract_article(art)
    assert ex.claims[0].span.start >= art.body_start
    dated = [t for c in ex.claims for t in c.time_expressions if t.text == "Late last year"]
    assert [t.value for t in dated] == ["2020"]  # the article is dated 2021-03-15

    page = ("<html><head><meta property='article:published_time' content='2021-03-15'></head>"
            "<body><nav>Home</nav><article><h1>Lunar pact signed</h1><p>Russia and China "
            "signed the pact last December, Roscosmos said.</p></article></body></html>")
    art = read_article(page)
    (c,) = extract_article(art).claims
    assert c.span.slice(art.text) == c.text
    assert c.attributed_to == "Roscosmos"
    assert [t.value for t in c.time_expressions] == ["2020-12"]


def test_speed_of_a_thousand_word_article() -> None:
    paragraph = SEED_ARTICLE.read_text(encoding="utf-8")
    text = "\n\n".join([paragraph] * 2)  # about 1,200 words
    extract_claims(text)
    t0 = time.perf_counter()
    extract_claims(text)
    assert time.perf_counter() - t0 < 2.0  # measured ~0.1 s; loose bound for slow CI machines


# ----------------------------------------------------------------------------- LLM extractor

class StubChatGenerator:
    """Stands in for a Haystack chat generator: returns a canned reply, records the prompt."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.messages = None

    def run(self, messages):
        from haystack.dataclasses import ChatMessage

        self.messages = messages
        return {"replies": [ChatMessage.from_assistant(self.reply)]}


LLM_ARTICLE = ("Russia and China signed an agreement to build a lunar research station.\n\n"
               "The station will orbit the moon, Roscosmos said last December.\n\n"
               "Previous Post Next Post\n")


def test_llm_claims_are_mapped_back_to_article_spans() -> None:
    reply = "```json\n" + json.dumps({"claims": [
        {"claim": "Russia and China signed an agreement to build a lunar research station.",
         "quote": "Russia and China signed an agreement to build a lunar research station."},
        {"claim": "The lunar station will orbit the moon.",
         "quote": "The station will  orbit the\nmoon"},  # whitespace differs
        {"claim": "Roscosmos made the statement in December.",
         "quote": "Roscosmos said in last December"},  # fuzzy
        {"claim": "The station will cost $20 billion.", "quote": "costs 20 billion dollars"},
    ]}) + "\n```"
    gen = StubChatGenerator(reply)
    ex = LLMClaimExtractor(gen).run(LLM_ARTICLE, date="2021-03-15")
    assert gen.messages[0].text.startswith("You extract check-worthy")
    assert "Russia and China signed" in gen.messages[1].text
    assert [c.id for c in ex.claims] == ["c1", "c2", "c3"]
    first, second, third = ex.claims
    assert first.span.slice(LLM_ARTICLE) == first.text and not first.rewritten
    assert second.span.slice(LLM_ARTICLE) == "The station will orbit the moon"
    assert second.rewritten
    assert "Roscosmos said last December" in third.span.slice(LLM_ARTICLE)
    assert [t.value for t in third.time_expressions] == ["2020-12"]
    reasons = {d.text: d.reason for d in ex.dropped}
    assert reasons["The station will cost $20 billion."].startswith("LLM claim not found")
    assert reasons["Previous Post Next Post"] == "the LLM extracted no claim from it"


def test_llm_reply_without_json_gives_no_claims() -> None:
    ex = LLMClaimExtractor(StubChatGenerator("Sorry, I cannot help.")).run(LLM_ARTICLE)
    assert ex.claims == []
    assert len(ex.dropped) == 3


def test_llm_extractor_checks_its_arguments() -> None:
    with pytest.raises(TypeError, match="run"):
        LLMClaimExtractor(object())
    with pytest.raises(ValueError, match="min_similarity"):
        LLMClaimExtractor(StubChatGenerator("[]"), min_similarity=0)
