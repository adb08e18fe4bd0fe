"""Safety: no network anywhere, nothing unpickled.

The whole pipeline (index + verify + check) runs with sockets disabled: with the packaged model
(slow) here, with a tiny model in tests/test_reliability.py ("safety" cases). Every attempt to
resolve a name or connect is recorded, so a library that catches the error and falls back
quietly still fails the test.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from bench.fault_injection import no_network
from tests.conftest import EXAMPLE_ARTICLE, REFERENCE_DOCS
from verifier.cli import main

PACKAGE = Path(__file__).resolve().parents[1] / "verifier"

# Ways to run code hidden in a file: unpickling, and loaders that unpickle or execute.
UNSAFE = re.compile(
    r"\bimport\s+(?:c?pickle|dill|cloudpickle|joblib|marshal|shelve)\b"
    r"|\bfrom\s+(?:c?pickle|dill|cloudpickle|joblib|marshal|shelve)\s+import\b"
    r"|\b(?:pickle|torch|joblib|dill|marshal)\.loads?\s*\("
    r"|allow_pickle\s*=\s*True|trust_remote_code\s*=\s*True|weights_only\s*=\s*False"
    r"|\byaml\.(?:load|unsafe_load|full_load)\s*\(|\byaml\.Loader\b"
    r"|(?<![\w.])(?:eval|exec)\s*\("
)


def test_no_unpickling_or_code_loading_in_the_package():
    hits = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if UNSAFE.search(code):
                hits.append(f"{path.name}:{lineno}: {line.strip()}")
    assert not hits, "unsafe loading:\n" + "\n".join(hits)


def test_the_pattern_catches_what_it_should():
    for bad in ("import pickle", "torch.load(path)", "np.load(f, allow_pickle=True)", "eval(s)",
                "yaml.load(text)", "from joblib import load", "AutoModel(trust_remote_code=True)"):
        assert UNSAFE.search(bad), bad
    for fine in ("yaml.safe_load(text)", "json.loads(line)", "faiss.read_index(p)",
                 "safetensors.torch.load_file(p)", "model.eval()"):
        assert not UNSAFE.search(fine), fine


def test_packaged_model_is_safetensors_only():
    from verifier.embed import default_model_path

    folder = default_model_path()
    names = {p.name for p in folder.rglob("*") if p.is_file()}
    assert "model.safetensors" in names
    pickled = {n for n in names if n.endswith((".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt"))}
    assert not pickled


def test_offline_switches_are_set_on_import():
    import os

    import verifier  # noqa: F401

    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        assert os.environ[var] == "1"


def test_no_network_records_and_refuses():
    import socket

    with no_network() as attempts:
        with pytest.raises(OSError, match="network access attempted"):
            socket.create_connection(("example.org", 80), timeout=1)
        with pytest.raises(OSError):
            socket.getaddrinfo("example.org", 443)
        s = socket.socket()
        try:
            with pytest.raises(OSError):
                s.connect(("127.0.0.1", 9))
        finally:
            s.close()
    assert len(attempts) == 3
    assert socket.create_connection.__name__ == "create_connection"  # restored


@pytest.mark.slow
def test_whole_pipeline_with_packaged_model_and_no_network(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in sorted(REFERENCE_DOCS.glob("*.md"))[:12]:
        shutil.copy(p, docs / p.name)
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"id": "z", "claim": "Zarya was launched on 20 November 1998."})
                      + "\n", encoding="utf-8")
    with no_network() as attempts:
        assert main(["index", str(docs), "--out", str(tmp_path / "idx"), "--quiet"]) == 0
        assert main(["verify", str(EXAMPLE_ARTICLE), "--index", str(tmp_path / "idx"),
                     "--format", "json", "--quiet"]) in (0, 6)
        report = json.loads(capsys.readouterr().out)
        assert main(["check", "--claims", str(claims), "--index", str(tmp_path / "idx"),
                     "--quiet"]) in (0, 6)
        row = json.loads(capsys.readouterr().out)
    assert attempts == []
    assert report["claims"] and row["id"] == "z"
    assert "@sha256:" in report["run"]["embedding_model"]
