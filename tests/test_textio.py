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
