"""Sentences as a roll-up handles them: cut out of paragraphs, compared (the same fact said
twice is said once), and given the time or the unit they need once they stand beside the
facts of other quarters or units."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from ..model import Period, PeriodError
from ..model.genre import TYPED_ORDINAL
from ..model.period import PART_OF_YEAR

# A sentence ends at 。！？ (with the closing quotes and brackets after it), or at the colon
# that leads into what follows (……总结如下：, 一是……).
_SENTENCE = re.compile(r"[^。！？：]*(?:[。！？]+[”’」）)]*|：|$)")
# Marks that end a point or a clause, taken off before it is joined to others.
ENDS = "；;，,。.：:"

# A time that opens a sentence: a period (二季度，2025年一季度，上半年), a month or a day
# (2月19日，10月中旬，), a time of year (年初, 年底, 春节期间), 截至3月底 …
_TIME = (
    rf"(?:今年|本年|明年|\d{{4}}年)?(?:{PART_OF_YEAR}|全年)(?:以来|期间|末|初)?"
    r"|(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:上旬|中旬|下旬|初|底|末|份|以来)?"
    r"|截至\d{1,2}月(?:底|末)?|年初|年中|年底|年末|今年以来|一年来|[^，。]{1,6}(?:节|日)期间"
)
_OPENS_WITH_TIME = re.compile(rf"^(?:在|自|从|于)?(?:{_TIME})")
# A period opening a sentence, as words: (2025年)(一季度), or a year: (2024)年，
_OPENING_PERIOD = re.compile(
    rf"^(?:(?:(\d{{4}})年|今年|本年)?({PART_OF_YEAR})(?=[，,是]|以来|期间|将|要|共|全)|(\d{{4}})年(?=[，,]))"
)
# Words by which a quarter's text names its own quarter: in the year's summary, its name.
_OWN_PERIOD = re.compile(r"本季度|本季|全季|当季|本期")
_NOT_WORDS = re.compile(r"[\s，,。.；;：:、！!？?“”‘’\"'（）()《》【】—…·\-]")
# Two sentences with the same figures are nearly the same when their lengths are within a fifth
# and nine-tenths of their characters match: a word or two changed (开展了 / 开展), not a new fact.
_LENGTHS = 0.8
_NEARLY = 0.9
# A figure of a sentence: 186, 1.38 (its 万 and its unit are words).
FIGURE = re.compile(r"\d+(?:\.\d+)?")


def split(paragraph: str) -> list[str]:
    """The sentences of a paragraph, each with its end mark."""
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(paragraph)) if s]


def normal(text: str) -> str:
    """A sentence as it is compared: no punctuation, no white space, no leading ordinal (一是)."""
    return _NOT_WORDS.sub("", TYPED_ORDINAL.sub("", text))


def same(a: str, b: str) -> bool:
    """Whether two sentences say the same: alike but for a few characters, with the same
    figures (开展活动186场 and 开展活动264场 are two facts)."""
    x, y = normal(a), normal(b)
    if x == y:
        return True
    if FIGURE.findall(x) != FIGURE.findall(y):
        return False
    return min(len(x), len(y)) >= _LENGTHS * max(len(x), len(y)) and SequenceMatcher(None, x, y).ratio() >= _NEARLY


def opens_with_time(text: str) -> bool:
    return bool(_OPENS_WITH_TIME.match(text))


def untimed(text: str) -> str:
    """The sentence without the time it opens with (截至3月底，……; 一季度以来，……)."""
    time = _OPENS_WITH_TIME.match(text)
    return text[time.end() :].lstrip("，,") if time else text


def opening_period(text: str, year: int) -> tuple[Period, int] | None:
    """The period a sentence opens with (二季度，……; 2025年一季度，……), in ``year`` unless it
    names its own, and where its words end."""
    m = _OPENING_PERIOD.match(text)
    if not m:
        return None
    try:
        return Period.parse(m[3] or f"{m[1] or year}年{m[2]}"), m.end()
    except PeriodError:
        return None


def timed(text: str, label: str) -> str:
    """The sentence with the time it needs put before it (第二季度，……), unless it opens with
    one."""
    return text if opens_with_time(text) else f"{label}，{text}"


def own_period(text: str, label: str) -> str:
    """A quarter's 本季度 and 全季 as the year's summary must name them: 第三季度."""
    return _OWN_PERIOD.sub(label, text)


def subjected(text: str, subject: str, kind: str) -> str:
    """The sentence with the unit it is about as its subject, after an opening time (7月，东街道
    ……): 我街道 and 本街道 become its name, 街道党工委 its name's (东街道党工委); a sentence
    without one takes the name before it."""
    time = _OPENS_WITH_TIME.match(text)
    at = time.end() + 1 if time and text[time.end() : time.end() + 1] in "，," else 0
    head, rest = text[:at], text[at:]
    if rest.startswith(subject):
        return text
    for own in (f"我{kind}", f"本{kind}"):
        if rest.startswith(own):
            return head + subject + rest[len(own) :]
    if rest.startswith(kind) and subject.endswith(kind):
        return head + subject + rest[len(kind) :]
    return head + subject + rest


def about(text: str, name: str, kind: str) -> bool:
    """Whether a sentence speaks of the unit ``name`` as its subject (我街道……, 东街道……, after
    an opening time)."""
    return untimed(text).startswith((name, f"我{kind}", f"本{kind}"))


def ended(text: str, mark: str) -> str:
    """A point or clause with its own end mark replaced by ``mark``."""
    return text.rstrip(ENDS) + mark
