"""Who: actor1 (initiator), actor2 (target) and associated actors, ACLED-style (provisional)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventcoder import taxonomy

FORCES = [
    (re.compile(r"\b(?:police(?:men)?|gendarmes?|gendarmerie|riot\s+police|anti-riot)\b", re.I), "Police Forces of {c}", 1),
    (re.compile(r"\b(?:soldiers|troops|army|military|security\s+forces|armed\s+forces|forces)\b", re.I), "Military Forces of {c}", 1),
    (re.compile(r"\b(?:protesters|protestors|demonstrators|marchers|strikers|teachers|students)\b", re.I), "Protesters ({c})", 6),
    (re.compile(r"\b(?:rioters|mob|youths)\b", re.I), "Rioters ({c})", 5),
    (re.compile(r"\b(?:gunmen|armed\s+men|unidentified\s+(?:armed\s+)?(?:men|assailants|attackers)|assailants|attackers)\b", re.I), "Unidentified Armed Group ({c})", 3),
    (re.compile(r"\b(?:civilians|villagers|residents|herders?|farmers?|passengers|worshippers|women|children)\b", re.I), "Civilians ({c})", 7),
]
ETHNIC_MILITIA = re.compile(r"\b([A-Z][a-z]+)\s+(?:ethnic\s+)?militias?\b")


@dataclass
class ActorResult:
    actor1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    inter2: int | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    spans: dict[str, tuple[int, int]] | None = None


def extract_actors(text: str, sub_event_type: str, country: str | None) -> ActorResult:
    c = country or "International"
    found: list[tuple[int, int, str, int]] = []
    for m in ETHNIC_MILITIA.finditer(text):
        found.append((m.start(), m.end(), f"{m.group(1)} Ethnic Militia ({c})", 4))
    for rx, name, inter in FORCES:
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e, *_ in found):
                continue
            found.append((m.start(), m.end(), name.format(c=c), inter))
    found.sort()
    seen: list[tuple[int, int, str, int]] = []
    for f in found:
        if all(f[2] != g[2] for g in seen):
            seen.append(f)
    et = taxonomy.event_type_of(sub_event_type) if sub_event_type in taxonomy.SUB_EVENT_TYPES else ""
    if et in ("Protests", "Riots"):
        crowd = [f for f in seen if f[3] in (5, 6)]
        others = [f for f in seen if f[3] not in (5, 6)]
        if et == "Riots" and crowd:
            crowd = [(crowd[0][0], crowd[0][1], f"Rioters ({c})", 5)]
        seen = crowd[:1] + others
        if not crowd:
            seen = [(0, 0, f"{'Rioters' if et == 'Riots' else 'Protesters'} ({c})", 5 if et == "Riots" else 6)] + seen
    res = ActorResult(spans={})
    if seen:
        a = seen[0]
        res.actor1, res.inter1 = a[2], a[3]
        if a[1] > a[0]:
            res.spans["actor1"] = (a[0], a[1])
    if len(seen) > 1:
        b = seen[1]
        res.actor2, res.inter2 = b[2], b[3]
        res.spans["actor2"] = (b[0], b[1])
    return res
