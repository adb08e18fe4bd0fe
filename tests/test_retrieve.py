"""BM25, rank fusion, second stage and metadata filters (tiny model: fast, no packaged model)."""

import datetime as dt

import numpy as np
import pytest

from verifier.embed import Embedder
from verifier.errors import InputError
from verifier.index import build_index, load_index
from verifier.lexical import LexicalIndex, tokenize, top_k
from verifier.models import Claim, SourceDocument, Span
from verifier.retrieve import Retriever, SearchFilter


def doc(i: str, text: str, publisher: str = "NASA", date: str | None = "2021-01-01",
        title: str | None = None) -> SourceDocument:
    return SourceDocument(id=i, title=title or f"Release {i}", publisher=publisher,
                          date=dt.date.fromisoformat(date) if date else None,
                          url=f"https://example.org/{i}", text=text)


def claim(text: str) -> Claim:
    return Claim(id="c", text=text, span=Span(start=0, end=len(text)))


@pytest.fixture(scope="module")
def tiny(tiny_model_dir):
    return Embedder(tiny_model_dir)


FILLER = [
    "The agency published its annual budget report today.",
    "Engineers tested the new engine at the desert facility.",
    "The committee met to review the safety procedures again.",
    "A new tracking station opened in the southern hemisphere.",
]


@pytest.fixture(scope="module")
def corpus():
    docs = [
        doc("yutu", "The Yutu-2 rover drove 25 metres on the far side of the Moon.",
            publisher="CNSA", date="2019-01-05"),
        doc("accords", "Eight nations signed the Artemis Accords on 13 October 2020.",
            date="2020-10-13"),
        doc("undated", "Ground stations tracked the Zarya module for many years.", date=None,
            publisher="Roscosmos"),
    ]
    for n in range(60):  # a long tail from one publisher, so filters have to search deep
        docs.append(doc(f"f{n:02d}", FILLER[n % 4] + f" Item number {n} was logged.",
                        date=f"20{10 + n % 10}-0{1 + n % 9}-15"))
    return docs


@pytest.fixture(scope="module")
def index(corpus, tiny, tmp_path_factory):
    out = tmp_path_factory.mktemp("retrieve") / "idx"
    build_index(corpus, out, tiny, progress=False)
    return load_index(out, tiny)


def test_tokenize_folds_case_plurals_and_stopwords():
    assert tokenize("The Rovers drove 25.5 km on the far-side studies") == [
        "rover", "drove", "25.5", "km", "far", "side", "study"]
    assert tokenize("U.S. 1,000 COVID-19") == ["u", "1,000", "covid", "19"]


def test_bm25_ranks_rare_terms_and_normalises_length():
    texts = ["moon moon landing", "landing site selected", "the moon",
             "a long text about many other things and also about the moon once"]
    lex = LexicalIndex.build(texts, texts)
    scores = lex.passages.scores(lex.query_ids("moon landing"))
    assert int(np.argmax(scores)) == 0  # both terms
    assert scores[2] > scores[3] > 0  # same single term, shorter text wins
    assert scores[1] > 0
    assert list(top_k(scores, 2)) == [0, int(np.argsort(-scores)[1])]
    assert lex.query_ids("unknownword") == []
    assert len(top_k(lex.passages.scores([]), 5)) == 0


def test_lexical_tables_round_trip(tmp_path):
    texts = ["alpha beta", "beta gamma gamma"]
    lex = LexicalIndex.build(texts, ["alpha beta beta gamma"])
    names = lex.save(tmp_path)
    assert sorted(names) == ["lexical.npz", "lexical_vocab.json"]
    again = LexicalIndex.load(tmp_path)
    q = again.query_ids("gamma")
    np.testing.assert_allclose(again.passages.scores(q), lex.passages.scores(q))
    assert again.documents.rows == 1


def test_hybrid_finds_lexical_match_the_dense_side_misses(index, tiny):
    # The tiny model is random: its dense ranking is noise. Fusion still brings up the passage
    # that shares the claim's rare words, and the second stage puts it first.
    r = Retriever(index, tiny, top_k=5)
    (hits,) = r.retrieve([claim("How far did the Yutu-2 rover drive on the Moon?")])
    assert hits[0].document.id == "yutu"
    assert hits[0].fused is not None and hits[0].lexical > 0
    fused = [h.fused for h in hits]
    assert fused == sorted(fused, reverse=True)


def test_candidate_score_stays_the_dense_cosine(index, tiny):
    text = "Artemis Accords signed by eight nations"
    (hits,) = Retriever(index, tiny, top_k=5).retrieve([claim(text)])
    q = tiny.embed([text])[0]
    for h in hits:
        assert h.score == pytest.approx(float(index.matrix[h.passage.id] @ q), abs=1e-5)
        assert -1.01 <= h.score <= 1.01


def test_dense_and_lexical_modes(index, tiny):
    dense = Retriever(index, tiny, top_k=7, mode="dense").retrieve([claim("Yutu-2 rover")])[0]
    assert len(dense) == 7 and all(h.fused is None for h in dense)
    scores = [h.score for h in dense]
    assert scores == sorted(scores, reverse=True)
    lexical = Retriever(index, tiny, top_k=3, mode="lexical").retrieve([claim("Yutu-2 rover")])
    assert lexical[0][0].document.id == "yutu"
    with pytest.raises(ValueError, match="mode must be"):
        Retriever(index, tiny, mode="magic")


@pytest.mark.parametrize("mode", ["hybrid", "dense"])
def test_publisher_filter_does_not_shrink_results(index, tiny, mode):
    # Only one CNSA passage exists: the search must go deep enough to find it whatever the
    # query, and a NASA filter must still fill top_k.
    r = Retriever(index, tiny, top_k=10, mode=mode)
    only_cnsa = SearchFilter.from_options(publisher="cnsa")
    (hits,) = r.retrieve([claim("engine tests at the desert facility")], filters=only_cnsa)
    assert [h.document.id for h in hits] == ["yutu"]
    nasa = SearchFilter.from_options(publisher=["NASA"])
    (hits,) = r.retrieve([claim("Yutu-2 rover on the Moon")], filters=nasa)
    assert len(hits) == 10 and {h.document.publisher for h in hits} == {"NASA"}


def test_date_filter_is_inclusive_and_drops_undated(index, tiny):
    f = SearchFilter.from_options(since="2015-01-01", until="2016-12-31")
    r = Retriever(index, tiny, top_k=12, filters=f)
    (hits,) = r.retrieve([claim("Zarya module tracked by ground stations")])
    expected = sum(1 for d in index.documents.values()
                   if d.date and dt.date(2015, 1, 1) <= d.date <= dt.date(2016, 12, 31))
    assert len(hits) == min(12, expected)
    assert all(dt.date(2015, 1, 1) <= h.document.date <= dt.date(2016, 12, 31) for h in hits)
    assert "undated" not in {h.document.id for h in hits}


def test_dense_search_deepens_until_k_pass(index, tiny):
    allowed = np.zeros(len(index.passages), dtype=bool)
    allowed[[0, len(index.passages) - 1]] = True
    (ids, scores) = index.dense_search(tiny.embed(["anything at all"]), 5, allowed)[0]
    assert sorted(ids.tolist()) == [0, len(index.passages) - 1]
    assert list(scores) == sorted(scores, reverse=True)


def test_filter_options_are_validated():
    assert SearchFilter.from_options() is None
    f = SearchFilter.from_options(publisher="NASA, ESA", doc_type="Press_Release")
    assert f.publishers == frozenset({"nasa", "esa"}) and f.doc_types == {"press_release"}
    with pytest.raises(InputError, match="not an ISO date"):
        SearchFilter.from_options(since="last year")
    with pytest.raises(InputError, match="is after"):
        SearchFilter.from_options(since="2021-01-01", until="2020-01-01")


def test_empty_claims_and_empty_index(tmp_path, tiny, index):
    assert Retriever(index, tiny).retrieve([]) == []
    with pytest.raises(ValueError, match="top_k"):
        Retriever(index, tiny, top_k=0)


def test_cli_options_build_the_filter_a_retriever_applies(index, tiny):
    import argparse

    from verifier.retrieve import add_retrieval_options, filter_from_args

    p = argparse.ArgumentParser()
    add_retrieval_options(p)
    args = p.parse_args(["--publisher", "NASA", "--publisher", "ESA,CNSA", "--since",
                         "2019-01-01", "--retrieval", "dense"])
    f = filter_from_args(args)
    assert f.publishers == {"nasa", "esa", "cnsa"} and f.since == dt.date(2019, 1, 1)
    r = Retriever(index, tiny, top_k=3, mode=args.retrieval, filters=f)
    (hits,) = r.retrieve([claim("rover")])
    assert all(h.document.date >= dt.date(2019, 1, 1) for h in hits)
    assert filter_from_args(p.parse_args([])) is None
