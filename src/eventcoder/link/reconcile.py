"""Reconcile the figures that different reports give for one event.

Every report's figure is kept as a :class:`~eventcoder.model.Claim` with its
article, outlet, attribution ("according to an official tally") and quote, so
nothing a source said is lost when reports disagree (8 dead vs 10 dead,
"hundreds" vs "thousands" of marchers).

For each of fatalities, injuries, arrests and crowd size the event exposes:

* ``<field>``: ACLED's conservative choice, the lowest credible figure. A
  fatality count is credible when a report states it (a mention whose
  extractor only defaulted to 0 does not outvote one that says "eight
  killed"). For crowd size the text of the smallest estimate ("hundreds").
* ``<field>_low`` / ``_best`` / ``_high``: UCDP's triple. low and high span all
  credible figures; best is the median (lower middle) of the figures of
  *independent* reports only: a report that reused another's text repeats its
  origin and gets no second vote.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from eventcoder.model import Claim, EventMention

FIELDS = ("fatalities", "injuries", "arrests", "crowd_size")

_MAGNITUDE = {"dozen": 12, "dozens": 12, "hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000,
              "million": 1_000_000, "millions": 1_000_000}
_FEW = {"a few": 3, "few": 3, "several": 3, "some": 2, "many": 3, "a couple of": 2, "tens of": 10, "scores of": 20,
        "hundreds of": 100, "thousands of": 1000}


def crowd_number(text: str | None) -> int | None:
    """A number for a crowd-size phrase: "several thousand" -> 3000, "hundreds" -> 100, "about 400" -> 400."""
    if not text:
        return None
    from eventcoder.extract.numbers import parse_number  # the extractor's reading comes first

    try:
        v = parse_number(text)
    except Exception:  # a phrase the number parser does not handle
        v = None
    if v is not None:
        return v
    t = " ".join(re.sub(r"[^a-z0-9, ]", " ", text.lower()).split())
    digits = re.search(r"\d[\d,]*", t)
    if digits:
        return int(digits.group().replace(",", ""))
    mags = [(t.rfind(w), v) for w, v in _MAGNITUDE.items() if re.search(rf"\b{w}\b", t)]
    if not mags:
        return None
    mag = max(mags)[1]  # the last magnitude word: "hundreds of thousands" -> thousand
    mult = next((k for phrase, k in _FEW.items() if f" {phrase} " in f" {t} "), 1)
    return mult * mag


def claim_value(m: EventMention, field: str) -> int | None:
    v = getattr(m, field)
    if field == "crowd_size":
        return crowd_number(v) if isinstance(v, str) else v
    return v


def _credible(m: EventMention, field: str) -> bool:
    v = getattr(m, field)
    if v is None:
        return False
    if field == "fatalities" and v == 0 and "fatalities" not in m.evidence:
        return False  # no figure stated: 0 is the extractor's default, not a claim
    return True


def claims_of(mentions: Sequence[EventMention]) -> list[Claim]:
    """Every credible figure of every report, with its outlet and attribution."""
    out = []
    for m in mentions:
        for f in FIELDS:
            if not _credible(m, f):
                continue
            out.append(Claim(field=f, value=getattr(m, f), article_id=m.article_id, source=m.source,
                             attribution=m.attribution, quote=m.quote.text))
    return out


def low_best_high(values: Sequence[int | None]) -> tuple[int | None, int | None, int | None]:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None, None, None
    return vals[0], int(statistics.median_low(vals)), vals[-1]


def reconcile(mentions: Sequence[EventMention], independent: set[str] | None = None) -> dict:
    """Figures of the merged event: ``{field, field_low, field_best, field_high}`` for each field.

    Args:
        mentions: the event's mentions.
        independent: mention ids whose report is not reused from another; their
            figures decide ``best`` (all credible reports count for low and high).
    """
    out: dict = {}
    for f in FIELDS:
        credible = [m for m in mentions if _credible(m, f) and claim_value(m, f) is not None]
        vals = [claim_value(m, f) for m in credible]
        if f == "fatalities" and not vals and any(m.fatalities == 0 for m in mentions):
            vals = [0]  # nobody reported deaths: ACLED codes 0
        ind = [claim_value(m, f) for m in credible if independent is None or m.mention_id in independent]
        low, _, high = low_best_high(vals)
        _, best, _ = low_best_high(ind or vals)
        out[f"{f}_low"], out[f"{f}_best"], out[f"{f}_high"] = low, best, high
        if f == "crowd_size":
            texts = sorted(((claim_value(m, f), m.crowd_size) for m in credible), key=lambda t: (t[0], t[1]))
            out[f] = texts[0][1] if texts else None
        else:
            out[f] = low  # ACLED: the most conservative credible figure
    return out
