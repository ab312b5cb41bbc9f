"""Word files of the shapes offices send, built with python-docx: lists numbered by Word at
several levels (directly and through styles, restarted and continued), headings in styles,
documents laid out in tables (an application form, a report form, a frame of one cell), body
tables (19×6 with merged header cells, 250 rows, 14 columns, one row), sign-offs in a table or
with a seal note. Each file is a function giving its bytes; CORPUS names them all."""

from __future__ import annotations

from collections.abc import Callable

from docx.document import Document as DocumentObject
from docx.enum.text import WD_BREAK
from docx.table import Table, _Cell

from wordfiles import FOUR_LEVELS, add_list, build, lvl, numbered

# Texts of the length and wording summaries have.
LONG = {
    "开展": (
        "今年以来，社区以老旧小区改造为契机，组建由党员、楼栋长和物业人员组成的“微治理”议事会，"
        "先后召开议事会18次，收集居民意见建议236条，推动解决停车难、加装电梯、楼道照明等民生实事41件。"
    ),
    "开展2": (
        "同时，社区建立“红色物业”联席会议制度，每月由社区党委牵头，物业公司、业委会共同研究小区治理难题，"
        "形成问题清单、责任清单和整改清单，做到件件有回音、事事有着落。"
    ),
    "成效": (
        "通过一年的努力，小区环境明显改善，居民满意度由年初的78%提升到95%，"
        "社区先后获评市级文明社区、区级“五星”党组织，相关做法被区委组织部专题推广。"
    ),
    "问题": (
        "一是部分居民参与议事的积极性还不够高，年轻居民参与较少；二是小区公共收益管理使用还不够规范；"
        "三是议事会成员能力参差不齐，协商议事的质量有待提升。"
    ),
    "打算": (
        "下一步，社区将进一步完善议事规则，推动议事会向所有小区全覆盖，"
        "探索建立公共收益公开公示制度，持续提升居民群众的获得感、幸福感和安全感。"
    ),
}


def _cell(cell: _Cell, paragraphs: list[str]) -> None:
    """A cell holding ``paragraphs``, each its own paragraph."""
    cell.text = paragraphs[0]
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def _table(document: DocumentObject, rows: list[list[str]]) -> Table:
    table = document.add_table(rows=0, cols=max(len(row) for row in rows))
    for row in rows:  # a row at a time: python-docx finds a cell by its position in time proportional to the table
        for cell, text in zip(table.add_row().cells, row):
            if text:
                cell.text = text
    return table


def numbered_items_after_unfinished_paragraphs() -> bytes:
    """Word's own 1、 list under typed headings, after paragraphs that end without a 。 (the
    importer once took the numbers for a website's chunk numbers and ran the items together);
    the list runs on across parts, and restarts in the last one."""

    def fill(d: DocumentObject) -> None:
        add_list(
            d,
            60,
            lvl(0, "decimal", "%1、"),
            {60: "", 61: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'},
        )
        d.add_paragraph("××县市场监督管理局2024年度安全生产工作总结")
        d.add_paragraph(
            "2024年，我局在县委县政府的坚强领导下，深入贯彻落实安全生产工作部署，坚持人民至上、生命至上，"
            "统筹发展和安全，全力防范化解重大安全风险，全年未发生较大以上安全生产事故"
        )
        d.add_paragraph("现将有关情况总结如下：")
        d.add_paragraph("一、主要工作开展情况").runs[0].bold = True
        d.add_paragraph("（一）压实安全生产责任")
        d.add_paragraph("局党组把安全生产摆在突出位置，坚持党政同责、一岗双责、齐抓共管、失职追责，主要做法有")
        for text in (
            "局党组先后5次专题研究安全生产工作，制定年度工作要点",
            "与各股室、市场监管所签订安全生产目标责任书23份",
            "将安全生产纳入年度目标考核，实行一票否决",
        ):
            numbered(d, text, 60)
        d.add_paragraph("（二）开展隐患排查整治")
        d.add_paragraph(
            "全年共出动执法人员1260人次，检查各类生产经营单位856家，发现隐患312处，已整改309处，整改率99%，重点抓了"
        )
        for text in (
            "特种设备安全专项整治，检验电梯、锅炉等特种设备1120台",
            "食品生产企业安全检查，督促企业落实主体责任",
        ):
            numbered(d, text, 60)  # Word counts on: 4、 5、
        d.add_paragraph("二、存在的问题").runs[0].bold = True
        d.add_paragraph("一是部分企业主体责任落实不到位；二是基层执法力量不足；三是隐患整改长效机制有待完善。")
        d.add_paragraph("三、2025年工作打算").runs[0].bold = True
        for text in ("持续压实各方责任，层层传导压力。", "深化重点领域专项整治。", "强化执法队伍建设，提升监管能力。"):
            numbered(d, text, 61)
        d.add_paragraph("××县市场监督管理局")
        d.add_paragraph("2024年12月20日")

    return build(fill)


def outline_numbered_by_heading_styles() -> bytes:
    """Four heading levels numbered by one Word list through the heading styles (一、（一）1.（1）),
    under a title that names its issuer before 关于; a part of achievements and shortfalls."""

    def fill(d: DocumentObject) -> None:
        add_list(d, 62, FOUR_LEVELS, {62: ""})
        for level, name in enumerate(["Heading 1", "Heading 2", "Heading 3", "Heading 4"]):
            num_pr = d.styles[name].element.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = level
            num_pr.get_or_add_numId().val = 62
        d.add_paragraph("××街道办事处关于2024年上半年工作情况的报告", "Title")
        d.add_paragraph("区委、区政府：")
        d.add_paragraph(
            "今年上半年，街道紧紧围绕区委区政府中心工作，凝心聚力、真抓实干，各项工作取得了新进展。现将有关情况报告如下："
        )
        d.add_paragraph("主要做法", "Heading 1")
        d.add_paragraph("抓党建促治理", "Heading 2")
        d.add_paragraph("深化网格化管理", "Heading 3")
        d.add_paragraph("全街道划分为16个网格，配备专职网格员32名。")
        d.add_paragraph("开展网格员培训", "Heading 4")
        d.add_paragraph("上半年组织培训4期，参训人员160人次。")
        d.add_paragraph("建立考核机制", "Heading 4")
        d.add_paragraph("推进红色物业", "Heading 3")
        d.add_paragraph(LONG["开展2"])
        d.add_paragraph("抓项目促发展", "Heading 2")
        d.add_paragraph("全力推进重点项目建设，完成固定资产投资5.2亿元，同比增长12%。")
        d.add_paragraph("成就与不足", "Heading 1")
        d.add_paragraph("上半年各项指标完成良好，但也存在招商引资后劲不足、民生短板较多等问题。")
        d.add_paragraph("下一步工作打算", "Heading 1")
        d.add_paragraph("持续抓好党建引领", "Heading 2")
        d.add_paragraph("全力以赴抓好项目建设", "Heading 2")
        d.add_paragraph("2024年7月10日")

    return build(fill)


def a_list_of_sentences_under_styled_headings() -> bytes:
    """Headings in styles without numbers; in the first part a Word list of eight sentences
    numbered 一、 (which once became eight parts); in the last, items numbered （一） by a list."""

    def fill(d: DocumentObject) -> None:
        add_list(d, 63, lvl(0, "chineseCounting", "%1、"), {63: ""})
        add_list(d, 64, lvl(0, "chineseCounting", "（%1）"), {64: ""})
        d.add_paragraph("2023年度创建全国文明城区工作总结", "Title")
        d.add_paragraph("2023年，我区坚持以习近平新时代中国特色社会主义思想为指导，扎实推进全国文明城区创建工作。")
        d.add_paragraph("工作开展情况", "Heading 1")
        d.add_paragraph("全年重点抓了以下工作：")
        for text in (
            "召开创建工作推进会6次，研究解决重点难点问题42个。",
            "完成背街小巷改造86条，新建口袋公园12个。",
            "整治农贸市场9个，规范设置便民摊点区域15处。",
            "开展新时代文明实践活动1200余场次，参与群众10万余人次。",
            "新增注册志愿者1.2万人，志愿服务时长累计超过50万小时。",
            "评选表彰道德模范、身边好人等先进典型56名。",
            "组织开展文明交通劝导活动，路口文明通行率达到96%。",
            "深化文明单位、文明社区创建，新增市级以上文明单位18个。",
        ):
            numbered(d, text, 63)
        d.add_paragraph("存在的问题", "Heading 1")
        d.add_paragraph("对照测评体系，城市管理精细化水平还有差距，部分老旧小区环境卫生反弹，常态长效机制有待健全。")
        d.add_paragraph("下一步工作打算", "Heading 1")
        numbered(d, "强化常态长效", 64)
        d.add_paragraph("建立健全常态化创建工作机制，推动创建工作由集中整治向常态管理转变。")
        numbered(d, "补齐设施短板", 64)
        d.add_paragraph("加大老旧小区改造力度，完善公共服务设施。")

    return build(fill)


def an_application_form() -> bytes:
    """A project application laid out in a table: label cells, and text cells spanning the
    rest of the row; the title above the table, the street's opinion and seal in the last row."""

    def fill(d: DocumentObject) -> None:
        d.add_paragraph("××社区2024年度文明创建示范项目申报表")
        table = _table(
            d,
            [
                ["项目名称", "老旧小区“微治理”示范项目", "申报单位", "××街道××社区居民委员会"],
                ["项目负责人", "张明", "联系电话", "0571-88886666"],
                ["项目简介", "", "", ""],
                ["工作开展情况", "", "", ""],
                ["主要成效", "", "", ""],
                ["存在问题", "", "", ""],
                ["下一步打算", "", "", ""],
                ["街道意见", "", "", ""],
            ],
        )
        bodies = {
            2: ["以老旧小区“微治理”为抓手，探索党建引领下的居民自治新路子，覆盖小区7个、居民2860户。"],
            3: [LONG["开展"], LONG["开展2"]],
            4: [LONG["成效"]],
            5: [LONG["问题"]],
            6: [LONG["打算"]],
            7: ["同意申报。", "××街道办事处（盖章）", "2024年12月20日"],
        }
        for row, paragraphs in bodies.items():
            merged = table.cell(row, 1).merge(table.cell(row, 3))
            _cell(merged, paragraphs)

    return build(fill)


def a_report_form() -> bytes:
    """A report form: the title in the table's first row, each section a label row above a text
    row, the unit and date in the last row; nothing outside the table."""

    def fill(d: DocumentObject) -> None:
        rows = [
            ["××镇2024年上半年河长制工作情况报告表"],
            ["一、基本情况"],
            ["全镇共有河道23条、总长86公里，设立镇级河长12名、村级河长45名，实现河湖管护责任全覆盖。"],
            ["二、主要做法及成效"],
            [
                "上半年，镇级河长巡河216次，村级河长巡河1080次，发现并整改问题137个；清理河道垃圾560吨，"
                "拆除违章建筑12处，河道水质达标率由年初的85%提高到93%。"
            ],
            ["三、存在的问题"],
            ["部分村级河长履职不够到位，巡河记录不规范；个别河段农业面源污染治理难度较大。"],
            ["四、下一步工作计划"],
            ["进一步压实河长责任，完善考核办法，加大面源污染治理力度，确保全年水质稳定达标。"],
            ["填报单位：××镇人民政府", "填报日期：2024年7月8日"],
        ]
        table = d.add_table(rows=len(rows), cols=2)
        for r, row in enumerate(rows):
            if len(row) == 1:
                _cell(table.cell(r, 0).merge(table.cell(r, 1)), row)
            else:
                for c, text in enumerate(row):
                    table.cell(r, c).text = text

    return build(fill)


def a_statistics_table_of_19_rows() -> bytes:
    """A summary with a 19×6 table under its caption in a part (a header row whose first cell
    spans two rows), and a small table between the opening and the first part."""

    def fill(d: DocumentObject) -> None:
        d.add_paragraph("××区发展和改革局2024年重点项目建设工作总结")
        d.add_paragraph("2024年，全区重点项目建设总体进展顺利，主要指标完成情况如下。")
        _table(
            d,
            [
                ["指标", "年度目标", "完成情况"],
                ["完成投资（亿元）", "85", "91.3"],
                ["新开工项目（个）", "30", "34"],
                ["竣工项目（个）", "20", "22"],
            ],
        )
        d.add_paragraph("一、项目推进情况")
        d.add_paragraph("全年安排重点项目60个，总投资326亿元，年度计划投资85亿元。各项目推进情况见下表。")
        d.add_paragraph("表1 2024年重点项目推进情况表")
        rows = [["序号", "项目名称", "计划投资（万元）", "完成投资（万元）", "完成率", "备注"]]
        rows += [["", "", "一季度", "全年", "", ""]]
        rows += [
            [
                str(n),
                f"第{n}号道路改造工程",
                str(1000 + 37 * n),
                str(980 + 41 * n),
                f"{90 + n % 10}%",
                "已完工" if n % 3 else "在建",
            ]
            for n in range(1, 18)
        ]
        table = _table(d, rows)
        table.cell(0, 0).merge(table.cell(1, 0))
        d.add_paragraph("二、存在的问题")
        d.add_paragraph("部分项目前期工作推进缓慢，要素保障压力较大。")
        d.add_paragraph("三、下一步工作打算")
        d.add_paragraph("加快项目前期工作，强化要素保障，确保重点项目早开工、早见效。")
        d.add_paragraph("××区发展和改革局")
        d.add_paragraph("2024年12月25日")

    return build(fill)


def a_table_of_250_rows() -> bytes:
    """A ledger of 250 rows in a part: more than one body table holds."""

    def fill(d: DocumentObject) -> None:
        d.add_paragraph("××街道2024年安全隐患排查整治工作总结")
        d.add_paragraph("2024年，街道深入开展安全隐患排查整治，现将有关情况总结如下：")
        d.add_paragraph("一、隐患排查整治情况")
        d.add_paragraph("全年共排查隐患250处，均已建立台账，逐一销号。")
        d.add_paragraph("附表：2024年隐患排查整改台账")
        rows = [["序号", "单位", "隐患内容", "整改情况"]]
        rows += [[str(n), f"第{n}家企业", "消防通道堵塞" if n % 2 else "电线私拉乱接", "已整改"] for n in range(1, 251)]
        _table(d, rows)
        d.add_paragraph("二、下一步打算")
        d.add_paragraph("建立隐患排查常态化机制。")

    return build(fill)


def a_sign_off_in_a_table() -> bytes:
    """A title naming no office; the office and date in a borderless table at the end."""

    def fill(d: DocumentObject) -> None:
        add_list(d, 65, lvl(0, "chineseCounting", "%1、"), {65: ""})
        d.add_paragraph("2024年上半年工作总结")
        d.add_paragraph("今年上半年，我局认真贯彻落实区委区政府决策部署，应急管理各项工作有序推进。")
        numbered(d, "主要工作", 65)
        d.add_paragraph("开展安全生产大检查，检查企业420家，整改隐患1260处。")
        numbered(d, "存在的问题", 65)
        d.add_paragraph("部分企业安全投入不足。")
        numbered(d, "下半年工作安排", 65)
        d.add_paragraph("持续开展隐患排查治理。")
        _table(d, [["××区应急管理局", ""], ["", "2024年7月5日"]])

    return build(fill)


def a_bare_list_after_the_opening() -> bytes:
    """A report whose body is a list of eight entries numbered 1. by the List Number style, no
    part headings; a year in a 以来 phrase and 上半年 in the opening, which names the office."""

    def fill(d: DocumentObject) -> None:
        d.add_paragraph("上半年工作情况汇报")
        d.add_paragraph(
            "1999年以来，我街道累计建成社区服务中心12个。今年上半年，××街道办事处认真贯彻区委区政府决策部署，"
            "各项工作稳步推进，现将有关情况汇报如下："
        )
        for text in (
            "2024年1—6月，完成地区生产总值28.6亿元，同比增长6.5%。",
            "完成固定资产投资9.2亿元，同比增长8%。",
            "新引进企业46家，注册资本12.3亿元。",
            "完成老旧小区改造3个，惠及居民1260户。",
            "新增就业岗位860个，城镇登记失业率控制在3%以内。",
            "开展矛盾纠纷排查化解，调处纠纷218件，调解成功率98%。",
            "创建市级文明社区2个。",
            "完成征兵、统计等其他工作任务。",
        ):
            d.add_paragraph(text, "List Number")
        d.add_paragraph("特此汇报。")

    return build(fill)


def circled_numbers_and_bullets() -> bytes:
    """Items with entries numbered ① ② ③ by a list, and bulleted entries."""

    def fill(d: DocumentObject) -> None:
        add_list(d, 66, lvl(0, "decimalEnclosedCircle", "%1"), {66: ""})
        d.add_paragraph("××县教育局2024年第三季度工作总结")
        d.add_paragraph("第三季度，全县教育系统扎实做好秋季开学各项工作。")
        d.add_paragraph("一、主要做法")
        d.add_paragraph("（一）做好秋季开学工作")
        d.add_paragraph("开学前组织开展了三项检查：")
        for text in (
            "校舍安全检查，排查校舍126栋；",
            "食品安全检查，覆盖学校食堂58个；",
            "消防安全检查，整改隐患31处。",
        ):
            numbered(d, text, 66)
        d.add_paragraph("（二）加强教师队伍建设")
        d.add_paragraph("新招聘教师86名，其中：")
        for text in ("研究生学历12名", "本科学历74名"):
            d.add_paragraph(text, "List Bullet")
        d.add_paragraph("二、存在的问题")
        d.add_paragraph("农村学校教师结构性缺编问题仍然突出。")

    return build(fill)


def a_document_in_a_frame_of_one_cell() -> bytes:
    """The whole document inside a one-cell table used as a frame, a data table nested in it."""

    def fill(d: DocumentObject) -> None:
        frame = d.add_table(rows=1, cols=1)
        cell = frame.cell(0, 0)
        _cell(
            cell,
            [
                "××乡2024年度农业农村工作总结",
                "2024年，全乡农业农村工作稳中有进。现将有关情况总结如下：",
                "一、主要成效",
                "粮食播种面积稳定在3.2万亩，总产量1.4万吨。",
            ],
        )
        inner = cell.add_table(rows=3, cols=3)
        for r, row in enumerate(
            (["作物", "面积（亩）", "产量（吨）"], ["水稻", "21000", "9800"], ["玉米", "11000", "4200"])
        ):
            for c, text in enumerate(row):
                inner.cell(r, c).text = text
        for text in ("二、存在的问题", "农业基础设施依然薄弱。", "××乡人民政府", "2024年12月28日"):
            cell.add_paragraph(text)

    return build(fill)


def wide_and_one_row_tables() -> bytes:
    """A table of 14 columns (more than a body table holds) and a table of a single row."""

    def fill(d: DocumentObject) -> None:
        d.add_paragraph("××市统计局2024年统计工作总结")
        d.add_paragraph("一、主要数据")
        d.add_paragraph("全年各月规模以上工业增加值增速如下。")
        _table(
            d,
            [
                ["指标", *[f"{m}月" for m in range(1, 13)], "全年"],
                ["增速（%）", *[f"{5 + m % 4}.{m}" for m in range(1, 13)], "6.8"],
            ],
        )
        d.add_paragraph("主要统计调查任务：")
        _table(d, [["人口抽样调查", "经济普查", "农业调查", "劳动力调查"]])
        d.add_paragraph("二、下一步工作打算")
        d.add_paragraph("持续提升统计数据质量。")

    return build(fill)


def page_breaks_and_manual_numbers() -> bytes:
    """A page break inside a paragraph, typed numbers 1、 on paragraphs of their own after a
    paragraph that ends mid-sentence (a Word paragraph is never a website's chunk), and a year
    end summary whose title names no year."""

    def fill(d: DocumentObject) -> None:
        d.add_paragraph("年底工作总结")
        d.add_paragraph("2023年，××街道办事处认真履行职责，全年各项工作取得明显成效。")
        d.add_paragraph("一、主要工作")
        d.add_paragraph("围绕中心工作，街道重点抓好了以下几个方面的工作，取得了较好的成效，具体是")
        d.add_paragraph("1、招商引资工作，全年引进项目16个。")
        paragraph = d.add_paragraph("2、城市管理工作，整治违法建设面积3.6万平方米，")
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        paragraph.add_run("拆除违章广告牌210块。")
        d.add_paragraph("二、存在的问题")
        d.add_paragraph("发展后劲不足。")

    return build(fill)


CORPUS: dict[str, Callable[[], bytes]] = {
    f.__name__: f
    for f in (
        numbered_items_after_unfinished_paragraphs,
        outline_numbered_by_heading_styles,
        a_list_of_sentences_under_styled_headings,
        an_application_form,
        a_report_form,
        a_statistics_table_of_19_rows,
        a_table_of_250_rows,
        a_sign_off_in_a_table,
        a_bare_list_after_the_opening,
        circled_numbers_and_bullets,
        a_document_in_a_frame_of_one_cell,
        wide_and_one_row_tables,
        page_breaks_and_manual_numbers,
    )
}
