"""The office: its profile (wording habits, fonts, templates), page geometry and fonts."""

from .fonts import FONT_ROLES, FontChoice, FontRole
from .layout import Layout
from .profile import DEFAULT, OfficeProfile, Profile, load_profile, resolve

__all__ = ["DEFAULT", "FONT_ROLES", "FontChoice", "FontRole", "Layout", "OfficeProfile", "Profile", "load_profile",
           "resolve"]
