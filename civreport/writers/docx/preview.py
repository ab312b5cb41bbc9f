"""Preview a DOCX faithfully on a machine without the official fonts: a fontconfig file that
maps each official name (仿宋_GB2312, 黑体 …) to the stand-in of its role.

Without it LibreOffice draws every role with whatever Chinese font it finds first, so the
preview shows neither the typefaces nor the line breaks of the printed page.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from fontTools.ttLib import TTFont

from ...office.fonts import OFFICIAL, STAND_INS


def _family(file: str) -> str:
    with TTFont(file, lazy=True) as font:
        return str(font["name"].getDebugName(1))


def fonts_conf() -> str:
    """A fontconfig file: the system's set-up, the stand-ins' folders, and an alias from every
    official font name to its role's first stand-in found on this machine."""
    dirs, aliases = set(), []
    for role, names in OFFICIAL.items():
        files = [f for s in STAND_INS[role] for f in s.files if Path(f).is_file()]
        if not files:
            continue
        dirs.add(str(Path(files[0]).parent))
        family = escape(_family(files[0]))
        aliases += [
            f'<alias binding="same"><family>{escape(n)}</family><prefer><family>{family}</family></prefer></alias>'
            for n in names
        ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "".join(f"<dir>{escape(d)}</dir>\n" for d in sorted(dirs))
        + "\n".join(aliases)
        + "\n</fontconfig>\n"
    )
