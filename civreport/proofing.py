"""A document a clerk wrote, proofread: read as the importer reads it, each finding at the
paragraph of the original it is in, and copies of a Word file with the findings as comments
or the fixes as tracked changes. Apart from the pipeline, so that rendering a report never
loads the importer."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .checking.document import DocumentCheck, proofread_document
from .errors import InputError
from .files import read_file, write_files
from .pipeline import Office, office_of
from .readers.importing import import_document
from .readers.importing.source import MAX_IMPORT_BYTES, TOO_BIG

if TYPE_CHECKING:
    from .writers.review import Review

# A Word or WPS file's paragraphs are counted, a text or web file's lines.
_WORD_FILES = (".docx", ".docm", ".doc", ".wps")
# What --annotate and --fix write into: a Word package of the clerk's own.
_REVIEWABLE = (".docx", ".docm")


def check_document(source: str | Path, office: Office = None, offices: str | Path | None = None) -> DocumentCheck:
    """What the proofreader finds in a document a clerk wrote (.docx, .doc, .wps, .txt, .html,
    .md), read as the importer reads it: each finding at the paragraph of the original it is
    in (``Finding.place``: its number, its text and the characters found), and the fixable
    ones as the paragraphs would read fixed. ``office`` as for :func:`check`."""
    result = import_document(source)
    settings = office_of(result.report, office, offices).settings
    word = Path(source).suffix.lower() in _WORD_FILES
    return proofread_document(result, str(source), "段" if word else "行", settings.house, settings.checks.rules)


def review_document(
    source: str | Path,
    checked: DocumentCheck,
    *,
    annotated: str | Path | None = None,
    revised: str | Path | None = None,
) -> list[tuple[Path, Review]]:
    """Copies of the Word file ``source``: ``annotated`` with the findings of ``checked`` as
    comments on the characters they are about, ``revised`` with its fixes as tracked changes
    (one file with both when the two are the same). Each is written whole and all or none;
    the original is never written. The files written, and what went into each."""
    from .writers.review import reviewed  # python-docx loads when a file is annotated

    source = Path(source)
    if source.suffix.lower() not in _REVIEWABLE:
        raise InputError.single(
            source,
            "批注和修订要写在原文件的副本里，只能用于 Word 文档（.docx）：请在 Word 或 WPS 中把它另存为 .docx 后再校对",
        )
    wanted: dict[Path, tuple[bool, bool]] = {}
    for out, comments in ((annotated, True), (revised, False)):
        if out is None:
            continue
        out = Path(out)
        if out.suffix.lower() != ".docx":
            raise InputError.single(out, "批注稿和修订稿是 Word 文档，文件名应以 .docx 结尾")
        if out.resolve() == source.resolve() or (out.exists() and out.samefile(source)):
            raise InputError.single(out, "不能写回原文件：原文件保持不动，请另起一个文件名（如 稿件-批注.docx）")
        same = next((p for p in wanted if p.resolve() == out.resolve()), out)
        before = wanted.get(same, (False, False))
        wanted[same] = (before[0] or comments, before[1] or not comments)
    original = read_file(source, MAX_IMPORT_BYTES, TOO_BIG)
    done = [
        (out, reviewed(original, checked.findings if comments else (), checked.revisions if changes else ()))
        for out, (comments, changes) in wanted.items()
    ]
    write_files([(out, review.data) for out, review in done])
    return done
