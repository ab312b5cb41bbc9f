"""The PDF writer's fonts as Typst knows them.

Typst takes fonts from folders only, every font in them. The faces the font plan
(:func:`civreport.writers.pdf.fonts.plan`) chose are linked into a folder of their own while
Typst reads it, so that Typst draws with exactly the files WeasyPrint draws with and with no
other font of the machine; Typst's own reading of that folder says what it calls each face
(family, weight).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import typst

from ...office.fonts import FontRole
from ..pdf.fonts import BOLD, Face, FontPlan


@dataclass(frozen=True)
class TypstFace:
    family: str
    weight: int


class TypstFonts:
    """The plan's faces as the fonts a compiler is given (:attr:`known`), and each role's
    families, first choice first."""

    def __init__(self, plan: FontPlan):
        faces = [*(f for fs in plan.roles.values() for f in fs), *plan.marks.values(), *plan.fallback]
        files = sorted({Path(f.file).resolve() for f in faces})
        # The folder lives only while Typst reads it: Typst follows the links and later loads
        # each face from its own file, so no process, killed or not, leaves a folder behind.
        with tempfile.TemporaryDirectory(prefix="civreport-typst-fonts-") as folder:
            for number, file in enumerate(files):
                (Path(folder) / f"{number}{file.suffix.lower()}").symlink_to(file)
            # What the compiler is given, read once (reading the folder's faces is some 25 ms):
            # the folder and, before it, the fonts Typst embeds, as a compiler given it has.
            self.known = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=[folder])
        # Typst follows the links: it names each face by its own file (an embedded one has none).
        found = [info for info in self.known.fonts() if info.path is not None]
        self._named = {(str(info.path), info.index): TypstFace(info.family, info.weight) for info in found}
        self._plan = plan
        self._weights = {(info.family, info.weight) for info in found}
        self._roles = {role: [self._typst(f) for f in fs] for role, fs in plan.roles.items()}
        self._fallback = [self._typst(f) for f in plan.fallback]

    def _typst(self, face: Face) -> TypstFace | None:
        return self._named.get((str(Path(face.file).resolve()), face.index))

    def _family(self, face: Face | None) -> str | None:
        found = self._typst(face) if face else None
        return found.family if found else None

    def families(self, role: FontRole) -> list[str]:
        """The families a role is drawn with: its own, then the fallbacks for what they lack,
        as the WeasyPrint PDF's font stack. The face for letters with marks draws only those
        (:meth:`whole`)."""
        faces = [*self._roles[role], *self._fallback]
        return list(dict.fromkeys(f.family for f in faces if f))

    def whole(self, role: FontRole, text: str) -> list[tuple[str, str | None]]:
        """``text`` in parts as :meth:`FontPlan.whole` finds them, each letter whose marks the
        role's first face lacks with the family of the face that draws it whole (one of the
        plan's faces, all in the folder), the text between them with ``None``."""
        return [(part, self._family(face)) for part, face in self._plan.whole(role, text)]

    def has_bold(self, role: FontRole) -> bool:
        """Whether the role's first family has a bold face, which Typst draws bold text with;
        else bold is drawn stroked (:data:`..pdf.fonts.STROKE`)."""
        first = next((f for f in self._roles[role] if f), None)
        return first is not None and any(w >= BOLD for family, w in self._weights if family == first.family)

    def weight(self, role: FontRole) -> int:
        """The weight of the role's first face (the title's 小标宋 stand-in is a bold file)."""
        first = next((f for f in self._roles[role] if f), None)
        return first.weight if first else 400
