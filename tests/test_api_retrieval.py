"""Evidence filters and retrieval mode through the Python API and the Haystack ClaimRetriever,
the same options as `factcheck verify --publisher/--since/--until/--doc-type/--retrieval`
(tiny model: fast)."""

import datetime as dt

import pytest

import verifier.api as api
from tests.conftest import EXAMPLE_ARTICLE, tiny_reference_index
from verifier import SearchFilter, Verifier, verify
from verifier.components import ClaimRetriever
from verifier.errors import InputError
from verifier.judge import RuleJudge
from verifier.models import Claim, Span
from verifier.pipeline import build_pipeline, load_pipeline
from verifier.retrieve import Retriever

CNSA_SINCE_2019 = SearchFilter.from_options(publisher="CNSA", since="2019-01-01")
CLAIMS = ["Chang'e-4 landed on the far side of the Moon on 3 January 2019.",
          "Zarya was launched on 20 November 1998 from Baikonur."]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory, tiny_model_dir):
    return tiny_reference_index(tmp_path_factory, tiny_model_dir,
                                ("cnsa-change4", "nasa-iss-zarya", "nasa-artemis-accords-f"))


@pytest.fixture(scope="module")
def loaded(index_dir, tiny_model_dir):
    return Verifier.load(index_dir, model_path=tiny_model_dir)


class RecordingJudge(RuleJudge):
    """The rules judge, keeping the candidates it was given: what retrieval produced."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[list] = []

    def judge(self, claim, candidates):
        self.seen.append(candidates)
        return super().judge(claim, candidates)


def claims() -> list[Claim]:
    return [Claim(id=f"c{i}", text=t, span=Span(start=0, end=len(t)))
            for i, t in enumerate(CLAIMS, 1)]


def passage_ids(candidate_lists) -> list[list[int]]:
    return [[c.passage.id for c in cands] for cands in candidate_lists]


def test_load_takes_filters_and_mode(index_dir, tiny_model_dir, loaded):
    v = Verifier.load(index_dir, model_path=tiny_model_dir, retrieval="lexical",
                      filters=CNSA_SINCE_2019)
    v.judge = RecordingJudge()
    v.check(CLAIMS)
    expected = Retriever(loaded.index, loaded.embedder, mode="lexical",
                         filters=CNSA_SINCE_2019).retrieve(claims())
    assert passage_ids(v.judge.seen) == passage_ids(expected)
    cited = [c.document for cands in v.judge.seen for c in cands]
    assert cited and all(d.publisher == "CNSA" and d.date >= dt.date(2019, 1, 1) for d in cited)
    unfiltered = Retriever(loaded.index, loaded.embedder).retrieve(claims())
    assert {c.document.publisher for cands in unfiltered for c in cands} != {"CNSA"}


def test_verify_and_check_override_per_call(loaded):
    judge = RecordingJudge()
    v = Verifier(loaded.index, loaded.embedder, judge=judge)
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    report = v.verify(text, filters=CNSA_SINCE_2019, retrieval="dense")
    assert report.claims and len(judge.seen) == len(report.claims)
    assert all(c.document.publisher == "CNSA" for cands in judge.seen for c in cands)
    judge.seen.clear()
    v.check(CLAIMS, retrieval="lexical")  # the override is for that call only
    lexical = Retriever(loaded.index, loaded.embedder, mode="lexical").retrieve(claims())
    assert passage_ids(judge.seen) == passage_ids(lexical)
    judge.seen.clear()
    v.check(CLAIMS)
    hybrid = Retriever(loaded.index, loaded.embedder).retrieve(claims())
    assert passage_ids(judge.seen) == passage_ids(hybrid) != passage_ids(lexical)


def test_one_shot_verify_takes_filters_and_mode(index_dir, tiny_model_dir, monkeypatch):
    judge = RecordingJudge()
    monkeypatch.setattr(api, "make_judge", lambda *a, **kw: judge)
    text = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    report = verify(text, index_dir, model_path=tiny_model_dir, retrieval="dense",
                    filters=SearchFilter.from_options(publisher="NASA"))
    assert report.claims and judge.seen
    assert {c.document.publisher for cands in judge.seen for c in cands} == {"NASA"}


def test_bad_options_fail_before_the_model_loads(index_dir, monkeypatch):
    def no_model(*_a, **_kw):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(api, "Embedder", no_model)
    with pytest.raises(InputError, match="retrieval must be one of hybrid, dense, lexical"):
        Verifier.load(index_dir, retrieval="bm25")
    with pytest.raises(InputError, match="filters must be a SearchFilter"):
        Verifier.load(index_dir, filters={"publisher": "NASA"})


def test_claim_retriever_filters_and_mode(index_dir, tiny_model_dir, loaded):
    component = ClaimRetriever(index_dir=str(index_dir), model_path=str(tiny_model_dir),
                               retrieval="lexical", publishers=["cnsa"], since="2019-01-01")
    out = component.run(claims=claims())["candidates"]
    expected = Retriever(loaded.index, loaded.embedder, mode="lexical",
                         filters=CNSA_SINCE_2019).retrieve(claims())
    assert passage_ids(out) == passage_ids(expected) and any(out)


def test_claim_retriever_round_trips_its_options(index_dir, tiny_model_dir):
    component = ClaimRetriever(index_dir=str(index_dir), model_path=str(tiny_model_dir),
                               top_k=5, retrieval="dense", publishers=["CNSA", "NASA"],
                               since="2019-01-01", until="2020-12-31", doc_types="press_release")
    data = component.to_dict()
    assert data["init_parameters"] == {
        "index_dir": str(index_dir), "model_path": str(tiny_model_dir), "top_k": 5,
        "retrieval": "dense", "publishers": ["CNSA", "NASA"], "since": "2019-01-01",
        "until": "2020-12-31", "doc_types": ["press_release"]}
    assert ClaimRetriever.from_dict(data).to_dict() == data

    pipe = build_pipeline(str(index_dir), model_path=str(tiny_model_dir), retrieval="lexical",
                          publishers=["CNSA"], since="2019-01-01")
    again = load_pipeline(pipe.dumps()).get_component("retrieve")
    assert again.to_dict() == pipe.get_component("retrieve").to_dict()
    assert (again.retrieval, again.publishers, again.since) == ("lexical", ["CNSA"],
                                                                "2019-01-01")


def test_claim_retriever_validates_at_once(index_dir):
    with pytest.raises(ValueError, match="retrieval must be one of"):
        ClaimRetriever(index_dir=str(index_dir), retrieval="bm25")
    with pytest.raises(InputError, match="not an ISO date"):
        ClaimRetriever(index_dir=str(index_dir), since="last year")
