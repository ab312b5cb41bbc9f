"""CSS values the page's stylesheet is written with: font stacks per role."""

from __future__ import annotations

from ..office.fonts import FALLBACK, FONT_ROLES, GENERIC, OFFICIAL, STAND_INS, FontChoice, FontRole, as_list, family_of

# Alignment in the style table → CSS text-align.
TEXT_ALIGN = {"both": "justify", "left": "left", "center": "center", "right": "right"}
# The named page (CSS ``page``) of a block that prints on a page without a page number.
UNNUMBERED_PAGE = "unnumbered"


def css_family(name: str) -> str:
    """A family name as a CSS string, safe inside an HTML ``<style>`` element."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace(">", "\\3e ")
    return f'"{escaped}"'


def font_stacks(chosen: FontChoice | None = None) -> dict[FontRole, str]:
    """``font-family`` per role: the fonts chosen for the office or the call (a file by the
    name the PDF writer declares it under), the official names, the open stand-ins, and the
    fallbacks that draw what those lack."""
    stacks = {}
    for role in FONT_ROLES:
        configured = [family_of(spec) for spec in as_list((chosen or {}).get(role, ()))]
        stand_ins = [name for stand_in in STAND_INS[role] for name in stand_in.names]
        families = dict.fromkeys([*configured, *OFFICIAL[role], *stand_ins, *FALLBACK])
        stacks[role] = ", ".join([*(css_family(f) for f in families), GENERIC[role]])
    return stacks
