"""The importer's drop list (civreport/readers/importing/droplist.yaml): every pattern finds its
examples and leaves alone the text it could be mistaken for; a line it names is dropped with
its reason; real summary text that looks like site furniture is kept."""

from __future__ import annotations

import pytest

from civreport import import_document
from civreport.readers.importing.droplist import SECTIONS, DropPattern, drop_list
from civreport.readers.importing.noise import drop_noise
from civreport.readers.importing.source import SourceBlock

ENTRIES = [(section, entry) for section in SECTIONS for entry in getattr(drop_list(), section)]


def _id(value: object) -> str:
    return value.reason if isinstance(value, DropPattern) else str(value)


def test_every_entry_has_a_reason_a_site_and_examples() -> None:
    for _, entry in ENTRIES:
        assert entry.reason and entry.site and entry.examples


@pytest.mark.parametrize(("section", "entry"), ENTRIES, ids=_id)
def test_a_pattern_finds_its_examples_and_leaves_real_text_alone(section: str, entry: DropPattern) -> None:
    for example in entry.examples:
        assert entry.pattern.search(example), example
    for text in entry.keeps:
        assert not entry.pattern.search(text), text


@pytest.mark.parametrize(
    ("example", "reason"),
    [(example, entry.reason) for entry in drop_list().lines for example in entry.examples],
)
def test_a_line_of_the_drop_list_is_dropped_with_its_reason(example: str, reason: str) -> None:
    kept, drops = drop_noise([SourceBlock("某区2024年工作总结", 1), SourceBlock(example, 2)])
    assert [b.text for b in kept] == ["某区2024年工作总结"]
    assert [(d.line, d.reason) for d in drops] == [(2, reason)]


def test_latin_letters_and_bracketed_labels_are_a_summarys_own_text() -> None:
    text = (
        "某中心2024年信息化工作总结\n\n【工作回顾】\n\n"
        "今年完成了政务系统的迁移（.net core 2.1），新平台（ASP.NET）运行稳定。\n\n"
        "一、主要做法\n\n【亮点】建成数据中台（www服务已下线）。\n"
    )
    result = import_document(text.encode(), format="txt", name="总结.txt")
    assert not result.drops
    report = result.report
    assert report.opening == [
        "【工作回顾】",
        "今年完成了政务系统的迁移（.net core 2.1），新平台（ASP.NET）运行稳定。",
    ]
    assert report.parts[0].body == ["【亮点】建成数据中台（www服务已下线）。"]
