"""read(): files, folders, stdin and JSONL in; Articles or one ReadError per bad document out."""

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from eventcoder.ingest import ReadError, read
from eventcoder.model import Article

STORY = """# Junta closes border with Benin

By Amina Diallo
3 August 2023

The military government closed the border with Benin on Wednesday, stranding hundreds of lorries at the crossing near Malanville.

Traders said they had not been warned. "We have been waiting here for two days," one driver said.

Share this article
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def articles(items):
    return [item for item in items if isinstance(item, Article)]


def errors(items):
    return [item for item in items if isinstance(item, ReadError)]


def test_txt_file_is_read_with_metadata_and_origin_path(tmp_path):
    path = write(tmp_path / "border.txt", STORY)
    [article] = list(read(path))
    assert article.origin == str(path)
    assert (article.title, article.author, article.published) == (
        "Junta closes border with Benin",
        "Amina Diallo",
        date(2023, 8, 3),
    )
    assert article.text.startswith("The military government closed the border")
    assert "Share this article" not in article.text
    assert article.language == "en"


def test_metadata_lines_are_excluded_from_cleaned_text(tmp_path):
    [article] = list(read(write(tmp_path / "border.txt", STORY)))
    assert "Junta closes border" not in article.text
    assert "Amina Diallo" not in article.text
    assert "3 August 2023" not in article.text


def test_ingested_at_is_left_for_the_store(tmp_path):
    [article] = list(read(write(tmp_path / "border.txt", STORY)))
    assert article.ingested_at is None


def test_article_id_derives_from_cleaned_text_so_boilerplate_does_not_change_it(tmp_path):
    a = write(tmp_path / "a.txt", STORY)
    b = write(tmp_path / "b.txt", STORY + "\nLatest News\n\nMake a donation to Sahel Wire\n")
    [first], [second] = list(read(a)), list(read(b))
    assert first.article_id == second.article_id


def test_markdown_file_syntax_is_stripped(tmp_path):
    md = (
        "## Border closed\n\nThe *military government* closed the **border** with "
        "[Benin](https://en.wikipedia.org/wiki/Benin) on Wednesday. ![lorries](lorries.jpg)"
        " Traders <em>said</em> they had not been warned.\n"
    )
    [article] = list(read(write(tmp_path / "border.md", md)))
    assert article.text == (
        "The military government closed the border with Benin on Wednesday.  Traders said they had not been warned."
    )


def test_folder_is_read_recursively_sorted_skipping_hidden(tmp_path):
    write(tmp_path / "b.txt", "Protesters marched through Bamako on Friday.")
    write(tmp_path / "a" / "z.md", "Soldiers fired tear gas in Niamey on Thursday.")
    write(tmp_path / ".git" / "x.txt", "hidden folder")
    write(tmp_path / ".notes.txt", "hidden file")
    origins = [item.origin for item in read(tmp_path)]
    assert origins == [str(tmp_path / "a" / "z.md"), str(tmp_path / "b.txt")]


def test_stdin_dash(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(STORY.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    [article] = list(read("-"))
    assert article.origin == "stdin"
    assert article.title == "Junta closes border with Benin"


def test_stdin_over_limit_is_refused(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 500)))
    [error] = list(read("-", max_bytes=100))
    assert error.origin == "stdin" and "100-byte limit" in error.reason


def test_invalid_utf8_is_a_read_error_naming_the_file(tmp_path):
    path = write(tmp_path / "latin1.txt", "Bamako, Mali.\nKe\u00efta resigned.".encode("latin-1"))
    [error] = list(read(path))
    assert error.origin == str(path)
    assert "invalid UTF-8" in error.reason
    assert "byte 16" in error.reason and "line 2, column 3" in error.reason


def test_binary_file_is_a_read_error(tmp_path):
    [error] = list(read(write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")))
    assert "binary" in error.reason


def test_text_with_a_few_control_characters_is_still_text():
    from eventcoder.ingest.readers import decode

    body = ("Police dispersed a march in Bamako on Friday.\t\f\v\n" * 40)[:1000]  # tab, \f, \v, line feed: text
    assert decode(body.encode(), "x") == body
    stray = "\x07\x1b\x0e\x1f\x08\x01\x02\x03\x04\x06"  # one in a hundred characters is tolerated ...
    assert isinstance(decode((stray + body[len(stray):]).encode(), "x"), str)
    assert isinstance(decode((stray + "\x05" + body[len(stray) + 1:]).encode(), "x"), ReadError)  # ... one more is not


def test_empty_file_is_a_read_error(tmp_path):
    [error] = list(read(write(tmp_path / "empty.txt", "  \n\n")))
    assert "empty" in error.reason


def test_file_empty_after_cleaning_is_a_read_error(tmp_path):
    [error] = list(read(write(tmp_path / "chrome.txt", "Latest News\n\nShare this article\n\n© 2025 Sahel Wire\n")))
    assert "empty after cleaning" in error.reason


def test_file_over_limit_is_refused_without_reading(tmp_path, monkeypatch):
    path = write(tmp_path / "huge.txt", "Protesters marched. " * 100)

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_open)
    [error] = list(read(path, max_bytes=1000))
    assert error.origin == str(path)
    assert "2,000 bytes" in error.reason and "1,000-byte limit" in error.reason


def test_unsupported_extension_is_a_read_error(tmp_path):
    [error] = list(read(write(tmp_path / "report.pdf", b"%PDF-1.7")))
    assert "unsupported file type '.pdf'" in error.reason


def test_missing_path_is_a_read_error(tmp_path):
    [error] = list(read(tmp_path / "nope.txt"))
    assert "no such file" in error.reason


def test_one_bad_file_does_not_stop_the_folder(tmp_path):
    write(tmp_path / "a.txt", b"\xff\xfe\x00broken")
    write(tmp_path / "b.txt", "Protesters marched through Bamako on Friday.")
    items = list(read(tmp_path))
    assert [type(i) for i in items] == [ReadError, Article]


def test_overrides_win_over_what_the_text_says(tmp_path):
    path = write(tmp_path / "border.txt", STORY + "\nSource: Sahel Wire\n")
    [article] = list(read(path, published=date(2023, 8, 4), source="Lake Chad Monitor", url="https://lcm.example/1"))
    assert (article.published, article.source, article.url) == (
        date(2023, 8, 4),
        "Lake Chad Monitor",
        "https://lcm.example/1",
    )


def jsonl(path: Path, *rows: object) -> Path:
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    return write(path, "\n".join(lines) + "\n")


def test_malformed_jsonl_line_errors_and_other_lines_are_read(tmp_path):
    path = jsonl(
        tmp_path / "feed.jsonl",
        {"text": "Protesters marched through Bamako on Friday."},
        '{"text": "unterminated',
        {"text": "Soldiers fired tear gas in Niamey on Thursday."},
    )
    items = list(read(path))
    assert [type(i) for i in items] == [Article, ReadError, Article]
    assert items[1].origin == f"{path}#2"
    assert "malformed JSON" in items[1].reason and "Unterminated string" in items[1].reason
    assert items[2].origin == f"{path}#3"


def test_jsonl_object_without_text_or_html_is_an_error(tmp_path):
    [error] = list(read(jsonl(tmp_path / "feed.jsonl", {"title": "No body"})))
    assert "no non-empty 'text' or 'html'" in error.reason


def test_jsonl_fields_win_over_text_and_blank_lines_are_skipped(tmp_path):
    row = {
        "text": STORY,
        "title": "Border with Benin closed",
        "author": "A. Diallo",
        "published": "2023-08-02",
        "source": "Sahel Wire",
        "url": "https://sahelwire.example/border",
    }
    path = jsonl(tmp_path / "feed.jsonl", "", row)
    [article] = list(read(path))
    assert article.origin == f"{path}#2"
    assert (article.title, article.author, article.published, article.source, article.url) == (
        "Border with Benin closed",
        "A. Diallo",
        date(2023, 8, 2),
        "Sahel Wire",
        "https://sahelwire.example/border",
    )


def test_jsonl_bad_published_is_an_error(tmp_path):
    [error] = list(read(jsonl(tmp_path / "feed.jsonl", {"text": "Protesters marched.", "published": "last week"})))
    assert "'published' is not a date" in error.reason


def test_jsonl_html_field_is_extracted(tmp_path):
    page = "<html><body><nav>Home | Politics</nav><p>Protesters marched through Bamako on Friday.</p></body></html>"
    [article] = list(read(jsonl(tmp_path / "feed.jsonl", {"html": page})))
    assert article.text == "Protesters marched through Bamako on Friday."


def test_jsonl_limit_applies_per_line(tmp_path):
    path = jsonl(tmp_path / "feed.jsonl", {"text": "x" * 300}, {"text": "Protesters marched through Bamako."})
    items = list(read(path, max_bytes=200))
    assert [type(i) for i in items] == [ReadError, Article]
    assert items[0].origin == f"{path}#1" and "200-byte limit" in items[0].reason
    assert items[1].origin == f"{path}#2"
