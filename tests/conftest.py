from __future__ import annotations

import copy
import os
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from openxml_audit import OpenXmlValidator

from civreport import Page, Report
from civreport.rendering.blocks import Paragraph
from civreport.writers.docx import DocxWriter

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
# Property tests: a quick profile in `make test`, the same examples every run (a suite that
# fails now and then by chance is noise; a failure is reported as found, since shrinking renders
# PDFs for minutes), and a long random one that shrinks in `make fuzz` (2,000 examples of each
# property, every one within 20 seconds), whose finds become explicit examples.
_SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "quick",
    max_examples=12,
    deadline=None,
    suppress_health_check=_SLOW,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
settings.register_profile("fuzz", max_examples=2000, deadline=20_000, suppress_health_check=_SLOW)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # WordprocessingML, for lxml paths

YAML = textwrap.dedent("""\
    office: 小河区创建全国文明城市工作领导小组办公室
    period: 2024Q3
    subject: 创建全国文明城市
    date: 2024-10-08
    opening:
      - 今年以来，我区坚持以创促建、以创惠民，扎实推进各项创建工作。
    measures:
      - items:
          - title: 强化组织领导
            body:
              - 成立创建工作领导小组。
              - 定期召开调度会。
          - title: 加强宣传引导
            points: [设置公益广告1200处, 开展志愿服务活动]
    problems:
      - body: [部分点位长效管理机制仍不健全。]
    plans:
      - points: [持续抓好问题整改, 健全常态长效机制]
    """)

MINIMAL: dict[str, Any] = {
    "office": "小河区创建全国文明城市工作领导小组办公室",
    "period": "2024Q3",
    "subject": "创建全国文明城市",
    "date": "2024-10-08",
    "opening": ["今年以来，我区坚持以创促建、以创惠民，扎实推进各项创建工作。"],
    "measures": [
        {
            "items": [
                {"title": "强化组织领导", "body": ["成立创建工作领导小组。", "定期召开调度会。"]},
                {"title": "加强宣传引导", "points": ["设置公益广告1200处", "开展志愿服务活动"]},
            ]
        }
    ],
    "problems": [{"body": ["部分点位长效管理机制仍不健全。"]}],
    "plans": [{"points": ["持续抓好问题整改", "健全常态长效机制"]}],
}


def page_text(page: Page) -> str:
    """The text of the page's blocks, the cells of a table one after another."""
    return "".join(
        b.text if isinstance(b, Paragraph) else "".join(c.text for row in b.rows for c in row) for b in page.blocks
    )


def unit_input(name: str) -> str:
    """The report of a street office named ``name``: a unit of a batch or a district's roll-up."""
    return YAML.replace("小河区创建全国文明城市工作领导小组办公室", f"{name}街道办事处")


def make_report(**changes: Any) -> Report:
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return Report.model_validate(data)


@pytest.fixture
def minimal() -> dict[str, Any]:
    return copy.deepcopy(MINIMAL)


def assert_valid_docx(data: bytes) -> None:
    """Zero findings from openxml-audit (a port of the Open XML SDK validator)."""
    with tempfile.NamedTemporaryFile(suffix=".docx") as f:
        f.write(data)
        f.flush()
        result = OpenXmlValidator().validate(f.name)
    assert result.error_count == result.warning_count == 0, [e.description for e in result.errors[:10]]


@pytest.fixture(scope="session", autouse=True)
def every_docx_is_audited() -> Iterator[None]:
    """Every DOCX the test session writes in this process passes openxml-audit."""
    write = DocxWriter.write

    def audited(self: DocxWriter, page: Page) -> bytes:
        data = write(self, page)
        assert_valid_docx(data)
        return data

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DocxWriter, "write", audited)
        yield


def office_with_template(directory: Path, text: str, name: str = "report.html.j2") -> Path:
    """An office profile in ``directory`` whose template ``name`` is ``text``."""
    (directory / "templates").mkdir(parents=True, exist_ok=True)
    (directory / "templates" / name).write_text(text, encoding="utf-8")
    (directory / "p.yaml").write_text("templates: templates\n", encoding="utf-8")
    return directory / "p.yaml"


def closing_block(body: str) -> str:
    """A report template that replaces the closing paragraphs with ``body``."""
    return '{% extends "civreport/report.html.j2" %}{% block closing %}' + body + "{% endblock %}"


def cli_env() -> dict[str, str]:
    """The environment that runs this checkout's civreport."""
    return dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")


def alive(group: int) -> list[int]:
    """The processes of ``group`` still running (one that has exited but is not yet reaped is not)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except OSError:
            continue  # gone meanwhile
        if int(pgrp) == group and state != "Z":
            found.append(int(stat.parent.name))
    return found
