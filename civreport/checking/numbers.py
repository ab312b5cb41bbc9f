"""How numbers are written (GB/T 15835-2011): Arabic and Chinese numerals mixed in one figure
(CR307), an approximate number written with a 顿号 (CR308), dates with zero-padded months and
days (CR309) or written with dots and slashes (CR310)."""

from __future__ import annotations

import re

from ..model.numerals import CN_DIGITS
from ..model.wordlists import alternatives, word_list
from .rule import Rule, first_found, listing

_CN = CN_DIGITS + "零"
# 3千、5百万、2千余人、20几个: a digit with 十 百 千 or 几 after it (万 and 亿 are units it may take:
# 3.5亿); not 3千米, 5千克, 10千伏 …, whose 千 is part of the unit.
_DIGIT_THEN_PLACE = r"\d+(?:\.\d+)?(?:[十百千](?!米|克|瓦|伏|帕|卡|兆|焦|赫|字节|分之|分比|分点)|几)"
# 二0二四年、二〇24: Chinese and Arabic digits side by side (一线, 一体 after a digit are words).
_SIDE_BY_SIDE = rf"[{_CN}十][0-9]+|[0-9]+[{_CN}](?=[0-9{_CN}十百千万亿年月日个人次元]|$)"
_MIXED = re.compile(rf"(?:{_DIGIT_THEN_PLACE}|{_SIDE_BY_SIDE})(?:[{_CN}十百千万亿0-9.]*)")
# 三、四天: neighbouring numerals of an estimate are not set apart (三四天, 三五天); 一、二季度 and
# 三、四年级 name two things, not an estimate, and keep theirs.
_MEASURES = word_list(__package__, "measures")
_ESTIMATE_UNIT = f"(?!{alternatives(_MEASURES['not_estimates'])})(?:{alternatives(_MEASURES['estimates'])})"
_ESTIMATE = re.compile(
    rf"(?<![{_CN}十])(一、二|两、三|二、三|三、四|三、五|四、五|五、六|六、七|七、八|八、九)(?={_ESTIMATE_UNIT})"
)
# 2024年09月05日: no zero before a month or a day.
_PADDED = re.compile(r"(?:(?<=年)|(?<![\d.]))0([1-9])(?=月)|(?<=月)0([1-9])(?=日|号)")
# 2024.10.8, 2024/10/8 in running text: 2024年10月8日.
_DOTTED = re.compile(r"(?<![\d.／/])((?:19|20)\d{2})([.．/／])(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?![\d.／/])")


mixed = listing(_MIXED, "“{found}”阿拉伯数字与汉字数字混写：统一写作阿拉伯数字（如 3000、3000万）或汉字（GB/T 15835）")
estimates = first_found(_ESTIMATE, lambda m: f"约数“{m[0]}”不用顿号：写作“{m[0].replace('、', '')}”（GB/T 15835）")
padded = first_found(_PADDED, lambda m: "日期中的月、日不补零：09月05日 → 9月5日（GB/T 15835）")
dotted = first_found(_DOTTED, lambda m: f"正文中的日期“{m[0]}”应写作“{_written(m)}”（GB/T 15835）")


def _written(m: re.Match[str]) -> str:
    return f"{m[1]}年{int(m[3])}月{int(m[4])}日"


RULES = (
    Rule("CR307", "数字混写", "warning", "3千5百人、二0二四年 → 3500人、2024年", check=mixed),
    Rule(
        "CR308",
        "约数加了顿号",
        "warning",
        "三、四天 → 三四天",
        check=estimates,
        fix=lambda text, context: _ESTIMATE.sub(lambda m: m[0].replace("、", ""), text),
    ),
    Rule(
        "CR309",
        "日期补零",
        "warning",
        "2024年09月05日 → 2024年9月5日",
        check=padded,
        fix=lambda text, context: _PADDED.sub(lambda m: m[1] or m[2], text),
    ),
    Rule(
        "CR310",
        "点号分隔的日期",
        "warning",
        "2024.10.8、2024/10/8 → 2024年10月8日",
        check=dotted,
        fix=lambda text, context: _DOTTED.sub(_written, text),
    ),
)
