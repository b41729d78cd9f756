"""HTML pages: the article text without page chrome, and only the metadata the page states."""

from datetime import date

import trafilatura

from eventcoder.ingest import ReadError, read

PARAGRAPHS = [
    "Soldiers fired tear gas on Thursday to disperse several hundred demonstrators who had gathered outside "
    "the national assembly in Niamey, the capital of Niger, witnesses said.",
    "The protesters were demanding the release of three journalists arrested last week after reporting on the "
    "cost of fuel. At least twelve people were detained, according to a local rights group.",
    "A trader at the nearby market said the crowd had been peaceful until armoured vehicles arrived shortly "
    'after noon. "They did not warn anyone, they just started firing," she said.',
    "The interior ministry said in a statement that the gathering had not been authorised and that order had "
    "been restored by mid-afternoon.",
]


def page(head: str = "", dateline: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Soldiers disperse protest in Niamey | Sahel Wire</title>{head}</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/subscribe">Subscribe to our newsletter</a></nav></header>
<main><article><h1>Soldiers disperse protest in Niamey</h1>{dateline}{body}</article></main>
<aside><h2>Latest News</h2><ul><li><a href="/a">Flooding in Maradi kills nine</a></li>
<li><a href="/b">Fuel prices rise again in Zinder</a></li></ul></aside>
<footer><p>© 2023 Sahel Wire. All rights reserved.</p><p><a href="/contact">Contact us</a> | <a href="/privacy">Privacy policy</a></p></footer>
</body></html>"""


HEAD = """<meta property="og:title" content="Soldiers disperse protest in Niamey">
<meta property="og:site_name" content="Sahel Wire"><meta name="author" content="Amina Diallo">
<meta property="article:published_time" content="2023-08-03T09:15:00Z">
<link rel="canonical" href="https://sahelwire.example/2023/08/niamey-protest">"""


def write(tmp_path, html, name="story.html"):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_html_article_extracted_without_nav_and_footer(tmp_path):
    [article] = list(read(write(tmp_path, page(HEAD))))
    assert article.text == "\n\n".join(PARAGRAPHS)
    for chrome in ("Home", "Subscribe", "Latest News", "Flooding in Maradi", "All rights reserved", "Privacy"):
        assert chrome not in article.text


def test_html_metadata_is_what_the_page_states(tmp_path):
    [article] = list(read(write(tmp_path, page(HEAD))))
    assert (article.title, article.author, article.published, article.source, article.url) == (
        "Soldiers disperse protest in Niamey",
        "Amina Diallo",
        date(2023, 8, 3),
        "Sahel Wire",
        "https://sahelwire.example/2023/08/niamey-protest",
    )


def test_html_date_is_not_guessed_from_the_url_or_today(tmp_path):
    head = '<link rel="canonical" href="https://sahelwire.example/2023/08/03/niamey-protest">'
    [article] = list(read(write(tmp_path, page(head))))
    assert article.published is None


def test_html_time_element_gives_the_date(tmp_path):
    dateline = '<p class="date"><time datetime="2023-08-03">3 August 2023</time></p>'
    [article] = list(read(write(tmp_path, page(dateline=dateline))))
    assert article.published == date(2023, 8, 3)
    assert "3 August 2023" not in article.text


def test_html_fallback_reads_paragraphs_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    [article] = list(read(write(tmp_path, page(HEAD))))
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_html_without_article_text_is_a_read_error(tmp_path):
    [error] = list(read(write(tmp_path, "<html><body><script>var x = 1;</script><img src='a.png'></body></html>", name="empty.htm")))
    assert isinstance(error, ReadError)
    assert "no article text" in error.reason


def test_html_piped_into_a_txt_file_is_read_as_html(tmp_path):
    [article] = list(read(write(tmp_path, page(HEAD), name="saved.txt")))
    assert article.text == "\n\n".join(PARAGRAPHS)
