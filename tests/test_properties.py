"""Property tests (hypothesis): offsets survive any text, extraction never raises, decoding never
crashes, verdicts are deterministic. Example counts are kept modest so the suite stays fast."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fault_injection import lost_letters
from tests.conftest import tiny_reference_index
from verifier.api import Verifier, extract_bounded
from verifier.errors import InputError
from verifier.textio import decode

# Pieces articles are made of, and the awkward characters real text carries.
TOKENS = [
    "NASA", "launched", "Zarya", "on", "20 November 1998", "the agency", "said", "Roscosmos",
    "Chang'e-4", "landed", "in 2019", "1,731 grams", "$23.271 billion", "U.S.", "Dr. Smith",
    "No. 5", "not", "?", ".", ". ", "! ", ": ", ", ", " ", " ", " ", "\n", "\r\n", "\n\n",
    "# ", "## ", "- ", "* ", "> ", "1. ", "**", "---\n", '"', "“", "”", "(", ")",
    "🚀", "👩\u200d🚀", "🇺🇦", "e\u0301", "a\u0308\u0323", "月球", "嫦娥四号于2019年1月3日着陆。",
    "ناسا", "שלום", "\u202e", "\u200b", "\u200d", "\ufeff", "\u00a0", "\t", "\u2028", "\x85",
    "Ὀδυσσεύς", "İstanbul", "ß", "ﬁ", "Ⅻ", "²", "٣",
    # references resolved into claim texts, datelines, headline halves, inline Markdown
    "He", "It said", "she", "They", "The company", "Mayor Tom Baker", "Harlow Motors",
    "MOSCOW, Jan. 5, 2021 (Reuters) - ", "WASHINGTON — ", ", at least 38 dead", "Officials said",
    "[", "](https://x.org/a.b)", "_", "`", "~~",
]

texts = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=80
).map("".join)


def assert_spans_exact(text: str, claims, dropped):
    for c in claims:
        for span in [c.span, *getattr(c, "spans", [])]:
            assert 0 <= span.start <= span.end <= len(text)
        if not getattr(c, "rewritten", False):
            assert c.span.slice(text) == c.text, c
    for d in dropped:
        assert d.span.slice(text) == d.text, d
        assert d.reason


def as_report(claims, dropped) -> dict:
    def spans(c):
        out = {"span": c.span.model_dump(), "spans": [s.model_dump() for s in c.spans]}
        if getattr(c, "sentence", None):
            out["sentence"] = c.sentence.model_dump()
        return out

    return {"claims": [spans(c) for c in claims],
            "dropped": [{"span": d.span.model_dump()} for d in dropped]}


@settings(max_examples=150, deadline=None)
@given(texts)
def test_extraction_spans_exact_and_nothing_lost(text):
    extraction, _ = extract_bounded(text)
    assert_spans_exact(text, extraction.claims, extraction.dropped)
    assert not lost_letters(as_report(extraction.claims, extraction.dropped), text)


@settings(max_examples=80, deadline=None)
@given(texts)
def test_overlong_sentences_dropped_with_exact_spans(text):
    """A tiny sentence limit exercises the blanking of over-long sentences on any text."""
    extraction, _ = extract_bounded(text, max_sentence_chars=25, max_claims=3)
    assert_spans_exact(text, extraction.claims, extraction.dropped)
    assert len(extraction.claims) <= 3
    assert all(c.sentence.end - c.sentence.start <= 25 for c in extraction.claims)
    # a claim is no longer than its sentence unless a name replaced "it" or "he"
    assert all(len(c.text) <= 25 for c in extraction.claims if not c.resolved)
    assert not lost_letters(as_report(extraction.claims, extraction.dropped), text)


def test_claim_limit_drops_whole_sentences_at_every_cut():
    """Sentences split into several claims, and rewritten claims, are cut whole."""
    from tests.conftest import EXAMPLE_ARTICLE
    from verifier.textio import split_front_matter

    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    _, start = split_front_matter(text, "a")
    full, _ = extract_bounded(text, start)
    assert any(c.rewritten for c in full.claims)  # the case this guards
    for limit in range(len(full.claims) + 1):
        extraction, warnings = extract_bounded(text, start, max_claims=limit)
        assert len(extraction.claims) <= limit
        assert extraction.claims == full.claims[: len(extraction.claims)]
        assert_spans_exact(text, extraction.claims, extraction.dropped)
        assert not lost_letters(as_report(extraction.claims, extraction.dropped), text, start)
        if len(extraction.claims) < len(full.claims):
            assert any("limit" in w for w in warnings)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_extraction_never_raises_on_arbitrary_text(text):
    extraction, warnings = extract_bounded(text)
    assert isinstance(warnings, list)
    assert_spans_exact(text, extraction.claims, extraction.dropped)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_returns_text_or_refuses(data):
    try:
        assert isinstance(decode(data, "x"), str)
    except InputError as exc:
        assert str(exc).startswith("x: ")


printable = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"), max_size=200
)


@settings(max_examples=100, deadline=None)
@given(printable)
def test_utf8_and_utf16_round_trip(text):
    assert decode(text.encode("utf-8"), "x") == text
    assert decode(text.encode("utf-16"), "x") == text


# -- through the whole pipeline, with a tiny model ---------------------------------------------


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory, tiny_model_dir):
    return tiny_reference_index(tmp_path_factory, tiny_model_dir,
                                ("cnsa-", "nasa-iss", "nasa-artemis-accords-founding"))


@pytest.fixture(scope="module")
def tiny_verifier(tiny_index, tiny_model_dir):
    return Verifier.load(tiny_index, model_path=tiny_model_dir)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_verify_gives_exact_report_or_input_error(tiny_verifier, text):
    try:
        report = tiny_verifier.verify(text)
    except InputError:
        return  # empty, or front matter that does not parse: said in one line
    assert_spans_exact(text, report.claims, report.dropped)
    for c in report.claims:
        for ev in c.evidence:
            doc = tiny_verifier.index.documents[ev.doc_id]
            assert ev.span.slice(doc.text) == ev.quote


def _fingerprint(report) -> list:
    return [c.model_dump(mode="json") for c in report.claims] + [
        d.model_dump(mode="json") for d in report.dropped
    ]


articles = st.lists(
    st.sampled_from([
        "Chang'e-4 landed on the far side of the Moon on 3 January 2019.",
        "Chang'e-4 landed on the far side of the Moon in December 2018.",
        "Zarya was launched on 20 November 1998.",
        "Zarya was launched in 1996.",
        "Roscosmos and CNSA signed a memorandum on 9 March 2021.",
        "Seven nations signed the Artemis Accords on 13 October 2020.",
        "Astronauts have lived aboard the station since 2 November 2000.",
        "Nobody knows what comes next.",
    ]),
    min_size=1, max_size=6,
).map(" ".join)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_verdicts_deterministic(tiny_verifier, tiny_index, tiny_model_dir, article):
    first = tiny_verifier.verify(article)
    again = tiny_verifier.verify(article)
    fresh = Verifier.load(tiny_index, model_path=tiny_model_dir).verify(article)
    assert _fingerprint(first) == _fingerprint(again) == _fingerprint(fresh)
    assert first.run.index_id == fresh.run.index_id
