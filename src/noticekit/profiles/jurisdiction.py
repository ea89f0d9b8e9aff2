"""Where a council is, and so which law its notice states: England (the default) or Wales.

In Wales, children's services act under the Social Services and Well-being (Wales) Act 2014
(section 74 defines a looked-after child; section 21 is the duty to assess a child's needs for
care and support), and the yearly returns go to the Welsh Government (the Children Receiving Care
and Support Census and the Looked After Children Census), not to the Department for Education
under section 83 of the Children Act 1989. A Welsh council that leaves out a key gets these
defaults, not England's; its Welsh-language notice gets the same defaults in Welsh.
"""

from __future__ import annotations

import copy
from typing import Any

JURISDICTIONS = ("england", "wales")
ENGLAND, WALES = JURISDICTIONS

_PUBLIC_TASK = "to carry out our duties to support and protect children, under the laws listed below"
_ASSESS = ("to meet our legal duties under the Social Services and Well-being (Wales) Act 2014, such as assessing "
           "children's needs for care and support (section 21)")

# What a council in Wales gets for a key it leaves out, in English.
WALES_DEFAULTS: dict[str, Any] = {
    "information": {
        "about": ["children receiving care and support and children looked after", "their parents and carers",
                  "other members of their family"],
    },
    "lawful_basis": {
        "article_6": [{"provision": "6(1)(e)", "duty": _PUBLIC_TASK}, {"provision": "6(1)(c)", "duty": _ASSESS}],
        "statutes": ["the Social Services and Well-being (Wales) Act 2014", "the Children Act 1989 (sections 31 and 47)",
                     "the Children Act 2004", "the Adoption and Children Act 2002"],
    },
}

# The same, and the shared lists every profile may leave out, in Welsh: the Welsh notice of a
# council that leaves a key out. (The terms are the Welsh Government's: "plant sy'n derbyn gofal
# a chymorth", children receiving care and support; "plant sy'n derbyn gofal", looked after.)
WELSH_DEFAULTS: dict[str, Any] = {
    "information": {
        "about": ["plant sy'n derbyn gofal a chymorth a phlant sy'n derbyn gofal", "eu rhieni a'u gofalwyr",
                  "aelodau eraill o'u teulu"],
        "sources": ["chi a'ch teulu", "ysgolion, colegau a lleoliadau blynyddoedd cynnar",
                    "meddygon, ysbytai, ymwelwyr iechyd a gwasanaethau iechyd eraill", "yr heddlu", "y llysoedd", "cynghorau eraill",
                    "gwasanaethau prawf a chyfiawnder ieuenctid", "darparwyr tai"],
    },
    "lawful_basis": {
        "article_6": [
            {"provision": "6(1)(e)", "duty": "i gyflawni ein dyletswyddau i gefnogi ac amddiffyn plant, o dan y deddfau a restrir isod"},
            {"provision": "6(1)(c)", "duty": "i gyflawni ein dyletswyddau cyfreithiol o dan Ddeddf Gwasanaethau Cymdeithasol a Llesiant "
                                             "(Cymru) 2014, fel asesu anghenion plant am ofal a chymorth (adran 21)"},
        ],
        "statutes": ["Deddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014", "Deddf Plant 1989 (adrannau 31 a 47)", "Deddf Plant 2004",
                     "Deddf Mabwysiadu a Phlant 2002"],
    },
}


def with_defaults(raw: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
    """``raw`` with each key of ``defaults`` it leaves out filled in, table by table (a copy).
    A value the council gives, even a table, stays exactly as given."""
    filled = dict(raw)
    for key, default in defaults.items():
        given = filled.get(key)
        if given is None:
            filled[key] = copy.deepcopy(default)
        elif isinstance(default, dict) and isinstance(given, dict):
            filled[key] = with_defaults(given, default)
    return filled


def jurisdiction_defaults(raw: dict[str, Any]) -> dict[str, Any]:
    """A profile's TOML with its jurisdiction's defaults: Wales's for a council in Wales."""
    return with_defaults(raw, WALES_DEFAULTS) if raw.get("jurisdiction") == WALES else raw
