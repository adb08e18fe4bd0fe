"""The command line: exit codes and one-line errors (fast), and one real run (slow)."""

import json

import pytest

from tests.conftest import EXAMPLE_ARTICLE, REFERENCE_DOCS, write_doc
from verifier.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, fragment: str):
    lines = [line for line in err.splitlines() if line.startswith("ERROR")]
    assert lines and fragment in lines[-1], err
    assert "Traceback" not in err


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("index", "verify", "check", "schema"):
        assert command in out


def test_missing_index(capsys, tmp_path):
    code, _, err = run(capsys, "verify", str(EXAMPLE_ARTICLE), "--index", str(tmp_path / "no"))
    assert code == 4
    assert_one_line_error(err, "no index at")


def test_empty_and_binary_article(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ", encoding="utf-8")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    index = tmp_path / "idx"
    index.mkdir()
    code, _, err = run(capsys, "verify", str(binary), "--index", str(index))
    assert code == 2
    assert_one_line_error(err, "binary")
    code, _, err = run(capsys, "verify", str(tmp_path / "missing.txt"), "--index", str(index))
    assert code == 2
    assert_one_line_error(err, "cannot read")


def test_broken_corpus_writes_no_index(capsys, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    write_doc(docs, "good", "A fine sentence here.")
    (docs / "bad.md").write_text("---\ntitle: [\n---\nBody.\n", encoding="utf-8")
    out = tmp_path / "idx"
    code, _, err = run(capsys, "index", str(docs), "--out", str(out))
    assert code == 3
    assert_one_line_error(err, "bad.md")
    assert not out.exists()


def test_bad_claims_file(capsys, tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"id": 1, "text": "no claim key"}\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "--claims", str(claims), "--index", str(tmp_path))
    assert code == 2
    assert_one_line_error(err, 'non-empty "claim"')


def test_bad_model_folder(capsys, tmp_path):
    code, _, err = run(capsys, "index", str(REFERENCE_DOCS), "--out", str(tmp_path / "i"),
                       "--model", str(tmp_path))
    assert code == 5
    assert_one_line_error(err, "is not a model")


def test_schema_is_generated_from_models(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and "claims" in schema["properties"]


@pytest.mark.slow
def test_index_verify_check_end_to_end(capsys, tmp_path, reference_index):
    code, _, err = run(capsys, "index", str(REFERENCE_DOCS), "--out", str(reference_index))
    assert code == 0 and "up to date" in err

    code, out, _ = run(capsys, "verify", str(EXAMPLE_ARTICLE), "--index", str(reference_index),
                       "--format", "json", "--quiet")
    report = json.loads(out)
    assert code == 0 and report["claims"]
    assert {c["verdict"] for c in report["claims"]} <= {"supported", "contradicted", "unverified"}

    reports = tmp_path / "reports"
    code, out, _ = run(capsys, "verify", str(EXAMPLE_ARTICLE), "--index", str(reference_index),
                       "--report-dir", str(reports), "--quiet")
    assert code == 0 and "claims:" in out  # the terminal table
    assert json.loads((reports / "lunar_article.json").read_text())["claims"]
    assert (reports / "lunar_article.md").read_text().startswith("# Fact-check report")
    assert "<html" in (reports / "lunar_article.html").read_text()

    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        json.dumps({"id": "a", "claim": "Chang'e-4 landed on the far side of the Moon in "
                    "December 2018."}) + "\n"
        + json.dumps({"id": "b", "claim": "Zarya was launched on 20 November 1998."}) + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "--claims", str(claims), "--index", str(reference_index))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["verdict"] == "contradicted"
    assert rows[1]["verdict"] == "supported"

    code, out, _ = run(capsys, "check", "--claims", str(claims), "--index", str(reference_index),
                       "--publisher", "CNSA", "--since", "2019-01-01")
    cited = [ev for line in out.splitlines() for ev in json.loads(line)["evidence"]]
    assert code == 0 and cited
    assert all(ev["publisher"] == "CNSA" and ev["date"] >= "2019-01-01" for ev in cited)
    assert set(rows[0]) == {"id", "text", "span", "spans", "rewritten", "attributed_to",
                            "verdict", "confidence", "reason", "evidence", "discrepancies",
                            "review", "resolved"}


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory, tiny_model_dir):
    from verifier.corpus import load_documents
    from verifier.embed import Embedder
    from verifier.index import build_index

    docs = [d for d in load_documents([REFERENCE_DOCS]) if d.id.startswith("nasa-iss")]
    out = tmp_path_factory.mktemp("cli-index") / "idx"
    build_index(docs, out, Embedder(tiny_model_dir), progress=False)
    return out


def test_judge_error_exits_6_and_marks_the_claim(capsys, tmp_path, monkeypatch, tiny_index,
                                                 tiny_model_dir):
    from verifier.judge import RuleJudge

    real = RuleJudge.judge

    def flaky(self, claim, candidates):
        if "1996" in claim.text:
            raise ValueError("boom")
        return real(self, claim, candidates)

    monkeypatch.setattr(RuleJudge, "judge", flaky)
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"id": "a", "claim": "Zarya was launched in 1996."}) + "\n"
                      + json.dumps({"id": "b", "claim": "Zarya was launched in 1998."}) + "\n",
                      encoding="utf-8")
    code, out, err = run(capsys, "check", "--claims", str(claims), "--index", str(tiny_index),
                         "--model", str(tiny_model_dir), "--judge", "rules", "--quiet")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 6 and "completed with errors: 1 claim" in err
    assert rows[0]["verdict"] == "unverified"
    assert rows[0]["reason"].startswith("error: the judge failed on this claim (ValueError: boom)")
    assert not rows[1]["reason"].startswith("error:")


def test_internal_error_is_one_line_and_debug_shows_it(capsys, monkeypatch, tiny_index,
                                                       tiny_model_dir):
    from verifier import api

    def broken(*_args, **_kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "extract_bounded", broken)
    argv = ["verify", str(EXAMPLE_ARTICLE), "--index", str(tiny_index), "--model",
            str(tiny_model_dir)]
    code, _, err = run(capsys, *argv)
    assert code == 1
    assert_one_line_error(err, "internal error: ZeroDivisionError: division by zero")
    assert "factcheck --debug verify" in err
    with pytest.raises(ZeroDivisionError):
        main(["--debug", *argv])


def test_unwritable_output_exits_7(capsys, tmp_path, tiny_index, tiny_model_dir):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "verify", str(EXAMPLE_ARTICLE), "--index", str(tiny_index),
                       "--model", str(tiny_model_dir), "--out", str(blocker / "report.json"))
    assert code == 7
    assert_one_line_error(err, "cannot write")


def test_stdin_over_the_limit(capsys, monkeypatch, tmp_path):
    import io

    from verifier.textio import MAX_ARTICLE_BYTES

    data = b"NASA launched Zarya in 1998. " * (MAX_ARTICLE_BYTES // 29 + 2)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, _, err = run(capsys, "verify", "-", "--index", str(tmp_path))
    assert code == 2
    assert_one_line_error(err, "byte limit")


def test_long_claim_in_claims_file_is_refused_with_its_line(capsys, tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"id": "a", "claim": "NASA " * 1000}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--claims", str(claims), "--index", str(tmp_path))
    assert code == 2
    assert_one_line_error(err, "claims.jsonl:1: claim of 5000 characters")
