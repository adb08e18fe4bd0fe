"""StanceModel: loading, label mapping and refusals on tiny random models built here.

One slow test loads the shipped weights and checks a clear supported and a clear contradicted
pair.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.tiny_stance import build_tiny
from verifier.errors import ModelLoadError
from verifier.stance import LABELS, StanceModel, label_mapping

PAIRS = [("the probe launched in 2020.", "the probe was launched on 24 november 2020."),
         ("it has four parts", "the probe consists of four parts."),
         ("x", "y")]


@pytest.fixture(scope="module")
def tiny_stance(tmp_path_factory) -> Path:
    return build_tiny(tmp_path_factory.mktemp("stance") / "tiny",
                      {0: "supported", 1: "contradicted", 2: "neutral"})


def test_loads_and_probabilities_sum_to_one(tiny_stance):
    model = StanceModel.load(tiny_stance)
    probs = model.predict(PAIRS, batch_size=2)
    assert probs.shape == (3, 3)
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    assert (probs >= 0).all()
    assert model.predict([]).shape == (0, 3)
    assert len(model.sha256) == 64
    assert model.name == "tiny"


def test_batching_and_order_do_not_change_results(tiny_stance):
    model = StanceModel.load(tiny_stance)
    one = model.predict(PAIRS, batch_size=1)
    many = model.predict(PAIRS, batch_size=32)
    rev = model.predict(PAIRS[::-1], batch_size=2)[::-1]
    assert np.allclose(one, many, atol=1e-5)
    assert np.allclose(one, rev, atol=1e-5)


def test_mnli_names_and_reordered_ids(tmp_path, tiny_stance):
    """Same weights, labels named MNLI-style in another order: columns follow the names."""
    import json
    import shutil

    reordered = tmp_path / "mnli"
    shutil.copytree(tiny_stance, reordered)
    cfg = json.loads((reordered / "config.json").read_text())
    # the tiny model's output 0 meant supported, 1 contradicted, 2 neutral: rename them so
    # output 0 is "ENTAILMENT", 1 "contradiction", 2 "Neutral" -> same columns as before.
    cfg["id2label"] = {"0": "ENTAILMENT", "1": "contradiction", "2": "Neutral"}
    cfg["label2id"] = {v: int(k) for k, v in cfg["id2label"].items()}
    (reordered / "config.json").write_text(json.dumps(cfg))
    base = StanceModel.load(tiny_stance).predict(PAIRS)
    assert np.allclose(StanceModel.load(reordered).predict(PAIRS), base, atol=1e-5)

    # now say output 0 is contradiction and 2 is entailment: columns must swap accordingly
    cfg["id2label"] = {"0": "contradiction", "1": "neutral", "2": "entailment"}
    cfg["label2id"] = {v: int(k) for k, v in cfg["id2label"].items()}
    (reordered / "config.json").write_text(json.dumps(cfg))
    swapped = StanceModel.load(reordered).predict(PAIRS)
    # new supported = old output 2 (old "neutral" column), contradicted = old output 0, ...
    assert np.allclose(swapped[:, 0], base[:, 2], atol=1e-5)
    assert np.allclose(swapped[:, 1], base[:, 0], atol=1e-5)
    assert np.allclose(swapped[:, 2], base[:, 1], atol=1e-5)


def test_label_mapping_names():
    assert label_mapping({0: "entailment", 1: "neutral", 2: "contradiction"}) == [0, 2, 1]
    assert label_mapping({0: "REFUTES", 1: "SUPPORTS", 2: "NOT ENOUGH INFO"}) == [1, 0, 2]
    assert label_mapping({0: "neutral", 1: "supported", 2: "contradicted"}) == [1, 2, 0]
    with pytest.raises(ModelLoadError):
        label_mapping({0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ModelLoadError):
        label_mapping({0: "entailment", 1: "supported", 2: "neutral"})


def test_two_way_model_is_refused(tmp_path):
    folder = build_tiny(tmp_path / "two", {0: "entailment", 1: "not_entailment"})
    with pytest.raises(ModelLoadError, match="3-way"):
        StanceModel.load(folder)


def test_missing_folder(tmp_path):
    with pytest.raises(ModelLoadError, match="does not exist"):
        StanceModel.load(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelLoadError, match=r"config\.json"):
        StanceModel.load(tmp_path / "empty")


def test_pickle_only_folder_is_refused(tmp_path, tiny_stance):
    import shutil

    folder = tmp_path / "bin"
    shutil.copytree(tiny_stance, folder)
    (folder / "model.safetensors").rename(folder / "pytorch_model.bin")
    with pytest.raises(ModelLoadError, match="safetensors"):
        StanceModel.load(folder)


def test_corrupted_weights(tmp_path, tiny_stance):
    import shutil

    folder = tmp_path / "broken"
    shutil.copytree(tiny_stance, folder)
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:200])
    with pytest.raises(ModelLoadError) as info:
        StanceModel.load(folder)
    assert "\n" not in str(info.value)


def test_fp16_weights_run_in_fp32(tmp_path):
    import torch
    from transformers import BertForSequenceClassification

    folder = build_tiny(tmp_path / "fp32", {0: "supported", 1: "contradicted", 2: "neutral"})
    half = tmp_path / "fp16"
    model = BertForSequenceClassification.from_pretrained(folder).half()
    model.save_pretrained(half, safe_serialization=True)
    for f in ("vocab.txt", "tokenizer.json", "tokenizer_config.json"):
        if (folder / f).exists():
            (half / f).write_bytes((folder / f).read_bytes())
    loaded = StanceModel.load(half)
    assert next(loaded._model.parameters()).dtype == torch.float32
    assert np.allclose(loaded.predict(PAIRS), StanceModel.load(folder).predict(PAIRS), atol=1e-2)


@pytest.mark.slow
def test_shipped_weights_clear_pairs(shipped_stance):
    model = StanceModel.load(shipped_stance)
    evidence = ("China launched the Chang'e-5 lunar probe at 04:30 Beijing time on "
                "24 November 2020.")
    probs = model.predict([
        ("China launched the Chang'e-5 probe on 24 November 2020.", evidence),
        ("China launched the Chang'e-5 probe on 24 November 2018.", evidence),
    ])
    sup, con = LABELS.index("supported"), LABELS.index("contradicted")
    assert probs[0].argmax() == sup, probs
    assert probs[1].argmax() == con, probs
