"""The whole pipeline on the seed article and the bundled example, with the real model."""

import pytest

from tests.conftest import EXAMPLE_ARTICLE, REFERENCE_DOCS, SEED_ARTICLE
from verifier.corpus import load_documents
from verifier.pipeline import build_pipeline, load_pipeline, run_pipeline
from verifier.textio import read_text

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sources():
    return {d.id: d for d in load_documents([REFERENCE_DOCS])}


def assert_exact_spans(report, article, sources):
    for c in report.claims:
        if not c.rewritten:
            assert article[c.span.start : c.span.end] == c.text
        for part in c.spans:
            assert part.slice(article) and c.span.start <= part.start <= part.end <= c.span.end
        for ev in c.evidence:
            assert sources[ev.doc_id].text[ev.span.start : ev.span.end] == ev.quote
    for d in report.dropped:
        assert article[d.span.start : d.span.end] == d.text


def find(report, fragment):
    matches = [c for c in report.claims if fragment in c.text]
    assert matches, f"no claim contains {fragment!r}"
    return matches[0]


def test_seed_article(verifier_loaded, sources):
    article = read_text(SEED_ARTICLE)
    report = verifier_loaded.verify(article, source=str(SEED_ARTICLE))
    assert_exact_spans(report, article, sources)
    dropped = {d.text: d.reason for d in report.dropped}
    assert "Previous Post Next Post" in dropped
    assert any("Quick example of an extraction task" in t for t in dropped)
    assert not any("Previous Post" in c.text for c in report.claims)
    # Every factual sentence is (part of) a claim.
    for fragment in ("Russia has considered participating", "Roscosmos said in a statement",
                     "Romitin", "nine other countries", "NASA has signed agreements",
                     "ranked second in the world", "French Space Agency"):
        find(report, fragment)
    romitin = find(report, "Romitin")
    assert romitin.verdict == "contradicted"
    assert any(d.kind == "name" and "Rogozin" in d.evidence_value for d in romitin.discrepancies)
    assert report.run.index_id == verifier_loaded.index.index_id


def test_example_article_false_statements_are_contradicted(verifier_loaded, sources):
    article = read_text(EXAMPLE_ARTICLE)
    report = verifier_loaded.verify(article, source="example")
    assert_exact_spans(report, article, sources)
    expected = {"Igor Komarov": "name", "soft landing": "date", "only six nations": "number",
                "in 2013": "date", "was launched in 1996": "date"}
    for fragment, kind in expected.items():
        result = find(report, fragment)
        assert result.verdict == "contradicted", (fragment, result.reason)
        assert kind in {d.kind for d in result.discrepancies}
    assert find(report, "Zhang Kejian signed").verdict == "supported"
    assert find(report, "forty minutes").verdict == "unverified"


def test_haystack_pipeline_round_trips_through_yaml(reference_index, verifier_loaded):
    article = read_text(EXAMPLE_ARTICLE)
    yaml_text = build_pipeline(str(reference_index)).dumps()
    assert "verifier.components.ClaimRetriever" in yaml_text
    report = run_pipeline(load_pipeline(yaml_text), article)
    direct = verifier_loaded.verify(article)
    assert [(c.id, c.verdict) for c in report.claims] == [(c.id, c.verdict) for c in direct.claims]
    assert report.run.index_id == direct.run.index_id


def test_verdicts_are_deterministic(verifier_loaded):
    article = read_text(EXAMPLE_ARTICLE)
    a, b = verifier_loaded.verify(article), verifier_loaded.verify(article)
    assert a.model_dump(exclude={"run"}) == b.model_dump(exclude={"run"})
