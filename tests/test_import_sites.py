"""Summaries as the web damages them, imported: a document site's preview of a .doc (line breaks
lost, page-chunk numbers mid-sentence, the site's furniture around), headings decoded in the
wrong encoding, a file of several summaries numbered from 篇6, pinyin glosses by the hundred.
Each copy is made from a real summary (tests/sitecopies.py) and its import is held to the
clean summary's: nearly every character printed, no junk printed, the same parts, the same
headings within 10%, and every guess or damage said at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civreport import import_document
from civreport.cli import main
from civreport.compose import compose
from civreport.model.limits import MAX_NAME
from civreport.model.punctuation import full_width

from sitecopies import (
    SEEDS,
    SUMMARIES,
    character_share,
    headings_per_level,
    imported,
    junk_lines,
    part_titles,
    preview,
    rendered,
)

SHARE = 0.98  # of the clean summary's characters printed from the copy
ITEMS = 0.10  # how far the copy's count of headings below the parts may stray


def _title(result) -> str:  # type: ignore[no-untyped-def]
    return "".join(compose(result.report).title_lines)


def _said(result) -> str:  # type: ignore[no-untyped-def]
    return full_width("\n".join(result.warnings))[0]


@pytest.mark.parametrize("anywhere", [False, True], ids=["cut-mid-word", "cut-anywhere"])
@pytest.mark.parametrize("one_line", [True, False], ids=["one-line", "line-per-chunk"])
@pytest.mark.parametrize("key", list(SUMMARIES))
def test_a_document_sites_preview_imports_as_the_clean_summary_does(key: str, one_line: bool, anywhere: bool) -> None:
    seed = SUMMARIES[key]
    clean = imported(seed.text())
    page = preview(seed, one_line=one_line, anywhere=anywhere, size=500 if anywhere else 600)
    copy = imported(page.text)
    output = rendered(copy)
    assert character_share(rendered(clean), output) >= SHARE
    assert junk_lines(output, page) == []
    assert _title(copy) == _title(clean)  # the file's name without 范文 and .doc
    # The same parts; a title that the words alone could not settle is named in a warning.
    for mine, theirs in zip(part_titles(copy), part_titles(clean), strict=True):
        assert mine == theirs or f"{mine}”" in _said(copy)
    counted, expected = headings_per_level(copy), headings_per_level(clean)
    assert counted[0] == expected[0]
    assert abs(sum(counted[1:]) - sum(expected[1:])) <= ITEMS * sum(expected[1:])
    # Every drop of the site's is summed up by kind, not listed line by line.
    head = copy.to_yaml().split("\noffice:")[0]
    assert "文档网站的页面标记 6 处" in head and "网站插入的分段序号" in head
    assert len(head.splitlines()) < 40


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_preview_saved_as_a_web_page_or_markdown_imports_the_same(fmt: str) -> None:
    seed = SUMMARIES["001-5"]  # 002's ** would be Markdown's bold
    lines = preview(seed).text.split("\n\n")
    text = (
        "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
        if fmt == "html"
        else "\n\n".join(lines)
    )
    copy = imported(text, f"总结.{fmt}")
    assert part_titles(copy) == part_titles(imported(seed.text()))
    assert character_share(rendered(imported(seed.text())), rendered(copy)) >= SHARE


def test_the_preview_of_a_file_of_five_summaries_gives_five_as_the_clean_file_does() -> None:
    text = (SEEDS / "001_58606f4a823be1ef.part1-5.txt").read_text(encoding="utf-8")
    body = "".join(line.strip() for line in text.splitlines())
    size = len(body) // 12
    page = "创文工作开展情况汇报范文.doc\n\n资源描述：\n\n" + "".join(
        f"{n}、{body[at : at + size]}" for n, at in enumerate(range(0, len(body), size), 1)
    )
    copy, clean = imported(page), imported(text)
    assert [part_titles(r) for r in (copy, *copy.more)] == [part_titles(r) for r in (clean, *clean.more)]
    assert character_share(rendered(clean), rendered(copy)) >= SHARE


def test_a_title_that_ran_into_its_text_is_cut_at_a_parts_name_or_guessed_and_said() -> None:
    text = (
        "某局2024年工作总结一、主要做法（一）加强领导，健全制度。局党组研究部署12次。（二）强化宣传氛围我们组织"
        "开展宣传活动20场，发放资料5000份。二、存在的问题对照要求，还存在一些不足。三、下一步打算持续抓好落实。"
    )
    result = imported(text)
    report = result.report
    assert [(p.role, p.title) for p in report.parts] == [
        ("measures", "主要做法"),
        ("problems", "存在的问题"),
        ("plans", "下一步打算"),
    ]
    assert [(i.title, i.body) for i in report.parts[0].items] == [
        ("加强领导，健全制度", ["局党组研究部署12次。"]),
        ("强化宣传氛围", ["我们组织开展宣传活动20场，发放资料5000份。"]),
    ]
    assert report.parts[1].body == ["对照要求，还存在一些不足。"]
    assert [w for w in result.warnings if "推断" in w] == [
        "第 1 行：原文的换行已丢失，“（二）强化宣传氛围”是按用词推断出的标题，其后的“我们组织开展宣传活动……”"
        "作为正文：请核对标题与正文的分界"
    ]


def test_a_part_heading_is_never_longer_than_a_heading_may_be() -> None:
    result = imported("某局2024年工作总结\n\n一、" + "加强组织领导，落实工作责任" * 300 + "。\n")
    [part] = result.report.parts
    assert part.title and len(part.title) <= MAX_NAME
    assert any(w.startswith("第 3 行：标题长于") for w in result.warnings)
    assert character_share("加强组织领导，落实工作责任" * 300, rendered(result)) >= SHARE


def test_page_chunk_numbers_go_only_where_they_break_a_sentence() -> None:
    text = (
        "某街道2024年工作总结\n\n"
        "今年以来重点抓了三件事：1、加强领导；2、完善制度；3、强化督查。1、2月份完成了全部任务，"
        "各社区落实到 2、人，责任到岗，经费3、4万元全部到位。\n"
    )
    result = imported(text)
    assert [(d.text, d.reason) for d in result.drops] == [("2、", "网站插入的分段序号")]
    assert result.report.opening == [
        "今年以来重点抓了三件事：1、加强领导；2、完善制度；3、强化督查。1、2月份完成了全部任务，"
        "各社区落实到人，责任到岗，经费3、4万元全部到位。"
    ]


# -- damaged encodings ---------------------------------------------------------------------------------

HEADING = re.compile(r"^[（(]?[一二三四五六七八九十]+[、)）]")


def _damaged(lines: list[str], wrong: str, right: str, strict: bool) -> dict[int, str]:
    """The heading lines of ``lines`` that decode in ``wrong`` as written in ``right`` (every
    one, or only those whose bytes round-trip), by index."""
    damaged = {}
    for i, line in enumerate(lines):
        if HEADING.match(line):
            try:
                damaged[i] = line.encode(right).decode(wrong)
            except UnicodeError:
                if not strict:
                    damaged[i] = line.encode(right).decode(wrong, "replace")
    return damaged


def test_headings_decoded_in_the_wrong_encoding_are_repaired_where_the_bytes_round_trip() -> None:
    seed = SUMMARIES["002"]
    lines = seed.lines()
    damaged = _damaged(lines, "big5", "gbk", strict=True)
    assert len(damaged) >= 2
    copy = imported("\n\n".join(damaged.get(i, line) for i, line in enumerate(lines)))
    clean = imported(seed.text())
    assert part_titles(copy) == part_titles(clean) and headings_per_level(copy) == headings_per_level(clean)
    assert rendered(copy) == rendered(clean)
    for i, text in damaged.items():
        line = 2 * i + 1  # the lines are set apart by blank ones
        assert any(w.startswith(f"第 {line} 行：“{text[:8]}") and "已还原为" in w for w in copy.warnings)


@pytest.mark.parametrize(("wrong", "right"), [("big5", "gbk"), ("gbk", "utf-8"), ("gbk", "big5")])
def test_damage_that_cannot_be_repaired_is_kept_with_a_warning_at_its_line(wrong: str, right: str) -> None:
    seed = SUMMARIES["001-1" if right == "big5" else "002"]
    lines = seed.lines()
    damaged = _damaged(lines, wrong, right, strict=False)
    copy = imported("\n\n".join(damaged.get(i, line) for i, line in enumerate(lines)))
    said = "\n".join(copy.warnings)
    listed = {int(n) for group in re.findall(r"第 ([\d、]+) 行", said) for n in group.split("、")}
    output = rendered(copy)
    for i, text in damaged.items():
        if text not in output:
            continue  # repaired, or the heading is printed anew (its number) with its title repaired
        assert 2 * i + 1 in listed, text  # never printed unremarked


def test_text_read_a_byte_out_of_step_is_kept_with_a_warning() -> None:
    # 。（一） as GBK read one byte out of step: 。ㄒ唬┯ — no encoding gives the bytes back.
    text = "某局2024年工作总结\n\n今年以来，我局扎实推进各项工作。ㄒ唬┯加强组织领导，健全工作机制。\n"
    result = imported(text)
    assert "ㄒ唬┯" in result.report.opening[0]
    assert result.warnings[0] == "第 3 行：“ㄒ唬┯”像是文字编码错误造成的乱码，无法还原，已原样保留：请对照原文核对改正"


def test_the_lines_of_a_real_summary_are_not_taken_for_damage() -> None:
    for name in ("001_58606f4a823be1ef.part1-5.txt", "002_98f0556f5988ddd0.txt", "004_3d7b2bcd786030d6.txt"):
        for result in (r := imported((SEEDS / name).read_text(encoding="utf-8")), *r.more):
            assert not any("乱码" in w for w in result.warnings)


# -- pinyin, and what is dropped summed up ------------------------------------------------------------------


def test_pinyin_after_any_character_goes_and_hundreds_of_drops_are_summed_up_in_a_line() -> None:
    gloss = "开展创(chuàng)建工作，"
    text = (
        "某区2024年创建工作总结\n\n我区F（xiàn）将"
        + gloss * 590
        + "成效明显（.net core 2.1）。\n\n一、主要做法\n\n加强领导。\n"
    )
    result = imported(text)
    written = result.to_yaml()
    head = written.split("\noffice:")[0]
    assert len(head.splitlines()) < 15
    assert "# - 拼音注音 591 处：第 3 行“（xiàn）”、第 3 行“(chuàng)”、第 3 行“(chuàng)”等" in head
    assert result.report.opening[0].startswith("我区F将开展创建工作，")
    assert result.report.opening[0].endswith("成效明显（.net core 2.1）。")


# -- several summaries in one file ---------------------------------------------------------------------


def _file_of_summaries(form: str) -> str:
    """Seed 001's first four summaries, numbered by a site in ``form``."""
    text = (SEEDS / "001_58606f4a823be1ef.part1-5.txt").read_text(encoding="utf-8")
    text = text[: text.index("創文工作開展情況匯報 篇5")]
    numerals = "一二三四五六七八九十"
    marks = {
        "篇6…篇9": lambda n, title: f"{title} 篇{n + 5}",
        "【篇二】": lambda n, title: f"【篇{numerals[n - 1]}】\n{title}",
        "范文一：": lambda n, title: f"范文{numerals[n - 1]}：{title}",
    }
    return re.sub(r"(創文工作開展情況匯報) 篇(\d)", lambda m: marks[form](int(m[2]), m[1]), text)


@pytest.mark.parametrize("form", ["篇6…篇9", "【篇二】", "范文一："])
def test_a_file_of_summaries_is_split_at_any_series_of_numbers_each_under_its_own_title(form: str) -> None:
    clean = imported((SEEDS / "001_58606f4a823be1ef.part1-5.txt").read_text(encoding="utf-8"))
    result = imported(_file_of_summaries(form))
    summaries = [result, *result.more]
    assert [part_titles(r) for r in summaries] == [part_titles(r) for r in (clean, *clean.more)][:4]
    assert [_title(r) for r in summaries] == ["创文工作开展情况汇报"] * 4
    for summary in summaries:
        [number] = [d for d in summary.drops if d.reason == "网站给各篇加的序号"]
        assert number.text.strip("：") in _file_of_summaries(form)


def test_a_list_of_titles_is_not_a_file_of_summaries() -> None:
    text = (
        "某局2024年工作总结\n\n今年以来，我局扎实推进各项工作，取得明显成效。\n\n"
        "附件：1.某局2024年上半年工作总结\n2.某局2024年下半年工作总结\n"
    )
    result = imported(text)
    assert not result.more
    assert result.report.attachments == ["某局2024年上半年工作总结", "某局2024年下半年工作总结"]


def test_the_command_line_names_the_file_and_the_line_of_each_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "预览.txt"
    source.write_text(preview(SUMMARIES["004"]).text, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "x.yaml")]) == 0
    err = capsys.readouterr().err
    assert f"提示：{source} 第 23 行：原文的换行已丢失" in err
    assert "条导入提示" in err


def test_a_bracketed_label_in_running_text_is_kept_and_opens_its_paragraph() -> None:
    text = (
        "某局2024年工作总结\n\n【工作回顾】今年以来，我局扎实推进各项工作。一、主要做法（一）加强领导，健全制度。"
        "局党组研究部署12次。【亮点工作】建成数据中台。二、存在的问题对照要求，还存在一些不足。\n"
    )
    report = imported(text).report
    assert report.opening == ["【工作回顾】今年以来，我局扎实推进各项工作。"]
    assert report.parts[0].items[0].body == ["局党组研究部署12次。", "【亮点工作】建成数据中台。"]


def test_a_chunk_number_the_series_proves_goes_even_where_it_does_not_break_a_sentence() -> None:
    # Chunks 2 and 4 break sentences; 3 stands after a full stop and 5 after figures (达到105、0%
    # is 达到10 5、 0%): each is the only one of its number between its neighbours.
    filler = "各社区按照要求扎实开展创建工作，广泛发动群众参与，取得了明显成效，群众满意度不断提升，"
    text = (
        "某街道2024年创建工作总结\n\n1、今年以来，"
        + filler * 4
        + "重点抓好2、环境整治，"
        + filler * 4
        + "完成了任务。3、"
        + filler * 4
        + "落实到4、人，"
        + filler * 4
        + "入户率达到105、0%，"
        + filler * 4
        + "各项工作6、有序推进。\n"
    )
    result = imported(text)
    assert [d.text for d in result.drops] == ["1、", "2、", "3、", "4、", "5、", "6、"]
    assert "入户率达到100%" in result.report.opening[0] and "、" not in result.report.opening[0]


def test_a_page_said_to_be_western_but_written_in_gbk_is_read_as_chinese() -> None:
    seed = SUMMARIES["002"]
    page = '<html><head><meta charset="iso-8859-1"></head><body>' + "".join(f"<p>{line}</p>" for line in seed.lines())
    copy = imported(page + "</body></html>", "总结.html")
    result = import_document(page.encode("gbk") + b"</body></html>", name="总结.html")
    assert rendered(result) == rendered(copy)


def test_western_words_and_lost_characters() -> None:
    text = (
        "某局2024年工作总结\n\n今年与Zürich和Lyon（Le développement a été très élevé）开展合作。\n\n"
        "第二季度完成???项任务。\n"
    )
    result = imported(text)
    assert result.report.opening[0] == "今年与Zürich和Lyon（Le développement a été très élevé）开展合作。"
    assert result.warnings[0] == "第 5 行：“???”像是文字编码错误造成的乱码，无法还原，已原样保留：请对照原文核对改正"


def test_points_at_sentence_starts_in_running_text_are_a_paragraph_each() -> None:
    text = (
        "某局2024年工作总结一、主要做法（一）加强领导。局党组高度重视。一是思想上高度重视。召开专题会议3次。"
        "二是行动上不遗余力。抽调骨干20名。（二）问题整改。主要问题：一是认识不足；二是投入不够。\n"
    )
    first, second = imported(text).report.parts[0].items
    assert first.body == ["局党组高度重视。"] and first.points_style == "paragraphs"
    assert [p if isinstance(p, str) else p.body for p in first.points] == [
        "思想上高度重视。召开专题会议3次。",
        "行动上不遗余力。抽调骨干20名。",
    ]
    assert second.points_style == "inline" and second.points == ["认识不足；", "投入不够。"]
