"""find_dates searches a sentence with a pattern only if the sentence contains a word every match of that
pattern contains (when.NEEDS): the same dates as searching with every pattern."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from eventcoder.extract import when
from eventcoder.extract.sentences import split_sentences

EVAL = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data" / "eval" / "eval_articles.jsonl"
PHRASES = ["on Friday", "last Wednesday", "next Monday", "a month later", "two days later", "three days of protests followed",
           "the next day", "the following day", "a day after", "in February", "at the end of April", "on March 23, 2019",
           "23 March 2019", "2020-08-18", "yesterday", "last night", "this morning", "tonight", "this week", "last week",
           "earlier this week", "in 2019", "Sept. 4", "4th of Sept", "mid-June", "late May 2020", "TUESDAY NIGHT"]


def _every_pattern(sentence, published, context=None):
    taken, out = [], []
    for kind, rx in when.PATTERNS:
        for m in rx.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            value, precision, note = when.resolve(kind, m, published, context, when._future_near(sentence, m))
            if value is None and note is None:
                continue
            taken.append((m.start(), m.end()))
            out.append(when.DateResult(value, precision, m.start(), m.end(), m.group(0), note, kind))
    out.sort(key=lambda r: r.start)
    return out


def _sentences():
    rng = random.Random(7)
    for line in EVAL.read_text(encoding="utf-8").splitlines():
        if line.strip():
            for s in split_sentences(json.loads(line)["text"]):
                yield s.text
                yield s.text.upper()
                words = s.text.split()
                for _ in range(2):  # the sentence with date phrases put in
                    w = list(words)
                    w.insert(rng.randrange(len(w) + 1), rng.choice(PHRASES))
                    yield " ".join(w)


def test_every_pattern_has_its_needed_words():
    assert set(when.NEEDS) == {kind for kind, _ in when.PATTERNS}
    for text in _sentences():
        if text.isascii():
            for kind, rx in when.PATTERNS:
                for m in rx.finditer(text):
                    assert any(w in m.group(0).lower() for w in when.NEEDS[kind]), (kind, m.group(0))


def test_same_dates_as_searching_with_every_pattern():
    n = 0
    for text in _sentences():
        for published in (date(2020, 8, 19), None):
            assert when.find_dates(text, published, date(2020, 6, 1)) == _every_pattern(text, published, date(2020, 6, 1))
            n += 1
    assert n > 1000
