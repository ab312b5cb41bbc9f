"""Convert DOCX files to PDF with LibreOffice headless, the official font names mapped to
the installed stand-ins through a private fontconfig file."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from fontTools.ttLib import TTFont

from civreport.office.fonts import OFFICIAL, STAND_INS


def _family(file: str) -> str:
    with TTFont(file, lazy=True) as font:
        return font["name"].getDebugName(1)


def fonts_conf(directory: Path) -> Path:
    """A fontconfig file: the system's set-up, the stand-in folders, and an alias from
    every official font name to its role's first stand-in found on disk."""
    dirs, aliases = set(), []
    for role, names in OFFICIAL.items():
        files = [f for s in STAND_INS[role] for f in s.files if Path(f).is_file()]
        if not files:
            continue
        dirs.add(str(Path(files[0]).parent))
        family = _family(files[0])
        aliases += [f"<alias binding=\"same\"><family>{n}</family><prefer><family>{family}</family></prefer></alias>"
                    for n in names]
    conf = directory / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + "".join(f"<dir>{d}</dir>\n" for d in sorted(dirs)) + "\n".join(aliases) + "\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RuntimeError("LibreOffice is not installed: run `make test`, which installs it")
    return found


def to_pdf(docx_files: list[Path], workdir: Path) -> dict[str, bytes]:
    """PDF bytes per DOCX stem; one LibreOffice process converts them all."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf(workdir)), HOME=str(workdir))
    subprocess.run(
        [soffice(), f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(workdir), *map(str, docx_files)],
        env=env, check=True, capture_output=True, timeout=300,
    )
    return {f.stem: (workdir / f"{f.stem}.pdf").read_bytes() for f in docx_files}
