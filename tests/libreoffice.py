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
# A dash before a Latin letter or digit (8月20—27日): LibreOffice breaks there with ICU's rules,
# which let a line end after a dash and keep a WORD JOINER.
_LATIN_AFTER_DASH = re.compile("—(?=[0-9A-Za-z])")
# LibreOffice 7.4's own simplified-Chinese "cannot start a line" list (i18npool's
# localedata/data/zh_CN.xml, ForbiddenLineBeginCharacters): the DOCX states no list of its own.
_ZH_CN_NO_BREAK_BEFORE = ":!),.:;?]}¢'\"、。〉》」』】〕〗〞︰︱︳﹐､﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？｜｝︴︶︸︺︼︾﹀﹂﹄﹏､～￠々‖•·ˇˉ―--′’”"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OOR = "http://openoffice.org/2001/registry"


def _glue_dashes(document: bytes) -> bytes:
    """A WORD JOINER after each dash before a Latin letter or digit, with the character that
    follows it moved into the dash's run where the run ends there: LibreOffice glues only
    within a run."""
    root = etree.fromstring(document)
    for paragraph in root.iter(f"{W}p"):
        texts = [t for t in paragraph.iter(f"{W}t") if t.text]
        for t, after in zip(texts, [*texts[1:], None]):
            following = after.text[:1] if after is not None and after.text else ""
            glued = _LATIN_AFTER_DASH.sub("—\u2060", t.text + following)
            if following and glued.endswith("\u2060" + following):
                t.text, after.text = glued, after.text[1:]
            else:
                t.text = glued[: len(glued) - len(following)]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def as_word_reads(data: bytes) -> bytes:
    """A copy of a DOCX that LibreOffice 7.4 lays out as Word lays out the original, for the
    two settings it reads otherwise:

    - ``w:overflowPunct`` is imported inverted: writerfilter's DomainMapper.cxx sets
      ParaIsHangingPunctuation to ``nIntValue == 0`` (case NS_ooxml::LN_CT_PPrBase_overflowPunct),
      so the copy carries the other value;
    - the kinsoku list ``w:noLineBreaksAfter`` of the settings is not imported (writerfilter's
      SettingsTable.cxx has no case for it): the profile :func:`to_pdf` runs LibreOffice with
      gives LibreOffice the list as its own (:func:`kinsoku_profile`). That list is all
      LibreOffice 7.4 consults in Chinese text (i18npool's BreakIterator_CJK::getLineBreak, which
      calls no ICU rule; later versions fall back to ICU, tdf#130592): a WORD JOINER there glues nothing,
      and after a character of the list, hides it from the list. Before a Latin letter or digit
      LibreOffice breaks with ICU's rules instead, which let a line end after a dash: there the
      copy glues the dash (:func:`_glue_dashes`).
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if info.filename in ("word/styles.xml", "word/document.xml"):
                member = _OVERFLOW.sub(lambda m: m[1] + (b"1" if m[2] == b"0" else b"0") + m[3], member)
            if info.filename == "word/document.xml":
                member = _glue_dashes(member)
            target.writestr(info, member)
    return out.getvalue()


def kinsoku_profile() -> bytes:
    """A LibreOffice user profile's registrymodifications.xcu whose simplified-Chinese line
    breaking rules are the DOCX's: its "cannot end a line" list, and LibreOffice's own "cannot
    start a line" list. A Writer document takes them from the profile when it is set up, an
    imported one as well (SwDocShell::InitNew)."""
    items = etree.Element(f"{{{OOR}}}items", nsmap={"oor": OOR})
    item = etree.SubElement(items, "item")
    item.set(f"{{{OOR}}}path", "/org.openoffice.Office.Common/AsianLayout/StartEndCharacters")
    node = etree.SubElement(item, "node")
    node.set(f"{{{OOR}}}name", "zh-CN")
    node.set(f"{{{OOR}}}op", "replace")
    for name, characters in (("StartCharacters", _ZH_CN_NO_BREAK_BEFORE), ("EndCharacters", NO_BREAK_AFTER)):
        prop = etree.SubElement(node, "prop")
        prop.set(f"{{{OOR}}}name", name)
        prop.set(f"{{{OOR}}}op", "fuse")
        etree.SubElement(prop, "value").text = characters
    return etree.tostring(items, xml_declaration=True, encoding="UTF-8")


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise RuntimeError("LibreOffice is not installed: run `make test`, which installs it")
    return found


def to_pdf(docx_files: list[Path], workdir: Path) -> dict[str, bytes]:
    """PDF bytes per DOCX stem, each laid out as Word reads it; one LibreOffice process,
    in a profile of its own, converts them all."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "fonts.conf").write_text(fonts_conf(), encoding="utf-8")
    (workdir / "profile" / "user").mkdir(parents=True, exist_ok=True)
    (workdir / "profile" / "user" / "registrymodifications.xcu").write_bytes(kinsoku_profile())
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
