"""The office: its profile (wording habits, fonts, templates), page geometry and fonts."""

from .fonts import FONT_ROLES, FontChoice, FontRole
from .layout import Layout
from .profile import OfficeProfile, Profile, default_profile, load_profile, resolve

__all__ = [
    "FONT_ROLES",
    "FontChoice",
    "FontRole",
    "Layout",
    "OfficeProfile",
    "Profile",
    "default_profile",
    "load_profile",
    "resolve",
]
