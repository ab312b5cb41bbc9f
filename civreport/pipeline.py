"""The pipeline: a report, its office profile resolved once, the summary composed once, the
page rendered once, and every format asked for written from that page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checking.finding import Finding
from .checking.proofreader import proofread
from .compose import compose
from .diagnostics import Diagnostics, reported
from .errors import InputError, Problem, RenderError, UnprintableTextWarning
from .files import write_files
from .model import Report
from .model.fields import mapped_texts
from .model.text import codes, without
from .office.fonts import FONT_ROLES, FontChoice, FontRole
from .office.layout import Layout
from .office.profile import OfficeProfile, PdfEngineChoice, ProfileNotFound, changed, resolve
from .readers import LoadedReport, loaded
from .rendering.page import Page, build_page
from .rendering.templating import search_path
from .writers import FORMATS, write
from .writers.pdf.fonts import plan

if TYPE_CHECKING:
    pass

Office = str | Path | OfficeProfile | None
# A report built in code, or as it was loaded (its file, to find a profile it names beside it).
AnyReport = Report | LoadedReport


def _roles(fonts: Mapping[Any, object] | None) -> None:
    unknown = sorted(set(fonts or {}) - set(FONT_ROLES))
    if unknown:
        raise RenderError(f"未知的字体角色 {'、'.join(unknown)}；可用：{'、'.join(FONT_ROLES)}")


def office_of(document: AnyReport, office: Office = None, offices: str | Path | None = None) -> OfficeProfile:
    """The office profile a report is made under: ``office`` (a profile, its file or its name),
    else the one the report names (beside its file), else GB/T 9704."""
    doc = loaded(document)
    try:
        return resolve(office, doc.report.profile, doc.path, offices)
    except ProfileNotFound as exc:
        if office is not None or doc.file is None:  # the caller's own name for it
            raise
        raise exc.named_at(doc.file, "profile", doc.line_of("profile")) from None


def _drawable(document: LoadedReport, fonts: FontChoice, diagnostics: Diagnostics) -> Report:
    """The report less the characters that no font on this machine draws, told per field: the
    PDF would draw each as the same empty box, which copies as one of them, so that no output
    carries them (README, "PDF: layout and fonts"). A text left with nothing is refused."""
    chars: set[str] = set()

    def gather(text: str, _: str) -> str:
        chars.update(text)
        return text

    mapped_texts(document.report, gather)
    undrawable = plan(fonts).undrawable(chars)
    if not undrawable:
        return document.report
    empty: list[Problem] = []

    def drop(text: str, path: str) -> str:
        kept, dropped = without(text, undrawable)
        if not dropped:
            return text
        missing = "".join(c for c in dict.fromkeys(dropped) if c in undrawable)  # not the marks on them
        which = f"本机没有字体能印出的字符{''.join(f'“{c}”' for c in missing)}（{codes(missing)}）"
        if kept.strip():
            diagnostics.add(
                UnprintableTextWarning,
                f"已删除{which}（“{kept.strip()[:20]}”）；要印出它们，"
                "请安装含这些字的字体（或在 fonts 中配置字体文件）后重新生成",
                path,
            )
        else:
            empty.append(
                Problem(
                    document.file or "报告",
                    f"只有{which}：请改写这段文字，或安装含这些字的字体后重新生成",
                    path,
                    document.line_of(path),
                )
            )
        return kept

    report = mapped_texts(document.report, drop)
    if empty:
        raise InputError(empty)
    return report


def check(report: AnyReport, office: Office = None, offices: str | Path | None = None) -> list[Finding]:
    """What the proofreader finds in ``report``, in reading order, under an office's settings
    (``office`` as for :func:`render_page`): its ``checks:`` switch rules off or change their
    severity, its range dash is the one asked for. A loaded report's findings name its file
    and lines."""
    settings = office_of(report, office, offices).settings
    return proofread(report, settings.house, settings.checks.rules)


def render_page(
    report: AnyReport,
    *,
    office: Office = None,
    templates: Sequence[str | Path] = (),
    layout: Layout | None = None,
    fonts: FontChoice | None = None,
    docx_fonts: Mapping[FontRole, str] | None = None,
    pdf_a: bool | None = None,
    pdf_engine: PdfEngineChoice | None = None,
    diagnostics: Diagnostics | None = None,
) -> Page:
    """Render ``report`` to its page, from which every output is written.

    ``office`` is a profile (its file, its name in the offices directory, or a loaded
    :class:`OfficeProfile`); by default the one the report names, else GB/T 9704.
    ``templates`` are directories searched before the profile's and the shipped ones.
    ``layout`` overrides the profile's page set-up. ``fonts`` maps font roles to font
    files or installed families for the page and its PDF, tried before the profile's, the
    official fonts and the stand-ins; ``docx_fonts`` maps roles to the names the DOCX asks for.
    ``pdf_a`` overrides the profile's ``pdf_a``: whether the PDF is PDF/A-2b, for archives;
    ``pdf_engine`` (``auto``, ``weasyprint`` or ``typst``) the profile's ``pdf_engine``: what lays it out.
    What composing has to tell goes to ``diagnostics``, or is issued as warnings.
    """
    _roles(fonts)
    _roles(docx_fonts)
    profile = office_of(report, office)
    settings = changed(profile.settings, page=layout, pdf_a=pdf_a, pdf_engine=pdf_engine)
    pdf_fonts = {**settings.fonts.pdf, **(fonts or {})}
    with reported(diagnostics) as found:
        return build_page(
            compose(_drawable(loaded(report), pdf_fonts, found), settings, found),
            settings,
            search_path(templates, profile),
            pdf_fonts,
            {**settings.fonts.docx, **(docx_fonts or {})},
        )


def render_html(
    report: AnyReport,
    *,
    office: Office = None,
    templates: Sequence[str | Path] = (),
    layout: Layout | None = None,
    fonts: FontChoice | None = None,
) -> str:
    """``report`` as a complete HTML page (the page every output is written from)."""
    return render_page(report, office=office, templates=templates, layout=layout, fonts=fonts).html


def render_pdf(
    report: AnyReport,
    *,
    office: Office = None,
    templates: Sequence[str | Path] = (),
    layout: Layout | None = None,
    fonts: FontChoice | None = None,
    pdf_a: bool | None = None,
    pdf_engine: PdfEngineChoice | None = None,
) -> bytes:
    """``report`` as PDF bytes in the official document layout; ``fonts`` maps roles
    (``title``, ``heading1``, ``heading2``, ``body``, ``page_number``) to font files or
    installed families; ``pdf_a=True`` makes it PDF/A-2b (``None``: as the profile says);
    ``pdf_engine`` chooses what lays it out (``None``: as the profile says, ``auto`` by default).
    Substitutions, missing glyphs and blocked resources are warnings."""
    page = render_page(
        report, office=office, templates=templates, layout=layout, fonts=fonts, pdf_a=pdf_a, pdf_engine=pdf_engine
    )
    return write(page, "pdf")


def render_docx(
    report: AnyReport,
    *,
    office: Office = None,
    templates: Sequence[str | Path] = (),
    layout: Layout | None = None,
    fonts: Mapping[FontRole, str] | None = None,
) -> bytes:
    """``report`` as DOCX bytes with the same content and layout as the PDF; ``fonts`` maps
    roles to the font names the DOCX asks for (by default the profile's, else the official
    names 方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312, 宋体, which the reader's machine has)."""
    return write(render_page(report, office=office, templates=templates, layout=layout, docx_fonts=fonts), "docx")


def format_of(path: str | Path) -> str:
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise RenderError(
            f"不支持的输出格式“{Path(path).suffix or '无后缀'}”，应为 {'、'.join('.' + f for f in FORMATS)}"
        )
    return fmt


def write_all(page: Page, paths: Sequence[str | Path], *, diagnostics: Diagnostics | None = None) -> list[Path]:
    """Write the page to every path (the format by its suffix): every output is made before
    any file is written, so a failure leaves none of them."""
    with reported(diagnostics) as found:
        outputs = [(Path(path), write(page, format_of(path), diagnostics=found)) for path in paths]
        write_files(outputs)
        return [path for path, _ in outputs]


def render(
    report: AnyReport,
    *paths: str | Path,
    office: Office = None,
    templates: Sequence[str | Path] = (),
    pdf_a: bool | None = None,
    diagnostics: Diagnostics | None = None,
) -> list[Path]:
    """Render ``report`` once and write it to each of ``paths``, choosing each format by its
    suffix (.html, .pdf or .docx); ``office``, ``templates`` and ``pdf_a`` as for
    :func:`render_page`."""
    for path in paths:
        format_of(path)
    with reported(diagnostics) as found:
        page = render_page(report, office=office, templates=templates, pdf_a=pdf_a, diagnostics=found)
        return write_all(page, paths, diagnostics=found)
