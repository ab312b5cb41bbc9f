"""civreport serve in a real browser: Debian's Chromium, headless, driven by Playwright against the
app served by Uvicorn on a free local port. What a clerk does: open a report from the workspace,
type and see the preview follow, see a validation error and a proofreading finding under their
fields, add, move and remove list entries, download the PDF, save (comments kept), start a new
report and import a summary. Chromium missing is a failure, not a skip: install it with
scripts/install-system-deps (the Debian package chromium)."""

from __future__ import annotations

import re
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pymupdf
import pytest
import uvicorn
from playwright.sync_api import Browser, Error, FilePayload, Page, Route, expect, sync_playwright

from civreport.readers.yamlfile import read_yaml
from civreport.serving.app import create_app

from conftest import ROOT

pytestmark = pytest.mark.slow  # a real browser

CHROMIUM = Path("/usr/bin/chromium")
SAMPLE = "hedong-street-2021.yaml"
OFFICE = "茂名市茂南区河东街道办事处"
TIMEOUT = 30_000  # ms: the first preview starts the worker process
ITEM_TITLE = re.compile(r"^parts\[0\]\.items\[\d+\]\.title$")
SUMMARY = """河西街道办事处2024年第三季度创建全国文明城市工作总结

今年以来，我街道坚持以创促建，扎实推进各项创建工作。现将有关情况总结如下：

一、主要工作
（一）强化组织领导
成立创建工作领导小组，定期研究部署。
二、存在问题
部分点位长效管理机制仍不健全。
三、下一步工作打算
持续抓好问题整改。

河西街道办事处
2024年10月8日
"""

# A page copied from a website (tests/data/editor): its office and period guessed, its navigation dropped.
WEB_PAGE = (ROOT / "tests" / "data" / "editor" / "web-page.txt").read_bytes()

expect.set_options(timeout=TIMEOUT)


# -- the server, the browser, a page ----------------------------------------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    shutil.copy(ROOT / "samples" / SAMPLE, root / SAMPLE)
    shutil.copytree(ROOT / "samples" / "offices", root / "offices")
    return root


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[str]:
    """The editor on a free port of 127.0.0.1 (the socket bound here, so no other process takes
    the port between choosing and serving); its address."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()  # connections wait in its queue until the server takes them: nothing to wait for here
    port = sock.getsockname()[1]
    uv = uvicorn.Server(
        uvicorn.Config(create_app(workspace, port=port), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=20)
        sock.close()
        assert not thread.is_alive(), "the editor's server did not stop"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is missing ({CHROMIUM}): the browser tests need Debian's chromium package "
            "(scripts/install-system-deps installs it)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        except Error as exc:
            pytest.fail(f"Chromium ({CHROMIUM}) did not start: {exc}", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    """A fresh browser tab; the test fails if the editor's script throws."""
    context = browser.new_context(base_url=server, accept_downloads=True, viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"the editor's script failed: {errors}"


@pytest.fixture
def report(workspace: Path, request: pytest.FixtureRequest) -> str:
    """A copy of the sample for this test alone (the server keeps a draft per report)."""
    name = f"{request.node.name}.yaml"
    shutil.copy(ROOT / "samples" / SAMPLE, workspace / name)
    return name


# -- helpers ------------------------------------------------------------------------------------


def preview(page: Page, after: int = 0) -> int:
    """Wait for the preview of an edit newer than generation ``after``, every page image of it
    loaded; its generation."""
    page.wait_for_function(
        """after => {
            const pages = document.getElementById("pages");
            const generation = Number(pages.dataset.generation || 0);
            const images = [...pages.querySelectorAll("img.page")];
            return generation > after && images.length > 0 && images.every(
                (image) => image.src.includes(`/page/${generation}/`) && image.complete && image.naturalWidth > 0);
        }""",
        arg=after,
    )
    generation = int(page.locator("#pages").get_attribute("data-generation") or 0)
    count = page.locator("img.page").count()
    expect(page.locator("#preview-state")).to_have_text(f"共 {count} 页")
    return generation


def open_editor(page: Page, name: str) -> int:
    page.goto(f"/edit/{quote(name)}")
    expect(page.locator(".editor")).to_have_attribute("data-name", name)
    return preview(page)


def images(page: Page) -> list[bytes]:
    """The preview's page images as the server sends them."""
    sources = page.eval_on_selector_all("img.page", "images => images.map((image) => image.src)")
    return [page.request.get(source).body() for source in sources]


def item_titles(page: Page) -> list[str]:
    """The titles of the first part's items, in the form's order."""
    fields = page.locator('#report [name^="parts[0].items["][name$="].title"]')
    return [
        fields.nth(i).input_value()
        for i in range(fields.count())
        if ITEM_TITLE.match(fields.nth(i).get_attribute("name") or "")
    ]


def import_web_page(page: Page, stem: str) -> None:
    """The web page imported from the home page as ``stem``.txt: its editor open, its preview shown."""
    page.goto("/")
    upload: FilePayload = {"name": f"{stem}.txt", "mimeType": "text/plain", "buffer": WEB_PAGE}
    page.locator("#import-file").set_input_files(files=[upload])
    page.locator("#import-report").get_by_role("button", name="导入").click()
    page.wait_for_url(f"**/edit/{quote(stem)}.yaml")
    preview(page)


def pdf_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return re.sub(r"\s+", "", "".join(p.get_text() for p in document))


# -- the tests ------------------------------------------------------------------------------------


def test_open_a_report_from_the_workspace(page: Page) -> None:
    page.goto("/")
    link = page.get_by_role("link", name=SAMPLE, exact=True)
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(f"**/edit/{SAMPLE}")
    expect(page.locator("header .doc")).to_have_text(SAMPLE)
    expect(page.locator('input[name="office"]')).to_have_value(OFFICE)
    expect(page.locator('[name="parts[0].items[0].title"]')).to_have_value("强化组织领导，从严压实责任")
    preview(page)
    assert page.locator("img.page").count() >= 2  # the sample runs to several pages
    expect(page.locator("#status")).to_have_text("")  # no message without a field of its own


def test_the_preview_follows_an_edit(page: Page, report: str) -> None:
    before = open_editor(page, report)
    old = images(page)
    page.fill('input[name="office"]', "茂名市茂南区河西街道办事处")
    after = preview(page, before)
    assert after > before
    assert images(page) != old  # the pages were drawn again, with the new office


def test_an_edit_shows_at_once_in_the_page_and_its_pdf_pages_follow(page: Page, report: str) -> None:
    """Issue 26.4: the edited paragraph is put in place in the page and scrolled to while its PDF
    is drawn (held here until the test lets it through), the other paragraphs left as they were;
    then the PDF's pages take the page's place."""
    before = open_editor(page, report)
    point = "parts[0].items[1].points[0]"
    sheet = "document.getElementById('at-once').shadowRoot"
    page.evaluate(f"{sheet}.querySelector('[data-path~=\"opening[0]\"]').dataset.kept = 'yes'")
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route("**/preview/**", hold)
    page.fill(f'textarea[name="{point}"]', "新增公益广告牌八十块。")
    block = page.locator(f'#at-once [data-path~="{point}"]')
    expect(block).to_have_text("一是新增公益广告牌八十块。")
    expect(block).to_be_in_viewport()
    expect(page.locator("#pages")).to_be_hidden()
    assert page.evaluate(f"{sheet}.querySelector('[data-path~=\"opening[0]\"]').dataset.kept") == "yes"
    for route in held:
        route.continue_()
    page.unroute("**/preview/**", hold)
    preview(page, before)
    expect(page.locator("#at-once")).to_be_hidden()
    expect(page.locator("#pages")).to_be_visible()


def test_the_page_at_once_opens_fields_and_underlines_findings_as_the_pages_do(page: Page, report: str) -> None:
    """While the page at once stands for the PDF's pages (held here), its paragraphs are the
    preview's: the finding of the edit is underlined at its paragraph with 修正, the paragraph
    of the field being edited is shaded, and a click on another paragraph opens its field."""
    open_editor(page, report)
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route("**/preview/**", hold)
    page.fill('textarea[name="opening[0]"]', "我街道高度重视,扎实推进各项创建工作。现将有关工作情况汇报如下：")
    marked = page.locator('#at-once .finding[data-path~="opening[0]"]')
    expect(marked).to_have_count(1)
    expect(marked).to_have_attribute("title", re.compile("^半角标点："))
    expect(page.locator("#at-once .finding")).to_have_count(1)
    expect(page.locator('#at-once .current[data-path~="opening[0]"]')).to_have_count(1)
    expect(page.locator("#pages")).to_be_hidden()
    point = "parts[0].items[1].points[0]"
    page.locator(f'#at-once [data-path~="{point}"]').click()
    expect(page.locator(f'textarea[name="{point}"]')).to_be_focused()
    marked.get_by_role("button", name="修正").click()
    expect(page.locator('textarea[name="opening[0]"]')).to_have_value(
        "我街道高度重视，扎实推进各项创建工作。现将有关工作情况汇报如下："
    )
    expect(page.locator("#at-once .finding")).to_have_count(0)
    assert held  # the pages were held all along: all of this was on the page at once


def test_the_page_loads_nothing_an_office_stylesheet_names_elsewhere(page: Page, report: str, workspace: Path) -> None:
    """An office's template may add a stylesheet to the page, which the preview's sheet carries:
    what it names on another host is never fetched (the editor's pages load from their own origin
    only), so a profile cannot send the report's text anywhere."""
    office = workspace / "offices" / "elsewhere"
    (office / "templates").mkdir(parents=True)
    (office / "profile.yaml").write_text("templates: templates\n", encoding="utf-8")
    (office / "templates" / "report.html.j2").write_text(
        '{% extends "civreport/report.html.j2" %}{% block head %}{{ super() }}'
        '<style>.body { background-image: url("http://203.0.113.1/seen.png"); }</style>{% endblock %}',
        encoding="utf-8",
    )
    refused: list[str | None] = []
    page.on("requestfailed", lambda request: refused.append(request.failure) if "203.0.113.1" in request.url else None)
    before = open_editor(page, report)
    page.select_option("#profile", "elsewhere")
    preview(page, before)
    css = page.evaluate("document.getElementById('at-once').shadowRoot.querySelector('style').textContent")
    assert "203.0.113.1" in css  # the sheet has the office's stylesheet …
    assert refused and set(refused) == {"csp"}  # … and the browser refuses what it names


def test_a_validation_error_appears_at_its_field_and_goes(page: Page, report: str) -> None:
    before = open_editor(page, report)
    message = page.locator('.msg[data-for="subject"]')
    field = page.locator(".field", has=page.locator('input[name="subject"]'))
    expect(message).to_be_hidden()
    page.fill('input[name="subject"]', "")
    expect(message).to_have_text("不能为空")
    expect(message).to_be_visible()
    expect(field).to_have_class(re.compile(r"\bhas-msg\b"))
    expect(page.locator("#preview-state")).to_have_text("报告有错误，改正后更新预览")
    assert int(page.locator("#pages").get_attribute("data-generation") or 0) == before  # the last good preview stays
    page.fill('input[name="subject"]', "创建全国文明城市")
    expect(message).to_have_text("")
    expect(message).to_be_hidden()
    expect(field).not_to_have_class(re.compile(r"\bhas-msg\b"))
    preview(page, before)


def test_a_proofreading_finding_appears_at_its_field(page: Page, report: str) -> None:
    before = open_editor(page, report)
    message = page.locator('.msg[data-for="opening[0]"]')
    page.fill('textarea[name="opening[0]"]', "我街道高度重视,扎实推进各项创建工作。现将有关工作情况汇报如下：")
    expect(message).to_contain_text("半角标点：")
    preview(page, before)  # a finding does not stop the preview
    page.fill('textarea[name="opening[0]"]', "我街道高度重视，扎实推进各项创建工作。现将有关工作情况汇报如下：")
    expect(message).to_be_hidden()


def test_list_entries_are_added_moved_and_removed(page: Page, report: str) -> None:
    generation = open_editor(page, report)
    titles = item_titles(page)
    assert len(titles) == 5

    page.click('button.op[data-op="add"][data-path="parts[0].items"]')
    new = page.locator('[name="parts[0].items[5].title"]')
    expect(new).to_have_value("")
    page.fill('[name="parts[0].items[5].title"]', "新增的测试条目")
    # Moved up at once (before the pause after typing): the typed title moves with its entry.
    page.click('button.op[data-op="up"][data-path="parts[0].items[5]"]')
    expect(page.locator('[name="parts[0].items[4].title"]')).to_have_value("新增的测试条目")
    assert item_titles(page) == [*titles[:4], "新增的测试条目", titles[4]]
    expect(page.locator("label[for=f-parts-0-items-4-title]")).to_have_text("条目 5")  # the form drawn again
    generation = preview(page, generation)

    page.click('button.op[data-op="remove"][data-path="parts[0].items[4]"]')
    expect(page.locator('[name="parts[0].items[5].title"]')).to_have_count(0)
    assert item_titles(page) == titles

    page.click('button.op[data-op="up"][data-path="parts[0].items[1]"]')
    expect(page.locator('[name="parts[0].items[0].title"]')).to_have_value(titles[1])
    assert item_titles(page) == [titles[1], titles[0], *titles[2:]]
    page.click('button.op[data-op="down"][data-path="parts[0].items[3]"]')
    expect(page.locator('[name="parts[0].items[4].title"]')).to_have_value(titles[3])
    assert item_titles(page) == [titles[1], titles[0], titles[2], titles[4], titles[3]]
    preview(page, generation)


def test_download_the_pdf_of_the_draft(page: Page, report: str) -> None:
    open_editor(page, report)
    page.fill('input[name="office"]', "茂名市茂南区河西街道办事处")
    # At once after typing: the download is of the draft with the last keystrokes in it.
    with page.expect_download() as info:
        page.click("#download-pdf")
    download = info.value
    assert download.suggested_filename == report.replace(".yaml", ".pdf")
    path = download.path()
    assert path is not None
    data = Path(path).read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert text.startswith("茂名市茂南区河西街道办事处2021年创建全国文明城市工作情况汇报")  # the title, from the office


def test_a_download_of_a_draft_with_an_error_keeps_the_clerk_on_the_page(page: Page, report: str) -> None:
    open_editor(page, report)
    page.fill('input[name="subject"]', "")
    page.click("#download-pdf")
    expect(page.locator("#status")).to_have_text("报告还有错误，改正后才能下载")
    assert page.url.endswith(f"/edit/{report}") and page.locator('input[name="subject"]').input_value() == ""


def test_save_writes_the_draft_and_keeps_the_comments(page: Page, report: str, workspace: Path) -> None:
    original = (ROOT / "samples" / SAMPLE).read_text(encoding="utf-8")
    opening = "自开展创建全国文明城市工作以来，我街道高度重视，扎实推进各项创建工作。现将有关工作情况汇报如下："
    open_editor(page, report)
    page.fill('textarea[name="opening[0]"]', opening)
    page.click("#save")  # at once after typing: what was typed is saved
    expect(page.locator("#status")).to_have_text(f"已保存到 {report}")

    saved = (workspace / report).read_text(encoding="utf-8")
    data: dict[str, Any] = read_yaml(original, SAMPLE)[0]
    assert read_yaml(saved, report)[0] == data | {"opening": [opening]}
    comments = [line for line in original.splitlines() if line.startswith("#")]
    assert len(comments) >= 3 and saved.splitlines()[: len(comments)] == comments
    # Nothing else of the file changed: the folded paragraph of the opening holds the new text.
    lines = original.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("    自开展创建全国文明城市工作以来"))
    assert lines[first - 1] == "  - >-"
    assert saved.splitlines() == [*lines[:first], f"    {opening}", *lines[lines.index("", first) :]]


def test_a_new_report_from_the_home_page(page: Page, workspace: Path) -> None:
    page.goto("/")
    home = page.locator("#new-report")
    home.locator('input[name="name"]').fill("河西街道三季度")
    home.locator('input[name="office"]').fill("河西街道办事处")
    home.locator('input[name="period"]').fill("2024年第三季度")
    home.get_by_role("button", name="新建").click()
    page.wait_for_url(f"**/edit/{quote('河西街道三季度.yaml')}")
    expect(page.locator('input[name="office"]')).to_have_value("河西街道办事处")
    expect(page.locator('input[name="period"]')).to_have_value("2024年第三季度")
    preview(page)
    text = (workspace / "河西街道三季度.yaml").read_text(encoding="utf-8")
    assert text.startswith("#") and "office: 河西街道办事处" in text


def test_import_a_summary_from_the_home_page(page: Page, workspace: Path) -> None:
    page.goto("/")
    home = page.locator("#import-report")
    summary: FilePayload = {"name": "河西三季度.txt", "mimeType": "text/plain", "buffer": SUMMARY.encode("utf-8")}
    expect(home.locator("#import-chosen")).to_have_text("未选择文件")
    with page.expect_file_chooser() as chooser:  # the label of ours, not the browser's own button, opens it
        home.get_by_text("选择文件", exact=True).click()
    chooser.value.set_files(files=[summary])
    expect(home.locator("#import-chosen")).to_have_text("河西三季度.txt")
    home.get_by_role("button", name="导入").click()
    page.wait_for_url(f"**/edit/{quote('河西三季度.yaml')}")
    expect(page.locator('input[name="office"]')).to_have_value("河西街道办事处")
    expect(page.locator('input[name="period"]')).to_have_value("2024年第三季度")
    expect(page.locator('textarea[name="opening[0]"]')).to_have_value(
        "今年以来，我街道坚持以创促建，扎实推进各项创建工作。现将有关情况总结如下："
    )
    expect(page.locator('[name="parts[0].items[0].title"]')).to_have_value("强化组织领导")
    preview(page)
    assert (
        (workspace / "河西三季度.yaml")
        .read_text(encoding="utf-8")
        .startswith("# 由 civreport import 从 河西三季度.txt 导入")
    )


def test_a_profile_outside_the_workspace_is_refused_at_its_list(page: Page, report: str, workspace: Path) -> None:
    """Issue 20.12: the editor does not run a profile the file names outside the workspace, and says so."""
    outside = f"../{workspace.name}-elsewhere/profile.yaml"
    text = (workspace / report).read_text(encoding="utf-8").replace("office:", f"profile: {outside}\noffice:", 1)
    (workspace / report).write_text(text, encoding="utf-8")
    page.goto(f"/edit/{quote(report)}")
    message = page.locator('header .msg[data-for="profile"]')
    expect(message).to_contain_text(f"办公室配置“{outside}”不在工作目录的 offices 文件夹中，编辑器不使用它")
    expect(message).to_be_visible()
    expect(page.locator("#profile")).to_have_value(outside)
    expect(page.locator("#preview-state")).to_have_text("报告有错误，改正后更新预览")
    page.select_option("#profile", "gbt9704")
    expect(message).to_be_hidden()
    preview(page)


def test_a_date_is_written_and_shown_in_chinese_in_an_english_browser(
    browser: Browser, server: str, report: str, workspace: Path
) -> None:
    """Issue 26.2: no date picker in the browser's language (mm/dd/yyyy): a text in the clerk's words."""
    context = browser.new_context(base_url=server, locale="en-US", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        generation = open_editor(page, report)
        field, message = page.locator('input[name="date"]'), page.locator('.msg[data-for="date"]')
        expect(field).to_have_attribute("placeholder", re.compile("^如 2024年10月8日"))
        field.fill("10/08/2024")
        expect(message).to_have_text("应为日期，如 2024年10月8日（也可写 2024-10-08 或 2024.10.8）")
        field.fill("2024.10.8")
        expect(message).to_be_hidden()
        preview(page, generation)
        page.click("#save")
        expect(page.locator("#status")).to_have_text(f"已保存到 {report}")
        page.reload()
        expect(page.locator('input[name="date"]')).to_have_value("2024年10月8日")
        assert str(read_yaml((workspace / report).read_text(encoding="utf-8"), report)[0]["date"]) == "2024-10-08"
    finally:
        context.close()


SCREEN = {"width": 1366, "height": 768}


def test_the_form_of_a_two_page_report_fits_in_two_screens(browser: Browser, server: str, workspace: Path) -> None:
    """Issue 26.1: a part or an item shows its title, paragraphs, points and items; the rest waits
    behind 更多选项, closed. The page, the form scrolled through, is no taller than two screens."""
    name = "two-pages.yaml"
    shutil.copy(ROOT / "tests" / "data" / "editor" / name, workspace / name)
    context = browser.new_context(base_url=server, viewport=SCREEN)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        open_editor(page, name)
        expect(page.locator("#preview-state")).to_have_text("共 2 页")
        more = page.locator("details.more")
        expect(more).to_have_count(1 + 3 + 2 + 3 + 2)  # the report's, each part's and each item's
        expect(page.locator("details.more[open]")).to_have_count(0)
        expect(page.locator('[name="parts[0].items[0].points_style"]')).to_be_hidden()
        expect(page.locator('[name="parts[0].items[0].title"]')).to_be_visible()
        # The header and the form's whole content: what the clerk scrolls through.
        height = page.evaluate(
            "document.querySelector('header').offsetHeight + document.getElementById('report').scrollHeight"
        )
        assert height <= 2 * SCREEN["height"], height
        page.locator("#f-parts-0-items-0-more > summary").click()
        expect(page.locator('[name="parts[0].items[0].points_style"]')).to_be_visible()
        # An operation draws the form again: what the clerk opened stays open.
        page.click('button.op[data-op="add"][data-path="parts[0].items[0].items"]')
        expect(page.locator('[name="parts[0].items[0].items[0].title"]')).to_have_value("")
        expect(page.locator("#f-parts-0-items-0-more")).to_have_attribute("open", "")
    finally:
        context.close()


def test_a_message_behind_more_options_opens_them(page: Page, report: str, workspace: Path) -> None:
    text = (workspace / report).read_text(encoding="utf-8").replace("kind:", "subtitle: ——创文工作,情况汇报\nkind:", 1)
    (workspace / report).write_text(text, encoding="utf-8")
    open_editor(page, report)
    expect(page.locator('.msg[data-for="subtitle"]')).to_contain_text("半角标点：")
    expect(page.locator("#f-more")).to_have_attribute("open", "")
    expect(page.locator('input[name="subtitle"]')).to_be_visible()
    expect(page.locator("#f-parts-0-more")).not_to_have_attribute("open", "")  # the others stay closed


def test_the_outline_beside_the_form_scrolls_it_and_follows_it(browser: Browser, server: str, workspace: Path) -> None:
    """Issue 26.1: the report's outline (frame, opening, parts, their items, closing) beside the form."""
    name = "outline.yaml"
    shutil.copy(ROOT / "tests" / "data" / "editor" / "two-pages.yaml", workspace / name)
    context = browser.new_context(base_url=server, viewport=SCREEN)
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        open_editor(page, name)
        outline = page.locator("#outline")
        links = outline.locator("a")
        expect(links.first).to_have_text("发文机关、期间")
        assert links.all_inner_texts() == [
            "发文机关、期间",
            "开头",
            "主要工作措施及成效",
            "强化组织领导，从严压实责任",
            "强化环境整治，确保工作实效",
            "存在的主要问题",
            "部分社区办公场所狭窄，不具备开展各项活动的场地条件",
            "车辆乱停乱放现象比较严重",
            "垃圾分类尚未得到全面推广落实，居民垃圾分类意识不强",
            "下一步工作计划",
            "全方位进行查漏补缺",
            "高标准抓好点位建设",
            "结尾",
        ]
        shown = """id => {
            const target = document.getElementById(id).getBoundingClientRect();
            const form = document.getElementById("report").getBoundingClientRect();
            return target.top >= form.top && target.bottom <= form.bottom;
        }"""
        assert not page.evaluate(shown, "f-parts-2-items-1")  # below the form's visible part
        outline.get_by_role("link", name="高标准抓好点位建设").click()
        page.wait_for_function(shown, arg="f-parts-2-items-1")
        outline.get_by_role("link", name="发文机关、期间").click()
        page.wait_for_function(shown, arg="f-office")
        # A part's items fold away; the outline follows the titles typed and the entries added.
        outline.locator("summary").nth(1).click(position={"x": 4, "y": 6})  # its marker, not its link
        expect(outline.get_by_role("link", name="车辆乱停乱放现象比较严重")).to_be_hidden()
        page.fill('[name="parts[0].title"]', "主要做法")
        expect(links.nth(2)).to_have_text("主要做法")
        page.click('button.op[data-op="add"][data-path="parts[2].items"]')
        expect(page.locator('[name="parts[2].items[2].title"]')).to_have_value("")
        expect(outline.locator("details").nth(2).locator("li")).to_have_count(3)
        expect(outline.locator("details").nth(2).locator("li").last).to_have_text("条目 3")
        expect(outline.get_by_role("link", name="车辆乱停乱放现象比较严重")).to_be_hidden()  # still folded
    finally:
        context.close()


def test_an_import_is_reviewed_before_its_final_download(page: Page) -> None:
    """Issue 26.3: the guesses with what they were taken from, each confirmed with a click; what
    was dropped, by kind, opened on demand; a draft download while guesses wait, named 草稿."""
    import_web_page(page, "网页上半年")
    review = page.locator("#review")
    guesses = review.locator("#guesses > li")
    expect(guesses).to_have_count(2)
    expect(guesses.first).to_contain_text("发文机关：标题中没有发文机关，取自落款“河西街道办事处”")
    dropped = review.locator("details.dropped")
    expect(dropped).to_have_count(3)
    expect(dropped.first.locator("summary")).to_have_text("网站的导航（1 处）")
    expect(dropped.first.locator("li")).to_be_hidden()  # closed until the clerk opens the kind
    dropped.first.locator("summary").click()
    expect(dropped.first.locator("li > .drop-text")).to_have_text("第 1 行：首页 > 工作动态 > 正文")

    page.click("#download-pdf")
    expect(page.locator("#status")).to_contain_text("导入时推断的发文机关、工作期间还没有核对")
    with page.expect_download() as info:
        page.click("#draft-pdf")
    assert info.value.suggested_filename == "网页上半年（草稿）.pdf"

    guesses.first.get_by_role("link", name="发文机关").click()
    expect(page.locator('input[name="office"]')).to_be_focused()
    guesses.first.get_by_role("button", name="确认").click()
    expect(guesses.first.get_by_role("button")).to_have_text("已确认")
    expect(page.locator("#status")).to_have_text("还有 1 项待核对")
    guesses.nth(1).get_by_role("button", name="确认").click()
    expect(page.locator("#status")).to_have_text("推断的各项都已确认：可以下载正式文档")
    with page.expect_download() as info:
        page.click("#download-pdf")
    assert info.value.suggested_filename == "网页上半年.pdf"
    path = info.value.path()
    assert path is not None and pdf_text(Path(path).read_bytes()).startswith("创建全国文明城市工作总结上半年，")


def test_findings_are_listed_beside_the_form_and_fixed_there(page: Page, report: str) -> None:
    """Issue 26.5: each finding in the list names its place in the form and opens it; 修正 where
    the proofreader can mend it writes the fix into the form."""
    generation = open_editor(page, report)
    count = page.locator("#findings-count")
    expect(count).to_have_text("（没有发现问题）")
    page.fill('textarea[name="opening[0]"]', "我街道高度重视,扎实推进各项创建工作。现将有关工作情况汇报如下：")
    found = page.locator("#findings > li")
    expect(found).to_have_count(1)
    expect(count).to_have_text("（1 处）")
    expect(found.first).to_contain_text("开头 1：半角标点：")
    page.locator("#report").evaluate("form => form.scrollTop = form.scrollHeight")
    found.first.get_by_role("link").click()
    expect(page.locator('textarea[name="opening[0]"]')).to_be_focused()
    found.first.get_by_role("button", name="修正").click()
    expect(page.locator('textarea[name="opening[0]"]')).to_have_value(
        "我街道高度重视，扎实推进各项创建工作。现将有关工作情况汇报如下："
    )
    expect(found).to_have_count(0)
    expect(count).to_have_text("（没有发现问题）")
    preview(page, generation)
    page.fill('input[name="subject"]', "")
    expect(count).to_have_text("（报告有错误，改正后校对）")


def spotted(page: Page) -> None:
    """Wait for the newest preview's paragraphs over its page images."""
    page.wait_for_function(
        """() => {
            const images = document.querySelectorAll("#pages img.page");
            return images.length > 0 && document.querySelectorAll("#pages .sheet > img.page").length === images.length
                && document.querySelectorAll("#pages .spot").length > 0;
        }"""
    )


IN_PREVIEW = """selector => {  // the first element it selects, seen whole in the preview's pane
    const element = document.querySelector(selector);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    const pane = document.querySelector(".preview").getBoundingClientRect();
    return box.height > 0 && box.top >= pane.top && box.bottom <= pane.bottom;
}"""


def test_a_paragraph_of_the_preview_opens_its_field_and_an_edit_scrolls_to_it(
    page: Page, report: str, workspace: Path
) -> None:
    """Issue 26.1: the form follows the preview (a click on a paragraph opens its field, behind
    更多选项 if need be) and the preview follows the form (an edit scrolls it to the paragraph)."""
    text = (workspace / report).read_text(encoding="utf-8").replace("kind:", "subtitle: ——创文工作情况汇报\nkind:", 1)
    (workspace / report).write_text(text, encoding="utf-8")
    open_editor(page, report)
    spotted(page)
    problems = page.locator('#pages .spot[data-path="parts[1].body[0]"] .line').first
    problems.scroll_into_view_if_needed()
    problems.click()
    expect(page.locator('textarea[name="parts[1].body[0]"]')).to_be_focused()
    # The subtitle is behind 更多选项: the click opens them.
    expect(page.locator('input[name="subtitle"]')).to_be_hidden()
    page.locator('#pages .spot[data-path="subtitle"] .line').click()
    expect(page.locator('input[name="subtitle"]')).to_be_focused()
    expect(page.locator("#f-more")).to_have_attribute("open", "")
    # A table has no field of its own: its item opens.
    page.locator('#pages .spot[data-path="parts[1].items[0].tables[0].title"] .line').click()
    expect(page.locator('[name="parts[1].items[0].title"]')).to_be_focused()

    page.locator(".preview").evaluate("pane => pane.scrollTop = 0")
    last = '#pages .spot[data-path~="parts[2].items[2].body[0]"] .line'
    assert not page.evaluate(IN_PREVIEW, last)
    page.locator('textarea[name="parts[2].items[2].body[0]"]').press("End")
    page.locator('textarea[name="parts[2].items[2].body[0]"]').type("再")
    page.wait_for_function(IN_PREVIEW, arg=last)
    expect(page.locator('#pages .spot[data-path~="parts[2].items[2].body[0]"]').first).to_have_class(
        re.compile(r"\bcurrent\b")
    )


def test_a_finding_is_underlined_in_the_preview_and_fixed_there(page: Page, report: str) -> None:
    """Issue 26.5: proofreading in place: the paragraph of a finding is marked in the preview,
    with 修正 beside it where the proofreader can mend it."""
    generation = open_editor(page, report)
    marked = page.locator('#pages .spot.finding[data-path="opening[0]"]')
    page.fill('textarea[name="opening[0]"]', "我街道高度重视,扎实推进各项创建工作。现将有关工作情况汇报如下：")
    preview(page, generation)
    spotted(page)
    expect(marked).to_have_count(1)
    expect(marked).to_have_attribute("title", re.compile("^半角标点："))
    expect(page.locator("#pages .spot.finding")).to_have_count(1)  # the other paragraphs are not marked
    marked.get_by_role("button", name="修正").click()
    expect(page.locator('textarea[name="opening[0]"]')).to_have_value(
        "我街道高度重视，扎实推进各项创建工作。现将有关工作情况汇报如下："
    )
    expect(page.locator("#pages .spot.finding")).to_have_count(0)


def test_an_item_is_moved_by_dragging_it(browser: Browser, server: str, report: str) -> None:
    """Issue 26.1: an entry dragged by its handle onto another of its list takes its place. (A
    tall window: Playwright's drag stops if the page scrolls between the two entries.)"""
    context = browser.new_context(base_url=server, viewport={"width": 1400, "height": 2400})
    context.set_default_timeout(TIMEOUT)
    page = context.new_page()
    try:
        open_editor(page, report)
        titles = item_titles(page)
        top = {"x": 8, "y": 8}
        page.locator('.drag[data-path="parts[0].items[4]"]').drag_to(
            page.locator("#f-parts-0-items-1"), target_position=top
        )
        expect(page.locator('[name="parts[0].items[1].title"]')).to_have_value(titles[4])
        assert item_titles(page) == [titles[0], titles[4], *titles[1:4]]
        # Onto what is no entry of its list (its part's own fields): nothing moves.
        page.locator('.drag[data-path="parts[0].items[0]"]').drag_to(page.locator("#f-parts-0"), target_position=top)
        page.locator('.drag[data-path="parts[0].items[1]"]').drag_to(
            page.locator("#f-parts-0-items-4"), target_position=top
        )
        expect(page.locator('[name="parts[0].items[4].title"]')).to_have_value(titles[4])
        assert item_titles(page) == titles
    finally:
        context.close()


def test_a_dropped_line_is_restored_with_a_click(page: Page) -> None:
    """Issue 26.3: a line the import dropped, restored as a paragraph where it stood, opened in the form."""
    import_web_page(page, "恢复")
    spotted(page)
    # A finding about a part (too thin) is marked at the part's heading in the preview.
    expect(page.locator('#pages .spot.finding[data-path="parts[1].title"]')).to_have_attribute(
        "title", re.compile("^部分过于单薄：")
    )
    kind = page.locator("#dropped details.dropped").first
    kind.locator("summary").click()
    kind.get_by_role("button", name="恢复为段落").click()
    restored = page.locator('textarea[name="opening[1]"]')
    expect(restored).to_have_value("首页 > 工作动态 > 正文")
    expect(restored).to_be_focused()
    expect(kind.get_by_role("button")).to_have_text("已恢复")
    expect(kind.get_by_role("button")).to_be_disabled()
