"""Find the font for each role on this machine and say what was substituted.

Resolution order per role, the order of the page's font stacks (:mod:`civreport.rendering.css`):
fonts the office or caller chose (files or installed families) → installed official fonts →
open stand-ins (installed, or at the files Debian puts them, declared with ``@font-face``).
"""

from __future__ import annotations

import bisect
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ...files import expand_home
from ...model.text import marked
from ...office.fonts import (
    FALLBACK,
    FONT_ROLES,
    MARKS,
    OFFICIAL,
    ROLE_NAMES,
    STAND_INS,
    FontChoice,
    FontRole,
    FontSpec,
    as_list,
    family_of,
    is_font_file,
)
from ...rendering.css import css_family

# Bold for faces that have none, drawn as word processors draw it (see .emboldening), by both
# PDF engines: text from this weight on (font-weight: bold is 700) in a lighter face is
# filled and stroked, the outline this share of the size wide.
BOLD = 600
STROKE = 1 / 30


@dataclass(frozen=True)
class Face:
    """One usable font: the family name CSS knows it by, and where its file is."""

    family: str
    file: str
    index: int = 0
    via_file: bool = False  # loaded through @font-face rather than found installed


@cache
def installed_fonts() -> dict[str, tuple[str, int]]:
    """Every family name fontconfig knows (all its localized names) → a file of it.

    Regular styles of normal width win over others so that a role draws upright text, in
    the face fontconfig gives for the family's name (WeasyPrint's): DejaVu Serif's condensed
    faces are of the family too, under a name of their own as well.
    """
    if not shutil.which("fc-list"):
        return {}
    listing = subprocess.run(
        ["fc-list", "--format", "%{family}|%{style}|%{width}|%{file}|%{index}\n"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    found: dict[str, tuple[str, int, tuple[bool, bool]]] = {}
    for line in sorted(listing.splitlines()):  # sorted: the same choice on every run
        try:
            families, style, width, file, index = line.rsplit("|", 4)
        except ValueError:
            continue
        rank = (any(s in style for s in ("Regular", "Book", "Normal", "Medium")), width in ("", "100"))
        for family in families.split(","):
            if family not in found or rank > found[family][2]:
                found[family] = (file, int(index or 0), rank)
    return {family: (file, index) for family, (file, index, _) in found.items()}


# The code points of each face read so far, by file and face index.
_COVERAGE: dict[tuple[str, int], frozenset[int]] = {}


def coverage(file: str, index: int = 0) -> frozenset[int]:
    """The code points a font file can draw: fontconfig's charset of it (its cmap without
    control characters), read in C in a few milliseconds where fontTools takes some 60 ms
    and 40 ms to load for a CJK face; fontTools's cmap without fontconfig."""
    if (file, index) not in _COVERAGE:
        read_coverage([(file, index)])
    return _COVERAGE[(file, index)]


def read_coverage(faces: Iterable[tuple[str, int]]) -> None:
    """Read what ``faces`` (file, face index) draw, those not read yet, for :func:`coverage`:
    one fc-query for all the faces of an index, as starting one costs more than a face's
    charset (a few ms each)."""
    left = [face for face in dict.fromkeys(faces) if face not in _COVERAGE]
    if not shutil.which("fc-query"):
        _COVERAGE.update((face, _cmap(*face)) for face in left)
        return
    for index in dict.fromkeys(i for _, i in left):
        files = [file for file, i in left if i == index]
        charsets = _charsets(files, index) if len(files) > 1 else {}
        for file in files:
            charset = charsets.get(file)
            _COVERAGE[(file, index)] = _charset(file, index) if charset is None else _codes(charset)


def _charsets(files: list[str], index: int) -> dict[str, str]:
    """fontconfig's charsets of the faces of ``files`` at ``index``, by file, in one fc-query;
    a face it cannot read, or a file it names otherwise, is not there (each is asked alone)."""
    named = [file for file in files if "\t" not in file and "\n" not in file]  # one line each
    printed = subprocess.run(
        ["fc-query", "--index", str(index), "--format", "%{file}\t%{charset}\n", *named],
        capture_output=True,
        text=True,
        errors="surrogateescape",  # a file's name as Python has it
    ).stdout
    found = dict(line.split("\t", 1) for line in printed.split("\n") if "\t" in line)
    return {file: found[file] for file in named if file in found}


def _charset(file: str, index: int) -> frozenset[int]:
    found = subprocess.run(
        ["fc-query", "--index", str(index), "--format", "%{charset}", file], capture_output=True, text=True
    )
    if found.returncode == 0:  # an unreadable font covers nothing; the role falls through
        return _codes(found.stdout)
    return frozenset()


def _codes(charset: str) -> frozenset[int]:
    return frozenset(code for first, last in _ranges(charset.split()) for code in range(first, last + 1))


def _cmap(file: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(file, fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # an unreadable font covers nothing; the role falls through
        return frozenset()


def _ranges(spans: Iterable[str]) -> list[tuple[int, int]]:
    """fontconfig's charset spans (4e00-9fa5, 3000) as sorted (first, last) code points."""
    return sorted((int(first, 16), int(last or first, 16)) for first, _, last in (s.partition("-") for s in spans))


@cache
def installed_coverage() -> tuple[list[int], list[int]] | None:
    """What the installed fonts draw, as the starts and ends of sorted, disjoint ranges of
    code points (fontconfig's charsets): Pango falls back on any of them for a character the
    page's fonts lack. ``None`` without fontconfig, which cannot tell."""
    if not shutil.which("fc-list"):
        return None
    listing = subprocess.run(
        ["fc-list", "--format", "%{charset}\n"], capture_output=True, text=True, check=False
    ).stdout
    ranges = _ranges(set(listing.split()))  # fonts of a family share their charsets: each range read once
    starts: list[int] = []
    ends: list[int] = []
    for first, last in ranges:
        if starts and first <= ends[-1] + 1:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    return starts, ends


def _configured(spec: FontSpec) -> Face | None:
    if is_font_file(spec):
        path = expand_home(spec)  # None: ~user of no user, a font not found like any other
        return Face(family_of(spec), str(path.resolve()), 0, True) if path and path.is_file() else None
    return _installed(str(spec))


def _installed(family: str) -> Face | None:
    hit = installed_fonts().get(family)
    return Face(family, hit[0], hit[1]) if hit else None


def _stand_in(role: FontRole) -> list[Face]:
    faces = []
    for stand_in in STAND_INS[role]:
        face = _installed(stand_in.family)
        if face is None:
            # Declared with @font-face under its file name (see StandIn.names).
            face = next((Face(family_of(f), f, 0, True) for f in stand_in.files if Path(f).is_file()), None)
        if face:
            faces.append(face)
    return faces


@dataclass(frozen=True)
class FontPlan:
    """The faces chosen for every role, first choice first."""

    roles: dict[FontRole, tuple[Face, ...]]
    substitutions: tuple[str, ...] = ()  # what is not drawn as asked, for the caller
    fallback: tuple[Face, ...] = ()  # after every role's faces, for what they lack
    marks: dict[FontRole, Face] = field(default_factory=dict)  # for letters with marks, per role

    def font_face_css(self) -> str:
        """``@font-face`` rules for the faces loaded from files."""
        rules = {
            f"@font-face {{ font-family: {css_family(f.family)}; src: url({Path(f.file).as_uri()}); }}"
            for faces in self.roles.values()
            for f in faces
            if f.via_file
        }
        return "\n".join(sorted(rules))

    def font_files(self) -> set[Path]:
        return {Path(f.file).resolve() for faces in self.roles.values() for f in faces if f.via_file}

    def primary(self, role: FontRole) -> Face | None:
        """The face a role is drawn with."""
        return next(iter(self.roles[role]), None)

    def undrawable(self, chars: Iterable[str]) -> set[str]:
        """Those of ``chars`` that no font draws: neither an installed font nor one of the
        plan's font files. The PDF would draw each as the same empty box, which copies as one
        of them. The plan's faces are asked first: what they draw needs no list of every
        installed font's characters (fontconfig's, some 70 ms to read)."""
        self.read_primaries()
        faces = dict.fromkeys((f.file, f.index) for fs in (*self.roles.values(), self.fallback) for f in fs)
        left = {char for char in set(chars) if not any(ord(char) in coverage(*face) for face in faces)}
        installed = installed_coverage() if left else None
        if installed is None:
            return set()
        starts, ends = installed

        def drawn(code: int) -> bool:
            at = bisect.bisect_right(starts, code) - 1
            return at >= 0 and code <= ends[at]

        return {char for char in left if not drawn(ord(char))}

    def read_primaries(self) -> None:
        """Read what every role's face draws at once (:func:`read_coverage`): the checks for
        characters a font lacks ask for each."""
        read_coverage((face.file, face.index) for face in map(self.primary, self.roles) if face)

    def drawn_by(self, role: FontRole, char: str) -> Face | None:
        """The face that draws ``char`` in ``role``: its own faces first, then the fallbacks."""
        return next((f for f in (*self.roles[role], *self.fallback) if ord(char) in coverage(f.file, f.index)), None)

    def whole(self, role: FontRole, text: str) -> list[tuple[str, Face | None]]:
        """``text`` in parts, each a character whose combining marks ``role``'s first face
        cannot draw, with the one face that draws it whole, or the text between them (``None``:
        the role's own faces). Both PDF engines set such a character in that face: a font
        engine gives each character the first face of the role that has it, so that a mark
        the role's face lacks is drawn from another face, apart from its letter."""
        stack = (*self.roles[role], *self.fallback)
        marks = (self.marks[role],) if role in self.marks else ()
        parts: list[tuple[str, Face | None]] = []
        last = 0
        for start, end in marked(text):
            face = _one_face(text[start:end], stack, marks)
            if face is not None:
                parts += [(text[last:start], None), (text[start:end], face)]
                last = end
        return [part for part in [*parts, (text[last:], None)] if part[0]]


def _draws(face: Face, text: str) -> bool:
    own = coverage(face.file, face.index)
    return all(ord(char) in own for char in text)


def _in_order(cluster: str) -> bool:
    """Whether the marks after the character need not go between its own (ë with a mark
    below: HarfBuzz takes the ë apart to reorder them, and WeasyPrint's text layer copies
    the pieces of one character as U+FFFD)."""
    return unicodedata.normalize("NFD", cluster) == unicodedata.normalize("NFD", cluster[0]) + cluster[1:]


def _one_face(cluster: str, stack: tuple[Face, ...], marks: tuple[Face, ...]) -> Face | None:
    """The face to draw ``cluster`` in where the first of its role's ``stack`` cannot: the
    first of ``marks`` and the stack that draws all of it (the CJK fonts that would draw it
    all set the marks beside their letter)."""
    if (stack and _draws(stack[0], cluster)) or not _in_order(cluster):
        return None
    return next((face for face in (*marks, *stack) if _draws(face, cluster)), None)


def plan(chosen: FontChoice | None = None) -> FontPlan:
    """Choose the faces for every role, noting where a role is not drawn as asked."""
    roles: dict[FontRole, tuple[Face, ...]] = {}
    notes: list[str] = []
    for role in FONT_ROLES:
        asked = as_list((chosen or {}).get(role, ()))
        configured = [face for face in map(_configured, asked) if face]
        official = [face for face in map(_installed, OFFICIAL[role]) if face]
        faces = tuple(dict.fromkeys([*configured, *official, *_stand_in(role)]))
        roles[role] = faces
        missing = [str(s) for s in asked if _configured(s) is None]
        if missing:
            notes.append(f"{ROLE_NAMES[role]}：找不到配置的字体 {'、'.join(missing)}")
        if not faces:
            notes.append(f"{ROLE_NAMES[role]}：没有可用的字体，由系统任选字体代替")
        elif not configured and not official:
            notes.append(f"{ROLE_NAMES[role]}：未安装 {'、'.join(OFFICIAL[role])}，改用 {faces[0].family}")
    fallback = tuple(face for face in map(_installed, FALLBACK) if face)
    marks = {role: face for role, family in MARKS.items() if (face := _installed(family))}
    return FontPlan(roles, tuple(notes), fallback, marks)
