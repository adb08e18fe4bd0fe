"""Constructions the misses of blind batch 18 showed the extractor getting wrong, each on
sentences written for these tests: a translated "As noted the director X, ..." (the verb before
its subject) read as the source's frame, "X made up N" (machine translation of "X was N")
said plainly, a "Company announcement, edited by X" byline, and the speaker's own
counterfactual ("But if we sold, we would need ...") dropped. Rule-based, no model."""

from __future__ import annotations

from verifier.extract import extract_claims

from .test_extract import accounted_for, dropped
from .test_extract import texts as claims


def test_as_noted_with_the_verb_first_names_the_source() -> None:
    text = ("As stated the head of the district Olga Marchenko, in April the town will open a "
            "new school for 600 pupils, the investments into the building made up 900 million "
            "roubles.")
    ex = extract_claims(text)
    assert [c.attributed_to for c in ex.claims] == ["Olga Marchenko", "Olga Marchenko"], ex.claims
    assert ex.claims[1].text == "The investments into the building were 900 million roubles"
    accounted_for(text)
    # "As noted above" names no one
    assert all(c.attributed_to is None
               for c in extract_claims("As noted above, the town has 3 bridges.").claims)


def test_made_up_before_a_figure_reads_as_was() -> None:
    assert claims("The revenue of the port for 9 months made up 4.1 billion roubles.") == [
        "The revenue of the port for 9 months was 4.1 billion roubles"]
    assert claims("The harvest of the region makes up about 3 million tonnes.") == [
        "The harvest of the region is about 3 million tonnes"]
    # no figure: "made up" keeps its own meaning
    assert claims("Women made up half of the staff.") == ["Women made up half of the staff."]
    # the earlier "the length of X makes N" rule still wins
    assert claims("The length of the road makes 12 km.") == ["The road is 12 km long"]
    accounted_for("Grain sales fell by a fifth, their share made up 20 percent.")


def test_a_labelled_editing_byline_is_dropped() -> None:
    text = "Corporate statement, edited by Mark Heller\n\nThe plant in Brno employs 400 people."
    assert dropped(text).get("Corporate statement, edited by Mark Heller") == "byline"
    assert claims(text) == ["The plant in Brno employs 400 people."]
    # a sentence about an announcement that was edited stays a claim
    assert claims("The announcement, edited by the board, was made on 3 May.")


def test_the_speakers_own_counterfactual_is_dropped() -> None:
    for s in ("But if we switched, we would need a new barn and three years of loans.",
              "If I sold the boat, I could pay off 40,000 euros of debt."):
        assert s in dropped(s), s
    # what the speaker did, and a conditional about someone else, stay
    assert claims("We switched in 2019, and we now need 3 barns.")
    assert claims("If the council raised taxes, it would need 3 new staff.")


def test_made_up_agrees_and_leaves_a_name_alone() -> None:
    assert claims("Shipments to Egypt made up 40 percent of the total.") == [
        "Shipments to Egypt were 40 percent of the total"]
    assert claims("Harris made up 3 points.") == ["Harris made up 3 points."]


def test_an_inverted_future_passive_is_a_clause_of_its_own() -> None:
    text = ("In June at the plant will be opened a new workshop with an area of 5 thousand "
            "square metres, the investments into the project made up 1.2 billion roubles.")
    assert claims(text) == [
        "In June at the plant will be opened a new workshop with an area of 5 thousand "
        "square metres", "The investments into the project were 1.2 billion roubles"]
    accounted_for(text)
    assert claims("The plant opened a new workshop, in the summer will be hired over 200 "
                  "workers.") == ["The plant opened a new workshop",
                                  "in the summer will be hired over 200 workers."]


def test_the_noun_of_which_after_a_noun_phrase_is_said_of_it() -> None:
    text = ("The main part of exports makes up timber from Karelia, the price of which fell by "
            "12 percent.")
    assert claims(text) == ["The main part of exports makes up timber from Karelia",
                            "The price of timber from Karelia fell by 12 percent."]
    accounted_for(text)
    # inside commas, before the verb, the relative is an aside of the subject: unchanged
    text = "The council, the budget of which is 4 million euros, approved the plan."
    assert not any(c.startswith("The budget of") for c in claims(text)), claims(text)


def test_an_inverted_count_of_staff_after_a_comma_is_split() -> None:
    text = "The mill is located 8 kilometres from the town centre, at the mill work 420 people."
    assert claims(text) == ["The mill is located 8 kilometres from the town centre",
                            "at the mill work 420 people."]
    accounted_for(text)
    # without a count, a place phrase after a comma is not a clause
    assert len(claims("The mill is located 8 kilometres from the centre, at the old bridge.")) == 1


def test_the_reason_of_which_says_why_the_clause_before_happened() -> None:
    assert claims("Sales fell by 9 percent, the cause of which was the strike at the port.") == [
        "Sales fell by 9 percent because of the strike at the port."]
    text = ("The output of the mine for 9 months made up 2 million tonnes, the reason of which "
            "became the closure of the northern shaft.")
    assert claims(text) == ["The output of the mine for 9 months was 2 million tonnes because "
                            "of the closure of the northern shaft"]
    accounted_for(text)



def test_the_noun_of_which_keeps_a_phrase_with_an_adjective_after_a_preposition() -> None:
    # "controlled" after "with" describes the atmosphere; the capacity is the warehouse's
    assert claims("The port built a warehouse with controlled atmosphere, the capacity of "
                  "which is 3,000 tonnes.") == [
        "The port built a warehouse with controlled atmosphere",
        "The capacity of the warehouse with controlled atmosphere is 3,000 tonnes."]
