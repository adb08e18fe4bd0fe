"""Learned stance of an evidence sentence towards a claim: supported / contradicted / neutral.

A cross-encoder (any local Hugging Face sequence-classification folder with three labels) reads
the pair and gives three probabilities. The shipped model is MiniLM-L6 fine-tuned here on
SciFact, Climate-FEVER, HealthVer, general NLI and synthetic number/date/name swaps of real
sentences (see training/MODEL_CARD.md); a user's own MNLI-style folder (entailment /
contradiction / neutral) works too.

Usage::

    from verifier.stance import StanceModel, LABELS
    model = StanceModel.load()                  # verifier/weights/stance/
    probs = model.predict([(claim, evidence)])  # shape (n, 3), columns in LABELS order

Inputs are (claim, evidence) pairs; the model reads them as (premise=evidence,
hypothesis=claim), the order MNLI-style models were trained on. Weights are read from
safetensors only (no pickle), on CPU, and fp16 weights are converted to fp32.
Loading never falls back to another model: a missing or broken folder raises ModelLoadError.
"""

from __future__ import annotations

import contextlib
import json
import re
from functools import cached_property
from pathlib import Path

import numpy as np

import verifier.offline  # noqa: F401  (sets offline switches before the model libraries load)
from verifier.errors import ModelLoadError
from verifier.textio import sha256_files

LABELS: tuple[str, str, str] = ("supported", "contradicted", "neutral")

_LABEL_NAMES = {
    "supported": ("supported", "supports", "support", "entailment", "entailed", "entails",
                  "entail", "true"),
    "contradicted": ("contradicted", "contradiction", "contradicts", "contradict", "refuted",
                     "refutes", "refute", "false"),
    "neutral": ("neutral", "not_enough_info", "nei", "unverified", "not enough info",
                "notenoughinfo", "unrelated"),
}
_NAME_TO_LABEL = {n: lab for lab, names in _LABEL_NAMES.items() for n in names}


_LOADED: dict[tuple, StanceModel] = {}


def default_weights_path() -> Path:
    """The stance weights shipped inside the package."""
    return Path(__file__).resolve().parent / "weights" / "stance"


def _norm(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


def label_mapping(id2label: dict) -> list[int]:
    """For each of LABELS, the output index of the model that means it.

    Raises ModelLoadError unless the model has exactly three outputs that name our three labels
    (or their MNLI / FEVER names) once each.
    """
    if len(id2label) != 3:
        msg = (f"stance model has {len(id2label)} output labels "
               f"({', '.join(map(str, id2label.values()))}); a 3-way model "
               "(supported/contradicted/neutral or entailment/contradiction/neutral) is needed")
        raise ModelLoadError(msg)
    found: dict[str, int] = {}
    for idx, name in id2label.items():
        key = _norm(name)
        lab = _NAME_TO_LABEL.get(key) or _NAME_TO_LABEL.get(key.replace("_", " "))
        if lab is None or lab in found:
            msg = (f"stance model label names {sorted(map(str, id2label.values()))} do not map "
                   "one-to-one onto supported/contradicted/neutral "
                   "(set id2label in config.json)")
            raise ModelLoadError(msg)
        found[lab] = int(idx)
    return [found[lab] for lab in LABELS]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}" if text else type(exc).__name__


class StanceModel:
    """Three-way stance probabilities for (claim, evidence) pairs."""

    def __init__(self, path: Path, model, tokenizer, order: list[int], max_length: int) -> None:
        self.path = path
        self._model = model
        self._tokenizer = tokenizer
        self._order = order  # model output index for each of LABELS
        self.max_length = max_length

    @classmethod
    def load(cls, path: str | Path | None = None, *, max_length: int | None = None) -> StanceModel:
        """Load a local sequence-classification folder (safetensors weights, CPU, fp32)."""
        folder = Path(path) if path is not None else default_weights_path()
        if not folder.is_dir():
            msg = f"stance model folder {folder} does not exist"
            if path is None:
                msg += " (the shipped weights are missing: reinstall, or pass a model folder)"
            raise ModelLoadError(msg)
        if not (folder / "config.json").is_file():
            msg = f"stance model folder {folder} has no config.json: not a model folder"
            raise ModelLoadError(msg)
        if not list(folder.glob("*.safetensors")):
            msg = (f"stance model folder {folder} has no .safetensors weights "
                   "(pickle .bin weights are not loaded)")
            raise ModelLoadError(msg)
        # One loaded copy per folder state in a process: a batch run, a Haystack pipeline and
        # the API each make judges, and inference never changes the weights.
        key = (str(folder.resolve()), max_length,
               tuple((f.name, f.stat().st_size, f.stat().st_mtime_ns)
                     for f in sorted(folder.iterdir()) if f.is_file()))
        if key in _LOADED:
            return _LOADED[key]
        try:
            import torch
            from transformers import (
                AutoConfig,
                AutoModelForSequenceClassification,
                AutoTokenizer,
            )

            config = AutoConfig.from_pretrained(folder, local_files_only=True)
        except Exception as exc:
            msg = f"stance model folder {folder}: config.json cannot be read ({_one_line(exc)})"
            raise ModelLoadError(msg) from exc
        id2label = getattr(config, "id2label", None) or {}
        order = label_mapping({int(k): v for k, v in id2label.items()})
        try:
            tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(
                folder, local_files_only=True, use_safetensors=True, dtype=torch.float32,
            )
        except Exception as exc:
            msg = f"stance model folder {folder} cannot be loaded ({_one_line(exc)})"
            raise ModelLoadError(msg) from exc
        model = model.float().eval()  # fp16 shipped weights -> fp32 for CPU inference
        if max_length is None:
            max_length = 256
            manifest = folder / "training_manifest.json"
            if manifest.is_file():
                with contextlib.suppress(ValueError, OSError, AttributeError):
                    max_length = int(json.loads(manifest.read_text("utf-8"))
                                     .get("max_length", max_length))
        limit = getattr(config, "max_position_embeddings", 512) or 512
        loaded = cls(folder, model, tokenizer, order, min(max_length, limit))
        if len(_LOADED) >= 4:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = loaded
        return loaded

    @property
    def name(self) -> str:
        manifest = self.path / "training_manifest.json"
        if manifest.is_file():
            try:
                name = json.loads(manifest.read_text("utf-8")).get("name")
                if name:
                    return str(name)
            except (ValueError, OSError, AttributeError):
                pass
        return self.path.name

    @cached_property
    def sha256(self) -> str:
        """Content hash of the weight files: identifies the model, not where it is installed."""
        return sha256_files(sorted(self.path.glob("*.safetensors")))

    def predict(self, pairs: list[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        """Probabilities of shape (len(pairs), 3), columns in LABELS order, rows sum to 1."""
        import torch

        out = np.zeros((len(pairs), 3), dtype=np.float32)
        if not pairs:
            return out
        # Similar lengths in one batch: less padding, faster on CPU.
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        cols = torch.tensor(self._order)
        with torch.inference_mode():
            for b in range(0, len(order), max(1, batch_size)):
                idx = order[b : b + batch_size]
                enc = self._tokenizer(
                    [str(pairs[i][1]) for i in idx],  # premise: evidence
                    [str(pairs[i][0]) for i in idx],  # hypothesis: claim
                    truncation="longest_first", max_length=self.max_length,
                    padding=True, return_tensors="pt",
                )
                logits = self._model(**enc).logits.float()
                probs = torch.softmax(logits, dim=-1)[:, cols]
                out[idx] = probs.numpy()
        return out

    def __repr__(self) -> str:
        return f"StanceModel(name={self.name!r}, path={str(self.path)!r})"
