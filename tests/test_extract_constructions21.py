"""Constructions the misses of blind batch 21 showed the extractor getting wrong, each on
sentences written for these tests: a labelled "Disclaimer:" line (legal boilerplate, dropped
even when it names a product), a translated "As it was explained in the ministry, ..." (the
office after "in" is the source, so the frame is never cut off and emitted alone), and a
"this indicator" splice whose time is counted back ("a year earlier") and whose figure keeps
the first clause's unit ("... 65 percent"). Rule-based, no model."""

from __future__ import annotations

from verifier.extract import extract_claims

from .test_extract import accounted_for, dropped
from .test_extract import texts as claims


def test_labelled_disclaimer_is_boilerplate() -> None:
    text = ("The Orvik clinic opened a new scanner ward in 2023. Disclaimer: ScanPro is a "
            "support tool and does not replace a qualified doctor.")
    assert claims(text) == ["The Orvik clinic opened a new scanner ward in 2023."]
    assert dropped(text) == {"Disclaimer: ScanPro is a support tool and does not replace a "
                             "qualified doctor.": "page boilerplate"}
    # a sentence that only mentions a disclaimer is not one
    out = claims("The Orvik clinic added a disclaimer to its website in 2023.")
    assert out == ["The Orvik clinic added a disclaimer to its website in 2023."], out
    accounted_for(text)


def test_as_it_was_explained_in_an_office_names_the_source() -> None:
    text = ("As it was explained in the regional ministry, the last time the bridge was "
            "repaired in 2019.")
    ex = extract_claims(text)
    assert len(ex.claims) == 1, [c.text for c in ex.claims]
    assert ex.claims[0].attributed_to == "regional ministry"
    # the frame is never emitted as a claim of its own
    assert not any(c.text.startswith("As it was explained") and c.text.rstrip(".").endswith(
        "ministry") for c in ex.claims)
    # an occasion after "in" is where it was said, not who said it
    ex = extract_claims("As it was noted in the interview, the depot in Orsk has 40 trams.")
    assert all(c.attributed_to != "interview" for c in ex.claims)
    accounted_for(text)


def test_this_indicator_counted_back_keeps_the_unit() -> None:
    out = claims("The share of shoppers who pay by phone amounted to 70 percent in March, "
                 "a year earlier this indicator was 55 percent.")
    assert out == ["The share of shoppers who pay by phone amounted to 70 percent in March",
                   "A year earlier the share of shoppers who pay by phone amounted to 55 percent "
                   "in March"], out
    out = claims("Orsk exported 78 tonnes of honey in May, two years ago this indicator was "
                 "65 tonnes.")
    assert out[1] == "Two years ago Orsk exported 65 tonnes of honey in May", out
    # the earlier rounds' form still reads the same
    out = claims("This year 7 schools opened in Orsk, last year this indicator was 4.")
    assert out[1] == "Last year 4 schools opened in Orsk", out


def test_this_indicator_with_another_unit_is_not_restated() -> None:
    # tonnes then percent: not the same measure, left as written
    out = claims("Orsk exported 78 tonnes of honey in May, two years ago this indicator was "
                 "65 percent.")
    assert not any("65 tonnes" in c or "65 percent of honey" in c for c in out), out
    assert not any(c.startswith("Two years ago Orsk exported") for c in out), out
