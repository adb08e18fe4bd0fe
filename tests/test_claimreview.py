"""ClaimReview JSON-LD: only real schema.org properties, values of the right types."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from tests.test_html_report import sample_report
from verifier.claimreview import (
    BEST_RATING,
    RATING_VALUE,
    WORST_RATING,
    to_claimreview,
    to_claimreview_json,
)

# Properties schema.org defines for each type (own properties plus inherited ones from
# Thing/CreativeWork/Review), restricted to the ones a ClaimReview exporter could plausibly
# use. A typo such as "ratingvalue" or a made-up key fails the test.
_THING = {"name", "alternateName", "description", "url", "sameAs", "identifier", "image"}
_CREATIVE_WORK = _THING | {
    "author", "datePublished", "dateModified", "dateCreated", "headline", "publisher",
    "inLanguage", "text", "creator", "isPartOf", "citation", "about", "mentions",
}
ALLOWED: dict[str, set[str]] = {
    "ClaimReview": _CREATIVE_WORK | {"claimReviewed", "reviewRating", "itemReviewed",
                                     "reviewBody", "reviewAspect", "positiveNotes",
                                     "negativeNotes"},
    "Rating": _THING | {"ratingValue", "bestRating", "worstRating", "ratingExplanation",
                        "reviewAspect", "author"},
    "Claim": _CREATIVE_WORK | {"appearance", "firstAppearance", "claimInterpreter"},
    "CreativeWork": _CREATIVE_WORK,
    "Organization": _THING | {"legalName", "logo", "email", "address", "foundingDate"},
}
JSONLD_KEYWORDS = {"@context", "@type", "@id"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def assert_schema_keys(obj: dict[str, Any], where: str = "root") -> None:
    kind = obj.get("@type")
    assert kind in ALLOWED, f"{where}: unknown or missing @type {kind!r}"
    for key, value in obj.items():
        assert key in JSONLD_KEYWORDS or key in ALLOWED[kind], (
            f"{where}: {key!r} is not a schema.org property of {kind}"
        )
        if isinstance(value, dict):
            assert_schema_keys(value, f"{where}.{key}")


def assert_date(value: Any) -> None:
    assert isinstance(value, str) and ISO_DATE.match(value), value
    dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def reviews() -> list[dict[str, Any]]:
    return to_claimreview(sample_report(), article_url="https://news.example/lunar-pact",
                          article_date="2021-03-15", author="Example Fact Desk",
                          review_url="https://factcheck.example/reports/lunar.html")


def test_one_review_per_claim_in_order(reviews):
    report = sample_report()
    assert [r["claimReviewed"] for r in reviews] == [c.text for c in report.claims]


def test_every_key_is_a_schema_org_property(reviews):
    for i, review in enumerate(reviews):
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert_schema_keys(review, f"review[{i}]")


def test_rating_values_and_types(reviews):
    report = sample_report()
    for review, c in zip(reviews, report.claims, strict=True):
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        for key in ("ratingValue", "bestRating", "worstRating"):
            assert type(rating[key]) is int
        assert rating["bestRating"] == BEST_RATING == 3
        assert rating["worstRating"] == WORST_RATING == 1
        assert WORST_RATING <= rating["ratingValue"] <= BEST_RATING
        assert rating["ratingValue"] == RATING_VALUE[c.verdict]
        assert rating["alternateName"] == c.verdict.capitalize()
        assert rating["ratingExplanation"] == c.reason


def test_scale_orders_verdicts():
    assert RATING_VALUE["contradicted"] < RATING_VALUE["unverified"] < RATING_VALUE["supported"]


def test_item_reviewed_author_and_dates(reviews):
    for review in reviews:
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        assert item["appearance"] == {
            "@type": "CreativeWork", "url": "https://news.example/lunar-pact",
            "headline": "Moscow and Beijing sign lunar station pact",
            "datePublished": "2021-03-15",
        }
        assert_date(item["datePublished"])
        assert review["author"] == {"@type": "Organization", "name": "Example Fact Desk"}
        assert review["datePublished"] == "2021-03-16"  # the run date, not the article's
        assert_date(review["datePublished"])


def test_review_url_points_at_the_claim_card(reviews):
    assert [r["url"] for r in reviews] == [
        f"https://factcheck.example/reports/lunar.html#claim-{i}" for i in range(1, 6)
    ]


def test_unknown_facts_are_left_out():
    report = sample_report()
    report.article.title = None
    reviews = to_claimreview(report)
    for review in reviews:
        assert_schema_keys(review)
        assert "url" not in review
        assert review["itemReviewed"] == {"@type": "Claim"}
        assert review["author"]["name"] == "factcheck"


def test_appearance_without_url_keeps_headline():
    (first, *_) = to_claimreview(sample_report())
    assert first["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork", "headline": "Moscow and Beijing sign lunar station pact"}
    assert "datePublished" not in first["itemReviewed"]


def test_article_date_accepts_datetime_and_rejects_garbage():
    (first, *_) = to_claimreview(sample_report(), article_date="2021-03-15T10:00:00Z")
    assert first["itemReviewed"]["datePublished"] == "2021-03-15"
    with pytest.raises(ValueError, match="article_date"):
        to_claimreview(sample_report(), article_date="15 March 2021")


def test_empty_author_rejected():
    with pytest.raises(ValueError, match="author"):
        to_claimreview(sample_report(), author="  ")


def test_json_helper_round_trips(reviews):
    text = to_claimreview_json(sample_report(), article_url="https://news.example/lunar-pact",
                               article_date="2021-03-15", author="Example Fact Desk",
                               review_url="https://factcheck.example/reports/lunar.html")
    assert text.endswith("\n")
    assert json.loads(text) == reviews


def test_hostile_claim_text_survives_as_data():
    """JSON-LD is data: markup in a claim stays a plain string value."""
    reviews = to_claimreview(sample_report())
    assert reviews[-1]["claimReviewed"].startswith("<script>window.__pwned")
    assert json.loads(to_claimreview_json(sample_report())) == reviews


def test_no_claims_no_reviews():
    assert to_claimreview(sample_report(claims=[])) == []
    assert json.loads(to_claimreview_json(sample_report(claims=[]))) == []
