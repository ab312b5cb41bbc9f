"""The GB/T 9704 page in points, and reports built to fill it exactly."""

from __future__ import annotations

import random
import warnings

from civreport import Page, load, render_page, write
from civreport.office.layout import Layout
from civreport.rendering.blocks import Paragraph, Table

from conftest import ROOT, make_report
from pdftext import MM, Line

LAYOUT = Layout()
PITCH = LAYOUT.line_pitch  # 28.95
CHAR = LAYOUT.char_pitch_pt  # 15.79
BLOCK_BOTTOM = 297 * MM - 35 * MM
TOP = 37 * MM
CJK = "创建全国文明城市工作取得明显成效群众满意度持续提升环境面貌焕然一新"


def left_edge(page: int) -> float:
    return (28 if page % 2 else 26) * MM


def right_edge(page: int) -> float:
    return left_edge(page) + 156 * MM


def quiet_pdf(report, **options) -> bytes:
    """The report's PDF, this machine's font warnings silenced; ``options`` as for
    :func:`civreport.render_page` (``pdf_engine`` among them)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return write(render_page(report, **options), "pdf")


def cjk(n: int, offset: int = 0) -> str:
    return "".join(CJK[(offset + i) % len(CJK)] for i in range(n))


def paragraph(lines: int, seed: int = 0, last: int = 10) -> str:
    """Pure CJK text that fills exactly ``lines`` lines: 26 on the first, 28 on full lines."""
    if lines == 1:
        return cjk(last, seed) + "。"
    return cjk(26 + 28 * (lines - 2) + last, seed) + "。"


def body(lines_of_page):
    return [line for line in lines_of_page if line.y < BLOCK_BOTTOM]


def grid_report():
    """Sixteen paragraphs of unpunctuated text: every page but the last is full."""
    return make_report(
        office="小河区",
        opening=[paragraph(9, i) for i in range(16)],
        measures=[],
        problems=[],
        plans=[],
        lead_in="现将有关情况总结如下：",
    )


def signoff_report(lines: int, free: int):
    """A closing paragraph of ``lines`` lines that ends with ``free`` grid lines left on page 2,
    so that the sign-off (a blank line, the name and the date) fits under it or does not.
    Page 1 holds 19 body lines under the title; the lead-in takes one line."""
    filler = 19 + 22 - free - lines - 1
    opening, seed = [], 0
    while filler > 0:
        n = min(9, filler)
        opening.append(paragraph(n, seed))
        filler -= n
        seed += 1
    return make_report(
        office="小河区",
        opening=[*opening, "现将有关情况总结如下："],
        measures=[],
        problems=[],
        plans=[],
        closing=[paragraph(lines, 7)],
    )


def dash_report():
    """The dash —— where a line ends: after 25 characters on a first line (26 fit), after 53
    (the second line's last place), and elsewhere."""
    return make_report(
        office="小河区",
        opening=[cjk(at) + "——" + cjk(40, at) + "。" for at in (25, 53, 24, 26, 0)],
        measures=[],
        problems=[],
        plans=[],
        lead_in="现将有关情况总结如下：",
    )


def range_dash_report():
    """The dash of a range (20—27日, 1～6月) at every place near a line's end: after 22 to 26
    characters on a first line (26 fit), and on a full second line."""
    ranges = [cjk(at) + "8月20—27日" + cjk(30, at) + "。" for at in range(19, 27)]
    ranges += [cjk(26 + at) + "1～6月" + cjk(20, at) + "。" for at in range(23, 29)]
    return make_report(
        office="小河区", opening=ranges, measures=[], problems=[], plans=[], lead_in="现将有关情况总结如下："
    )


def _table_report(rows: list[list[str]], opening: list[str], closing: int = 3, after: bool = True):
    """A report whose achievements are a table of ``rows`` (with two lines of text under it
    when ``after``), between ``opening`` and a closing paragraph of ``closing`` lines."""
    achievements = {"tables": [{"title": "主要工作完成情况", "header": ["项目", "内容", "数量"], "rows": rows}]}
    return make_report(
        office="小河区",
        opening=[*opening, "现将有关情况总结如下："],
        measures=[],
        problems=[],
        plans=[],
        closing=[paragraph(closing, 2)],
        achievements=[{**achievements, "body": [paragraph(2, 1)]} if after else achievements],
    )


def tables_report(before: int):
    """Tables after ``before`` lines of text: where the last row meets the end of a page, and
    where a table runs over it (its header row repeats); one has a cell that wraps."""
    rows = [[f"第{i}项", cjk(6, i), f"{i * 7}个"] for i in range(1, 9)]
    rows[3][1] = cjk(40, 3)  # three lines in its cell
    return _table_report(rows, [paragraph(min(9, before - n), n) for n in range(0, before, 9)])


# Dense mixed text: Chinese with many figures, percentages, English abbreviations, quotes and
# brackets, where lines break before runs of figures and closing marks.
MIXED = [
    "2024年1—9月，全区GDP完成386.52亿元，同比增长6.8%，高于全市平均水平1.2个百分点；规上工业增加值增长9.3%，其中高新技术产业占比达到42.7%。",
    "全区PM2.5平均浓度为28微克/立方米，同比下降12.5%，优良天数比例达到91.6%（较去年提高3.4个百分点），AQI指数连续18个月位居全市前3名。",
    "依托“i滨河”APP和12345政务服务热线，累计受理群众诉求15832件，办结率99.2%，满意率96.8%；开通“一网通办”事项1286项，“最多跑一次”覆盖率达100%。",
    "在CBD、高铁站、万达广场等重点区域新增5G基站326个、Wi-Fi热点1080个，完成老旧小区改造47个（惠及居民12650户），新建停车泊位3200个、充电桩860根。",
    "组织开展“文明交通我先行”“光盘行动”等主题活动230余场次，参与志愿者2.3万人次；评选“滨河好人”56名、“最美家庭”120户，相关事迹被CCTV、新华社等媒体报道18次。",
    "落实《全国文明城市测评体系（2021年版）》要求，对照12大类、89项指标逐项建立台账，按照“周调度、月通报、季考核”机制推进整改，问题整改率由年初的76.4%提升至98.1%。",
    "投入资金1.28亿元实施背街小巷“微改造”，改造道路23.6公里、雨污管网41.2公里，增设垃圾分类投放点420个，生活垃圾回收利用率达到37.5%，ISO14001认证企业新增9家。",
    "全区共有注册志愿者86512人，占常住人口的13.7%；志愿服务组织412个，开展志愿服务项目1563个，人均志愿服务时长达到21.4小时，“时间银行”兑换积分累计30.6万分。",
    "建成新时代文明实践中心1个、所（站）152个，实现全覆盖；开展理论宣讲、政策解读等活动3120场次，受众超过45万人次，打造“滨河微宣讲”“Hi青年”等品牌项目8个。",
    "推进“智慧城管”建设，接入视频监控点位2865路，AI识别违规事件11.7万起，处置率97.3%；占道经营、乱堆乱放等问题同比分别下降34.2%和28.9%，市容环境明显改观。",
    "学校周边200米范围内无证摊点全部清理，中小学“护学岗”设置率达到100%；开展未成年人心理健康讲座96场、“小手拉大手”活动58次，覆盖学生4.2万人、家长3.1万人。",
    "与ABC集团、XYZ科技等17家企业签订共建协议，引导社会资金2350万元投入公益事业；“文明单位”创建覆盖率达到85%以上，复查不合格的3家单位已按规定摘牌。",
]


def mixed_report():
    return make_report(
        office="小河区",
        opening=MIXED[:4],
        measures=[
            {"items": [{"title": "强化数据支撑", "body": MIXED[4:8]}, {"title": "完善长效机制", "body": MIXED[8:]}]}
        ],
    )


def paragraph_lines(page: Page, laid_out: list[list[Line]]) -> list[tuple[Paragraph, list[Line]]]:
    """Each paragraph of ``page`` with its lines in a rendering of it (the PDF, or LibreOffice's
    of the DOCX), matched by their text; table cells, set in the table size (a table of a class,
    the joint mark, in its own), are left out, and so is the 版记, set in the same size."""
    sizes = {page.layout.sizes["table"]} | {
        block.size_pt or page.layout.size_pt(page.styles[block.style].size)
        for block in page.blocks
        if isinstance(block, Table) and block.style
    }
    lines = iter(
        [
            line
            for page_lines in laid_out
            for line in body(page_lines)
            if all(abs(line.size - size) > 0.1 for size in sizes)
        ]
    )
    found = []
    for block in page.blocks:
        text = "".join(block.text.split()) if isinstance(block, Paragraph) else ""
        if not text or page.styles[block.style].size == "foot":
            continue
        mine, got = [], ""
        while got != text:
            mine.append(next(lines))
            got += "".join(mine[-1].text.split())
            assert text.startswith(got), (got, text)
        found.append((block, mine))
    return found


def empty_at_foot(lines_of_page) -> int:
    """How many grid lines a page leaves empty under its last line of text."""
    return int((BLOCK_BOTTOM - body(lines_of_page)[-1].y) // PITCH)


def owners(page: Page, laid_out: list[list[Line]]) -> dict[Line, int]:
    """The paragraph each line of a rendering belongs to, as its index in ``page.blocks``
    (see :func:`paragraph_lines`)."""
    index = {id(block): i for i, block in enumerate(page.blocks)}
    return {line: index[id(block)] for block, lines in paragraph_lines(page, laid_out) for line in lines}


def leading_headings(page) -> set[int]:
    """The headings of a page that lead into something under them (text, a table or a lower
    heading): those a page may not end with. An item that is only a title leads into nothing:
    the next block is an item of its level or higher (a paragraph opening with a run-in
    heading is an item of that heading's level)."""

    def level(block, own_only=False):
        if not hasattr(block, "runs"):
            return None
        found = page.styles[block.style].level
        if found is None and not own_only and block.runs and block.runs[0].style:
            found = page.styles[block.runs[0].style].level
        return found

    blocks = page.blocks
    return {
        i
        for i in range(len(blocks) - 1)
        if level(blocks[i], own_only=True) is not None
        and blocks[i + 1].group is None
        and (level(blocks[i + 1]) is None or level(blocks[i + 1]) > level(blocks[i], own_only=True))
    }


def items_report(seed: int):
    """Many short items at levels 3 and 4 (1. and （1）) in three parts: title-only items, alone
    and in runs, items of one to three lines, items whose items are title-only or short. Drawn
    from a seeded generator: the same report for the same seed, a seed per way of meeting the
    page ends."""
    draw = random.Random(seed)
    titles = "强化组织领导 加强宣传引导 深化志愿服务 整治市容环境 规范交通秩序 提升窗口服务".split()

    def text() -> list[str]:
        return [paragraph(draw.randint(1, 3), draw.randint(0, 9), last=draw.randint(3, 20))]

    parts = []
    for number in range(3):
        items = []
        for i in range(draw.randint(4, 7)):
            item: dict = {"title": titles[(i + number) % len(titles)]}
            shape = draw.choice(["title", "title", "text", "items", "items"])
            if shape == "text":
                item["body"] = text()
            elif shape == "items":
                children = [{"title": titles[(k + i) % len(titles)]} for k in range(draw.randint(2, 5))]
                for child in children:
                    if draw.random() < 0.5:
                        child["body"] = text()
                item["items"] = children
            items.append(item)
        parts.append({"title": f"第{number + 1}方面工作" + cjk(4, number), "item_numbers": "1.", "items": items})
    return make_report(office="小河区", measures=parts, problems=[], plans=[], lead_in="现将有关情况总结如下：")


def closing_report(lines: int, attachments: int = 2):
    """A closing paragraph of ``lines`` lines after two pages' worth of text, then the
    attachments note and the sign-off."""
    return make_report(
        office="小河区",
        opening=[paragraph(9, 1), paragraph(8, 2), "现将有关情况总结如下："],
        measures=[],
        problems=[],
        plans=[],
        closing=[paragraph(lines, 7)],
        attachments=[f"小河区创建工作{cjk(6, a)}情况统计表" for a in range(attachments)],
    )


def long_table_report():
    """A table of forty rows (one of three lines) that runs over two pages."""
    rows = [[f"第{i}项", cjk(6 + i % 5, i), f"{i * 7}个"] for i in range(1, 41)]
    rows[5][1] = cjk(40, 3)
    return _table_report(rows, [paragraph(5, 1)])


def table_foot_report(closing: int):
    """A table that ends three lines from the foot of page 2 (its blank line under it), then
    a closing paragraph of ``closing`` lines and the sign-off: a page with too few lines of
    text to set closer for the sign-off."""
    rows = [[f"第{i}项", cjk(6, i), f"{i * 7}个"] for i in range(1, 17)]
    return _table_report(rows, [paragraph(9, 1), paragraph(9, 2)], closing=closing, after=False)


# Sixty characters: the title the issue measured at five lines (11/13/16/14/7).
LONG_TITLE = (
    "关于云江市滨河区2024年1—9月创建全国文明城市、国家卫生城市巩固提升和新时代文明实践中心建设及志愿服务工作情况的报告"
)
JOINT_THREE = [
    "云江市滨河区创建全国文明城市工作领导小组办公室",
    "云江市滨河区精神文明建设指导委员会办公室",
    "云江市滨河区卫生健康局",
]


def title_joint_report():
    """A sixty-character title over two pages of text, signed jointly by three offices."""
    return make_report(
        office="云江市滨河区",
        title=LONG_TITLE,
        opening=[paragraph(9, 3), paragraph(7, 4), "现将有关情况报告如下："],
        problems=[{"body": [paragraph(8, 5), paragraph(6, 6)]}],
        signoff=JOINT_THREE,
    )


def blank_page_frame_report():
    """Text down to the foot of page 2, then the 版记: a blank page 3, the 版记 alone on page 4."""
    return make_report(
        opening=[paragraph(9, i) for i in range(3)], cc=["市文明办"], printed_by="小河区创城办", printed_on="2024-10-08"
    )


SIGNERS = ["王小河", "李四", "欧阳小明"]


def signers_frame_report():
    """A report sent upward by one office, signed by three: two lines of 签发人."""
    return make_report(mark="小河区创城办文件", number="小河创城办〔2024〕3号", signer=SIGNERS)


def assert_page_number(line, number: int) -> None:
    """Page ``number`` as GB/T 9704 7.5 puts it: “— N —” in 14 pt 宋体 (its stand-in), one
    character in from the outer edge, its 14 pt line starting 7 mm under the text block."""
    assert line.text == f"— {number} —"
    assert abs(line.size - 14) < 0.1 and line.fonts == {"FandolSong-Regular"}
    if number % 2:
        assert abs(line.x1 - (right_edge(number) - 14)) < 1.5
    else:
        assert abs(line.x0 - (left_edge(number) + 14)) < 1.5
    assert abs(line.top - (BLOCK_BOTTOM + 7 * MM)) < 1.5, line


# The official frame: a joint mark, number and 签发人, attachments of their own, the 版记. Its
# attachments start pages and its 版记 stands at the foot of a page of its own, so the rules of
# the body's page breaks do not apply to it (test_official_frame.py measures it).
FRAMED = {
    "frame": lambda: load(ROOT / "samples" / "frame" / "xiaohe-2024q3-sent-report.yaml").report,
    "frame-blank-page": blank_page_frame_report,
    "frame-signers": signers_frame_report,
}
