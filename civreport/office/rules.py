"""The proofreader's rules (``civreport check``): their codes, names, default severities and
an example each. One table: the checker, the profile's ``checks:`` setting, the command's SARIF
output and the README's rule list all read it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
RuleSetting = Literal["off", "error", "warning", "info"]
SEVERITY_NAMES: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fixable: bool  # --fix may rewrite what it finds
    example: str  # what it finds → what it asks for


RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule("CR101", "占位符", "error", False, "××区、XX同志、**个、20xx年 → 填写实际内容"),
    Rule("CR102", "泛称的单位名", "warning", False, "某区、某市、某街道 → 写明单位名称"),
    Rule("CR201", "半角标点", "error", True, "加强领导,落实责任 → 加强领导，落实责任"),
    Rule("CR202", "半角引号", "error", True, "\"文明\"城市 → “文明”城市"),
    Rule("CR203", "引号不成对", "error", False, "落实”高峰疏导 → 补全“”"),
    Rule("CR204", "括号不成对", "error", False, "（一强化领导 → （一）强化领导"),
    Rule("CR205", "标点重复", "warning", True, "落实责任，，加强 → 落实责任，加强"),
    Rule("CR206", "范围连接号", "warning", True, "1-6月 → 1—6月（或办公室配置的～）"),
    Rule("CR207", "全角数字", "warning", True, "２０２４年 → 2024年"),
    Rule("CR208", "中文间的空格", "warning", True, "投入 40 万元 → 投入40万元"),
    Rule("CR301", "统计数字用了汉字", "warning", False, "投入一百万元、提高了十个百分点 → 100万元、10个百分点"),
    Rule("CR302", "大数未用万、亿", "info", False, "投入1500000元 → 150万元"),
    Rule("CR303", "增幅与指标不符", "error", False, "正文“同比增长20%”，指标算得同比增长15%"),
    Rule("CR304", "期间与报告不符", "warning", False, "第三季度的总结写“上半年共开展……”"),
    Rule("CR305", "日期晚于成文日期", "error", False, "成文日期 2024年7月5日，正文写“7月20日已完成”"),
    Rule("CR401", "缺少存在的问题", "warning", False, "总结没有“存在的问题”部分"),
    Rule("CR402", "部分过于单薄", "warning", False, "一个部分只有标题或只有一句话"),
    Rule("CR403", "段落过长", "info", False, "一段超过 600 字（约一页）"),
    Rule("CR404", "正文中手写的标题序号", "warning", False, "正文段落以“（一）”“1.”开头 → 写成条目"),
    Rule("CR501", "繁体字", "error", True, "創建 → 创建"),
    Rule("CR502", "繁简转换错误", "error", True, "原那么 → 原则，效劳 → 服务，网路 → 网络，随著 → 随着"),
)}
