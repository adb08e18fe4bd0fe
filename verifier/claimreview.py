"""Export a Report as schema.org ClaimReview JSON-LD, one object per claim.

ClaimReview is what search engines and fact-check aggregators read, so the output sticks to
properties schema.org defines (https://schema.org/ClaimReview, Rating, Claim, CreativeWork,
Organization).

Rating scale (``reviewRating``), ordered from worst to best for the claim:

=============  ===============  ===================================================
ratingValue    alternateName    meaning
=============  ===============  ===================================================
1              Contradicted     a trusted source states something incompatible
2              Unverified       no source settles it either way
3              Supported        a trusted source states the same fact
=============  ===============  ===================================================

``bestRating`` is 3 and ``worstRating`` is 1. ``alternateName`` carries the verdict word so
readers need not know the scale; ``ratingExplanation`` carries the judge's reason.

A claim with a reviewer's verdict (verifier.review) is rated by that verdict, and its
explanation is the reviewer's note (or says a reviewer set it); a reviewer's note without a
verdict is added to the judge's reason.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from verifier.html_report import card_id
from verifier.models import ClaimResult, Label, Report

RATING_VALUE: dict[Label, int] = {"contradicted": 1, "unverified": 2, "supported": 3}
RATING_NAME: dict[Label, str] = {
    "contradicted": "Contradicted",
    "unverified": "Unverified",
    "supported": "Supported",
}
BEST_RATING = max(RATING_VALUE.values())
WORST_RATING = min(RATING_VALUE.values())


def _iso_date(value: str, what: str) -> str:
    """`value` as YYYY-MM-DD; accepts a date or an ISO 8601 date-time."""
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError as exc:
        msg = f"{what} must be an ISO 8601 date (YYYY-MM-DD), got {value!r}"
        raise ValueError(msg) from exc


def _explanation(result: ClaimResult) -> str:
    review = result.review
    if review is None:
        return result.reason
    if review.verdict:
        # The judge's reason argues for the machine verdict, which the reviewer may have overruled.
        return review.note or (f"Set by a human reviewer; the automatic check said "
                               f"{RATING_NAME[result.verdict].lower()}.")
    return f"{result.reason} Reviewer note: {review.note}" if review.note else result.reason


def _rating(result: ClaimResult) -> dict[str, Any]:
    verdict = result.final_verdict
    return {
        "@type": "Rating",
        "ratingValue": RATING_VALUE[verdict],
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": RATING_NAME[verdict],
        "ratingExplanation": _explanation(result),
    }


def _item_reviewed(
    report: Report, article_url: str | None, article_date: str | None
) -> dict[str, Any]:
    claim: dict[str, Any] = {"@type": "Claim"}
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article_url:
        appearance["url"] = article_url
    if report.article.title:
        appearance["headline"] = report.article.title
    if article_date:
        appearance["datePublished"] = article_date
    # An appearance with nothing but its type tells a reader nothing.
    if len(appearance) > 1:
        claim["appearance"] = appearance
    if article_date:
        claim["datePublished"] = article_date
    return claim


def to_claimreview(
    report: Report,
    *,
    article_url: str | None = None,
    article_date: str | None = None,
    author: str = "factcheck",
    review_url: str | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview object per claim of `report`, in report order.

    `article_url`/`article_date` describe where the claims appeared; `author` is the
    organisation publishing the review; `review_url`, when the HTML report is published,
    becomes each review's `url` with the claim card's anchor (`#claim-<n>`) appended.
    """
    if not author.strip():
        msg = "author must be a non-empty organisation name"
        raise ValueError(msg)
    published = _iso_date(report.run.created_at, "report run date (run.created_at)")
    claim_date = _iso_date(article_date, "article_date") if article_date else None
    reviews = []
    for i, result in enumerate(report.claims):
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": result.text,
            "reviewRating": _rating(result),
            "itemReviewed": _item_reviewed(report, article_url, claim_date),
            "author": {"@type": "Organization", "name": author},
            "datePublished": published,
        }
        if review_url:
            # Same anchor as the claim's card in the HTML report.
            review["url"] = f"{review_url.split('#', 1)[0]}#{card_id(i)}"
        reviews.append(review)
    return reviews


def to_claimreview_json(
    report: Report,
    *,
    article_url: str | None = None,
    article_date: str | None = None,
    author: str = "factcheck",
    review_url: str | None = None,
) -> str:
    """`to_claimreview` as a JSON array, ready for a .jsonld file."""
    reviews = to_claimreview(
        report, article_url=article_url, article_date=article_date, author=author,
        review_url=review_url,
    )
    return json.dumps(reviews, indent=2, ensure_ascii=False) + "\n"
