"""`factcheck index` options: --skip-bad, --index-type, --wait, and rebuilding a corrupted
index without --force (tiny model: fast)."""

import json
import threading
import time

import pytest

from tests.conftest import EXAMPLE_ARTICLE, write_doc
from verifier.cli import main
from verifier.errors import EXIT_COMPLETED_WITH_ERRORS
from verifier.index import index_lock, load_index, read_manifest


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    write_doc(folder, "zarya", "NASA launched the Zarya module on 20 November 1998 from "
              "Baikonur. It was the first module of the station.")
    write_doc(folder, "juice", "ESA launched Juice on 14 April 2023 from Kourou.",
              publisher="ESA")
    return folder


def index(capsys, tiny_model_dir, docs, out, *extra):
    return run(capsys, "index", str(docs), "--out", str(out), "--model", str(tiny_model_dir),
               "--quiet", *extra)


def verify_json(capsys, tiny_model_dir, out):
    code, stdout, err = run(capsys, "verify", str(EXAMPLE_ARTICLE), "--index", str(out),
                            "--model", str(tiny_model_dir), "--format", "json", "--quiet")
    assert code == 0, err
    return json.loads(stdout)


def test_skip_bad_indexes_the_rest_and_summarises(capsys, tmp_path, tiny_model_dir, docs):
    (docs / "broken.md").write_text("---\nid: [unclosed\n---\nText.\n", encoding="utf-8")
    write_doc(docs, "empty", "  ")
    out = tmp_path / "idx"
    code, _, err = index(capsys, tiny_model_dir, docs, out)
    assert code == 3 and not out.exists()
    assert "--skip-bad" in [line for line in err.splitlines() if line.startswith("ERROR")][-1]

    code, _, err = index(capsys, tiny_model_dir, docs, out, "--skip-bad")
    assert code == EXIT_COMPLETED_WITH_ERRORS
    summary = err[err.index("2 file(s) skipped"):]  # the summary is the end of the output
    assert "broken.md: front matter is not valid YAML" in summary
    assert "empty.md: document has no text" in summary
    manifest = read_manifest(out)
    assert sorted(manifest.documents) == ["juice", "zarya"]
    assert [s.path.rsplit("/", 1)[1] for s in manifest.skipped] == ["broken.md", "empty.md"]
    assert verify_json(capsys, tiny_model_dir, out)["run"]["index_id"] == manifest.index_id

    # Nothing changed: up to date, but the files are still skipped, so it still says so.
    code, _, err = index(capsys, tiny_model_dir, docs, out, "--skip-bad")
    assert code == EXIT_COMPLETED_WITH_ERRORS and "2 file(s) skipped" in err
    assert read_manifest(out).created_at == manifest.created_at
    # A fixed file is indexed and leaves the list.
    write_doc(docs, "empty", "The empty release now has a sentence in it.")
    code, _, err = index(capsys, tiny_model_dir, docs, out, "--skip-bad")
    assert code == EXIT_COMPLETED_WITH_ERRORS and "1 file(s) skipped" in err
    assert "empty" in read_manifest(out).documents
    (docs / "broken.md").unlink()
    code, _, err = index(capsys, tiny_model_dir, docs, out, "--skip-bad")
    assert code == 0 and "skipped" not in err and read_manifest(out).skipped == []


def test_corrupted_faiss_file_is_rebuilt_by_a_plain_index(capsys, tmp_path, tiny_model_dir,
                                                          docs):
    out = tmp_path / "idx"
    assert index(capsys, tiny_model_dir, docs, out)[0] == 0
    faiss_file = out / (out / "CURRENT").read_text().strip() / "vectors.faiss"
    data = bytearray(faiss_file.read_bytes())
    for i in range(len(data) // 2, len(data), 97):
        data[i] ^= 0xFF
    faiss_file.write_bytes(bytes(data))
    code, _, err = run(capsys, "verify", str(EXAMPLE_ARTICLE), "--index", str(out), "--model",
                       str(tiny_model_dir), "--quiet")
    assert code == 4 and "corrupted" in err

    code, _, err = index(capsys, tiny_model_dir, docs, out)  # no --force
    assert code == 0
    warning = next(line for line in err.splitlines() if line.startswith("WARNING"))
    assert "vectors.faiss" in warning and "corrupted" in warning
    verify_json(capsys, tiny_model_dir, out)
    code, _, err = index(capsys, tiny_model_dir, docs, out)
    assert code == 0 and "WARNING" not in err  # repaired: up to date again


def test_index_type_option(capsys, tmp_path, tiny_model_dir, docs):
    out = tmp_path / "idx"
    assert index(capsys, tiny_model_dir, docs, out, "--index-type", "hnsw")[0] == 0
    manifest = read_manifest(out)
    assert manifest.index_type == "hnsw" and manifest.index_params["M"] > 0
    assert load_index(out).index_type == "hnsw"
    report = verify_json(capsys, tiny_model_dir, out)
    assert report["claims"] and report["run"]["index_id"] == manifest.index_id
    # auto accepts the index as it is; asking for another type rebuilds, saying why
    assert index(capsys, tiny_model_dir, docs, out)[0] == 0
    assert read_manifest(out).created_at == manifest.created_at
    code, _, err = run(capsys, "index", str(docs), "--out", str(out), "--model",
                       str(tiny_model_dir), "--index-type", "flat")
    assert code == 0 and "it is a hnsw index and flat was asked for" in err
    assert read_manifest(out).index_type == "flat"
    with pytest.raises(SystemExit):
        main(["index", str(docs), "--out", str(out), "--index-type", "ivf"])
    capsys.readouterr()


def test_wait_for_another_build(capsys, tmp_path, tiny_model_dir, docs):
    out = tmp_path / "idx"
    held, release = threading.Event(), threading.Event()

    def holder():
        with index_lock(out):
            held.set()
            release.wait(10)
            time.sleep(0.5)

    t = threading.Thread(target=holder)
    t.start()
    try:
        assert held.wait(10)
        start = time.monotonic()
        code, _, err = index(capsys, tiny_model_dir, docs, out)  # default: --wait 0
        assert code == 4 and "another build of" in err and "--wait" in err
        code, _, err = index(capsys, tiny_model_dir, docs, out, "--wait", "0.3")
        assert code == 4 and time.monotonic() - start >= 0.3
        release.set()
        code, _, err = index(capsys, tiny_model_dir, docs, out, "--wait", "20")
        assert code == 0, err
    finally:
        release.set()
        t.join()
    assert read_manifest(out).passage_count > 0
    code, _, err = index(capsys, tiny_model_dir, docs, out, "--wait", "-1")
    assert code == 2 and "wait must be 0 or more" in err
