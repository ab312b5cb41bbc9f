"""How well ``civreport import`` reads summaries as the web damages them: each summary of the
seeds (tests/data/seeds) as a document site's preview of its .doc — the line breaks lost, the
text cut into chunks of 300, 600 or 1,200 characters numbered mid-word, or of 250, 500 or 1,000
wherever that falls, on one line or a line per chunk, saved as .txt, .html or .md — and with
its headings decoded in the wrong
encoding; each held to the clean summary's import (tests/sitecopies.py makes the copies and
the measures the tests use):

  share     of the clean import's printed characters that the copy's import prints
  junk      printed lines holding the site's furniture or a chunk number
  parts     the copy's part titles are the clean one's (or named in a warning as guessed)
  items     headings below the parts, the copy's against the clean one's
  warned    warnings on lines (guessed titles, damaged text)
  silent    damaged headings printed at a line no warning names (must be 0)

Usage: python benchmarks/importing.py
"""

from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from civreport import ImportResult  # noqa: E402
from civreport.model.punctuation import full_width  # noqa: E402

from sitecopies import (  # noqa: E402
    SUMMARIES,
    Preview,
    character_share,
    headings_per_level,
    imported,
    junk_lines,
    part_titles,
    preview,
    rendered,
)

HEADING = re.compile(r"^[（(]?[一二三四五六七八九十]+[、)）]")


def _as(fmt: str, text: str) -> str:
    lines = text.split("\n\n")
    if fmt == "html":
        return "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    return text


def _mojibake(key: str, wrong: str, right: str, strict: bool) -> tuple[str, dict[int, str]]:
    """The summary with each heading (up to its first 。) written in ``right`` and read in
    ``wrong``: only those whose bytes round-trip, or all of them as a decoder that replaces
    what it cannot read leaves them; the text and the damage by source line."""
    lines = SUMMARIES[key].lines()
    damage: dict[int, str] = {}
    for i, line in enumerate(lines):
        if HEADING.match(line):
            title = line[: line.find("。") + 1 or len(line)]
            try:
                damaged = title.encode(right).decode(wrong)
            except UnicodeError:
                if strict:
                    continue
                damaged = title.encode(right, "replace").decode(wrong, "replace")
            lines[i] = damaged + line[len(title) :]
            damage[2 * i + 1] = damaged  # the lines are set apart by blank ones
    return "\n\n".join(lines), damage


def _silent(copy: ImportResult, damage: dict[int, str]) -> int:
    """Damaged headings printed as they were, at a line no warning names."""
    said = "\n".join(copy.warnings)
    named = {int(n) for group in re.findall(r"第 ([\d、]+) 行", said) for n in group.split("、")}
    output = rendered(copy)
    return sum(1 for line, text in damage.items() if line not in named and text[2:10] in output)


def _row(
    name: str, clean: ImportResult, copy: ImportResult, page: Preview | None, damage: dict[int, str]
) -> tuple[str, ...]:
    said = full_width("\n".join(copy.warnings))[0]
    parts = all(
        mine == theirs or f"{mine}”" in said
        for mine, theirs in zip(part_titles(copy), part_titles(clean), strict=False)
    ) and len(part_titles(copy)) == len(part_titles(clean))
    exact = part_titles(copy) == part_titles(clean)
    items = sum(headings_per_level(copy)[1:]), sum(headings_per_level(clean)[1:])
    output = rendered(copy)
    junk = len(junk_lines(output, page)) if page else 0
    return (
        name,
        f"{character_share(rendered(clean), output):.4f}",
        str(junk),
        "same" if exact else "warned" if parts else "DIFFER",
        f"{items[0]}/{items[1]}",
        str(len([w for w in copy.warnings if w.startswith("第 ")])),
        str(_silent(copy, damage)),
    )


Case = tuple[str, str, str, Preview | None, dict[int, str]]  # summary, name, text, preview, damage


def _cases() -> list[Case]:
    cases: list[Case] = []
    for key in SUMMARIES:
        for size, anywhere in ((300, False), (600, False), (1200, False), (250, True), (500, True), (1000, True)):
            for one_line in (True, False):
                page = preview(SUMMARIES[key], size=size, one_line=one_line, anywhere=anywhere)
                layout = ("one line" if one_line else "line/chunk") + (" cut anywhere" if anywhere else "")
                for fmt in ("txt", "html", "md"):
                    if fmt == "md" and key == "002":
                        continue  # its ** are Markdown's bold
                    cases.append((key, f"{key} preview {size} {layout} .{fmt}", _as(fmt, page.text), page, {}))
        for wrong, right in (("big5", "gbk"), ("gbk", "utf-8"), ("gbk", "big5")):
            if (right == "big5") != key.startswith("001"):
                continue
            for strict in (True, False):
                text, damage = _mojibake(key, wrong, right, strict)
                name = f"{key} headings {right} read as {wrong}{'' if strict else ', lossy'}"
                cases.append((key, name, text, None, damage))
    return cases


def main() -> None:
    rows: list[tuple[str, ...]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cleans = {key: imported(seed.text()) for key, seed in SUMMARIES.items()}
        for key, name, text, page, damage in _cases():
            fmt = name.rsplit(".", 1)[-1] if " preview " in name else "txt"
            rows.append(_row(name, cleans[key], imported(text, f"总结.{fmt}"), page, damage))
    header = ("copy", "share", "junk", "parts", "items", "warned", "silent")
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)))
    shares = [float(r[1]) for r in rows]
    print(
        f"\n{len(rows)} copies: share min {min(shares):.4f}, mean {sum(shares) / len(shares):.4f}; "
        f"junk lines {sum(int(r[2]) for r in rows)}; parts same {sum(r[3] == 'same' for r in rows)}, "
        f"guessed and warned {sum(r[3] == 'warned' for r in rows)}, differing {sum(r[3] == 'DIFFER' for r in rows)}; "
        f"damaged headings printed unwarned {sum(int(r[6]) for r in rows)}"
    )


if __name__ == "__main__":
    main()
