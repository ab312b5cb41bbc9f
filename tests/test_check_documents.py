"""civreport check on the clerk's own documents: Word files built here with faults planted in
body text, headings and table cells are checked where they are (paragraph and characters),
each finding becomes a comment on those characters (--annotate) and each fix a tracked change
(--fix) in a copy that keeps everything else of the original and that Word, openxml-audit and
LibreOffice read; accepting every change leaves nothing of what was fixed. Clean samples and
the real seeds give no finding of these rules but the faults they really hold."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from lxml import etree

import civreport
from civreport.checking.finding import Finding
from civreport.checking.rulebook import RULES
from civreport.cli import main

from conftest import ROOT, SAMPLES, assert_valid_docx
from libreoffice import soffice_to_doc
from reviews import W, accepted, comments, libreoffice_marks, rejected, text_of
from wordfiles import NS, Draft, Planted, add_list, add_xml, lvl, numbered

SEEDS = ROOT / "tests" / "data" / "seeds"
# The rules this proofreading of documents came with (issue 23); the others are older.
NEW_RULES = {
    "CR306",
    "CR307",
    "CR308",
    "CR309",
    "CR310",
    "CR311",
    "CR312",
    "CR405",
    "CR406",
    "CR407",
    "CR408",
    "CR409",
    "CR410",
    "CR503",
    "CR504",
    "CR601",
    "CR602",
    "CR603",
}
OFFICE = """\
checks:
  words:
    banned: [高大上]
    preferred: {网格员: 网格管理员}
    names:
      小河区创建全国文明城市工作领导小组办公室: [小河区创城办]
"""


def draft_with_every_fault() -> Draft:
    """A summary whose text went through a round trip between the scripts (原那么), with the
    rules' faults in body text, headings and table cells."""
    d = Draft()
    d.add("关于对小河区2024年第三季度创建全国文明城市工作情况的报告", ("CR408", "对"), where="title", style="Title")
    d.add("区委、区政府：")
    d.add(
        "今年以来，我区坚持原那么，推动经济社会开展，扎实推进各项创建工作，注册志愿者由1000人增加到1200人，"
        "增长25%。现将有关情况报告如下：",
        ("CR504", "开展"),
        ("CR306", "增长25%"),
    )
    d.add("一、主要做法：", ("CR406", "："), where="heading")
    d.add("（一）强化组织领导。", ("CR406", "。"), where="heading")
    d.add(
        "成立创建工作领导小组，用时三、四天完成2024.9.5部署的整改任务，2024年09月05日召开调度会。",
        ("CR308", "三、四"),
        ("CR310", "2024.9.5"),
        ("CR309", "09"),
        ("CR309", "05"),
    )
    d.add("1、加强宣传引导", ("CR405", "、"), where="heading")
    d.add(
        "组织国小学生参观新时代文明实践站，新建10KV线路3条，全区共3千5百人参与，满意度达到百分之九十五。",
        ("CR503", "国小"),
        ("CR311", "KV"),
        ("CR307", "3千5百"),
        ("CR301", "百分之九十五"),
    )
    d.picture()
    d.add("2、根本形成长效机制", ("CR405", "、"), ("CR504", "根本"), where="heading")
    d.add(
        "按照《关于对背街小巷开展集中整治的通知》（小河办发[2024]12号）要求，新修道路12公里，改造背街小巷8公里，铺设管线3公里。",
        ("CR408", "对"),
        ("CR410", "["),
    )
    long_heading = "加强宣传引导设置公益广告1200处开展志愿服务活动120场发放宣传资料2万份营造浓厚创建氛围"
    d.add(f"（二）{long_heading}", ("CR407", long_heading), where="heading", style="Heading 2")
    d.add("局部市民积极参与，广阔群众踊跃响应，新建人行道5km。", ("CR504", "局部"), ("CR504", "广阔"), ("CR312", "km"))
    d.table(
        [
            ["指标", "完成情况"],
            ["注册志愿者", "由1000人增加到1200人，增加了300人"],
            ["集中整治", "用时三、四天，于2024.10.8完成，2024年09月完成验收"],
            ["线路改造", "新建35KV线路2条，3千5百户受益，改造道路2km"],
            ["国小参观", "文件编号小河办发【2024】3号，满意度百分之五十"],
            ["经济社会开展", "作出应有的奉献"],
        ],
        ("CR306", "由1000人增加到1200人，增加了300人", "增加了300人"),
        ("CR308", "用时三、四天，于2024.10.8完成，2024年09月完成验收", "三、四"),
        ("CR310", "用时三、四天，于2024.10.8完成，2024年09月完成验收", "2024.10.8"),
        ("CR309", "用时三、四天，于2024.10.8完成，2024年09月完成验收", "09"),
        ("CR311", "新建35KV线路2条，3千5百户受益，改造道路2km", "KV"),
        ("CR307", "新建35KV线路2条，3千5百户受益，改造道路2km", "3千5百"),
        ("CR312", "新建35KV线路2条，3千5百户受益，改造道路2km", "km"),
        ("CR503", "国小参观", "国小"),
        ("CR410", "文件编号小河办发【2024】3号，满意度百分之五十", "【"),
        ("CR301", "文件编号小河办发【2024】3号，满意度百分之五十", "百分之五十"),
        ("CR504", "经济社会开展", "开展"),
        ("CR504", "作出应有的奉献", "奉献"),
    )
    d.add("二、存在的问题")
    swallowed = "部分点位长效管理机制仍不健全背街小巷环境卫生反复较大市民文明素质和群众知晓率都有待进一步提高"
    d.add(f"（一）{swallowed}", ("CR407", swallowed), where="heading")
    d.add("两次暗访发现的问题仍未全部整改，部分群众对创建工作的知晓率还不高。")
    d.add("三、下一步工作打算")
    d.add("（一）进一步标准创建工作流程：", ("CR504", "标准"), ("CR406", "："), where="heading")
    d.add("持续抓好问题整改，组织国小师生开展文明实践活动，健全常态长效机制。", ("CR503", "国小"))
    d.add("（二）完成10KV线路和5km人行道改造", ("CR311", "KV"), ("CR312", "km"), where="heading")
    d.add("新建线路2条，年底前全部完工。")
    d.add("（三）3千5百名志愿者开展国小结对帮扶", ("CR307", "3千5百"), ("CR503", "国小"), where="heading")
    d.add("每月开展结对活动1次。")
    d.add("（四）2024.11.1前完成百分之八十点位整改", ("CR310", "2024.11.1"), ("CR301", "百分之八十"), where="heading")
    d.add("逐一销号，确保按时完成。")
    d.add("小河区创建全国文明城市工作领导小组办公室")
    d.add("2024年10月8日")
    return d


def draft_of_an_office() -> Draft:
    """A summary with a kind twice in its title and the office's own words (OFFICE) broken."""
    d = Draft()
    d.add("小河区2024年第三季度创建全国文明城市工作总结报告", ("CR409", "总结报告"), where="title", style="Title")
    d.add(
        "今年以来，小河区创文办组织网格员入户走访，杜绝高大上的形式主义。",
        ("CR603", "小河区创文办"),
        ("CR602", "网格员"),
        ("CR601", "高大上"),
    )
    d.add("一、主要做法")
    d.add("（一）开展网格员培训", ("CR602", "网格员"), where="heading")
    d.table(
        [["事项", "说明"], ["入户走访", "小河区创文明办牵头，避免高大上"]],
        ("CR603", "小河区创文明办牵头，避免高大上", "小河区创文明办"),
        ("CR601", "小河区创文明办牵头，避免高大上", "高大上"),
    )
    d.add("培训网格员120名，覆盖全区16个社区。")
    d.add("二、存在的问题")
    d.add("部分社区网格员力量不足，入户走访还不够深入细致，群众反映的问题整改还不够及时。")
    return d


def draft_of_a_report_upward() -> Draft:
    d = Draft()
    d.add("关于对滨河区2024年上半年创建工作汇报总结", ("CR408", "对"), ("CR409", "汇报总结"), where="title")
    d.add("今年以来，滨河区扎实推进各项创建工作，共开展活动12场。")
    d.add("一、存在的问题")
    d.add("部分点位长效管理机制仍不健全，背街小巷环境卫生反复较大，群众满意度还不够高。")
    return d


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Draft]]:
    directory = tmp_path_factory.mktemp("drafts")
    (directory / "office.yaml").write_text(OFFICE, encoding="utf-8")
    out = {}
    for name, draft in (
        ("faults", draft_with_every_fault()),
        ("office", draft_of_an_office()),
        ("upward", draft_of_a_report_upward()),
    ):
        path = directory / f"{name}.docx"
        path.write_bytes(draft.data())
        out[name] = (path, draft)
    return out


def office_of(path: Path) -> Path:
    return path.parent / "office.yaml"


def found_in(path: Path, office: Path | None = None) -> list[Finding]:
    return civreport.check_document(path, office or office_of(path)).findings


def planted(drafts: dict[str, tuple[Path, Draft]]) -> Iterator[tuple[Path, Planted]]:
    for path, draft in drafts.values():
        for fault in draft.planted:
            yield path, fault


def _finds(finding: Finding, fault: Planted) -> bool:
    place = finding.place
    assert place is not None
    return (
        finding.code == fault.code
        and place.paragraph == fault.paragraph
        and (fault.cell is None or place.text == fault.cell)
        and fault.chars in place.found
    )


def test_every_new_rule_is_planted_twice_in_a_word_file(drafts: dict[str, tuple[Path, Draft]]) -> None:
    counts: dict[str, int] = {}
    for _, fault in planted(drafts):
        counts[fault.code] = counts.get(fault.code, 0) + 1
    assert {code for code, n in counts.items() if n >= 2} >= NEW_RULES
    where = {fault.where for _, fault in planted(drafts)}
    assert where == {"body", "heading", "cell", "title"}


def test_recall_at_the_paragraph_and_characters(drafts: dict[str, tuple[Path, Draft]]) -> None:
    findings = {path: found_in(path) for path, _ in drafts.values()}
    faults = list(planted(drafts))
    missed = [(path.name, fault) for path, fault in faults if not any(_finds(f, fault) for f in findings[path])]
    recall = 1 - len(missed) / len(faults)
    assert recall >= 0.95, missed
    assert not missed, missed  # measured: all of them


def test_each_finding_names_the_source_paragraph(
    drafts: dict[str, tuple[Path, Draft]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = drafts["faults"]
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}，第 3 段“今年以来，我区坚持原那么……”：警告 CR504 繁简往返的错词" in out
    assert f"{path}，第 14 段（表格第 3 行第 2 列）“用时三、四天，于2024……”：警告 CR308 约数加了顿号" in out
    assert "字段" not in out  # no field of an input file the clerk never saw


def test_a_clean_document_keeps_its_ordinary_words(tmp_path: Path) -> None:
    """开展工作, 根本原因, 局部地区, 广大群众, 无私奉献, 技术标准 are words: only a round trip's
    signature makes their neighbours suspect."""
    d = Draft()
    d.add("小河区2024年第三季度创建全国文明城市工作总结", style="Title")
    d.add(
        "今年以来，我区扎实开展工作，找准问题的根本原因，局部地区积水得到治理，广大群众无私奉献，执行技术标准，经济社会发展良好。"
    )
    d.add("一、存在的问题")
    d.add("部分点位长效管理机制仍不健全，背街小巷环境卫生反复较大，群众满意度还不够高。")
    path = tmp_path / "clean.docx"
    path.write_bytes(d.data())
    assert [f for f in civreport.check_document(path).findings if f.code in NEW_RULES] == []


def test_annotated_copy_has_a_comment_on_each_fault(drafts: dict[str, tuple[Path, Draft]], tmp_path: Path) -> None:
    faults = list(planted(drafts))
    placed = 0
    for path, draft in drafts.values():
        original = path.read_bytes()
        out = tmp_path / f"{path.stem}-批注.docx"
        assert main(["check", str(path), "--office", str(office_of(path)), "--annotate", str(out)]) == 1
        assert path.read_bytes() == original  # the original never modified
        data = out.read_bytes()
        assert_valid_docx(data)
        notes = comments(data)
        assert notes and all(n.author == "civreport" for n in notes)
        for fault in draft.planted:
            placed += any(
                n.text.startswith(fault.code) and n.anchored == fault.chars and n.paragraph == fault.paragraph
                for n in notes
            )
        assert text_of(data) == text_of(original)  # nothing but comments added
    assert placed / len(faults) >= 0.95
    assert placed == len(faults)  # measured: every comment on its characters


def test_the_copy_keeps_every_paragraph_table_picture_header_and_footer(
    drafts: dict[str, tuple[Path, Draft]], tmp_path: Path
) -> None:
    path, _ = drafts["faults"]
    out = tmp_path / "both.docx"
    assert main(["check", str(path), "--annotate", str(out), "--fix", str(out)]) == 1
    before, after = docx.Document(str(path)), docx.Document(str(out))
    assert len(after.paragraphs) == len(before.paragraphs) and len(after.tables) == len(before.tables)
    assert len(after.inline_shapes) == len(before.inline_shapes) == 1
    assert after.sections[0].header.paragraphs[0].text == "小河区创城办"
    assert after.sections[0].footer.paragraphs[0].text == "内部资料　注意保存"
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    assert text_of(rejected(out.read_bytes())) == text_of(path.read_bytes())
    assert comments(out.read_bytes())  # comments and changes in one file


def test_fix_writes_tracked_changes_that_accepted_leave_the_fixed_rules_clean(
    drafts: dict[str, tuple[Path, Draft]], tmp_path: Path
) -> None:
    for path, draft in drafts.values():
        out = tmp_path / f"{path.stem}-修订.docx"
        assert main(["check", str(path), "--office", str(office_of(path)), "--fix", str(out)]) == 1
        data = out.read_bytes()
        assert_valid_docx(data)
        assert text_of(rejected(data)) == text_of(path.read_bytes())  # every change can be undone
        fixed = tmp_path / f"{path.stem}-接受.docx"
        fixed.write_bytes(accepted(data))
        assert_valid_docx(fixed.read_bytes())
        fixable = {f.code for f in found_in(path) if f.fixable}
        assert fixable >= {fault.code for fault in draft.planted if RULES[fault.code].fixable}
        left = [f for f in found_in(fixed, office_of(path)) if f.code in fixable]
        assert left == [], [str(f) for f in left]


def test_the_changes_are_what_the_fixes_say(drafts: dict[str, tuple[Path, Draft]], tmp_path: Path) -> None:
    path, _ = drafts["faults"]
    out = tmp_path / "修订.docx"
    civreport.review_document(path, civreport.check_document(path), revised=out)
    after = text_of(accepted(out.read_bytes()))
    assert "今年以来，我区坚持原则，推动经济社会发展，扎实推进各项创建工作" in after[2]
    assert after[3:6] == [
        "一、主要做法",
        "（一）强化组织领导",
        "成立创建工作领导小组，用时三四天完成2024年9月5日部署的整改任务，2024年9月5日召开调度会。",
    ]
    assert after[6] == "1.加强宣传引导" and "组织小学学生参观" in after[7] and "10kV" in after[7]
    assert "（小河办发〔2024〕12号）" in after[10]


@pytest.mark.slow
def test_libreoffice_lists_the_comments_and_the_changes(drafts: dict[str, tuple[Path, Draft]], tmp_path: Path) -> None:
    path, _ = drafts["faults"]
    annotated, revised = tmp_path / "annotated.docx", tmp_path / "revised.docx"
    checked = civreport.check_document(path)
    (_, notes), (_, changes) = civreport.review_document(path, checked, annotated=annotated, revised=revised)
    marks = libreoffice_marks([annotated, revised], tmp_path / "lo")
    listed = marks["annotated"].comments
    assert len(listed) == notes.comments == len(comments(annotated.read_bytes()))
    assert all(author == "civreport" for author, _ in listed)
    assert {text.split(" ")[0] for _, text in listed} == {f.code for f in checked.findings}
    kinds = marks["revised"].changes
    assert {author for _, author in kinds} == {"civreport"}
    assert {kind for kind, _ in kinds} == {"insertion", "deletion"}
    assert len(kinds) >= changes.changes


def test_an_automatic_number_is_commented_not_changed(tmp_path: Path) -> None:
    """1、 from Word's numbering is not in the text: the fix is a comment saying what to change."""
    d = Draft()
    d.add("小河区2024年第三季度创建全国文明城市工作总结", style="Title")
    d.add("一、主要做法")
    add_list(d.document, 90, lvl(0, "decimal", "%1、"), {90: ""})
    numbered(d.document, "加强宣传引导", 90)
    d.add("设置公益广告1200处，开展志愿服务活动。")
    d.add("二、存在的问题")
    d.add("部分点位长效管理机制仍不健全，背街小巷环境卫生反复较大。群众满意度还不够高。")
    path = tmp_path / "numbered.docx"
    path.write_bytes(d.data())
    checked = civreport.check_document(path)
    assert [(f.code, f.place.text if f.place else "") for f in checked.findings] == [("CR405", "1、加强宣传引导")]
    ((_, review),) = civreport.review_document(path, checked, revised=tmp_path / "out.docx")
    assert review.changes == 0 and len(review.unplaced) == 1
    (note,) = comments((tmp_path / "out.docx").read_bytes())
    assert note.anchored == "加强宣传引导" and "“1、加” → “1.加”" in note.text


def test_json_and_sarif_carry_the_source_paragraph(
    drafts: dict[str, tuple[Path, Draft]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = drafts["faults"]
    assert main(["check", str(path), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    row = next(r for r in rows if r["code"] == "CR308" and r["place"]["cell"])
    assert row["place"] == {
        "paragraph": 14,
        "unit": "段",
        "cell": [3, 2],
        "excerpt": "用时三、四天，于2024……",
        "found": ["三、四"],
        "spans": [[2, 5]],
    }
    assert row["path"] == "paragraph[14].cell[3][2]" and row["file"] == str(path)
    assert main(["check", str(path), "--format", "sarif"]) == 1
    result = next(r for r in json.loads(capsys.readouterr().out)["runs"][0]["results"] if r["ruleId"] == "CR308")
    location = result["locations"][0]
    assert location["logicalLocations"][0]["name"] == "第 6 段“成立创建工作领导小组，用……”"
    assert location["physicalLocation"]["region"] == {"snippet": {"text": "成立创建工作领导小组，用……"}}
    assert result["properties"]["place"]["found"] == ["三、四"]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_text_and_web_documents_are_checked_by_line(tmp_path: Path, suffix: str) -> None:
    lines = ["小河区2024年第三季度创建全国文明城市工作总结", "", "今年以来，组织国小学生参观，用时三、四天。"]
    body = (
        "\n".join(lines)
        if suffix != ".html"
        else "<html><body>" + "".join(f"<p>{x}</p>\n" for x in lines if x) + "</body></html>"
    )
    path = tmp_path / f"draft{suffix}"
    path.write_text(body, encoding="utf-8")
    found = {
        (f.code, f.place.paragraph if f.place else 0, f.place.unit if f.place else "")
        for f in civreport.check_document(path).findings
    }
    line = 3 if suffix != ".html" else 2  # the HTML's second <p> is on its second line
    assert {("CR503", line, "行"), ("CR308", line, "行")} <= found


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["draft.txt", "--annotate", "out.docx"], "只能用于 Word 文档（.docx）：请在 Word 或 WPS 中把它另存为 .docx"),
        (["draft.docx", "--annotate", "draft.docx"], "不能写回原文件"),
        (["draft.docx", "--annotate", "out.pdf"], "文件名应以 .docx 结尾"),
        (["draft.docx", "draft.txt", "--annotate", "out.docx"], "只能给一个 .docx 文稿"),
        (["q3.yaml", "--fix", "out.docx"], "只能给一个 .docx 文稿"),
    ],
)
def test_what_cannot_be_annotated_is_refused_in_chinese(
    drafts: dict[str, tuple[Path, Draft]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    said: str,
) -> None:
    shutil.copy(drafts["faults"][0], tmp_path / "draft.docx")
    (tmp_path / "draft.txt").write_text("今年以来，组织国小学生参观。", encoding="utf-8")
    shutil.copy(SAMPLES[0], tmp_path / "q3.yaml")
    original = (tmp_path / "draft.docx").read_bytes()
    assert main(["check", *(str(tmp_path / a) if "." in a else a for a in args)]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert (tmp_path / "draft.docx").read_bytes() == original and not (tmp_path / "out.docx").exists()


def test_an_output_that_cannot_be_written_exits_1(
    drafts: dict[str, tuple[Path, Draft]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = drafts["faults"]
    (tmp_path / "目录.docx").mkdir()
    assert main(["check", str(path), "--annotate", str(tmp_path / "目录.docx")]) == 1
    err = capsys.readouterr().err
    assert "错误：" in err and "这是目录" in err and "Traceback" not in err


def test_fix_without_a_copy_leaves_a_document_as_it_is(
    drafts: dict[str, tuple[Path, Draft]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = drafts["faults"]
    original = path.read_bytes()
    assert main(["check", str(path), "--fix"]) == 1
    assert "文稿不就地改写：请用 --fix 修订稿.docx" in capsys.readouterr().err
    assert path.read_bytes() == original


def test_an_office_switches_rules_and_severities_for_documents_too(
    drafts: dict[str, tuple[Path, Draft]], tmp_path: Path
) -> None:
    path, _ = drafts["office"]
    profile = tmp_path / "p.yaml"
    profile.write_text(OFFICE + "  CR601: off\n  CR603: error\n", encoding="utf-8")
    found = civreport.check_document(path, profile).findings
    assert "CR601" not in {f.code for f in found}
    assert {f.severity for f in found if f.code == "CR603"} == {"error"}
    assert not {f.code for f in civreport.check_document(path).findings} & {"CR601", "CR602", "CR603"}


@pytest.mark.parametrize(
    ("entry", "line", "said"),
    [
        ("    preferred: {创文: 创文工作}\n", 3, "“创文”应写作的词里又有它自己"),
        ("    banned: [高大上, 高大上]\n", 3, "禁用词“高大上”写了两遍"),
        ("    banned: [高大上]\n    preferred: {创文: 高大上}\n", 4, "要改成的词是禁用词"),
        ("    banned: [1]\n", 3, "banned"),
    ],
)
def test_a_bad_word_list_entry_is_refused_at_its_line(tmp_path: Path, entry: str, line: int, said: str) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("checks:\n  words:\n" + entry, encoding="utf-8")
    with pytest.raises(civreport.InputError) as raised:
        civreport.check(civreport.load(SAMPLES[0]), profile)
    (problem,) = raised.value.problems
    assert problem.line == line and said in str(problem), str(problem)


def test_clean_samples_as_word_and_text_files_give_no_finding_of_the_new_rules(tmp_path: Path) -> None:
    paths = SAMPLES + sorted((ROOT / "samples" / "quarterly").glob("*.yaml"))
    assert main(["render", *map(str, paths), "--to", "docx,txt", "--out", str(tmp_path)]) == 0
    for path in sorted(tmp_path.glob("*.docx")) + sorted(tmp_path.glob("*.txt")):
        assert [str(f) for f in civreport.check_document(path).findings if f.code in NEW_RULES] == []
    for path in paths:
        assert civreport.check(civreport.load(path)) == []


def test_the_seeds_give_only_the_faults_they_hold() -> None:
    """The real summaries in tests/data/seeds, read as documents: the new rules find what is
    there to find and nothing else (each line read by a person)."""
    found = {
        (path.name[:3], f.code, f.place.paragraph if f.place else 0, f.place.found if f.place else ())
        for path in sorted(SEEDS.glob("*.txt"))
        for f in civreport.check_document(path).findings
        if f.code in NEW_RULES
    }
    assert found == {
        # 一、 …（一） … and then 1、 where GB/T 9704 writes 1.
        ("001", "CR405", 116, ("、",)),
        ("001", "CR405", 117, ("、",)),
        # Headings on a line of their own with a full stop after them, their text on the next lines.
        ("001", "CR406", 75, ("。",)),
        ("001", "CR406", 78, ("。",)),
        # The title names two kinds: 创建文明区工作汇报总结.
        ("004", "CR409", 1, ("汇报总结",)),
    }


@pytest.mark.slow
def test_a_doc_is_checked_by_paragraph_as_its_docx_is(drafts: dict[str, tuple[Path, Draft]], tmp_path: Path) -> None:
    """A .doc (or .wps) is read through LibreOffice: the same findings at the same paragraphs."""
    path, _ = drafts["faults"]
    doc = tmp_path / "faults.doc"
    (tmp_path / "lo").mkdir()
    doc.write_bytes(soffice_to_doc(path.read_bytes(), tmp_path / "lo"))

    def found(file: Path) -> set[tuple[str, int, tuple[str, ...]]]:
        return {(f.code, f.place.paragraph, f.place.found) for f in civreport.check_document(file).findings if f.place}

    assert found(doc) == found(path)


def test_links_revisions_fields_hidden_text_and_text_boxes(tmp_path: Path) -> None:
    """A paragraph as Word files hold one: a fault in a link, another's tracked changes, a field,
    hidden text and a text box; comments and changes stand on what Word shows."""
    d = Draft()
    d.add("小河区2024年第三季度创建全国文明城市工作总结", style="Title")
    d.document.part.relate_to("https://example.org/", RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = next(r for r, rel in d.document.part.rels.items() if rel.is_external)
    add_xml(
        d.document,
        f"""<w:p {NS} xmlns:v="urn:schemas-microsoft-com:vml">
          <w:r><w:t xml:space="preserve">今年以来</w:t></w:r>
          <w:del w:id="7" w:author="审稿人" w:date="2024-10-01T00:00:00Z"><w:r><w:delText>，，</w:delText></w:r></w:del>
          <w:ins w:id="8" w:author="审稿人" w:date="2024-10-01T00:00:00Z"><w:r><w:t>,组织</w:t></w:r></w:ins>
          <w:hyperlink r:id="{link}"><w:r><w:t>国小学生</w:t></w:r></w:hyperlink>
          <w:r><w:rPr><w:vanish/></w:rPr><w:t>网咖</w:t></w:r>
          <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
          <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
          <w:r><w:t>次参观，用时三、四天。</w:t></w:r>
          <w:r><w:pict><v:shape id="box" style="width:120pt;height:40pt"><v:textbox><w:txbxContent>
            <w:p><w:r><w:t>新建10KV线路3条。</w:t></w:r></w:p>
          </w:txbxContent></v:textbox></v:shape></w:pict></w:r>
        </w:p>""",
    )
    d.add("一、存在的问题")
    d.add("部分点位长效管理机制仍不健全，背街小巷环境卫生反复较大。群众满意度还不够高。")
    path = tmp_path / "word.docx"
    path.write_bytes(d.data())
    checked = civreport.check_document(path)
    assert {(f.code, f.place.found) for f in checked.findings if f.place} == {
        ("CR201", (",",)),
        ("CR503", ("国小",)),
        ("CR308", ("三、四",)),
        ("CR311", ("KV",)),
    }
    annotated, revised = tmp_path / "a.docx", tmp_path / "f.docx"
    civreport.review_document(path, checked, annotated=annotated, revised=revised)
    assert sorted((n.paragraph, n.anchored) for n in comments(annotated.read_bytes())) == [
        (2, ","),
        (2, "KV"),
        (2, "三、四"),
        (2, "国小"),
    ]
    for data in (annotated.read_bytes(), revised.read_bytes()):
        assert_valid_docx(data)
    after = text_of(accepted(revised.read_bytes()))
    # Another's changes accepted with civreport's: the hidden text and the field's code stay as they were.
    assert after[1].startswith("今年以来，组织小学学生网咖3次参观，用时三四天。")
    box = etree.fromstring(zipfile.ZipFile(io.BytesIO(accepted(revised.read_bytes()))).read("word/document.xml"))
    assert ["".join(b.itertext()).strip() for b in box.iter(f"{W}txbxContent")] == ["新建10kV线路3条。"]
    assert text_of(rejected(revised.read_bytes()))[1].startswith("今年以来，，国小学生网咖3次参观，用时三、四天。")


def test_a_paragraph_of_traditional_characters_gets_one_comment(tmp_path: Path) -> None:
    d = Draft()
    d.add("小河区2024年第三季度创建全国文明城市工作总结", style="Title")
    d.add("今年以來，我區紮實推進各項創建工作，開展活動，取得明顯成效。")
    d.add("一、存在的問題")
    d.add("部分點位長效管理機制仍不健全，背街小巷環境衛生反覆較大。")
    path, out = tmp_path / "traditional.docx", tmp_path / "out.docx"
    path.write_bytes(d.data())
    checked = civreport.check_document(path)
    civreport.review_document(path, checked, annotated=out)
    notes = [(n.paragraph, n.anchored) for n in comments(out.read_bytes()) if n.text.startswith("CR501")]
    assert notes == [
        (2, "來，我區紮實推進各項創建工作，開展活動，取得明顯"),
        (3, "問題"),
        (4, "點位長效管理機制仍不健全，背街小巷環境衛生反覆較"),
    ]
    (problems,) = [n for n in comments(out.read_bytes()) if n.text.startswith("CR402")]
    assert problems.paragraph == 3  # at the part's heading, though the report has it in simplified characters
