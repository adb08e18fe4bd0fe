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
    assert set(rows[0]) == {"id", "text", "span", "verdict", "confidence", "reason", "evidence",
                            "discrepancies"}
