"""The extractor parses only the event clauses that name an actor: the parse decides actors' roles and
nothing else, so the mentions are the same as when every clause is parsed."""

from __future__ import annotations

from eventcoder.extract import actors as actors_stage
from eventcoder.extract.extractor import Extractor
from eventcoder.model import Article, to_jsonable

TEXT = ("Soldiers of the Malian army clashed with JNIM fighters near Boni on Monday, killing four.\n\n"
        "A bomb exploded at the market in Gao on Tuesday, killing nine.\n\n"
        "Police fired tear gas at hundreds of protesters in Bamako on Wednesday.")


def test_clauses_naming_no_actor_are_not_parsed_and_nothing_changes(monkeypatch):
    ex = Extractor()
    article = Article.from_text(TEXT, title="Week", published=None)
    parsed: list[str] = []
    real = actors_stage.parse_many

    def recording(texts):
        parsed.extend(texts)
        return real(texts)

    monkeypatch.setattr(actors_stage, "parse_many", recording)
    mentions = ex.extract(article)
    assert len(mentions) == 3
    bomb = next(m for m in mentions if "bomb" in m.quote.text)
    assert bomb.quote.text not in parsed  # names no one: no parse
    assert any("Soldiers" in t for t in parsed) and any("Police" in t for t in parsed)

    # the same mentions as with every clause parsed
    everything = []
    for m in mentions:
        act = actors_stage.extract_actors(m.quote.text, m.sub_event_type, m.place.country if m.place else None,
                                          doc=real([m.quote.text])[0], aliases=actors_stage.AliasIndex.from_text(TEXT))
        everything.append((act.actor1, act.actor2))
    assert [(m.actor1, m.actor2) for m in mentions] == everything
    assert to_jsonable(mentions) == to_jsonable(ex.extract(article))
