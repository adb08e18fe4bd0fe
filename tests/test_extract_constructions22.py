"""Constructions the misses of blind batch 22 showed the extractor getting wrong, each on
sentences written for these tests: a press release's dated line of its own ("OSLO, 3 June
2024", no dash, no stop: a dateline, not a claim), an "About <organisation>" heading over the
closing paragraph (boilerplate), and a "<Subject> include:" lead-in whose bullets are noun
phrases (each item becomes "<Subject> include <item>"). Rule-based, no model."""

from __future__ import annotations

from .test_extract import accounted_for, dropped
from .test_extract import texts as claims


def test_dated_line_of_its_own_is_a_dateline() -> None:
    text = ("Orvik opens a tram depot\n\nTROMSØ, 3 June 2024\n\nThe Orvik tram company opened a "
            "depot with 40 trams on Monday.\n")
    out = claims(text)
    assert not any("3 June 2024" in c for c in out), out
    assert dropped(text).get("TROMSØ, 3 June 2024") == "dateline", dropped(text)
    accounted_for(text)
    # a dated sentence with a verb is still a claim
    out = claims("The Orvik tram company opened a depot in Tromsø on 3 June 2024.")
    assert out == ["The Orvik tram company opened a depot in Tromsø on 3 June 2024."], out


def test_about_heading_is_boilerplate() -> None:
    text = ("The Orvik tram company opened a depot in 2023.\n\n## About the Orvik Tram Company\n\n"
            "The Orvik Tram Company was founded in 1911.\n")
    assert dropped(text).get("About the Orvik Tram Company") == "page boilerplate", dropped(text)
    out = claims(text)
    assert "The Orvik Tram Company was founded in 1911." in out, out
    accounted_for(text)
    # a sentence that starts with "About" and has a verb is not a heading
    out = claims("About 300 people attended the Orvik festival in 2023.")
    assert out == ["About 300 people attended the Orvik festival in 2023."], out


def test_include_lead_gives_each_noun_phrase_item_its_subject() -> None:
    text = ("The Orvik library reopened in 2024.\n\nFeatures of the new Orvik library include:\n\n"
            "- a reading room with 120 seats\n- 4,000 maps from the city archive\n")
    out = claims(text)
    assert "Features of the new Orvik library include a reading room with 120 seats" in out, out
    assert "Features of the new Orvik library include 4,000 maps from the city archive" in out, out
    assert not any(c.rstrip().endswith(":") for c in out), out
    assert dropped(text).get("Features of the new Orvik library include:") == \
        "introduces the list below, not a claim"
    accounted_for(text)
    # "include:" not followed by a list is left alone
    out = claims("The Orvik library's plans include: a reading room with 120 seats by 2026.")
    assert out, out
