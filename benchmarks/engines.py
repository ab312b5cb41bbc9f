"""The two PDF engines side by side: WeasyPrint (from the page's HTML) and Typst (from its
blocks), per sample: milliseconds per PDF (the page rendered once, then each engine writing
it, warm, in interleaved rounds; medians), against bare Typst too (the page's text, a paragraph
a block in its style's fonts and size, on the same page set-up, with none of civreport's
program: what the word processors' rules and the page's data cost), file size, and how alike each lays the page out
to the DOCX as LibreOffice lays it out: the share of its lines each PDF sets identically (in
order, by text) and the share of its page breaks (the line a page starts with) each PDF
makes too; Typst against WeasyPrint as well.

Usage: python benchmarks/engines.py [--rounds N] [--no-libreoffice]
"""

from __future__ import annotations

import argparse
import difflib
import statistics
import sys
import tempfile
import warnings
from pathlib import Path

from run import ROOT, SAMPLES, interleaved, median_ms

sys.path.insert(0, str(ROOT / "tests"))  # the tests' readers of PDFs and their LibreOffice runner

from pdftext import pages, unhinted

ENGINES = ("weasyprint", "typst")

# Bare Typst: the page's text as paragraphs, each in its style's fonts and size, justified.
BARE = """#let data = json(bytes(sys.inputs.page))
#set page(width: 210mm, height: 297mm, margin: (top: 37mm, bottom: 35mm, inside: 28mm, outside: 26mm),
  numbering: "— 1 —")
#set par(justify: true, first-line-indent: 2em)
#for b in data { text(font: b.font, size: b.size * 1pt, b.text); parbreak() }
"""


def bare_typst(page, folder: Path):
    """A function that compiles the page's text as bare Typst, in ``folder``, with the fonts
    the Typst writer draws the page with."""
    import json

    import typst

    from civreport.office.styles import BODY
    from civreport.rendering.blocks import block_text
    from civreport.writers.typst import TypstWriter

    fonts = TypstWriter(dict(page.pdf_fonts)).fonts
    own = [page.styles[b.style or BODY] for b in page.blocks]  # a table without a class of its own: the body's
    data = json.dumps(
        [
            {"text": block_text(b), "font": fonts.families(s.font), "size": page.layout.size_pt(s.size)}
            for b, s in zip(page.blocks, own)
        ],
        ensure_ascii=False,
    )
    (folder / "bare.typ").write_text(BARE, encoding="utf-8")
    compiler = typst.Compiler(str(folder / "bare.typ"), root=str(folder), font_paths=fonts.known)
    return lambda: compiler.compile(format="pdf", sys_inputs={"page": data}, pdf_tags=False)


COMPARED = [*SAMPLES, *sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))]

Lines = list[list[str]]  # each page's lines of text, page numbers left out


def body_lines(pdf: bytes, block_bottom: float) -> Lines:
    """Each page's lines above ``block_bottom``, without the line-break hints."""
    return [[unhinted(line.text) for line in page if line.y < block_bottom] for page in pages(pdf)]


def line_share(reference: Lines, other: Lines) -> float:
    """The share of the reference's lines that ``other`` sets alike, in the same order."""
    ref = [line for page in reference for line in page]
    matcher = difflib.SequenceMatcher(None, ref, [line for page in other for line in page], autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(ref), 1)


def break_share(reference: Lines, other: Lines) -> tuple[int, int]:
    """Of the reference's page breaks (the first line of each page after the first), how
    many ``other`` makes too, and how many there are."""
    starts = [page[0] for page in reference[1:] if page]
    theirs = {page[0] for page in other[1:] if page}
    return sum(start in theirs for start in starts), len(starts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--no-libreoffice", action="store_true", help="speed and size only")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # the stand-in fonts of a machine without the official ones
    import civreport

    rows = []
    made: dict[str, dict[str, bytes]] = {}
    bottoms: dict[str, float] = {}
    for sample in COMPARED:
        report = civreport.load(sample)
        page = {engine: civreport.render_page(report, pdf_engine=engine) for engine in ENGINES}
        pdf = {engine: civreport.write(page[engine], "pdf") for engine in ENGINES}
        with tempfile.TemporaryDirectory() as scratch:
            bare = bare_typst(page["typst"], Path(scratch))
            weasy, typst, plain = interleaved(
                lambda page=page: civreport.write(page["weasyprint"], "pdf"),
                lambda page=page: civreport.write(page["typst"], "pdf"),
                bare,
                rounds=args.rounds,
            )
        deterministic = civreport.write(page["typst"], "pdf") == pdf["typst"]
        name = sample.relative_to(ROOT / "samples").with_suffix("").as_posix()
        made[name] = {**pdf, "docx": civreport.write(page["weasyprint"], "docx")}
        layout = page["typst"].layout
        bottoms[name] = (layout.page_height_mm - layout.margin_bottom_mm) * 72 / 25.4
        rows.append(
            (
                name,
                median_ms(weasy),
                median_ms(typst),
                median_ms(plain),
                len(pdf["weasyprint"]),
                len(pdf["typst"]),
                deterministic,
            )
        )

    print(
        "sample                          WeasyPrint ms  Typst ms  bare Typst ms  Typst / WeasyPrint  "
        "WeasyPrint / bare  Typst / bare   WeasyPrint KB  Typst KB  same bytes"
    )
    for name, w_ms, t_ms, b_ms, w_size, t_size, same in rows:
        print(
            f"{name:<32}{w_ms:>12.1f}{t_ms:>10.1f}{b_ms:>15.1f}{t_ms / w_ms:>19.2f}×{w_ms / b_ms:>18.2f}×"
            f"{t_ms / b_ms:>13.2f}×{w_size / 1024:>15.0f}{t_size / 1024:>10.0f}  {'yes' if same else 'NO'}"
        )
    for what, part, whole in (("Typst / WeasyPrint", 2, 1), ("WeasyPrint / bare", 1, 3), ("Typst / bare", 2, 3)):
        ratio = statistics.median(row[part] / row[whole] for row in rows)
        print(f"median ratio {what}: {ratio:.2f}× ({args.rounds} interleaved rounds per sample)")
    print("(goal, issue 28: the default engine's PDF at most 4× bare Typst's; the default is Typst)")
    if args.no_libreoffice:
        return

    from libreoffice import to_pdf

    with tempfile.TemporaryDirectory() as work:
        files = []
        for name, outputs in made.items():
            files.append(Path(work) / f"{name.replace('/', '-')}.docx")
            files[-1].write_bytes(outputs["docx"])
        laid_out = to_pdf(files, Path(work))
    print()
    print("sample                          lines as the DOCX     page breaks as the DOCX   Typst as WeasyPrint")
    print("                                WeasyPrint   Typst    WeasyPrint   Typst        lines   breaks")
    totals = {key: [0.0, 0] for key in ("wl", "tl", "twl")}
    breaks = {key: [0, 0] for key in ("wb", "tb", "twb")}
    for name, outputs in made.items():
        bottom = bottoms[name]
        docx = body_lines(laid_out[name.replace("/", "-")], bottom)
        weasy, typst = (body_lines(outputs[engine], bottom) for engine in ENGINES)
        shares = {"wl": line_share(docx, weasy), "tl": line_share(docx, typst), "twl": line_share(weasy, typst)}
        counts = {"wb": break_share(docx, weasy), "tb": break_share(docx, typst), "twb": break_share(weasy, typst)}
        for key, share in shares.items():
            totals[key][0] += share * sum(map(len, docx if key != "twl" else weasy))
            totals[key][1] += sum(map(len, docx if key != "twl" else weasy))
        for key, (same, of) in counts.items():
            breaks[key][0] += same
            breaks[key][1] += of
        print(
            f"{name:<32}{shares['wl']:>9.0%}{shares['tl']:>9.0%}"
            + "".join(f"{f'{s}/{n}':>12}" for s, n in (counts["wb"], counts["tb"]))
            + f"{shares['twl']:>12.0%}{'{}/{}'.format(*counts['twb']):>9}"
        )
    print(
        "all samples                     "
        + "".join(f"{totals[k][0] / totals[k][1]:>9.0%}" for k in ("wl", "tl"))
        + "".join(f"{f'{breaks[k][0]}/{breaks[k][1]}':>12}" for k in ("wb", "tb"))
        + f"{totals['twl'][0] / totals['twl'][1]:>12.0%}{'{}/{}'.format(*breaks['twb']):>9}"
    )


if __name__ == "__main__":
    main()
