"""The public API as a developer's code type-checks it: mypy --strict, without the pydantic
plugin (a developer's project need not configure it)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

USER_CODE = textwrap.dedent("""\
    from pathlib import Path

    import civreport
    from civreport import Indicator, Item, Layout, Part, Period, Report, check, render_docx, render_page, write

    report = Report(office="小河区创城办", period=Period.parse("2024Q3"), subject="创建全国文明城市",
                    measures=[Part(items=[Item(title="强化组织领导", body=["成立领导小组。"])])],
                    indicators=[Indicator(key="a", name="活动", value=12, unit="场")])
    page = render_page(report, layout=Layout(margin_top_mm=30))
    pdf: bytes = write(page, "pdf")
    docx: bytes = render_docx(report)
    found: list[civreport.Finding] = check(report)
    loaded: civreport.LoadedReport = civreport.load(Path("r.yaml"))
    """)


@pytest.mark.slow
def test_the_public_api_type_checks_in_a_developers_code(tmp_path: Path) -> None:
    (tmp_path / "user.py").write_text(USER_CODE, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")  # no plugins
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(tmp_path / "cache"),
            "user.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout
