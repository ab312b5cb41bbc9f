"""Convert DOCX files to PDF with LibreOffice headless, the official font names mapped to
the installed stand-ins by civreport's own fontconfig file (``civreport fontconfig``), each
file first made to say to LibreOffice what it says to Word (:func:`as_word_reads`)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from civreport.rendering.linebreaks import NO_BREAK_AFTER
from civreport.writers.docx.preview import fonts_conf

_OVERFLOW = re.compile(rb'(<w:overflowPunct w:val=")([01])(")')
_UNBROKEN = re.compile(f"(?<=[{re.escape(NO_BREAK_AFTER)}])(?!—)")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _glue_kinsoku(document: bytes) -> bytes:
    """A WORD JOINER after each character of the list, with the character that follows it
    moved into its run where the run ends there: LibreOffice glues only within a run."""
    root = etree.fromstring(document)
    for paragraph in root.iter(f"{W}p"):
        texts = [t for t in paragraph.iter(f"{W}t") if t.text]
        for t, after in zip(texts, [*texts[1:], None]):
            t.text = _UNBROKEN.sub("\u2060", t.text)
            if after is not None and t.text.endswith("\u2060"):
                t.text, after.text = t.text + after.text[0], after.text[1:]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def as_word_reads(data: bytes) -> bytes:
    """A copy of a DOCX that LibreOffice 7.4 lays out as Word lays out the original, for the
    two settings it reads otherwise:

    - ``w:overflowPunct`` is imported inverted: writerfilter's DomainMapper.cxx sets
      ParaIsHangingPunctuation to ``nIntValue == 0`` (case NS_ooxml::LN_CT_PPrBase_overflowPunct),
      so the copy carries the other value;
    - the kinsoku list ``w:noLineBreaksAfter`` of the settings is ignored, so the copy glues
      each of its characters to what follows (:func:`_glue_kinsoku`).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename in ("word/styles.xml", "word/document.xml"):
                member = _OVERFLOW.sub(lambda m: m[1] + (b"1" if m[2] == b"0" else b"0") + m[3], member)
            if info.filename == "word/document.xml":
                member = _glue_kinsoku(member)
            target.writestr(info, member)
    return out.getvalue()


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RuntimeError("LibreOffice is not installed: run `make test`, which installs it")
    return found


def to_pdf(docx_files: list[Path], workdir: Path) -> dict[str, bytes]:
    """PDF bytes per DOCX stem, each laid out as Word reads it; one LibreOffice process
    converts them all."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "fonts.conf").write_text(fonts_conf(), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(workdir / "fonts.conf"), HOME=str(workdir))
    inputs = workdir / "as-read"
    inputs.mkdir(exist_ok=True)
    copies = []
    for file in docx_files:
        copies.append(inputs / file.name)
        copies[-1].write_bytes(as_word_reads(file.read_bytes()))
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            *map(str, copies),
        ],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {f.stem: (workdir / f"{f.stem}.pdf").read_bytes() for f in docx_files}


def soffice_to_doc(docx_bytes: bytes, workdir: Path) -> bytes:
    """A .docx saved by LibreOffice as a Word 97–2003 .doc."""
    (workdir / "in.docx").write_bytes(docx_bytes)
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(workdir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(workdir),
            str(workdir / "in.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        env=dict(os.environ, HOME=str(workdir)),
    )
    return (workdir / "in.doc").read_bytes()
