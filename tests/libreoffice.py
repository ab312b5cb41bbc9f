"""Convert DOCX files to PDF with LibreOffice headless, the official font names mapped to
the installed stand-ins by civreport's own fontconfig file (``civreport fontconfig``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from civreport.writers.docx.preview import fonts_conf


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RuntimeError("LibreOffice is not installed: run `make test`, which installs it")
    return found


def to_pdf(docx_files: list[Path], workdir: Path) -> dict[str, bytes]:
    """PDF bytes per DOCX stem; one LibreOffice process converts them all."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "fonts.conf").write_text(fonts_conf(), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(workdir / "fonts.conf"), HOME=str(workdir))
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            *map(str, docx_files),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {f.stem: (workdir / f"{f.stem}.pdf").read_bytes() for f in docx_files}
