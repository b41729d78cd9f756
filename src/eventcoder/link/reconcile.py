"""Reconcile the figures that different reports give for one event.

Every report's figure is kept as a :class:`Claim` with its outlet and
attribution. The event exposes ACLED's conservative choice (the lowest
credible figure) as ``fatalities`` and UCDP's low / best / high triple.
"best" is the median of the independent reports' figures (reused reports
repeat their origin and get no second vote).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from eventcoder.extract.numbers import parse_number
from eventcoder.model import Claim, EventMention

FIELDS = ("fatalities", "injuries", "arrests", "crowd_size")


def claim_value(m: EventMention, field: str) -> int | None:
    v = getattr(m, field)
    if field == "crowd_size" and isinstance(v, str):
        return parse_number(v)
    return v


def claims_of(mentions: Sequence[EventMention]) -> list[Claim]:
    out = []
    for m in mentions:
        for f in FIELDS:
            v = getattr(m, f)
            if v is None or (f == "fatalities" and v == 0 and "fatalities" not in m.evidence):
                continue
            out.append(Claim(field=f, value=v, article_id=m.article_id, source=m.source, attribution=m.attribution,
                             quote=m.quote.text))
    return out


def low_best_high(values: Sequence[int]) -> tuple[int | None, int | None, int | None]:
    vals = sorted(v for v in values if v is not None)
    if not vals:
        return None, None, None
    return vals[0], int(statistics.median_low(vals)), vals[-1]


def reconcile(mentions: Sequence[EventMention], independent: set[str] | None = None) -> dict:
    """Figures of the merged event: ``{field, field_low, field_best, field_high}`` for each field.

    Args:
        mentions: the event's mentions.
        independent: mention ids whose report is not reused from another; their
            figures decide ``best`` (all reports count for low and high).
    """
    out: dict = {}
    for f in FIELDS:
        vals = [claim_value(m, f) for m in mentions if claim_value(m, f) is not None]
        if f == "fatalities":
            stated = [claim_value(m, f) for m in mentions if "fatalities" in m.evidence]
            vals = stated or vals
        ind = [claim_value(m, f) for m in mentions
               if claim_value(m, f) is not None and (independent is None or m.mention_id in independent)]
        low, _, high = low_best_high(vals)
        _, best, _ = low_best_high(ind or vals)
        out[f"{f}_low"], out[f"{f}_best"], out[f"{f}_high"] = low, best, high
        if f == "crowd_size":
            texts = [m.crowd_size for m in mentions if m.crowd_size]
            by_val = sorted(texts, key=lambda t: parse_number(t) or 0)
            out[f] = by_val[0] if by_val else None
        else:
            out[f] = low  # ACLED: the most conservative credible figure
    return out
