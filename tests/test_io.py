"""Batch input and output: JSONL and folder readers, writers, and the resume repair of outputs."""

from __future__ import annotations

import gzip
import io

import pytest

from cleaner.io import (
    JsonlWriter,
    complete_lines,
    open_input,
    prepare_resume,
    read_document_file,
    read_folder,
    read_jsonl,
)


def test_jsonl_records_are_numbered_by_physical_line_and_blank_lines_are_not_records():
    stream = io.BytesIO(b'{"a": 1}\n\n   \n{"a": 2}\n{"a": 3}')
    records = list(read_jsonl(stream))
    assert [r.position for r in records] == [1, 4, 5]
    assert [r.data for r in records] == [b'{"a": 1}\n', b'{"a": 2}\n', b'{"a": 3}']


def test_an_over_long_line_is_an_error_record_and_reading_goes_on():
    long_line = b'{"text": "' + b"x" * 5000 + b'"}\n'
    stream = io.BytesIO(b'{"a": 1}\n' + long_line + b'{"a": 2}\n')
    records = list(read_jsonl(stream, max_record_bytes=1000))
    assert [r.position for r in records] == [1, 2, 3]
    assert records[1].data is None and records[1].error[0] == "record_too_large"
    assert records[2].data == b'{"a": 2}\n'


def test_gzip_input_is_recognised_by_its_content(tmp_path):
    lines = b'{"a": 1}\n{"a": 2}\n'
    (tmp_path / "packed.jsonl").write_bytes(gzip.compress(lines))  # no .gz suffix
    (tmp_path / "plain.jsonl.gz").write_bytes(lines)               # a .gz suffix, not gzip
    for name in ("packed.jsonl", "plain.jsonl.gz"):
        with open_input(str(tmp_path / name)) as stream:
            assert [r.data for r in read_jsonl(stream)] == [b'{"a": 1}\n', b'{"a": 2}\n']


def test_folder_records_sorted_recursive_with_txt_names(tmp_path):
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / "c.txt").write_text("c")
    (tmp_path / "c.html").write_text("c")           # same stem as c.txt
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("ignored")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt.gz").write_bytes(gzip.compress(b"d"))
    records = list(read_folder(tmp_path))
    assert [r.file for r in records] == ["a.html", "b.txt", "c.html", "c.txt", "sub/d.txt.gz"]
    assert [r.name for r in records] == ["a.txt", "b.txt", "c.html.txt", "c.txt.txt", "sub/d.txt"]
    assert [r.position for r in records] == [1, 2, 3, 4, 5]
    assert [r.is_html for r in records] == [True, False, True, False, False]
    assert read_document_file(records[-1].path) == b"d"


def test_read_document_file_refuses_more_than_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(ValueError, match="more than 100 bytes"):
        read_document_file(str(path), max_bytes=100)


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_writer_appends_and_compresses_by_suffix(tmp_path, name):
    path = tmp_path / name
    writer = JsonlWriter(path)
    writer.write(b"1\n")
    writer.close()
    writer = JsonlWriter(path, append=True)
    writer.write(b"2\n")
    writer.close()
    data = path.read_bytes()
    assert (data[:2] == b"\x1f\x8b") == name.endswith(".gz")
    assert list(complete_lines(path)) == [b"1\n", b"2\n"]


def test_prepare_resume_truncates_a_partial_last_line(tmp_path):
    path = tmp_path / "out.jsonl"
    assert prepare_resume(path) == 0
    path.write_bytes(b'{"a": 1}\n{"a": 2}\n{"a": ')
    assert prepare_resume(path) == 2
    assert path.read_bytes() == b'{"a": 1}\n{"a": 2}\n'
    assert prepare_resume(path) == 2


def test_prepare_resume_repairs_a_cut_off_gzip_file(tmp_path):
    path = tmp_path / "out.jsonl.gz"
    lines = [b'{"n": %d, "pad": "%s"}\n' % (i, b"%d" % (i * 7919) * 20) for i in range(3000)]
    data = gzip.compress(b"".join(lines))
    path.write_bytes(data[: len(data) // 2])          # a killed writer: no gzip trailer
    count = prepare_resume(path)
    assert 0 < count < len(lines)
    assert gzip.decompress(path.read_bytes()) == b"".join(lines[:count])
    writer = JsonlWriter(path, append=True)           # appending adds a second gzip member
    for line in lines[count:]:
        writer.write(line)
    writer.close()
    assert gzip.decompress(path.read_bytes()) == b"".join(lines)
    assert prepare_resume(path) == len(lines)         # a whole file is left as it is
