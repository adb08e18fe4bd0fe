"""The default judge with the shipped stance model on the bundled example article (slow)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLE_ARTICLE, ROOT


@pytest.mark.slow
def test_example_article_with_the_shipped_model(reference_index, shipped_stance):
    from verifier import Verifier

    gold = json.loads((ROOT / "bench" / "verdicts" / "lunar_article.json").read_text())
    report = Verifier.load(reference_index, stance_model=shipped_stance).verify(
        EXAMPLE_ARTICLE.read_text(encoding="utf-8"))
    assert "stance-minilm-l6-v4" in report.run.judge
    wrong = []
    for want in gold["claims"]:
        found = sorted((c for c in report.claims if want["quote"] in c.text),
                       key=lambda c: len(c.text))
        assert found, want["quote"]
        got = found[0]
        if want["verdict"] == "contradicted":
            # Every error of the article is caught by an explicit check with the source's value.
            assert got.verdict == "contradicted" and got.discrepancies, got
        elif got.verdict == "contradicted" or (got.verdict == "supported"
                                               and want["verdict"] != "supported"):
            wrong.append((got.id, want["verdict"], got.verdict))
    assert wrong == []
