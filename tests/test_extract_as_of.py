"""Claims carry the article's date, so the judge can tell a later source from a refutation."""

import datetime as dt

from verifier.extract import extract_claims

ARTICLE = """---
title: Accords
date: 2021-11-01
---
The Artemis Accords have 12 signatory nations. NASA signed the first agreement in October 2020.
"""


def test_claims_are_dated_by_the_front_matter():
    claims = extract_claims(ARTICLE, start=ARTICLE.index("The Artemis")).claims
    assert claims and all(c.as_of == dt.date(2021, 11, 1) for c in claims)


def test_undated_article_gives_undated_claims():
    text = ARTICLE.split("---\n")[-1]
    claims = extract_claims(text).claims
    assert claims and all(c.as_of is None for c in claims)
