"""Outlet, author and date lines in the forms the bundled corpus and real sites use."""

from eventcoder.ingest.metadata import extract


def test_by_name_comma_outlet_gives_author_and_outlet():
    md = extract("Fuel smugglers thrive on the lake shore\n\nBy Amina Bello, Lake Chad Monitor\n\nSmugglers crossed at dawn.")
    assert md.author == "Amina Bello" and md.source == "Lake Chad Monitor"


def test_labelled_author_and_date_lines():
    md = extract("# Rebels test the army in the north\n\nAuthor: Pascal Ndilbe\nDate: 17 March 2025\n\nFighting resumed.")
    assert md.author == "Pascal Ndilbe" and str(md.published) == "2025-03-17"


def test_bold_masthead_line_is_the_outlet():
    md = extract("# Rebels test the army in the north\n\n**Desert Courier**  \nAuthor: Pascal Ndilbe\n\nFighting resumed.")
    assert md.source == "Desert Courier"


def test_outlet_dash_date_line_below_the_byline():
    md = extract("# Thousands march in Moundou\n\n**By Rodrigue Ngaba**  \n*Logone Voice — 9 March 2025*\n\nThousands marched.")
    assert md.source == "Logone Voice" and str(md.published) == "2025-03-09"


def test_name_line_confirmed_by_photo_credit_is_the_outlet():
    text = ("Tear gas at the march\nSerge Ndou\nCapital Tribune\n14 March 2025\n\nPolice fired tear gas.\n\n"
            "Riot police at the square. (Photo: Capital Tribune/Ali Moussa)\n")
    md = extract(text)
    assert md.source == "Capital Tribune" and md.author == "Serge Ndou"


def test_documentation_domain_in_contact_line_names_no_outlet():
    md = extract("Headline about a march\n\nBy Ana Lima\n\nProtesters marched.\n\nTo contact the newsroom visit: example.org/contact\n")
    assert md.source is None


def test_a_donation_ask_names_the_site_it_asks_for():
    md = extract("Headline about a strike\n\nBy Ana Lima\n\nTeachers struck.\n\nLatest News\n\nMake a donation to Morning Ledger\n")
    assert md.source == "Morning Ledger"
