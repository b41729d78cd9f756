"""The one table of event types, sub-event types and actor codes.

Categories follow ACLED's public codebook (six event types, 25 sub-event
types, the disorder types and the inter codes); the definitions are written
here in our own words. Five context types that situation reports need and
ACLED leaves out are added, each its own event type and sub-event type.
Everything else in eventcoder refers to this module, never to literals.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SubEventType:
    name: str
    event_type: str
    disorder_type: str
    definition: str


_ROWS: list[tuple[str, str, str, str]] = [
    # (event_type, sub_event_type, disorder_type, definition)
    ("Battles", "Armed clash", "Political violence",
     "Two organised armed sides fight each other and neither gains or loses a place by it."),
    ("Battles", "Government regains territory", "Political violence",
     "State forces, or their allies, win back control of a place held by a non-state group."),
    ("Battles", "Non-state actor overtakes territory", "Political violence",
     "A rebel, jihadist or militia force takes a place from the state or from another group by fighting."),
    ("Explosions/Remote violence", "Chemical weapon", "Political violence",
     "A chemical agent such as chlorine, sarin or mustard gas is used as a weapon."),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence",
     "Aircraft, helicopters or drones drop bombs or fire missiles on a target."),
    ("Explosions/Remote violence", "Suicide bomb", "Political violence",
     "An attacker sets off explosives carried on the body or in a vehicle they drive, dying in the act."),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence",
     "Mortars, artillery, rockets or ground-launched missiles strike from a distance."),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence",
     "A planted or remotely set off device explodes: roadside bombs, landmines, IEDs, parked car bombs."),
    ("Explosions/Remote violence", "Grenade", "Political violence",
     "A hand grenade, or a similar thrown explosive, is used."),
    ("Violence against civilians", "Sexual violence", "Political violence",
     "Rape or other sexual violence is used against civilians."),
    ("Violence against civilians", "Attack", "Political violence",
     "An armed or organised actor harms unarmed civilians who cannot fight back: killings, shootings, beatings."),
    ("Violence against civilians", "Abduction/forced disappearance", "Political violence",
     "Civilians are kidnapped, taken hostage or made to disappear without legal process."),
    ("Protests", "Peaceful protest", "Demonstrations",
     "People demonstrate without violence and nobody intervenes against them."),
    ("Protests", "Protest with intervention", "Demonstrations",
     "A peaceful demonstration is dispersed or restrained by the authorities without lethal or serious harm."),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations",
     "Authorities use lethal or gravely injuring force on demonstrators who were not violent."),
    ("Riots", "Violent demonstration", "Demonstrations",
     "Demonstrators themselves turn violent or destructive: stones, barricades set alight, vandalism."),
    ("Riots", "Mob violence", "Political violence",
     "A crowd that is not an organised demonstration attacks people or property, e.g. a lynching."),
    ("Strategic developments", "Agreement", "Strategic developments",
     "Conflict parties agree: ceasefires, peace deals, prisoner exchanges, negotiated releases."),
    ("Strategic developments", "Arrests", "Strategic developments",
     "Authorities detain people through a legal or quasi-legal process, often of political weight."),
    ("Strategic developments", "Change to group/activity", "Strategic developments",
     "A group forms, splits, merges, renames or changes leader; curfews, emergencies or deployments are declared."),
    ("Strategic developments", "Disrupted weapons use", "Strategic developments",
     "An attack is prevented: explosives defused, weapons seized, missiles or drones intercepted."),
    ("Strategic developments", "Headquarters or base established", "Strategic developments",
     "An armed group or army sets up a base, camp, headquarters or checkpoint."),
    ("Strategic developments", "Looting/property destruction", "Strategic developments",
     "Property is looted, seized or destroyed without people being attacked."),
    ("Strategic developments", "Non-violent transfer of territory", "Strategic developments",
     "Control of a place passes from one actor to another without fighting."),
    ("Strategic developments", "Other", "Strategic developments",
     "A significant development that fits no other type; also the answer for text about none of them."),
    ("Diplomatic action", "Diplomatic action", "Context",
     "States or international bodies act diplomatically: sanctions, condemnations, expulsions, summits."),
    ("Attribution of responsibility", "Attribution of responsibility", "Context",
     "A group claims an attack, or a government or investigation blames a party for one."),
    ("Organized crime", "Organized crime", "Context",
     "Criminal enterprise: armed robbery, trafficking, smuggling, gang activity, extortion."),
    ("Natural disaster", "Natural disaster", "Context",
     "Floods, earthquakes, storms, droughts, landslides, epidemics and other natural hazards."),
    ("Man-made disaster", "Man-made disaster", "Context",
     "Accidents of human making: industrial blasts, collapses, crashes, spills, accidental fires."),
]

SUB_EVENT_TYPES: dict[str, SubEventType] = {
    sub: SubEventType(sub, et, dis, definition) for et, sub, dis, definition in _ROWS
}
EVENT_TYPES: list[str] = list(dict.fromkeys(et for et, *_ in _ROWS))
ACLED_EVENT_TYPES: list[str] = EVENT_TYPES[:6]
CONTEXT_EVENT_TYPES: list[str] = EVENT_TYPES[6:]
LABELS: list[str] = [row[1] for row in _ROWS]
OTHER = "Other"


def event_type_of(sub_event_type: str) -> str:
    """The event type a sub-event type belongs to (``KeyError`` for unknown names)."""
    return SUB_EVENT_TYPES[sub_event_type].event_type


def disorder_type_of(sub_event_type: str) -> str:
    return SUB_EVENT_TYPES[sub_event_type].disorder_type


# --- Actors -----------------------------------------------------------------
# ACLED's inter codes: what kind of actor an actor is.
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}
INTER_BY_NAME = {v: k for k, v in INTER_CODES.items()}


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (e.g. 1 and 6 -> 16).

    A lone actor gives its code times ten (e.g. 60 for protesters alone).
    """
    if not inter1 and not inter2:
        return None
    codes = sorted(c for c in (inter1, inter2) if c)
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def civilian_targeting(sub_event_type: str, inter2: int | None) -> str:
    """ACLED's ``civilian_targeting`` column: "Civilian targeting" or empty."""
    if inter2 == 7 or SUB_EVENT_TYPES.get(sub_event_type, None) and event_type_of(sub_event_type) == "Violence against civilians":
        return "Civilian targeting"
    return ""
