"""What a document says of itself, and what the importer guesses where it says nothing: the
office, period, subject and kind its title names; where the title leaves one out, the office
from the sign-off or the opening (……，XX街道办事处认真贯彻……; 我区: a 区 to fill in), the
period from the part of a year the title or opening names (上半年, 全年) and the latest year
named outside a 1999年以来 phrase, the kind from the lead-in. Every guess says what it was taken
from: the input file marks it 请核对 with that, and the command line lists it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ...model import KINDS, Period, PeriodError
from ...model.limits import FIRST_YEAR, MAX_NAME
from ...model.numerals import CN_DIGITS

PLACEHOLDER = "××"  # what the genre writes for a name not yet filled in
KIND_NAMES = sorted(KINDS, key=len, reverse=True)  # the longest first: 工作情况汇报 before 工作汇报
_YEAR_WORD = rf"(?:\d{{4}}|[零{CN_DIGITS}]{{4}})"
PERIOD = (
    rf"{_YEAR_WORD}年(?:度|全年|上半年|下半年|前三季度|第?[一二三四1-4]季度|"
    r"\d{1,2}[—\-～~至]\d{1,2}月|\d{1,2}月份?)?"
)
TITLE = re.compile(rf"^(?:关于)?(?P<office>.*?)(?P<period>{PERIOD})(?P<subject>.*?)(?P<kind>{'|'.join(KIND_NAMES)})$")
# A title naming a period but none of the kinds (……项目申报表, ……情况报告表).
_DATED_TITLE = re.compile(rf"^(?:关于)?(?P<office>.*?)(?P<period>{PERIOD})(?P<subject>.*)$")
# What signs a document or issues it: the end of an office's name.
ORGANISATION = re.compile(
    r"(?:委员会|办公室|办事处|政府|委|局|厅|部|处|科|室|中心|院|所|站|队|社|会|组|街道|镇|乡|村|社区|园区?|"
    r"公司|集团|学校|大学|医院|支部|党组|办|馆|署|团)$"
)
SEAL = re.compile(r"\s*[（(](?:盖章|公章|章|印章|签章)[)）]$")  # XX街道办事处（盖章）
_NAME_CHAR = r"[\u4e00-\u9fffA-Za-z×＊*]"  # the characters of a name, and of its placeholders (××, XX)
# A title without a period: the office is a place or body the subject follows (某区创建全国文明城市工作总结).
_OFFICE_FIRST = re.compile(
    r"^(?:关于)?(?P<office>.{1,24}?(?:区|县|市|镇|乡|街道|办事处|局|委|委员会|办公室|中心|园|政府|公司|"
    r"学校|医院|社区|村))(?=创建|创文|创卫|开展|推进|加强|深化|巩固|争创|做好|文明|精神|全国|全省|城市)"
)
# The issuer before 关于: XX街道办事处关于2024年上半年工作情况的报告.
_ISSUER = re.compile(r"^(?P<office>[^，。；：]{2,30}?)关于")
# A place or body opening the subject after the period: 2024年上半年XX街道安全生产工作总结.
_NAMED_FIRST = re.compile(
    rf"^(?![全各我本该])(?P<office>{_NAME_CHAR}{{2,15}}?(?:街道办事处|办事处|人民政府|委员会|街道|区|县|市|镇|乡|局))"
)
# An office named as the subject of a sentence in the opening: ……，XX街道办事处认真贯彻……
_NAMED_IN_OPENING = re.compile(
    rf"(?:^|[，。；：])(?P<office>(?![全各我本该在按根围对由经向从为据以今去明]){_NAME_CHAR}{{2,15}}?"
    r"(?:街道办事处|办事处|人民政府|委员会|管委会|街道|局|办公室))"
    r"(?=在|认真|紧紧|始终|坚持|围绕|按照|以|全面|积极|深入|把|共|累计|先后|结合|聚焦|立足|紧扣|严格|持续|扎实|"
    r"大力|着力|高度|进一步|牢固|不断|切实|主动|统筹|精心|多措并举)"
)
_OWN = re.compile(r"我(街道|社区|区|县|市|镇|乡|局|委|办|村)")  # 我区: the office is a 区
# Parts of a year, as titles and openings name them, and how Period reads each with its year.
_PARTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"上半年"), "{y}年上半年"),
    (re.compile(r"下半年"), "{y}年下半年"),
    (re.compile(r"前三季度"), "{y}年前三季度"),
    (re.compile(r"第?([一二三四1-4])季度"), "{y}年第{0}季度"),
    (re.compile(r"(?<!\d)(\d{1,2})[—\-～~至到](\d{1,2})月"), "{y}年{0}—{1}月"),
    (re.compile(r"全年|年度|年底|年末|一年来"), "{y}年"),
)
_YEAR = re.compile(rf"(?<!\d)(?P<y>{_YEAR_WORD})\s*年")
_YEAR_BEFORE = re.compile(rf"(?<!\d)(?P<y>{_YEAR_WORD})\s*年?度?$")  # the year a part follows: 2024年上半年, 2024年度
# Years that are not the period's: a start (1999年以来, 自2018年起, 2018年至今), a span's end
# or a target (2021—2025年, 到2025年).
_NOT_THE_PERIOD = re.compile(
    rf"(?:自|从|截至|截止)\s*{_YEAR_WORD}\s*年|{_YEAR_WORD}\s*年[^，。；：]{{0,8}}?(?:以来|至今|起|开始)|"
    rf"{_YEAR_WORD}\s*[—\-～~至到]\s*{_YEAR_WORD}\s*年|(?:到|至|力争|预计|计划)\s*{_YEAR_WORD}\s*年"
)
_LATE_BY = 90  # days after its period a summary is still written: an annual summary dated January is last year's
_KIND_WORDS = re.compile(r"(?:工作)?(?:开展)?(?:情况)?(?:的)?(?:汇报|总结|小结|报告)+$")
_PART_WORDS = re.compile(r"^(?:上半年|下半年|前三季度|第?[一二三四]季度|全年|年度|年底|年末)")
_KIND_ENDINGS = (
    ("情况的报告", "工作情况的报告"),
    ("的报告", "工作情况的报告"),
    ("情况汇报", "工作情况汇报"),
    ("情况报告", "工作情况报告"),
    ("汇报", "工作汇报"),
    ("报告", "工作情况报告"),
    ("总结", "工作总结"),
    ("小结", "工作总结"),
)


@dataclass
class Names:
    """Office, period, subject and kind as the document gives them, with what was guessed:
    field → what it was taken from."""

    office: str = PLACEHOLDER
    period: str = ""
    subject: str = PLACEHOLDER
    kind: str | None = None
    guesses: dict[str, str] = field(default_factory=dict)


def names(title: str, opening: list[str], texts: list[str], signoff: str | None, written: date | None) -> Names:
    """The names of a document from its ``title`` (one line), ``opening`` paragraphs, all its
    ``texts``, its sign-off and its date."""
    out = Names()
    m = TITLE.match(title) or _DATED_TITLE.match(title)
    office = _office_in_title(title, m)
    if m:
        subject, out.kind = m["subject"], m.groupdict().get("kind") or _kind_of(title)
    else:
        subject, out.kind = _KIND_WORDS.sub("", title), _kind_of(title)
    if office:
        subject = subject.removeprefix("关于").removeprefix(office)
    subject = _PART_WORDS.sub("", subject.removeprefix("关于"))
    out.subject = subject.strip() or ("工作" if title else PLACEHOLDER)
    if len(out.subject) > MAX_NAME:
        out.subject, out.guesses["subject"] = PLACEHOLDER, "标题太长，没有从中取出工作主题，请填写"
    if not out.kind and (kind := _kind_in(opening)):
        out.kind, out.guesses["kind"] = kind, f"标题中没有文种，取自开头的“{kind[-2:]}”"
    if office and len(office) <= MAX_NAME:  # longer, it is not a name
        out.office = office
    else:
        out.office, out.guesses["office"] = _office_guess(opening, signoff)
    out.period, why = _period(title, m["period"] if m else "", opening, texts, written)
    if why:
        out.guesses["period"] = why
    return out


def _office_in_title(title: str, m: re.Match[str] | None) -> str | None:
    """The office the title names: before its period, before 关于, or opening its subject."""
    if m and m["office"].strip():
        office = m["office"].strip().removesuffix("关于")
        return office if office and (ORGANISATION.search(office) or m.re is TITLE) else None
    if issuer := _ISSUER.match(title):
        return issuer["office"] if ORGANISATION.search(issuer["office"]) else None
    if not m and (first := _OFFICE_FIRST.match(title)):
        return first["office"]
    if m and (named := _NAMED_FIRST.match(m["subject"])) and len(named["office"]) < len(m["subject"]):
        return named["office"]
    return None


def _office_guess(opening: list[str], signoff: str | None) -> tuple[str, str]:
    """The office the title leaves out, and what it was taken from: the sign-off, an office the
    opening names as the doer (……，XX街道办事处认真贯彻……), else the kind of office its 我区 says."""
    if signoff and ORGANISATION.search(name := SEAL.sub("", signoff)):  # not a person (李建国)
        return name, f"标题中没有发文机关，取自落款“{name}”"
    for text in opening:
        if found := _NAMED_IN_OPENING.search(text):
            return found["office"], f"标题中没有发文机关，取自开头的“{found['office']}”"
    if own := next((found for text in opening if (found := _OWN.search(text))), None):
        return PLACEHOLDER + own[1], f"开头称“{own[0]}”，请把“{PLACEHOLDER}”改为{own[1]}名"
    return PLACEHOLDER, "原文没有写明发文机关，请填写"


def _kind_of(title: str) -> str | None:
    return next((kind for ending, kind in _KIND_ENDINGS if title.endswith(ending)), None)


def _kind_in(texts: list[str]) -> str | None:
    """汇报如下 … 特此汇报: the lead-in and closing name the kind a title leaves out."""
    said = "".join(texts)
    return "工作汇报" if "汇报" in said else "工作情况报告" if "报告" in said else None


def _period(title: str, named: str, opening: list[str], texts: list[str], written: date | None) -> tuple[str, str]:
    """The period's code, and what it was taken from when the title does not name it whole:
    the part of a year the title or else the opening names (上半年, 全年), with the year named
    before it or else found by :func:`_year`; without one, the whole of that year."""
    if named:
        try:
            return Period.parse(named).code(), ""
        except PeriodError:
            pass
    for where, scope in (("标题", [title]), ("开头", opening)):
        for pattern, spoken in _PARTS:
            for text in scope:
                masked = _NOT_THE_PERIOD.sub(lambda m: "\0" * len(m[0]), text)
                if not (part := pattern.search(masked)):
                    continue
                if before := _YEAR_BEFORE.search(masked[: part.start()]):
                    year, whose = _digits(before["y"]), ""
                    said = masked[before.start() : part.end()]
                else:
                    year, whose = _year(title, opening, texts, written, spoken, part.groups())
                    said = part[0]
                try:
                    code = Period.parse(spoken.format(*part.groups(), y=year)).code()
                except PeriodError:
                    continue
                if where == "标题" and before:
                    return code, ""  # the title names it whole: 2024年上半年河长制工作情况报告表
                return code, f"取自{where}的“{said}”{whose}"
    if years := _years([title], date.today().year):
        return str(max(years)), ""  # a title naming a year and no part of it: the year (2024年河长制工作报告表)
    year, whose = _year(title, opening, texts, written, "{y}年", ())
    return str(year), f"原文没有写明期间，按全年{whose}"


def _year(
    title: str, opening: list[str], texts: list[str], written: date | None, spoken: str, groups: tuple[str, ...]
) -> tuple[int, str]:
    """The year of a period (``spoken`` with its ``groups``), and where it comes from: the
    latest named in the title, then in the opening; the writing date's (last year's for a period
    that would end long after it: an annual summary written in January); the latest named in
    the text; the current year last."""
    last = written.year if written else date.today().year
    for where, scope in (("标题", [title]), ("开头", opening)):
        if years := _years(scope, last):
            return max(years), f"，年份取{where}中最近的年份 {max(years)}"
    if written:
        try:
            ended, ends = (Period.parse(spoken.format(*groups, y=y)).end for y in (written.year - 1, written.year))
        except PeriodError:  # no such period (13—14月): the caller goes on to the next part named
            ended = ends = written
        # Written soon after last year's period ended, before this year's ends: last year's.
        year = written.year - 1 if ends > written and (written - ended).days <= _LATE_BY else written.year
        return year, f"，年份按成文日期 {written.year}年{written.month}月{written.day}日"
    if years := _years(texts, last):
        return max(years), f"，年份取正文中最近的年份 {max(years)}"
    return last, "，原文没有写明年份，暂按今年，请填写"


def _digits(year: str) -> int:
    """2024 or 二〇二四 as a number."""
    return (
        int(year) if year.isdigit() else int("".join(str(CN_DIGITS.index(c)) if c in CN_DIGITS else "0" for c in year))
    )


def _years(texts: list[str], last: int) -> list[int]:
    """The years ``texts`` name as a time of work, not as a start, a span's end or a target."""
    named = (_digits(m["y"]) for text in texts for m in _YEAR.finditer(_NOT_THE_PERIOD.sub("", text)))
    return [year for year in named if FIRST_YEAR <= year <= last]
