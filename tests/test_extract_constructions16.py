"""Constructions the misses of blind batch 16 showed the extractor getting wrong, each on
sentences written for these tests: the captain of a named ship speaking for it in an interview
("we" is the ship, "There are 20 of us" its crew), "she" / "her" for a named ship, an answer
that is only a date dating the sentence after it, ", and in a cold winter we ..." split, an
indefinite subject named by its appositive ("A tanker, the Mira Star, ran aground"). Rule-based, no
model."""

from __future__ import annotations

from verifier.article import read_article
from verifier.extract import extract_article

from .test_extract import accounted_for, parts
from .test_extract import texts as claims

_SKIPPER = ("# Six questions for Maren Holt, skipper of the trawler Kestrel Dawn\n\n"
            "Maren Holt, 47, has run the trawler Kestrel Dawn out of Peterhead since 2012.\n\n"
            "**How many people work with you?**\n\n"
            "There are 11 of us on board. We fish for six days and then spend two in port. "
            "I hired most of them in 2013.\n\n"
            "**What does the boat catch?**\n\n"
            "Our two winches can lift 40 tonnes a day, and in a good season we land about 900 "
            "tonnes of haddock. My first winch came from Bergen.\n\n"
            "**What was your worst storm?**\n\n"
            "The 14th of January 2015. A ferry, the Solan Isle, lost power west of Orkney with "
            "80 passengers, and her engines had failed. We reached her after five hours "
            "and towed her to Kirkwall.\n\n"
            "**Do you still enjoy it?**\n\n"
            "I love it more every year.\n")


def test_the_captain_of_a_named_ship_speaks_for_the_ship() -> None:
    got = claims(_SKIPPER)
    # the skipper's "we" is the ship she commands, not a team of hers
    assert "The Kestrel Dawn has 11 staff on board." in got, got
    assert any(c.startswith("The Kestrel Dawn fishes for six days") for c in got), got
    assert not any("Maren Holt's team" in c for c in got), got
    accounted_for(_SKIPPER)


def test_a_fronted_phrase_before_we_still_splits_the_compound() -> None:
    got = claims(_SKIPPER)
    assert "The Kestrel Dawn's two winches can lift 40 tonnes a day" in got, got
    assert "in a good season the Kestrel Dawn lands about 900 tonnes of haddock." in got, got
    # and the split itself, without an interview around it
    assert parts("The mill makes 8 tonnes of flour a day, and in a dry summer we sell about "
                 "300 sacks.") == ["The mill makes 8 tonnes of flour a day",
                                   "in a dry summer we sell about 300 sacks."]


def test_she_and_her_after_a_named_ship_are_the_ship() -> None:
    got = claims(_SKIPPER)
    assert "The Solan Isle's engines had failed." in got, got
    assert "The Kestrel Dawn reached the Solan Isle after five hours" in got, got
    assert "The Kestrel Dawn towed the Solan Isle to Kirkwall." in got, got
    # a woman named after the ship takes "her" back
    text = ("The tanker Brent Mira ran aground off Sligo on Monday. Captain Ruth Amsel, 52, "
            "said her crew of 18 was safe.")
    assert not any("Brent Mira's crew" in c for c in claims(text)), claims(text)


def test_an_answer_that_is_only_a_date_dates_the_next_sentence() -> None:
    got = claims(_SKIPPER)
    assert "On the 14th of January 2015, the ferry Solan Isle lost power west of Orkney with " \
        "80 passengers" in got, got
    assert "The 14th of January 2015." not in got, got
    ex = extract_article(read_article(_SKIPPER, name="skipper.md"))
    dated = next(c for c in ex.claims if c.text.startswith("On the 14th"))
    # the claim points at the date and at its own words
    assert _SKIPPER[dated.spans[0].start : dated.spans[0].end] == "The 14th of January 2015"
    assert any(t.value.startswith("2015-01") for t in dated.time_expressions), \
        dated.time_expressions


def test_an_indefinite_subject_named_by_its_appositive_is_no_identity_claim() -> None:
    got = parts("A tanker, the Mira Star, ran aground off Sligo with 20 crew, and her cargo "
                "of diesel leaked.")
    assert got[0] == "The tanker Mira Star ran aground off Sligo with 20 crew", got
    assert not any(p.startswith("A tanker is") for p in got), got
    # a definite subject with a named appositive keeps its reading
    assert parts("The city's mayor, Tom Baker, said the road would reopen.")[0] == \
        "The city's mayor is Tom Baker"
