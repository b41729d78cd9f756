"""Markdown stripping keeps the words and drops the syntax."""

from eventcoder.ingest.markup import html_paragraph_text, looks_like_markdown, plain_line, strip_markdown


def test_heading_marks_are_removed():
    assert plain_line("## Junta closes border ##") == "Junta closes border"


def test_emphasis_is_removed_and_words_kept():
    assert plain_line("told *Le Monde* and **Jeune Afrique** and _RFI_ and __AFP__") == (
        "told Le Monde and Jeune Afrique and RFI and AFP"
    )


def test_underscores_and_asterisks_inside_words_or_sums_are_kept():
    assert plain_line("the file snake_case_name and 5 * 3 stay") == "the file snake_case_name and 5 * 3 stay"


def test_link_keeps_its_text_and_image_goes():
    assert plain_line("see [the report](https://amnesty.example/r \"t\") ![map](map.png)") == "see the report "


def test_html_tags_go_and_entities_are_unescaped():
    assert plain_line("Ke&iuml;ta <b>resigned</b> &amp; left<br/>") == "Keïta resigned & left"


def test_escaped_markdown_characters_are_kept_literally():
    assert plain_line(r"a \*starred\* word") == "a *starred* word"


def test_strip_markdown_keeps_line_count_and_drops_rules():
    text = "Title\n=====\n\n> quoted line\n- bullet item\n\n---\n[1]: https://x.example"
    assert strip_markdown(text).split("\n") == ["Title", "", "", "quoted line", "bullet item", "", "", ""]


def test_plain_text_is_not_mistaken_for_markdown():
    assert not looks_like_markdown("Protesters marched on 5 June. Police said 2 * 3 people were hurt.")
    assert looks_like_markdown("# Title\n\nText.")


def test_html_paragraph_fallback_skips_page_chrome():
    html = "<nav><p>Menu</p></nav><p>First  report.</p><footer><p>© Site</p></footer><div><p>Second<br>report.</p></div>"
    assert html_paragraph_text(html) == "First report.\n\nSecond report."


def test_private_use_characters_in_the_text_are_not_taken_for_escape_marks():
    # the escape hiding used U+E000/U+E001 marks: a line bringing its own used to crash the reader
    line = "# Title \ue0001\ue001 and \\*stars\\* \ue0009\ue001"
    assert plain_line(line) == "Title \ue0001\ue001 and *stars* \ue0009\ue001"


def test_plain_lines_pass_through_untouched():
    line = "Police fired tear gas in N'Djamena on Monday - 12 people were hurt (witnesses said)."
    assert plain_line(line) is line
