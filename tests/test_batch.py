"""Batch verification: folders and JSONL, resume, atomic writes, summary (tiny model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_ARTICLE, REFERENCE_DOCS, tiny_reference_index
from verifier import batch
from verifier.api import Verifier
from verifier.batch import SUMMARY_FILE, run_batch, safe_stem, write_atomic
from verifier.cli import main
from verifier.errors import InputError, OutputError

ARTICLES = {
    "zarya": "# Station\n\nZarya was launched on 20 November 1998 from Baikonur.\n",
    "change": "Chang'e-4 landed on the far side of the Moon on 3 January 2019.\n",
    "accords": "Eight nations signed the Artemis Accords on 13 October 2020.\n",
}


@pytest.fixture(scope="module")
def index(tmp_path_factory, tiny_model_dir):
    return tiny_reference_index(tmp_path_factory, tiny_model_dir,
                                ("cnsa-change4", "nasa-iss-zarya", "nasa-artemis-accords-f"))


@pytest.fixture(scope="module")
def verifier(index, tiny_model_dir):
    return Verifier.load(index, model_path=tiny_model_dir)


@pytest.fixture
def folder(tmp_path) -> Path:
    src = tmp_path / "articles"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / f"{name}.md").write_text(text, encoding="utf-8")
    return src


def report_sets(out: Path) -> list[str]:
    return sorted(p.stem for p in out.glob("*.json") if p.name != SUMMARY_FILE
                  and p.with_suffix(".md").is_file() and p.with_suffix(".html").is_file())


def test_folder_batch_writes_reports_and_summary(verifier, folder, tmp_path):
    out = tmp_path / "reports"
    summary = run_batch(verifier, folder, out, progress=False)
    assert report_sets(out) == sorted(ARTICLES)
    assert (summary.articles, summary.verified, summary.skipped, summary.failed) == (3, 3, 0, [])
    assert sum(summary.claims.values()) == 3
    saved = json.loads((out / SUMMARY_FILE).read_text())
    assert saved["verified"] == 3 and saved["index_id"] == verifier.index.index_id
    report = json.loads((out / "zarya.json").read_text())
    assert report["article"]["source"] == str(folder / "zarya.md")
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_resume_skips_finished_and_redoes_changed(verifier, folder, tmp_path):
    out = tmp_path / "reports"
    run_batch(verifier, folder, out, progress=False)
    stamp = (out / "zarya.json").stat().st_mtime_ns
    again = run_batch(verifier, folder, out, progress=False)
    assert (again.verified, again.skipped) == (0, 3)
    assert sum(again.claims.values()) == 3  # counted from the finished reports
    assert (out / "zarya.json").stat().st_mtime_ns == stamp
    (folder / "change.md").write_text("Chang'e-4 landed in 2020.\n", encoding="utf-8")
    (out / "accords.json").write_text('{"article": {"sha', encoding="utf-8")  # half a file
    (out / "zarya.html").unlink()  # an incomplete set
    third = run_batch(verifier, folder, out, progress=False)
    assert (third.verified, third.skipped) == (3, 0)
    forced = run_batch(verifier, folder, out, progress=False, force=True)
    assert (forced.verified, forced.skipped) == (3, 0)


def test_reports_with_claim_errors_are_redone(verifier, folder, tmp_path):
    out = tmp_path / "reports"
    run_batch(verifier, folder, out, progress=False)
    path = out / "zarya.json"
    report = json.loads(path.read_text())
    report["run"]["errors"] = 1
    path.write_text(json.dumps(report))
    again = run_batch(verifier, folder, out, progress=False)
    assert (again.verified, again.skipped) == (1, 2)


def test_another_index_redoes_everything(verifier, folder, tmp_path, tiny_model_dir):
    from verifier.corpus import load_documents
    from verifier.embed import Embedder
    from verifier.index import build_index

    out = tmp_path / "reports"
    run_batch(verifier, folder, out, progress=False)
    docs = [d for d in load_documents([REFERENCE_DOCS]) if d.id.startswith("nasa-iss")]
    other = tmp_path / "other-index"
    build_index(docs, other, Embedder(tiny_model_dir), progress=False)
    summary = run_batch(Verifier.load(other, model_path=tiny_model_dir), folder, out,
                        progress=False)
    assert (summary.verified, summary.skipped) == (3, 0)


def test_report_dir_inside_the_input_folder_is_not_read_back(verifier, folder):
    out = folder / "reports"
    run_batch(verifier, folder, out, progress=False)
    again = run_batch(verifier, folder, out, progress=False)
    assert (again.articles, again.skipped) == (3, 3)


def test_jsonl_batch_ids_failures_and_streaming(verifier, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "_MAX_LINE_BYTES", 2000)
    src = tmp_path / "articles.jsonl"
    lines = [
        {"id": "a/b c", "text": ARTICLES["zarya"], "title": "ignored"},
        {"text": ARTICLES["change"]},  # no id: named after its line
        "not json",
        {"id": "no-text", "text": ""},
        {"id": "big", "text": "NASA launched a rocket in 2020. " * 200},  # over the line limit
        ["a", "list"],
        {"id": "a/b c", "text": ARTICLES["accords"]},  # same report name as line 1
        {"id": "last", "text": ARTICLES["accords"]},
    ]
    src.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n",
                   encoding="utf-8")
    out = tmp_path / "reports"
    summary = run_batch(verifier, src, out, progress=False)
    assert report_sets(out) == ["a_b_c", "last", "line-2"]
    assert summary.verified == 3 and summary.articles == 8
    errors = [f["error"] for f in summary.failed]
    assert [f["id"] for f in summary.failed] == ["line-3", "no-text", "line-5", "line-6", "a/b c"]
    assert "not valid JSON" in errors[0] and 'non-empty "text"' in errors[1]
    assert "byte limit" in errors[2] and "already used" in errors[4]
    assert summary.exit_code == 6


def test_safe_stem():
    assert safe_stem("../../etc/passwd") == "etc_passwd"
    assert safe_stem("_summary") == "summary"
    assert safe_stem("数据 2021") == "数据_2021"
    assert safe_stem("...") == "article"
    assert len(safe_stem("x" * 500)) == 150


def test_write_atomic_never_leaves_half_a_file(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    write_atomic(target, "old")

    def full(self, *_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", full)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_empty_folder_and_missing_input(verifier, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no articles"):
        run_batch(verifier, tmp_path / "empty", tmp_path / "out", progress=False)
    with pytest.raises(InputError, match="no such folder"):
        run_batch(verifier, tmp_path / "nope.jsonl", tmp_path / "out", progress=False)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_batch(capsys, folder, tmp_path, index, tiny_model_dir):
    model = ["--model", str(tiny_model_dir)]
    code, _, err = run(capsys, "verify", str(folder), "--index", str(index), *model)
    assert code == 2 and "--report-dir" in err
    out = tmp_path / "reports"
    code, _, err = run(capsys, "verify", str(folder), "--index", str(index), "--report-dir",
                       str(out), "--out", "x.json", *model)
    assert code == 2 and "without --out" in err
    code, _, err = run(capsys, "verify", str(folder), "--index", str(index), "--report-dir",
                       str(out), *model)
    assert code == 0 and "3 verified" in err and "Traceback" not in err
    (folder / "bad.txt").write_bytes(b"\x00\x01\x02" * 50)
    code, _, err = run(capsys, "verify", str(folder), "--index", str(index), "--report-dir",
                       str(out), "--quiet", *model)
    assert code == 6
    assert "3 skipped" in err and "1 failed" in err and "bad.txt: looks like a binary" in err


def test_cli_single_article_still_prints_table(capsys, tmp_path, index, tiny_model_dir):
    code, out, _ = run(capsys, "verify", str(EXAMPLE_ARTICLE), "--index", str(index),
                       "--model", str(tiny_model_dir), "--report-dir", str(tmp_path / "r"),
                       "--quiet")
    assert code == 0 and "claims:" in out
    assert report_sets(tmp_path / "r") == ["lunar_article"]


@pytest.mark.slow
def test_memory_flat_over_a_batch(tmp_path, tiny_model_dir, index):
    """bench/bench_batch.py measures 200 articles with the packaged model; 40 here."""
    from bench.bench_batch import run as bench_run

    result = bench_run(40, str(tiny_model_dir), str(index), tmp_path, trace=True)
    assert result["verified"] == 40 and result["failed"] == 0
    # Live Python objects: only the bounded caches of facts.py may grow (~4 KB per sentence).
    assert result["python_heap_growth_mb_10_to_last"] < 8, result
    assert result["growth_mb_10_to_last"] < 40, result
    assert result["resume_skipped"] == 40
