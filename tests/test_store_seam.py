"""The document-store seam: our passages in Haystack's InMemoryDocumentStore, retrieved through
its embedding retriever, come back as the same candidates the local index gives."""

import datetime as dt

import pytest
from haystack import Pipeline
from haystack.components.retrievers.in_memory import InMemoryEmbeddingRetriever
from haystack.document_stores.in_memory import InMemoryDocumentStore

from verifier.embed import Embedder
from verifier.errors import IndexProblem
from verifier.index import build_index, load_index
from verifier.models import Claim, SourceDocument, Span
from verifier.retrieve import Retriever, SearchFilter
from verifier.stores import StoreClaimRetriever, export_to_store, store_filters

DOCS = [
    ("landing", "CNSA", "2019-01-03", "Chang'e-4 landed on 3 January 2019. It carried Yutu-2."),
    ("accords", "NASA", "2020-10-13", "Eight nations signed the Artemis Accords in October."),
    ("zarya", "Roscosmos", "1998-11-20", "Zarya was launched on 20 November 1998 at night."),
    ("webb", "NASA", "2021-12-25", "The Webb telescope launched on an Ariane 5 rocket."),
    ("tiangong", "CMSA", "2021-04-29", "The Tianhe core module of the station reached orbit."),
]


def claim(text: str, i: str = "c1") -> Claim:
    return Claim(id=i, text=text, span=Span(start=0, end=len(text)))


@pytest.fixture(scope="module")
def tiny(tiny_model_dir):
    return Embedder(tiny_model_dir)


@pytest.fixture(scope="module")
def index(tiny, tmp_path_factory):
    docs = [SourceDocument(id=i, title=f"Release {i}", publisher=p,
                           date=dt.date.fromisoformat(d), text=t, doc_type="press_release")
            for i, p, d, t in DOCS]
    out = tmp_path_factory.mktemp("seam") / "idx"
    build_index(docs, out, tiny, progress=False)
    return load_index(out, tiny)


@pytest.fixture
def store(index):
    store = InMemoryDocumentStore(embedding_similarity_function="dot_product")
    assert export_to_store(index, store) == len(index.passages)
    return store


def test_store_retriever_matches_local_dense_search(index, store, tiny, tiny_model_dir):
    seam = StoreClaimRetriever(
        retriever=InMemoryEmbeddingRetriever(store, return_embedding=True),
        model_path=str(tiny_model_dir), top_k=4,
    )
    claims = [claim("Yutu-2 rover landing date"), claim("Artemis Accords signatories", "c2")]
    out = seam.run(claims=claims)
    local = Retriever(index, tiny, top_k=4, mode="dense").retrieve(claims)
    assert out["embedding_model"] == tiny.model_id
    vectors = tiny.embed([c.text for c in claims])
    for got, want, q in zip(out["candidates"], local, vectors, strict=True):
        # Same ranking (the tiny random model makes exact ties, so compare the score lists),
        # and every score is the passage's exact cosine, as in the local index.
        assert [g.score for g in got] == pytest.approx([w.score for w in want], abs=1e-4)
        for g in got:
            assert g.score == pytest.approx(float(index.matrix[g.passage.id] @ q), abs=1e-4)
            assert index.passages[g.passage.id].text == g.passage.text
            # exact offsets into the full document text, which came through the store
            assert g.document.text[g.passage.span.start : g.passage.span.end] == g.passage.text
            local_doc = index.documents[g.document.id]
            assert (g.document.publisher, g.document.date) == (local_doc.publisher,
                                                               local_doc.date)


def test_store_filters_translate_search_filter(store, tiny_model_dir):
    seam = StoreClaimRetriever(retriever=InMemoryEmbeddingRetriever(store),
                               model_path=str(tiny_model_dir), top_k=10)
    f = SearchFilter.from_options(publisher="nasa", since="2021-01-01")
    (cands,) = seam.run(claims=[claim("telescope launch")], filters=store_filters(f))[
        "candidates"]
    assert [c.document.id for c in cands] == ["webb"]
    assert store_filters(None) is None


def test_store_seam_drops_into_a_haystack_pipeline(store, tiny_model_dir):
    pipe = Pipeline()
    pipe.add_component("retrieve", StoreClaimRetriever(
        retriever=InMemoryEmbeddingRetriever(store), model_path=str(tiny_model_dir), top_k=3))
    out = pipe.run({"retrieve": {"claims": [claim("Zarya launch in 1998")]}})
    assert len(out["retrieve"]["candidates"][0]) == 3
    assert out["retrieve"]["index_id"] == "document-store"


def test_serialisation_round_trip(store, tiny_model_dir):
    seam = StoreClaimRetriever(retriever=InMemoryEmbeddingRetriever(store),
                               model_path=str(tiny_model_dir), top_k=2)
    data = seam.to_dict()
    assert data["init_parameters"]["retriever"]["type"].endswith("InMemoryEmbeddingRetriever")
    again = StoreClaimRetriever.from_dict(data)
    assert isinstance(again.retriever, InMemoryEmbeddingRetriever) and again.top_k == 2


def test_store_from_another_model_is_refused(index, store):
    seam = StoreClaimRetriever(retriever=InMemoryEmbeddingRetriever(store), top_k=2)
    seam._embedder = type("E", (), {"sha256": "f" * 64, "model_id": "other",
                                    "embed": lambda self, t: index.matrix[: len(t)]})()
    with pytest.raises(IndexProblem, match="embedded with model"):
        seam.run(claims=[claim("anything")])


def test_documents_from_local_index_when_store_keeps_only_passages(index, tiny_model_dir):
    store = InMemoryDocumentStore(embedding_similarity_function="dot_product")
    export_to_store(index, store, with_document_text=False)
    bare = StoreClaimRetriever(retriever=InMemoryEmbeddingRetriever(store),
                               model_path=str(tiny_model_dir), top_k=2)
    (cands,) = bare.run(claims=[claim("Webb telescope")])["candidates"]
    assert all(c.passage.span.start == 0 for c in cands)  # passage-relative without the text
    full = StoreClaimRetriever(retriever=InMemoryEmbeddingRetriever(store),
                               model_path=str(tiny_model_dir), top_k=2,
                               documents_from=str(index.path.parent))
    (cands,) = full.run(claims=[claim("Webb telescope")])["candidates"]
    for c in cands:
        assert c.document.text == index.documents[c.document.id].text
        assert c.document.text[c.passage.span.start : c.passage.span.end] == c.passage.text
