"""Stage 2: find the reference passages closest in meaning to each claim."""

from __future__ import annotations

from verifier.embed import Embedder
from verifier.index import PassageIndex
from verifier.models import Candidate, Claim


class Retriever:
    """Dense retrieval over the FAISS index (exact inner product on normalised vectors)."""

    def __init__(self, index: PassageIndex, embedder: Embedder, *, top_k: int = 12) -> None:
        if top_k < 1:
            msg = f"top_k must be at least 1, got {top_k}"
            raise ValueError(msg)
        self.index = index
        self.embedder = embedder
        self.top_k = top_k

    def retrieve(self, claims: list[Claim]) -> list[list[Candidate]]:
        if not claims:
            return []
        vectors = self.embedder.embed([c.text for c in claims])
        return self.index.search(vectors, self.top_k)
