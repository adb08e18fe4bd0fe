"""Shared fixtures. Tests that load the real packaged model are marked `slow` and kept few;
they share one session-wide index of the bundled reference corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["HAYSTACK_TELEMETRY_ENABLED"] = "False"
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seeds" / "000_d7cbc5efb14dccd9.txt"
REFERENCE_DOCS = ROOT / "reference_docs"
EXAMPLE_ARTICLE = ROOT / "examples" / "lunar_article.md"


@pytest.fixture(scope="session")
def shipped_stance() -> Path:
    """The stance weights in the package (the default judge's model)."""
    return _SHIPPED_STANCE


_SHIPPED_STANCE = Path(__file__).resolve().parents[1] / "verifier" / "weights" / "stance"


@pytest.fixture(scope="session", autouse=True)
def undecided_default_stance(tmp_path_factory):
    """The default judge is the explicit checks plus the shipped stance model (45 MB, tens of
    pairs a second on CPU). Tests of everything around the judge get a tiny stand-in that reads
    every pair as neutral, so the explicit checks decide exactly as with an undecided model and
    a test's verdicts do not move with retraining. The real model's behaviour is measured by the
    benchmarks and by the tests that ask for `shipped_stance`."""
    from tests.tiny_stance import STANCE_LABELS, build_tiny

    folder = build_tiny(tmp_path_factory.mktemp("stance") / "undecided", STANCE_LABELS,
                        bias=[-4.0, -4.0, 4.0])
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("verifier.stance.default_weights_path", lambda: folder)
        yield folder


def write_doc(folder: Path, doc_id: str, body: str, **meta: str) -> Path:
    fields = {"id": doc_id, "title": f"Title of {doc_id}", "publisher": "NASA",
              "date": "2021-01-01", "url": f"https://example.org/{doc_id}", **meta}
    head = "\n".join(f"{k}: {v}" for k, v in fields.items())
    path = folder / f"{doc_id}.md"
    path.write_text(f"---\n{head}\n---\n{body}\n", encoding="utf-8")
    return path


def tiny_reference_index(tmp_path_factory, model_dir: Path, prefixes: tuple[str, ...]) -> Path:
    """An index of the bundled documents whose ids start with `prefixes`, with a tiny model."""
    from verifier.corpus import load_documents
    from verifier.embed import Embedder
    from verifier.index import build_index

    docs = [d for d in load_documents([REFERENCE_DOCS]) if d.id.startswith(prefixes)]
    out = tmp_path_factory.mktemp("tiny-index") / "idx"
    build_index(docs, out, Embedder(model_dir), progress=False)
    return out


@pytest.fixture(scope="session")
def embedder():
    from verifier.embed import Embedder

    return Embedder()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """A small random sentence-transformers model built here: another model, no download."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import Pooling, Transformer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-model")
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"abcdefghijklmnopqrstuvwxyz",
             *[f"##{c}" for c in "abcdefghijklmnopqrstuvwxyz"], *map(str, range(10)), ".", ","]
    raw = folder / "raw"
    raw.mkdir()
    (raw / "vocab.txt").write_text("\n".join(words), encoding="utf-8")
    BertTokenizerFast(vocab_file=str(raw / "vocab.txt")).save_pretrained(raw)
    config = BertConfig(vocab_size=len(words), hidden_size=16, num_hidden_layers=1,
                        num_attention_heads=2, intermediate_size=32, max_position_embeddings=128)
    BertModel(config).save_pretrained(raw)
    transformer = Transformer(str(raw), max_seq_length=64)
    pooling = Pooling(transformer.get_embedding_dimension(), pooling_mode="mean")
    out = folder / "model"
    SentenceTransformer(modules=[transformer, pooling], device="cpu").save(str(out))
    return out


@pytest.fixture(scope="session")
def reference_index(tmp_path_factory, embedder) -> Path:
    from verifier.corpus import load_documents
    from verifier.index import build_index

    out = tmp_path_factory.mktemp("index") / "reference"
    build_index(load_documents([REFERENCE_DOCS]), out, embedder, progress=False)
    return out


@pytest.fixture(scope="session")
def verifier_loaded(reference_index):
    from verifier import Verifier

    return Verifier.load(reference_index)
