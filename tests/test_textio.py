import codecs

import pytest

from verifier.errors import InputError
from verifier.textio import decode, read_text, split_front_matter


def test_utf8_bom_and_utf16_bom():
    assert decode(codecs.BOM_UTF8 + "Zürich".encode(), "a") == "Zürich"
    assert decode("Zürich landed".encode("utf-16"), "a") == "Zürich landed"


def test_latin1_is_read_not_refused():
    assert decode("Kármán crater".encode("latin-1"), "a") == "Kármán crater"


def test_binary_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "image.png")


def test_unreadable_and_directory(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)


def test_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("a" * 2000, encoding="utf-8")
    with pytest.raises(InputError, match="over the 1000-byte limit"):
        read_text(big, max_bytes=1000)


def test_front_matter_offsets_point_into_original():
    text = "---\ntitle: T\ndate: 2021-03-15\n---\nBody starts here.\n"
    meta, start = split_front_matter(text, "a")
    assert meta["title"] == "T"
    assert text[start:].startswith("Body starts here.")
    assert split_front_matter("No front matter.", "a") == ({}, 0)


def test_utf16_without_bom_and_utf32_bom():
    assert decode("NASA landed in 2019.".encode("utf-16-le"), "a") == "NASA landed in 2019."
    assert decode("NASA landed in 2019.".encode("utf-16-be"), "a") == "NASA landed in 2019."
    assert decode("Zürich 🚀".encode("utf-32"), "a") == "Zürich 🚀"


def test_binary_without_nul_bytes_refused():
    with pytest.raises(InputError, match="control characters"):
        decode(bytes(range(1, 32)) * 50 + bytes(range(128, 160)) * 50, "noise.bin")
    # A stray control character in real text is not a reason to refuse it.
    assert decode(b"NASA \x1b said so. " + b"More plain text. " * 20, "a").startswith("NASA")


def test_check_article_limits_and_types():
    from verifier.textio import check_article

    assert check_article("Zarya.", "a") == "Zarya."
    with pytest.raises(InputError, match="must be text"):
        check_article(b"bytes", "a")
    with pytest.raises(InputError, match="empty"):
        check_article(" \n\u00a0", "a")
    with pytest.raises(InputError, match="lone surrogate code point at character 2"):
        check_article("ab\udc80cd", "a")
    with pytest.raises(InputError, match="over the 10-byte limit"):
        check_article("é" * 6, "a", max_bytes=10)  # 6 characters, 12 bytes


def test_front_matter_aliases_and_size_refused():
    bomb = "---\na: &a [x, x]\nb: [*a, *a]\ntitle: *a\n---\nBody.\n"
    with pytest.raises(InputError, match="aliases"):
        split_front_matter(bomb, "a")
    big = "---\ntitle: " + "x" * 70_000 + "\n---\nBody.\n"
    with pytest.raises(InputError, match="character limit"):
        split_front_matter(big, "a")
    assert split_front_matter("---\ntitle: a *star* & more\n---\nB.\n", "a")[0]["title"]


def test_read_text_bounded_on_a_stream(tmp_path):
    import contextlib
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def feed():
        with open(fifo, "wb") as fh, contextlib.suppress(BrokenPipeError):
            fh.write(b"a" * 5000)

    writer = threading.Thread(target=feed)
    writer.start()
    with pytest.raises(InputError, match="more than the 1000-byte limit"):
        read_text(fifo, max_bytes=1000)
    writer.join(timeout=5)
