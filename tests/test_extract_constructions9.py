"""Constructions blind batch 10 showed the extractor missing or getting wrong, each on sentences
written for these tests: a ", which ..." part left opening with "which" after a verbless list
item or a long clause; "Before that" read as a subordinate clause; a subject relative with a
verb the lexicon lacked ("who spoke on condition of anonymity") hiding the source's claim;
legal disclaimers, non-answers ("Nobody at X would say."), list lead-ins ending in a colon, a
speaker's confidence about the future and maxims ("Every vote counts.") kept as claims; "I
refuse" left unconjugated once the interviewee's name replaces "I". Rule-based, no model."""

from __future__ import annotations

from verifier.decompose import decompose
from verifier.interview import speak_as

from .test_extract import accounted_for
from .test_extract import dropped as reasons
from .test_extract import texts as claims


def test_relative_after_a_verbless_list_item_is_said_of_the_whole_item() -> None:
    text = ("The Harbour Tribune closed in May after 80 years, its owner said.\n\n"
            "- 1971: the sinking of the ferry Solan, which killed 40 people\n"
            "- 1999: fraud at the city port authority, which led to two convictions\n")
    got = claims(text)
    assert "The sinking of the ferry Solan killed 40 people" in got
    assert "Fraud at the city port authority led to two convictions" in got
    assert not any(t.lower().startswith("which") for t in got)
    accounted_for(text)


def test_before_that_is_an_adverb_not_a_subordinate_clause() -> None:
    parts = [p.text for p in decompose(
        "Before that the farmers bought water from the trucks, which came once a week.").parts]
    assert not any(p.startswith("which") for p in parts)
    assert any(p.startswith("Before that the farmers bought water") for p in parts)


def test_anonymous_source_relative_is_dropped_and_what_they_said_kept() -> None:
    text = ("A port official, who spoke on condition of anonymity, said the crane had collapsed "
            "on Monday.\n")
    got = claims(text)
    assert "A port official said the crane had collapsed on Monday." in got
    assert not any("anonymity" in t for t in got)
    accounted_for(text)


def test_closing_disclaimer_of_a_release_is_boilerplate() -> None:
    text = ("Norvik Foods raised its sales forecast to 8% on Tuesday.\n\n"
            "Actual outcomes could differ materially from these forecasts.\n")
    assert not any("differ" in t for t in claims(text))
    assert "page boilerplate" in reasons(text).values()


def test_non_answers_are_dropped_even_with_a_named_body() -> None:
    text = ("The museum lost 12 paintings in the fire on Sunday.\n\n"
            "Nobody at the Culture Ministry would say how much they were worth.\n\n"
            "The insurer would not say when it will pay.\n")
    got = claims(text)
    assert got == ["The museum lost 12 paintings in the fire on Sunday."]
    assert list(reasons(text).values()).count("a source's non-answer, nothing to check") == 2


def test_a_list_lead_in_ending_with_a_colon_is_not_a_claim() -> None:
    text = ("Among the prizes the choir won over the years:\n\n"
            "- 1988: the Lindau cup, which went to 14 choirs that year\n")
    assert not any(t.startswith("Among") for t in claims(text))
    assert reasons(text)["Among the prizes the choir won over the years:"] == \
        "introduces the list below, not a claim"


def test_confidence_about_the_future_and_maxims_are_not_claims() -> None:
    text = ("Sales at Kessel Tools rose 9% to €210 million in 2023.\n\n"
            "\"We are confident that 2026 will bring record profits.\"\n\n"
            "Every single vote counts.\n")
    got = claims(text)
    assert len(got) == 1 and got[0].startswith("Sales at Kessel Tools rose 9%")
    accounted_for(text)


def test_an_interviewees_plain_present_verb_agrees_with_the_name() -> None:
    assert speak_as("I lead a team of nine and I teach in Bergen.", "Ana Reis") == \
        "Ana Reis leads a team of nine and Ana Reis teaches in Bergen."
    # a word that may be a past form is left alone
    assert speak_as("I put the samples there.", "Ana Reis") == "Ana Reis put the samples there."
