"""Constructions blind batch 14 showed the extractor getting wrong, each on sentences written for
these tests: a chef's or coach's "we" in a Q&A (the kitchen or club they run, not "<name>'s
team"), verb agreement after the interviewee's substituted "I" for any plain present verb (not
a closed list) while past and modal forms stay as they are, and "I understand ..." / "I don't
know whether ..." kept as if they were facts. Rule-based, no model."""

from __future__ import annotations

from verifier.interview import agree, feeling, speak_as

from .test_extract import accounted_for
from .test_extract import texts as claims

_QA = ("# Five questions for Ruth Amsel, head coach of Brackwater United\n\n"
       "Ruth Amsel, 39, took over Brackwater United in 2020. The club, founded in 1911, plays at "
       "Mill Lane. We met her after training.\n\n"
       "**How big is the squad?**\n\n"
       "We have 26 players on the books and we train five days a week.\n\n"
       "**Where do the players come from?**\n\n"
       "We signed eleven of them from our own academy since 2021. I admit the budget is small.\n\n"
       "**Will you stay?**\n\n"
       "I don't know yet whether we will go up; I understand fans who want more.\n")


def test_a_coachs_we_is_the_club_they_run() -> None:
    got = claims(_QA)
    assert any(c.startswith("Brackwater United has 26 players") for c in got), got
    assert not any("Ruth Amsel's team" in c for c in got)
    accounted_for(_QA)


def test_not_knowing_and_understanding_are_no_facts() -> None:
    got = claims(_QA)
    assert not any("know yet" in c for c in got)
    assert not any("understand" in c for c in got)
    assert feeling("I understand fans who want more.")
    assert feeling("I don't know yet whether it works.")
    assert not feeling("I run the bakery on Dock Street.")


def test_any_plain_present_verb_agrees_with_the_substituted_name() -> None:
    assert speak_as("I admit the budget is small.", "Ruth Amsel") == \
        "Ruth Amsel admits the budget is small."
    assert speak_as("I coordinate the harvest.", "Ruth Amsel") == \
        "Ruth Amsel coordinates the harvest."
    assert speak_as("I carry the bags.", "Ruth Amsel") == "Ruth Amsel carries the bags."
    assert speak_as("I finish at six.", "Ruth Amsel") == "Ruth Amsel finishes at six."


def test_past_and_modal_forms_after_i_stay_as_they_are() -> None:
    for sentence in ("I signed the deal in 2021.", "I sold the farm in 2019.",
                     "I put the money in a fund.", "I cannot say more.", "I will stay.",
                     "I could not train.", "I personally signed the deal in 2021."):
        assert speak_as(sentence, "Ruth Amsel") == sentence.replace("I", "Ruth Amsel", 1)
    assert agree(" both signed") == (0, "")


def test_a_count_of_us_is_the_staff_of_the_body_they_head() -> None:
    text = _QA.replace("We have 26 players on the books and we train five days a week.",
                       "There are 31 of us at the training ground.")
    got = claims(text)
    assert any(c.startswith("Brackwater United has 31 staff") for c in got), got
    accounted_for(text)
