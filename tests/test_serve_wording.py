"""Issue 26.2: the editor speaks the clerk's words. Every page it serves (each route, the form of
reports that use every field, the form after each list operation, every error page) and every
message its JSON answers give the page to show (a field's messages, findings, refusals) is
scanned for Latin words: none may show outside file names, numbers and units. And the date field
takes a date as a clerk writes it, whatever the browser's locale."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from starlette.testclient import TestClient

import civreport
from civreport.serving.app import MAX_FORM_BYTES, create_app
from civreport.serving.workspace import Workspace

from conftest import ROOT

PORT = 8000
BASE = f"http://127.0.0.1:{PORT}"
SAMPLE = "hedong-street-2021.yaml"
EVERY = ("every-field.yaml", "every-role.yaml")  # tests/data/editor: each field the form shows, written
HTML = {"Accept": "text/html"}
# The kinds of file a clerk downloads, by the names Word and WPS give them; a size's unit.
FORMATS = {"PDF", "Word", "MB"}
_SUFFIX = re.compile(r"\.(?:docx|doc|wps|txt|html|md|yaml|pdf)\b")
_LATIN = re.compile(r"[A-Za-z]+")
_STANDARD = re.compile(r"\bGB/T \d+")  # a national standard by its number, as clerks cite it
_SHOWN = ("placeholder", "title", "alt", "aria-label")  # attributes the clerk reads


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "samples" / SAMPLE, tmp_path / SAMPLE)
    shutil.copytree(ROOT / "samples" / "offices", tmp_path / "offices")
    for name in EVERY:
        shutil.copy(ROOT / "tests" / "data" / "editor" / name, tmp_path / name)
    (tmp_path / "broken.yaml").write_text("office: [\n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def client(workspace: Path) -> Iterator[TestClient]:
    # As a run that made its workspace: the home page says so, and is scanned saying it.
    with TestClient(create_app(workspace, port=PORT, created=True), base_url=BASE) as client:
        yield client


def shown_text(page: str) -> list[str]:
    """What a clerk reads on a page: its text and the attributes a browser shows, not the
    clerk's own writing in the fields (input values, textareas), nor scripts and styles."""
    root = lxml.html.document_fromstring(page)
    out: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        if element.tag not in ("script", "style", "textarea"):
            out.append(element.text or "")
        out.append(element.tail or "")
        out += [element.get(name, "") for name in _SHOWN]
    return [text for text in out if text.strip()]


def latin_words(page: str, workspace: Path) -> list[str]:
    """The Latin words a clerk reads on ``page``, but for the names of files and of this server."""
    return latin_in(shown_text(page), workspace)


def latin_in(texts: list[str], workspace: Path) -> list[str]:
    """The Latin words in ``texts``, but for the names of files and of this server."""
    names = [str(workspace), *(p.name for p in workspace.rglob("*")), f"localhost:{PORT}"]
    found = []
    for text in texts:
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, " ")
        text = _STANDARD.sub(" ", _SUFFIX.sub(" ", text))
        found += [word for word in _LATIN.findall(text) if word not in FORMATS]
    return found


# What a JSON answer holds for the page's script, not for the clerk's eyes: field paths, a
# finding's code, the form (scanned as a page), addresses and file names, guessed fields' names,
# the page at once (the report's own text and the page's stylesheet, as its PDF's pages show them).
_FOR_THE_SCRIPT = {"path", "code", "form", "url", "imported", "pending", "sheet"}


def shown_json(value: Any) -> list[str]:
    """The texts of a JSON answer the page shows (a mapping's keys are field paths: it places
    their messages, naming them in its own words)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in shown_json(item)]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key not in _FOR_THE_SCRIPT for text in shown_json(item)]
    return []


def editor_headers(client: TestClient, name: str) -> dict[str, str]:
    page = client.get(f"/edit/{name}").text
    return {
        "X-CSRF-Token": re.search(r'name="csrf-token" content="([^"]+)"', page)[1],  # type: ignore[index]
        "X-Draft": re.search(r'data-draft="([^"]+)"', page)[1],  # type: ignore[index]
        "Origin": BASE,
    }


def error_answers(client: TestClient) -> dict[str, Any]:
    """Each kind of error a browser may open, by what it is."""
    return {
        "broken": client.get("/edit/broken.yaml", headers=HTML),
        "missing": client.get("/edit/missing.yaml", headers=HTML),
        "outside": client.get("/edit/..%2Fx.yaml", headers=HTML),
        "no page": client.get("/nowhere", headers=HTML),
        "method": client.get("/new", headers=HTML),
        "format": client.get(f"/edit/{SAMPLE}/download.txt", headers=HTML),
        "host": client.get("/", headers={**HTML, "Host": "evil.example:8000"}),
    }


def served_pages(client: TestClient) -> dict[str, str]:
    """Every page the editor serves, by what it is."""
    pages = {"/": client.get("/", headers=HTML).text}
    for name in EVERY:  # reports written in Chinese (the sample's own text has LED screens)
        pages[name] = client.get(f"/edit/{name}", headers=HTML).text
    # An import's review: its guesses and what was dropped, by kind.
    upload = {"file": ("网页.txt", (ROOT / "tests" / "data" / "editor" / "web-page.txt").read_bytes(), "text/plain")}
    (name,) = client.post("/import", files=upload, headers=editor_headers(client, EVERY[0])).json()["imported"]
    pages["import"] = client.get(f"/edit/{name}", headers=HTML).text
    assert 'id="guesses"' in pages["import"] and 'id="dropped"' in pages["import"]
    headers = editor_headers(client, EVERY[0])
    # The form as each list operation draws it again: new empty entries of every kind.
    for op, path in [
        ("add", "parts"),
        ("add", "parts[0].items"),
        ("add", "parts[0].items[0].items"),
        ("add", "parts[0].points"),
        ("add", "parts[0].items[0].indicators"),
        ("add", "indicators"),
        ("add", "attachments"),
        ("add", "opening"),
        ("add", "closing"),
        ("down", "parts[0]"),
    ]:
        answer = client.post(f"/edit/{EVERY[0]}/op", data={"__op": op, "__path": path}, headers=headers)
        pages[f"{op} {path}"] = answer.json()["form"]
    for what, answer in error_answers(client).items():
        assert answer.status_code >= 400, what
        pages[what] = answer.text
    return pages


def test_no_english_on_any_page_the_editor_serves(client: TestClient, workspace: Path) -> None:
    pages = served_pages(client)
    found = {what: words for what, page in pages.items() if (words := latin_words(page, workspace))}
    assert found == {}
    assert "主要做法" in pages[EVERY[0]] and "连成一段" in pages[EVERY[0]]  # the choices, in Chinese only


def json_answers(client: TestClient, workspace: Path) -> dict[str, Any]:
    """The JSON answers of every call the editor's page makes, by what was asked: with what goes
    wrong in each (fields in error, findings, refusals)."""
    name = EVERY[0]
    headers = editor_headers(client, name)
    url = f"/edit/{name}"
    out: dict[str, Any] = {}
    out["findings"] = client.post(
        f"{url}/update", data={"opening[0]": "我区高度重视,扎实推进。", "parts[0].title": "ok 的 abc"}, headers=headers
    )
    out["no fix"] = client.post(f"{url}/fix", data={"__path": "parts[9].body[0]", "__code": "CR101"}, headers=headers)
    wrong = {"subject": "", "date": "明天", "period": "第三季度"}
    out["errors"] = client.post(f"{url}/update", data=wrong, headers=headers)
    out["no page"] = client.get(f"{url}/page/999/0.png", headers=headers)
    out["fix with errors"] = client.post(f"{url}/fix", data={"subject": "", "__path": "x"}, headers=headers)
    out["bad op"] = client.post(f"{url}/op", data={"__op": "move", "__path": "parts[0]", "__to": "x"}, headers=headers)
    out["no review"] = client.post(f"{url}/confirm", data={"__field": "office"}, headers=headers)
    out["no drop"] = client.post(f"{url}/restore", data={"__drop": "0"}, headers=headers)
    out["save with errors"] = client.post(f"{url}/save", headers=headers)
    out["download with errors"] = client.get(f"{url}/download.pdf", headers=headers)
    right = {"subject": "创建全国文明城市", "date": "2024年10月8日", "period": "2024年第三季度"}
    client.post(f"{url}/update", data=right, headers=headers)
    out["saved"] = client.post(f"{url}/save", headers=headers)
    (workspace / name).write_text((workspace / name).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    out["saved elsewhere"] = client.post(f"{url}/save", headers=headers)
    out["stale page"] = client.post(f"{url}/update", data={}, headers={**headers, "X-Draft": "gone"})
    out["no token"] = client.post(f"{url}/save", headers={**headers, "X-CSRF-Token": "x"})
    out["cross-site"] = client.post(f"{url}/save", headers={**headers, "Origin": "http://evil.example"})
    out["too long"] = client.post(f"{url}/update", content=b"x" * (MAX_FORM_BYTES + 1), headers=headers)
    out["bad period"] = client.post("/new", data={"period": "第三季度"}, headers=headers)
    out["no file"] = client.post("/import", data={}, headers=headers)
    upload = {"file": ("网页.txt", (ROOT / "tests" / "data" / "editor" / "web-page.txt").read_bytes(), "text/plain")}
    (imported,) = client.post("/import", files=upload, headers=headers).json()["imported"]
    mine = editor_headers(client, imported)
    out["unconfirmed"] = client.get(f"/edit/{imported}/download.pdf", headers=mine)
    out["confirmed"] = client.post(f"/edit/{imported}/confirm", data={"__field": "office"}, headers=mine)
    out["not guessed"] = client.post(f"/edit/{imported}/confirm", data={"__field": "subject"}, headers=mine)
    out["restored"] = client.post(f"/edit/{imported}/restore", data={"__drop": "0"}, headers=mine)
    out["restored again"] = client.post(f"/edit/{imported}/restore", data={"__drop": "0"}, headers=mine)
    return out


def test_no_english_in_any_message_the_editors_answers_give_the_page(client: TestClient, workspace: Path) -> None:
    answers = json_answers(client, workspace)
    assert {what for what, answer in answers.items() if answer.status_code >= 400} == set(answers) - {
        "errors",
        "findings",
        "saved",
        "confirmed",
        "restored",
    }  # each refusal is there, as a refusal
    shown = {what: shown_json(answer.json()) for what, answer in answers.items() if answer.status_code != 204}
    assert [what for what, answer in answers.items() if answer.status_code >= 400 and not shown[what]] == []
    assert any(text.startswith("半角标点：") for text in shown["findings"])
    found = {what: words for what, texts in shown.items() if (words := latin_in(texts, workspace))}
    assert list(found) == ["findings"] and set(found["findings"]) == {"ok", "abc"}  # the clerk's own, quoted


def test_the_scan_finds_english_where_there_is_some(workspace: Path) -> None:
    assert latin_words('<p>连成一段（inline）</p><input placeholder="false：不要">', workspace) == ["inline", "false"]
    assert latin_in(["应用阿拉伯数字（GB/T 15835）", "最多 4 MB", "字段 parts[0].title"], workspace) == [
        "parts",
        "title",
    ]
    assert shown_json({"messages": {"parts[0].title": ["标题 abc"]}, "path": "opening[0]", "code": "CR101"}) == [
        "标题 abc"
    ]
    page = f'<p>{workspace}/{SAMPLE} 下载 PDF，.docx 文件</p><input value="rate"><textarea>abc</textarea>'
    assert latin_words(page, workspace) == []


def test_error_pages_are_the_editors_own(client: TestClient) -> None:
    for what, answer in error_answers(client).items():
        assert answer.headers["content-type"].startswith("text/html"), what
        page = lxml.html.document_fromstring(answer.text)
        assert page.xpath("//link/@href") == ["/static/editor.css"]
        assert page.xpath("//header/a/text()") == ["工作总结编辑器"]
        assert page.xpath("//a[@href='/']/text()")[-1] == "返回报告列表"
        assert page.xpath("//script") == []  # nothing to run on a refusal
    assert "只接受以 127.0.0.1:8000 或 localhost:8000 访问本编辑器" in answer.text


@pytest.mark.parametrize("typed", ["2024年10月8日", "2024-10-08", "2024.10.8", " 2024年10月8日 "])
def test_a_date_is_taken_as_a_clerk_writes_it_and_shown_in_chinese(
    client: TestClient, workspace: Path, typed: str
) -> None:
    name = EVERY[1]  # no date yet
    headers = editor_headers(client, name)
    answer = client.post(f"/edit/{name}/update", data={"date": typed}, headers=headers).json()
    assert "date" not in answer["messages"] and answer["valid"]
    assert client.post(f"/edit/{name}/save", headers=headers).json()["ok"]
    assert re.search(
        r"^date: '?2024-10-08'?$", (workspace / name).read_text(encoding="utf-8"), re.M
    )  # as files write it
    assert str(civreport.load(workspace / name).report.date) == "2024-10-08"
    form = lxml.html.document_fromstring(client.get(f"/edit/{name}").text)
    (field,) = form.xpath("//input[@name='date']")
    assert field.get("value") == "2024年10月8日" and field.get("type") is None  # no date picker in the locale's words


def test_a_date_that_is_no_date_is_refused_in_chinese(client: TestClient, workspace: Path) -> None:
    headers = editor_headers(client, EVERY[0])
    for typed in ("10月8日", "2024/13/01", "明天"):
        answer = client.post(f"/edit/{EVERY[0]}/update", data={"date": typed}, headers=headers).json()
        assert answer["messages"]["date"] == ["应为日期，如 2024年10月8日（也可写 2024-10-08 或 2024.10.8）"]
        assert not answer["valid"]


def test_a_period_is_shown_as_a_title_writes_it_and_kept_as_the_file_writes_it(
    client: TestClient, workspace: Path
) -> None:
    name = EVERY[0]
    form = lxml.html.document_fromstring(client.get(f"/edit/{name}").text)
    assert form.xpath("//input[@name='period']/@value") == ["2024年第三季度"]
    assert form.xpath("//input[@name='date']/@value") == ["2024年10月8日"]
    headers = editor_headers(client, name)
    client.post(f"/edit/{name}/update", data={"period": "2024年第三季度", "office": "河西街道办事处"}, headers=headers)
    assert client.post(f"/edit/{name}/save", headers=headers).json()["ok"]
    text = (workspace / name).read_text(encoding="utf-8")
    assert "period: 2024Q3" in text and "date: 2024-10-08" in text and "office: 河西街道办事处" in text
    bad = client.post(f"/edit/{name}/update", data={"period": "第三季度"}, headers=headers).json()
    assert bad["messages"]["period"] == ["应为期间，如 2024年第三季度、2024年上半年、2024年、2024年7—9月"]


def test_an_internal_error_is_a_page_of_the_editors_too(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Workspace) -> list[str]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Workspace, "reports", broken)
    with TestClient(create_app(workspace, port=PORT), base_url=BASE, raise_server_exceptions=False) as client:
        answer = client.get("/", headers=HTML)
    assert answer.status_code == 500 and answer.headers["content-type"].startswith("text/html")
    page = lxml.html.document_fromstring(answer.text)
    assert page.xpath("//h1/text()") == ["编辑器出错"] and page.xpath("//link/@href") == ["/static/editor.css"]
    assert "内部错误，请把操作步骤报告给开发者" in answer.text and latin_words(answer.text, workspace) == []
