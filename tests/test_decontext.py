"""Claims readable on their own: references resolved to named actors, datelines, verbless
headline halves, unnamed sources, Markdown inline markup. Real-looking news sentences, no model."""

from __future__ import annotations

import datetime as dt

import pytest

from verifier.article import blank_inline_markup, read_article
from verifier.claim_features import entities
from verifier.extract import extract_article, extract_claims

from .test_extract import accounted_for


def uncovered_letters(text: str, ex, start: int = 0) -> str:
    """Letters of text[start:] in neither a claim (spans, sentence) nor a dropped sentence."""
    covered = [False] * len(text)
    spans = [d.span for d in ex.dropped]
    for c in ex.claims:
        spans += [c.span, *c.spans] + ([c.sentence] if c.sentence else [])
    for sp in spans:
        covered[sp.start : sp.end] = [True] * (sp.end - sp.start)
    return "".join(ch for ch, ok in zip(text[start:], covered[start:], strict=True)
                   if ch.isalpha() and not ok)


def claims(text: str, **kw) -> list[str]:
    return [c.text for c in extract_claims(text, **kw).claims]


def resolved(text: str, **kw) -> list[tuple[str, str]]:
    return [(r.text, r.name) for c in extract_claims(text, **kw).claims for r in c.resolved]


# ----------------------------------------------------------------------------- people

def test_he_is_the_one_person_named_before_and_keeps_his_span() -> None:
    text = ("Tom Baker, the mayor of Kelby, resigned on Monday after 12 years in office. "
            "He had led the council since 2011.")
    ex = extract_claims(text)
    last = ex.claims[-1]
    assert last.text == "Tom Baker had led the council since 2011."
    assert last.rewritten
    assert last.span.slice(text) == "He had led the council since 2011."
    (ref,) = last.resolved
    assert (ref.text, ref.name, ref.span.slice(text)) == ("He", "Tom Baker", "He")
    accounted_for(text)


def test_she_as_the_source_of_a_statement_names_the_source() -> None:
    text = ("Chief executive Maria Lenz told analysts the decision had been painful. "
            "She said the company would keep its battery plant in Leipzig.")
    last = extract_claims(text).claims[-1]
    assert last.text.startswith("Maria Lenz said the company would keep")
    assert last.attributed_to == "Maria Lenz"


def test_he_after_a_plural_source_looks_back_for_the_person() -> None:
    text = ("Martin Crane, 61, admitted six counts of bribery at Leeds Crown Court. "
            "Prosecutors said he had approved planning permission for 1,200 homes.")
    last = extract_claims(text).claims[-1]
    assert last.text == ("Prosecutors said Martin Crane had approved planning permission for "
                         "1,200 homes.")
    assert last.attributed_to == "prosecutors"


def test_two_people_who_fit_leave_the_pronoun_alone() -> None:
    text = ("Mayor Anna Holt met Governor Luis Berg in Kelby on Monday. "
            "He said the bridge would cost £40 million.")
    assert claims(text)[-1] == "He said the bridge would cost £40 million."
    assert resolved(text) == []


def test_gender_words_rule_a_person_out() -> None:
    text = ("Mrs Helen Price and Mr David Shah voted against the £40 million plan on Monday. "
            "She said the cost had doubled since 2019.")
    assert claims(text)[-1] == "Helen Price said the cost had doubled since 2019."


def test_an_unnamed_person_in_between_stops_the_search() -> None:
    text = ("Chief executive Tomas Lindqvist said 1,800 jobs would go. The unions were not "
            "consulted, a spokeswoman for the IG Metall union said. She called the plan a "
            "betrayal of 2,000 workers.")
    assert claims(text)[-1] == "She called the plan a betrayal of 2,000 workers."


def test_a_person_earlier_in_the_same_sentence_is_not_replaced() -> None:
    text = ("Judge Sarah Whitlock sentenced Crane to four years in March. "
            "Councillor Mark Ellison said he would resign in 2025.")
    assert claims(text)[-1] == "Councillor Mark Ellison said he would resign in 2025."


def test_words_inside_quotation_marks_are_never_changed() -> None:
    text = ('Governor Elena Varga raised the rate to 3.25% on Wednesday. "He is wrong about '
            'inflation," she said of the finance minister on Thursday.')
    last = extract_claims(text).claims[-1]
    assert last.text.startswith('"He is wrong about inflation,"')


def test_a_role_refers_back_to_the_one_person_given_that_role() -> None:
    text = ("Economy Minister Jan Vogt said last week that the government would not offer new "
            "subsidies. The minister is due to visit Dresden on Monday.")
    assert claims(text)[-1] == "Jan Vogt is due to visit Dresden on Monday."
    text = ("Judge Paul Ames sentenced Crane to four years on Friday. The judge said the "
            "offences had cost taxpayers £310,000. He also ordered Crane to repay £85,000.")
    assert claims(text)[1:] == ["Paul Ames said the offences had cost taxpayers £310,000.",
                                "Paul Ames also ordered Crane to repay £85,000."]


# ----------------------------------------------------------------------------- organisations

def test_the_company_is_the_company_the_article_introduced() -> None:
    text = ("German carmaker Harlow Motors said on Thursday it would cut 2,000 jobs in Dresden. "
            "Analysts at Nordbank said the move was overdue. "
            "The economy ministry said it was in talks with the company.")
    assert claims(text)[-1] == "The economy ministry said it was in talks with Harlow Motors."
    # "it" right after a named source is that source: the claim already names it
    assert claims(text)[0].startswith("German carmaker Harlow Motors said on Thursday it would")


def test_the_agency_and_the_bank_take_an_article_where_the_name_needs_one() -> None:
    text = ("The Federal Aviation Administration grounded 40 jets last week. "
            "The agency said the checks would take five days.")
    assert claims(text)[-1] == ("The Federal Aviation Administration said the checks would "
                                "take five days.")
    text = ("The Northland Central Bank raised its main rate to 3.25% on Wednesday. "
            "Governor Elena Varga said the bank would publish new forecasts in September.")
    assert claims(text)[-1] == ("Governor Elena Varga said the Northland Central Bank would "
                                "publish new forecasts in September.")


def test_two_companies_in_one_sentence_leave_the_company_alone() -> None:
    text = ("Carmaker Harlow Motors and battery maker Volta Cells signed a €2 billion supply "
            "deal on Monday. The company said production would start in 2025.")
    assert claims(text)[-1] == "The company said production would start in 2025."


@pytest.mark.parametrize("sentence", [
    "The parent company said production would start in 2025.",  # another company
    "The agency Roscosmos said production would start in 2025.",  # a name follows
    "The company of actors said production would start in 2025.",
    "Judge Sarah Whitlock told the company production would start in 2025.",  # addressee
])
def test_descriptions_that_do_not_refer_back(sentence: str) -> None:
    text = f"Battery maker Volta Cells opened a plant in Ostrava in 2023. {sentence}"
    assert claims(text)[-1] == sentence


def test_a_spokesman_and_a_statement_name_the_organisation() -> None:
    text = ("A spokesman for the Russian space agency Roskosmos said last December that NASA "
            "had asked Russia to help build the station.\n\n"
            "The spokesman said: Cooperation with China has become a priority since 2020.\n")
    last = extract_claims(text).claims[-1]
    assert last.text == ("The Roskosmos spokesman said: Cooperation with China has become a "
                         "priority since 2020.")
    assert last.attributed_to == "Roskosmos"


# ----------------------------------------------------------------------------- it / they

def test_it_opening_a_sentence_is_the_named_subject_before() -> None:
    text = ("Roscosmos said on Tuesday it would launch two more lunar missions in 2027. "
            "It said the first would carry a lander.")
    ex = extract_claims(text)
    assert [c.text for c in ex.claims][-1] == "Roscosmos said the first would carry a lander."
    assert ex.claims[-1].attributed_to == "Roscosmos"  # kept: "It" is a named source


def test_it_is_left_alone_when_the_sentence_before_offers_another_thing() -> None:
    text = ("NASA launched the Orion capsule in 2022. "
            "It carried three mannequins around the Moon.")
    assert claims(text)[-1] == "It carried three mannequins around the Moon."
    text = ("Volta Cells will build a battery plant in Ostrava. "
            "It is expected to employ 2,300 people by 2026.")
    assert claims(text)[-1] == "It is expected to employ 2,300 people by 2026."


@pytest.mark.parametrize("sentence", [
    "It is expected that the plant will open in 2026.",
    "It took four years to build the Skelleftea plant.",
])
def test_it_that_stands_for_nothing_is_left_alone(sentence: str) -> None:
    assert claims(f"Volta Cells employs 2,000 people in Sweden. {sentence}")[-1] == sentence


def test_it_is_left_alone_after_a_common_noun_subject() -> None:
    text = ("The quake's epicentre was about 15 km north of Santa Lucea. "
            "It was the strongest to hit the region since 1952.")
    assert claims(text)[-1] == "It was the strongest to hit the region since 1952."


def test_they_after_two_named_actors() -> None:
    text = ("Russia and China signed an agreement on the lunar station in March 2021. "
            "They said it would be open to other countries.")
    assert claims(text)[-1] == "Russia and China said it would be open to other countries."


# ----------------------------------------------------------------------------- check-worthiness

def test_a_resolved_reference_makes_a_sentence_worth_checking_but_a_non_answer_does_not(
) -> None:
    text = ("Tom Baker, the mayor of Kelby, resigned on Monday. He denied any wrongdoing. "
            "He declined to comment further.")
    ex = extract_claims(text)
    assert "Tom Baker denied any wrongdoing." in [c.text for c in ex.claims]
    assert [d.text for d in ex.dropped] == ["He declined to comment further."]


# ----------------------------------------------------------------------------- unnamed sources

@pytest.mark.parametrize(("sentence", "source"), [
    ("Experts have warned that the dam could fail within a decade.", "experts"),
    ("Officials said 12 people were still missing.", "officials"),
    ("According to a source close to the talks, the deal was signed in March.",
     "a source close to the talks"),
    ("Analysts have long argued that the bank moved too late.", "analysts"),
    ("Officials at the Ministry of Health said the clinic would close.", "Ministry of Health"),
])
def test_unnamed_sources_are_kept_and_named_as_written(sentence: str, source: str) -> None:
    (claim,) = extract_claims(sentence).claims
    assert claim.attributed_to == source


@pytest.mark.parametrize("sentence", [
    "Residents say they were never told.",
    "Local residents said that the new line will bring great convenience.",
])
def test_unnamed_sources_with_nothing_to_check_are_dropped(sentence: str) -> None:
    ex = extract_claims(sentence)
    assert ex.claims == [] and ex.dropped[0].reason.startswith("no checkable fact")


# ----------------------------------------------------------------------------- datelines

def test_a_dateline_is_dropped_and_dates_the_article() -> None:
    text = ("Moscow agrees lunar deal with Beijing\n\n"
            "MOSCOW, March 10, 2021 (Reuters) - Russia and China signed an agreement on "
            "Tuesday to build a lunar station, Roscosmos said. The agency said last December "
            "that talks had begun.\n")
    ex = extract_claims(text)
    (line,) = [d for d in ex.dropped if d.reason == "dateline"]
    assert line.text == "MOSCOW, March 10, 2021 (Reuters) -"
    assert line.span.slice(text) == line.text
    assert ex.claims[1].span.slice(text).startswith("Russia and China signed")
    times = {t.text: t.value for c in ex.claims for t in c.time_expressions}
    assert times == {"on Tuesday": "2021-03-09", "last December": "2020-12"}
    assert all(c.as_of == dt.date(2021, 3, 10) for c in ex.claims)
    assert ex.claims[-1].text.startswith("Roscosmos said last December")
    accounted_for(text)
    assert uncovered_letters(text, ex) == ""  # the dateline's letters are accounted for


def test_a_dateline_without_a_year_dates_nothing_and_a_given_date_wins() -> None:
    text = "WASHINGTON, Jan. 5 (AP) — The Federal Aviation Administration grounded 40 jets.\n"
    ex = extract_claims(text)
    assert [d.text for d in ex.dropped] == ["WASHINGTON, Jan. 5 (AP) —"]
    assert ex.claims[0].as_of is None
    text = "Port Ellis, 4 March 2023 – The council spent £2.1 million on cycle lanes last year.\n"
    ex = extract_claims(text, date="2023-03-06")
    assert ex.dropped[0].text == "Port Ellis, 4 March 2023 –"
    assert ex.claims[0].time_expressions[0].value == "2022"


@pytest.mark.parametrize("sentence", [
    "NASA - the agency said on Monday it would delay the launch to 2026.",
    "Russia — the largest country by area — signed the deal in 2021.",
])
def test_a_name_and_a_dash_is_not_a_dateline(sentence: str) -> None:
    ex = extract_claims(sentence)
    assert not [d for d in ex.dropped if d.reason == "dateline"]
    assert ex.claims[0].span.slice(sentence).startswith(sentence.split()[0])


# ----------------------------------------------------------------------------- headlines

@pytest.mark.parametrize(("headline", "expected"), [
    ("Quake strikes off coast, at least 38 dead",
     ["Quake strikes off coast", "at least 38 dead"]),
    ("Central bank raises rates again; inflation at 7.4%",
     ["Central bank raises rates again", "inflation at 7.4%"]),
    ("Inflation rises to 7.4%, up from 6.9% in April",  # a qualifier of the number
     ["Inflation rises to 7.4%, up from 6.9% in April"]),
    ("Russia, China sign lunar station deal", ["Russia, China sign lunar station deal"]),
])
def test_verbless_headline_halves_with_a_number_are_claims(headline: str,
                                                           expected: list[str]) -> None:
    assert claims(headline) == expected


# ----------------------------------------------------------------------------- Markdown

def test_inline_markdown_is_left_out_of_claims_but_spans_cover_it() -> None:
    text = ("---\ntitle: Cases\ndate: 2024-06-02\n---\n"
            "The **Ministry of Health** said [1,200 new cases](https://example.org/2023/05/x) "
            "were confirmed in _May_.\n\n"
            "Read the [full report](https://example.org/report)\n")
    art = read_article(text, name="cases.md")
    ex = extract_article(art)
    (claim,) = ex.claims
    assert claim.text == "The Ministry of Health said 1,200 new cases were confirmed in May."
    assert claim.rewritten
    assert claim.sentence.slice(text) == (
        "The **Ministry of Health** said [1,200 new cases](https://example.org/2023/05/x) "
        "were confirmed in _May_.")
    assert [n.value for n in claim.numbers] == [1200]  # nothing from the URL
    assert [t.value for t in claim.time_expressions] == ["2024-05"]
    assert ex.dropped[-1].text == "Read the [full report](https://example.org/report)"
    accounted_for(text, art.body_start)
    assert uncovered_letters(text, ex, art.body_start) == ""  # link URLs included


def test_blanking_markup_keeps_length_and_plain_words() -> None:
    text = "A **bold** _claim_ with `code`, a [link](https://x.org) and snake_case_name * 2 * 3."
    plain = blank_inline_markup(text)
    assert len(plain) == len(text)
    assert plain.split() == ["A", "bold", "claim", "with", "code", ",", "a", "link", "and",
                             "snake_case_name", "*", "2", "*", "3."]


# ----------------------------------------------------------------------------- entities

def test_a_month_abbreviation_can_be_a_first_name() -> None:
    assert [(e.text, e.type) for e in entities("Economy Minister Jan Vogt said so.")] == [
        ("Economy Minister Jan Vogt", "person")]
    assert [e.text for e in entities("The plant opened on Jan. 5 in Ostrava.")] == ["Ostrava"]
