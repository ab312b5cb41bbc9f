"""Text decoded in the wrong encoding (乱码): GBK read as Big5 or the reverse, UTF-8 read as
GBK, either read as a Western code page. Such text is made of characters a Chinese summary
hardly uses (traditional forms in a simplified text, rare characters, bopomofo, box drawing,
kana, accented letters); a run of them in a line is re-encoded as the wrong reader would have
and decoded as the right one, and kept repaired when the bytes round-trip exactly and the text
reads as ordinary Chinese. What cannot be repaired is kept as it is, with a warning at its
line: it is never printed unremarked."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import cache

from .source import Remark, SourceBlock

# (how the text was wrongly read, how it was written, the mistake as the warning names it)
_READINGS: tuple[tuple[str, str, str], ...] = (
    ("big5", "gbk", "GBK 编码的文字被当作 Big5 读取"),
    ("gbk", "big5", "Big5 编码的文字被当作 GBK 读取"),
    ("gbk", "utf-8", "UTF-8 编码的文字被当作 GBK 读取"),
    ("cp1252", "utf-8", "UTF-8 编码的文字被当作西文编码读取"),
    ("cp1252", "gbk", "GBK 编码的文字被当作西文编码读取"),
    ("latin-1", "utf-8", "UTF-8 编码的文字被当作西文编码读取"),
    ("latin-1", "gbk", "GBK 编码的文字被当作西文编码读取"),
)
# What text damaged beyond repair leaves: UTF-8's replacement character read as GBK (锟斤拷),
# memory never written read as GBK (烫烫烫, 屯屯屯), the replacement character itself, the ? an
# encoder put for each character it could not write.
_WRECKED = re.compile("(?:锟斤拷)+|烫{3,}|屯{3,}|\ufffd+|\\?{3,}")
_ODD = re.compile(
    "[\u00a1-\u00ff\u0100-\u036f\u0370-\u03ff\u0400-\u04ff\u2500-\u259f\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf"
    "\u3130-\u318f\uac00-\ud7af\ue000-\uf8ff\ufe30-\ufe6f\uff61-\uff9f\ufffd]"
)
_DRAWING = re.compile("[\u2500-\u259f\\s]+")  # a line drawn with box characters is not damage
_PLAIN_SYMBOLS = "°±×÷·§¨"  # Latin-1 signs a Chinese text uses (25°C, 3×4)
# A text is in simplified characters when this share of its characters are in GB2312 (a
# simplified text: all but a few; a traditional one: about two in three; damage: one in three).
_SIMPLIFIED = 0.85
_WINDOW = 4  # characters looked at together
_LONG = 8  # characters enough to tell a repair reads well in the other script
_SHORTEST = 4  # characters a repair takes at the least
_SENTENCE = 60  # characters looked through for the sentence around damage
_ENDS = "。！？；\n"
_SUSPECT = 0.6  # a window reading worse than this is looked at
_READABLE = 0.9  # a repair must read at least this well …
_GAIN = 0.3  # … and this much better than the damage
_DAMAGED = 0.5  # a run reading worse than this, unrepaired, is warned of
_SHOWN = 24  # characters of damage shown in a warning
_LISTED = 5  # warnings of damage listed one by one; the rest are counted


@cache
def _plainness(char: str, simplified: bool) -> float:
    """How ordinary ``char`` is in a Chinese summary written in ``simplified`` characters or
    traditional ones: 1 for the common characters of that script, ASCII and the usual marks;
    0 for what only a wrong decoding puts there."""
    code = ord(char)
    if code < 0x80 or char in _PLAIN_SYMBOLS:
        return 1.0
    if _ODD.match(char):
        return 0.0
    if unicodedata.category(char) != "Lo" or not unicodedata.name(char, "").startswith("CJK"):
        return 1.0 if unicodedata.category(char)[0] in "PNZS" else 0.5
    try:
        gb = char.encode("gb2312")
    except UnicodeEncodeError:
        gb = b""
    try:
        big5 = char.encode("big5")
    except UnicodeEncodeError:
        big5 = b""
    if simplified:
        return 1.0 if gb and gb[0] <= 0xD7 else 0.5 if gb else 0.25  # level 1, level 2, none
    return 1.0 if big5 and big5[0] <= 0xC6 else 0.5 if big5 else 0.25  # frequent, less frequent, none


def _western(run: str) -> bool:
    """Whether ``run`` is Western words (Zürich, été), its accented letters among plain ones:
    Chinese read as a Western code page has no plain letters between (ÖÐÎÄ)."""
    wide = [c for c in run if not c.isascii() and not c.isspace()]
    return re.search("[A-Za-z]", run) is not None and all("\u00c0" <= c <= "\u024f" for c in wide)


def _core(run: str, simplified: bool) -> str:
    """A run without the ordinary characters at its ends (its windows took them in)."""
    plain = [_plainness(c, simplified) == 1.0 for c in run]
    if all(plain):
        return ""
    first = plain.index(False)
    last = len(plain) - plain[::-1].index(False)
    return run[first:last]


def _reads(text: str, simplified: bool) -> float:
    chars = [c for c in text if not c.isspace()]
    return sum(_plainness(c, simplified) for c in chars) / max(len(chars), 1)


def _runs(text: str, simplified: bool) -> list[tuple[int, int]]:
    """The stretches that read badly, as (start, end): the windows reading worst, joined
    across the few characters between them (ASCII, or damage that happens to read well)."""
    # Each window's reading from a running sum: a text is read once, whatever its length.
    scores = [1.0 if c.isspace() else _plainness(c, simplified) for c in text]
    wide = [not c.isascii() for c in text]
    marked = [False] * len(text)
    total, others = sum(scores[:_WINDOW]), sum(wide[:_WINDOW])
    for start in range(max(len(text) - _WINDOW + 1, 0)):
        if start:
            total += scores[start + _WINDOW - 1] - scores[start - 1]
            others += wide[start + _WINDOW - 1] - wide[start - 1]
        if others and total < _SUSPECT * _WINDOW:
            marked[start : start + _WINDOW] = [True] * _WINDOW
    runs: list[tuple[int, int]] = []
    for i, flag in enumerate(marked):
        if flag and runs and i - runs[-1][1] <= 2 * _WINDOW:
            runs[-1] = (runs[-1][0], i + 1)
        elif flag:
            runs.append((i, i + 1))
    return runs


def _repair(text: str, start: int, end: int, simplified: bool) -> tuple[int, int, str, str] | None:
    """The best repair of the run text[start:end], its edges moved in by up to a window (the
    run takes in the ordinary characters its windows held), out by a few, or to the ends of
    its sentence: (start, end, repaired text, the mistake), if one reads as ordinary Chinese."""
    best: tuple[float, int, int, int, str, str] | None = None
    # Damage may read well by chance at its ends (创建活动 read as 斐膘魂雄): its sentence too.
    opens = max(text.rfind(mark, max(start - _SENTENCE, 0), start) for mark in _ENDS) + 1
    closes = min((i for mark in _ENDS if (i := text.find(mark, end, end + _SENTENCE)) >= 0), default=len(text))
    starts = {*range(max(start - 2, 0), min(start + _WINDOW, end)), opens}
    ends = {
        *range(max(end - _WINDOW, start + 1), min(end + _WINDOW, len(text) + 1)),
        closes,
        min(closes + 1, len(text)),
    }
    worst = _reads(_core(text[start:end], simplified), simplified)
    for a in sorted(starts):
        for b in sorted(e for e in ends if e > a):
            damaged = text[a:b]
            if len(damaged.strip()) < _SHORTEST:
                continue  # two or three characters decode into something plausible by chance
            # Better than the damage reads, taken where it reads worst (the run found).
            reading = min(_reads(damaged, simplified), worst)
            for wrong, right, mistake in _READINGS:
                try:
                    repaired = damaged.encode(wrong).decode(right)
                except UnicodeError:
                    continue
                if repaired.encode(right).decode(wrong) != damaged:
                    continue
                # What was written may be in the other script, where a stretch is long enough to tell.
                score = _reads(repaired, simplified)
                if b - a >= _LONG:
                    score = max(score, _reads(repaired, not simplified))
                if score >= _READABLE and score - reading >= _GAIN and (best is None or (score, b - a) > best[:2]):
                    best = (score, b - a, a, b, repaired, mistake)
    return best[2:] if best else None


def repair_mojibake(blocks: list[SourceBlock]) -> tuple[list[SourceBlock], list[Remark]]:
    """The blocks with wrongly decoded text repaired where it can be, and a warning at each
    line that held some, repaired or not."""
    han = re.findall(r"[\u4e00-\u9fff]", "".join(b.text for b in blocks[:2000]))
    simplified = sum(1 for c in han if _gb2312(c)) >= len(han) * _SIMPLIFIED
    out: list[SourceBlock] = []
    remarks: list[Remark] = []
    for block in blocks:
        text = block.text
        if block.rows is not None or text.isascii():
            out.append(block)
            continue
        fixed: list[str] = []
        lost: list[str] = []
        for run_start, run_end in reversed(_runs(text, simplified)):
            # What a decoder replaced (�) is lost: the stretches between are repaired apart.
            stretches = [(m.start(), m.end()) for m in re.finditer("[^\ufffd]+", text[run_start:run_end])]
            for start, end in reversed(stretches):
                start, end = run_start + start, run_start + end
                core = _core(text[start:end], simplified)
                if not core or _DRAWING.fullmatch(core) or _western(core):
                    continue  # a table or line drawn with box characters, or a Western word (été)
                fix = _repair(text, start, end, simplified)
                if fix:
                    a, b, new, mistake = fix
                    fixed.insert(0, f"“{text[a:b][:_SHOWN]}”是{mistake}造成的乱码，已还原为“{new[:_SHOWN]}”")
                    text = text[:a] + new + text[b:]
                elif _reads(core, simplified) < _DAMAGED:
                    lost.insert(0, core[:_SHOWN])
        lost += [m[0][:_SHOWN] for m in _WRECKED.finditer(text)]
        said = fixed + (
            [f"{'、'.join(f'“{x}”' for x in dict.fromkeys(lost))}像是文字编码错误造成的乱码，无法还原，已原样保留"]
            if lost
            else []
        )
        if said:
            remarks.append(Remark(block.line, "；".join(said) + "：请对照原文核对改正"))
        out.append(replace(block, text=text))
    return out, _summarised(remarks)


def _summarised(remarks: list[Remark]) -> list[Remark]:
    """The first lines' warnings one by one, the other lines counted in the last."""
    if len(remarks) <= _LISTED:
        return remarks
    rest = remarks[_LISTED - 1 :]
    lines = "、".join(sorted({str(r.line) for r in rest}, key=int))
    return [
        *remarks[: _LISTED - 1],
        Remark(rest[0].line, f"另有 {len(rest)} 行有同类乱码（第 {lines} 行），处理同上：请对照原文核对改正"),
    ]


@cache
def _gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
