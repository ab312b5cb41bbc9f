"""civreport serve, endpoint by endpoint (Starlette's test client): pages, the editor's calls,
previews, downloads, saving with comments kept, new and imported reports, the review of an import
and the proofreader's fixes; and what it refuses:
cross-origin writes, writes without the page's token, other hosts, names outside the workspace,
oversized uploads, profiles that are not the workspace's."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import docx
import lxml.html
import pymupdf
import pytest
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Message

import civreport
import civreport.serving.server
from civreport.cli import main
from civreport.serving.app import MAX_FORM_BYTES, MAX_UPLOAD_BYTES, create_app
from civreport.serving.preview import PREVIEW_WORKERS

from conftest import ROOT, alive
from libreoffice import soffice_to_doc

PORT = 8000
BASE = f"http://127.0.0.1:{PORT}"
SAMPLE = "hedong-street-2021.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "samples" / SAMPLE, tmp_path / SAMPLE)
    shutil.copytree(ROOT / "samples" / "offices", tmp_path / "offices")
    return tmp_path


@pytest.fixture
def client(workspace: Path) -> Iterator[TestClient]:
    with TestClient(create_app(workspace, port=PORT), base_url=BASE) as client:
        yield client


def token(client: TestClient) -> dict[str, str]:
    page = client.get("/").text
    return {"X-CSRF-Token": re.search(r'name="csrf-token" content="([^"]+)"', page)[1], "Origin": BASE}  # type: ignore[index]


def opened(client: TestClient, name: str = SAMPLE) -> dict[str, str]:
    """Open ``name`` in the editor: the headers of that page's calls (its token and its draft)."""
    page = client.get(f"/edit/{name}").text
    return {**token(client), "X-Draft": re.search(r'data-draft="([^"]+)"', page)[1]}  # type: ignore[index]


def test_the_home_page_lists_the_reports(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and SAMPLE in page.text and "新建报告" in page.text


def test_the_editor_form_is_generated_from_the_model(client: TestClient) -> None:
    page = client.get(f"/edit/{SAMPLE}").text
    assert 'name="office" value="茂名市茂南区河东街道办事处"' in page
    assert 'name="parts[0].items[0].title"' in page and "发文机关" in page and "列举要点" in page
    assert 'data-op="add" data-path="parts[0].items"' in page
    assert '<option value="common-practice"' in page  # the workspace's office profiles


@pytest.mark.slow
def test_an_edit_gives_messages_at_their_fields_and_a_preview(client: TestClient) -> None:
    headers = opened(client)
    wrong = client.post(
        f"/edit/{SAMPLE}/update",
        data={"subject": "", "parts[0].items[0].title": "强化组织领导,压实责任"},
        headers=headers,
    ).json()
    assert wrong["valid"] is False and wrong["messages"]["subject"] == ["不能为空"]
    fixed = client.post(f"/edit/{SAMPLE}/update", data={"subject": "创建全国文明城市"}, headers=headers).json()
    assert fixed["valid"] is True
    assert any(
        m.startswith("半角标点：") for m in fixed["messages"]["parts[0].items[0].title"]
    )  # kept from the edit before
    pages = client.get(f"/edit/{SAMPLE}/preview/{fixed['generation']}", headers=headers).json()["pages"]
    assert pages >= 1
    image = client.get(f"/edit/{SAMPLE}/page/{fixed['generation']}/0.png", headers=headers)
    assert image.headers["content-type"] == "image/png" and image.content.startswith(b"\x89PNG")
    # An older preview is superseded by a newer edit.
    newer = client.post(f"/edit/{SAMPLE}/update", data={"office": "河东街道"}, headers=headers).json()
    assert client.get(f"/edit/{SAMPLE}/preview/{fixed['generation']}", headers=headers).status_code == 204
    assert client.get(f"/edit/{SAMPLE}/page/{fixed['generation']}/0.png", headers=headers).status_code == 404
    assert client.get(f"/edit/{SAMPLE}/preview/{newer['generation']}", headers=headers).json()["pages"] >= 1


def test_an_edit_answers_with_the_page_at_once_its_blocks_marked_with_their_fields(client: TestClient) -> None:
    """Issue 26.4: the page's blocks come with the edit's answer, before its PDF: each block as the
    HTML writer writes it, marked with the fields it prints; the stylesheet is the page's, its
    ``html`` and ``body`` those of the preview's shadow tree."""
    headers = opened(client)
    edit = client.post(
        f"/edit/{SAMPLE}/update", data={"parts[0].items[1].points[0]": "新增公益广告牌八十块。"}, headers=headers
    ).json()
    blocks = [lxml.html.fragment_fromstring(block) for block in edit["sheet"]["blocks"]]
    page = lxml.html.document_fromstring(
        civreport.write(civreport.render_page(civreport.load(ROOT / "samples" / SAMPLE)), "html")
    )
    assert len(blocks) == len(page.xpath("//body//p | //body//h1 | //body//h2 | //body//h3 | //body//table"))
    marked = {path: block for block in blocks for path in block.get("data-path", "").split()}
    assert marked["parts[0].items[1].points[0]"].text_content() == "一是新增公益广告牌八十块。"
    assert marked["parts[0].items[1].title"].text_content() == "（二）强化宣传发动，营造良好氛围"
    assert marked["opening[0]"].get("class") == "body" and marked["opening[0]"].tag == "p"
    css = edit["sheet"]["css"]
    assert ":host {" in css and "article {" in css and not re.search(r"(?<![\w.-])(html|body) \{", css)
    # An invalid draft has no page.
    wrong = client.post(f"/edit/{SAMPLE}/update", data={"subject": ""}, headers=headers).json()
    assert wrong["sheet"] is None


@pytest.mark.slow
def test_a_warm_editor_starts_its_preview_workers_with_the_server(workspace: Path) -> None:
    """civreport serve's editor (warm): the preview's workers run before the first edit."""
    app = create_app(workspace, port=PORT, warm=True)
    editor = next(route.endpoint.__self__ for route in app.routes if getattr(route, "path", "") == "/")  # type: ignore[attr-defined]
    assert not editor.previews.pool._processes
    with TestClient(app, base_url=BASE):
        assert len(editor.previews.pool._processes) == PREVIEW_WORKERS


def test_list_operations_add_remove_and_move(client: TestClient) -> None:
    headers = opened(client)
    form = client.post(f"/edit/{SAMPLE}/op", data={"__op": "add", "__path": "parts[0].items"}, headers=headers).json()[
        "form"
    ]
    assert 'name="parts[0].items[5].title"' in form
    form = client.post(
        f"/edit/{SAMPLE}/op", data={"__op": "down", "__path": "parts[0].items[0]"}, headers=headers
    ).json()["form"]
    first = re.search(r'name="parts\[0\]\.items\[0\]\.title" value="([^"]*)"', form)
    assert first and first[1] == "强化宣传发动，营造良好氛围"
    form = client.post(
        f"/edit/{SAMPLE}/op", data={"__op": "remove", "__path": "parts[0].items[5]"}, headers=headers
    ).json()["form"]
    assert 'name="parts[0].items[5].title"' not in form


def titles(form: str, path: str) -> list[str]:
    """The titles of the entries of the list at ``path``, in the order the form shows them."""
    fields = lxml.html.fragment_fromstring(form, create_parent="div").xpath("//input[@name]")
    wanted = re.compile(re.escape(path) + r"\[\d+\]\.title$")
    return [field.get("value") for field in fields if wanted.match(field.get("name"))]


def test_an_entry_dragged_onto_another_of_its_list_takes_its_place(client: TestClient) -> None:
    """Issue 26.1: the server's side of dragging an entry (the handle names it and the entry dropped on)."""
    headers = opened(client)
    url = f"/edit/{SAMPLE}/op"
    before = titles(client.get(f"/edit/{SAMPLE}").text, "parts[0].items")
    assert 'class="drag" draggable="true" data-path="parts[0].items[4]"' in client.get(f"/edit/{SAMPLE}").text
    moved = {"__op": "move", "__path": "parts[0].items[4]", "__to": "parts[0].items[1]"}
    form = client.post(url, data=moved, headers=headers).json()["form"]
    assert titles(form, "parts[0].items") == [before[0], before[4], *before[1:4]]
    back = {"__op": "move", "__path": "parts[0].items[1]", "__to": "parts[0].items[4]"}
    assert titles(client.post(url, data=back, headers=headers).json()["form"], "parts[0].items") == before
    for elsewhere in ("parts[1].items[0]", "parts[0].items[9]", "parts[0]"):  # another list, no such place
        refused = client.post(url, data={**moved, "__to": elsewhere}, headers=headers)
        assert refused.status_code == 400 and refused.json()["error"] == "无法执行这个操作：请刷新页面后重试"


def test_the_preview_says_where_each_paragraph_stands_on_its_pages(client: TestClient) -> None:
    """Issue 26.1 and 26.5: the spots of a preview's pages, each naming the fields it prints, as
    fractions of the page; the first page has the title and the opening, the last the sign-off."""
    headers = opened(client)
    edit = client.post(f"/edit/{SAMPLE}/update", data={}, headers=headers).json()
    count = client.get(f"/edit/{SAMPLE}/preview/{edit['generation']}", headers=headers).json()["pages"]
    pages = client.get(f"/edit/{SAMPLE}/spots/{edit['generation']}", headers=headers).json()["pages"]
    assert len(pages) == count
    first = [spot["path"] for spot in pages[0]]
    assert first[:3] == ["office subject", "opening[0]", "parts[0].title"]
    assert pages[-1][-1]["path"] == "signoff"
    lines = [line for page in pages for spot in page for line in spot["lines"]]
    assert all(min(left, top) >= 0 and left + width <= 1 and top + height <= 1 for left, top, width, height in lines)
    (opening,) = [spot for spot in pages[0] if spot["path"] == "opening[0]"]
    tops = [top for _, top, _, _ in opening["lines"]]
    assert len(tops) == 3 and tops == sorted(tops)  # three lines, top to bottom
    # A paragraph that runs onto the next page is on both, under the page number.
    assert {spot["path"] for spot in pages[0]} & {spot["path"] for spot in pages[1]} == {"parts[0].items[1].points[1]"}
    newer = client.post(f"/edit/{SAMPLE}/update", data={}, headers=headers).json()
    assert client.get(f"/edit/{SAMPLE}/spots/{edit['generation']}", headers=headers).status_code == 204
    assert client.get(f"/edit/{SAMPLE}/spots/{newer['generation']}", headers=headers).status_code == 200


@pytest.mark.slow
def test_downloads_are_the_drafts_pdf_and_docx(client: TestClient) -> None:
    headers = opened(client)
    client.post(
        f"/edit/{SAMPLE}/update", data={"office": "河东街道办事处", "signoff": "河东街道办事处"}, headers=headers
    )
    pdf = client.get(f"/edit/{SAMPLE}/download.pdf", headers=headers)
    assert pdf.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''hedong-street-2021.pdf" in pdf.headers["content-disposition"]
    text = "".join(page.get_text() for page in pymupdf.open(stream=pdf.content))
    assert "河东街道办事处" in text
    document = docx.Document(io.BytesIO(client.get(f"/edit/{SAMPLE}/download.docx", headers=headers).content))
    assert any(p.text == "河东街道办事处" for p in document.paragraphs)
    client.post(f"/edit/{SAMPLE}/update", data={"subject": ""}, headers=headers)
    assert client.get(f"/edit/{SAMPLE}/download.pdf", headers=headers).status_code == 422
    assert client.get(f"/edit/{SAMPLE}/download.exe", headers=headers).status_code == 404


@pytest.mark.slow
def test_saving_keeps_the_files_comments(client: TestClient, workspace: Path) -> None:
    headers = opened(client)
    client.post(f"/edit/{SAMPLE}/update", data={"office": "河东街道办事处", "__profile": "gbt9704"}, headers=headers)
    assert client.post(f"/edit/{SAMPLE}/save", headers=headers).json()["ok"]
    text = (workspace / SAMPLE).read_text(encoding="utf-8")
    original = (ROOT / "samples" / SAMPLE).read_text(encoding="utf-8")
    assert text.splitlines()[:3] == original.splitlines()[:3]  # the comments at the top
    assert "office: 河东街道办事处" in text and "profile: gbt9704" in text
    assert "# 用到的写法" in text
    client.post(f"/edit/{SAMPLE}/update", data={"subject": ""}, headers=headers)
    assert client.post(f"/edit/{SAMPLE}/save", headers=headers).status_code == 422
    assert "office: 河东街道办事处" in (workspace / SAMPLE).read_text(encoding="utf-8")


def test_new_and_imported_reports(client: TestClient, workspace: Path) -> None:
    headers = token(client)
    made = client.post("/new", data={"name": "三季度", "office": "河西街道办事处", "period": "2024Q3"}, headers=headers)
    assert made.json()["url"] == "/edit/%E4%B8%89%E5%AD%A3%E5%BA%A6.yaml"
    assert "office: 河西街道办事处" in (workspace / "三季度.yaml").read_text(encoding="utf-8")
    again = client.post("/new", data={"name": "三季度"}, headers=headers).json()
    assert again["url"].endswith("-2.yaml")  # never over an existing file
    summary = "某区2024年上半年工作总结\n\n今年以来，工作有序推进。\n\n一、主要做法\n\n加强领导。\n".encode()
    imported = client.post("/import", files={"file": ("上半年.txt", summary, "text/plain")}, headers=headers).json()
    assert imported["imported"] == ["上半年.yaml"]
    assert client.get(imported["url"]).status_code == 200
    bad = client.post(
        "/import", files={"file": ("x.docx", b"not a document", "application/octet-stream")}, headers=headers
    )
    assert bad.status_code == 422 and "不是有效的 Word" in bad.json()["error"]


def test_writes_from_another_origin_or_without_the_token_are_refused(client: TestClient, workspace: Path) -> None:
    headers = opened(client)
    before = (workspace / SAMPLE).read_bytes()
    for bad in (
        {**headers, "Origin": "http://evil.example"},
        {"Origin": BASE},
        {**headers, "X-CSRF-Token": "guess"},
        {"X-CSRF-Token": headers["X-CSRF-Token"]},
    ):
        for url in (f"/edit/{SAMPLE}/save", f"/edit/{SAMPLE}/update", "/new"):
            response = client.post(url, data={"office": "攻击者"}, headers=bad)
            assert response.status_code == 403, (bad, url)
    assert (workspace / SAMPLE).read_bytes() == before
    assert "拒绝跨站请求" in client.post("/new", headers={**headers, "Origin": "http://evil.example"}).json()["error"]


def test_other_hosts_are_refused(workspace: Path) -> None:
    with TestClient(create_app(workspace, port=PORT), base_url="http://attacker.example") as client:
        refused = client.get("/")  # DNS rebinding: only 127.0.0.1 and localhost
        assert refused.status_code == 400
        assert "只接受以 127.0.0.1:8000 或 localhost:8000 访问本编辑器" in refused.text
    with TestClient(create_app(workspace, port=PORT), base_url="http://localhost:8000") as client:
        assert client.get("/").status_code == 200


# Issue 20.8: only what precedes the port was compared, so the first two were answered with the token.
@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:8000@evil.example",
        "127.0.0.1:8000 evil.example",
        "user@127.0.0.1:8000",
        "localhost:8000@",
        "127.0.0.1:8000/evil",
        "localhost:8000/",
        "127.0.0.1 :8000",
        "127.0.0.1: 8000",
        "local host:8000",
        "localhost.:8000",
        "127.0.0.1.:8000",
        "LOCALHOST:8000",
        "Localhost:8000",
        "127.0.0.1:8001",
        "localhost:80",
        "127.0.0.1:08000",
        "127.0.0.1:+8000",
        "127.0.0.1:8000:8000",
        "127.0.0.1:",
        "127.0.0.1",
        "localhost",
        "[::1]:8000",
        "[127.0.0.1]:8000",
        "localhost.attacker.example:8000",
        "127.0.0.1.attacker.example:8000",
        "attacker.example:8000",
        "127.0.0.1:8000,evil.example",
        "",
    ],
)
def test_a_host_is_accepted_only_as_exactly_this_servers(workspace: Path, host: str) -> None:
    with TestClient(create_app(workspace, port=PORT), base_url=BASE) as client:
        answer = client.get("/", headers={"Host": host})
        assert answer.status_code == 400 and "csrf-token" not in answer.text
        assert "只接受以 127.0.0.1:8000 或 localhost:8000 访问本编辑器" in answer.text
        assert client.post("/new", data={"name": "x"}, headers={**token(client), "Host": host}).status_code == 400
        assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_the_host_names_this_servers_port_and_nothing_else(workspace: Path) -> None:
    with TestClient(create_app(workspace, port=80), base_url="http://localhost") as client:
        for host in ("localhost", "127.0.0.1", "localhost:80", "127.0.0.1:80"):  # no port: HTTP's own
            assert client.get("/", headers={"Host": host}).status_code == 200, host
        for host in ("localhost:8000", "localhost:", "localhost:080"):
            assert client.get("/", headers={"Host": host}).status_code == 400, host
    with TestClient(create_app(workspace, port=PORT, hosts=["::1"]), base_url="http://[::1]:8000") as client:
        assert client.get("/").status_code == 200
        for host in ("::1:8000", "[::1]", "[::1]8000", "[0:0:0:0:0:0:0:1]:8000", "[::1]:8000]"):
            assert client.get("/", headers={"Host": host}).status_code == 400, host
    with TestClient(create_app(workspace, port=PORT), base_url=BASE) as client:
        twice = client.get("/", headers=[("Host", "127.0.0.1:8000"), ("Host", "evil.example:8000")])
        assert twice.status_code == 400


@pytest.mark.parametrize(
    "name", ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd.yaml", ".hidden.yaml", "x.txt", "link.yaml", "sub%2Fr.yaml"]
)
def test_names_outside_the_workspace_are_refused(
    client: TestClient, workspace: Path, tmp_path_factory: pytest.TempPathFactory, name: str
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text("office: 秘密\n", encoding="utf-8")
    (workspace / "link.yaml").symlink_to(outside)
    (workspace / ".hidden.yaml").write_text("office: 隐藏\n", encoding="utf-8")
    response = client.get(f"/edit/{name}")
    assert response.status_code == 404 and "秘密" not in response.text and "隐藏" not in response.text
    headers = token(client)
    assert client.post(f"/edit/{name}/save", headers=headers).status_code == 404
    assert "link.yaml" not in client.get("/").text


def test_oversized_uploads_and_foreign_profiles_are_refused(client: TestClient) -> None:
    headers = token(client)
    big = client.post("/import", files={"file": ("big.txt", b"x" * 21_000_000, "text/plain")}, headers=headers)
    assert big.status_code == 413
    headers = opened(client)
    response = client.post(f"/edit/{SAMPLE}/update", data={"__profile": "../../etc"}, headers=headers)
    assert response.status_code == 400


CHUNK = b"x" * 1_000_000


def chunked(app: ASGIApp, path: str, headers: dict[str, str], chunks: int) -> tuple[int, bytes, int]:
    """POST ``chunks`` chunks of a megabyte to ``app`` as a chunked request arrives (Starlette's
    test client would read the whole body first): the answer's status and body, and how many
    chunks the app had read when it answered."""
    read, answered = 0, -1
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal read
        if read == chunks:
            return {"type": "http.disconnect"}
        read += 1
        return {"type": "http.request", "body": CHUNK, "more_body": read < chunks}

    async def send(message: Message) -> None:
        nonlocal answered
        if message["type"] == "http.response.start":
            answered = read
        sent.append(message)

    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", PORT),
        "headers": [(b"host", b"127.0.0.1:8000"), *raw],
    }
    asyncio.run(app(scope, receive, send))
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:]), answered


# Issue 20.12: a chunked body was read whole before any limit; now reading stops at the limit.
@pytest.mark.parametrize(
    ("path", "content_type", "limit", "refusal"),
    [
        ("/import", "multipart/form-data; boundary=b", MAX_UPLOAD_BYTES, "文件超过 20 MB，无法导入"),
        ("/new", "application/x-www-form-urlencoded", MAX_FORM_BYTES, "内容过长：表单最多 20 MB"),
        (f"/edit/{SAMPLE}/update", "multipart/form-data; boundary=b", MAX_FORM_BYTES, "内容过长：表单最多 20 MB"),
        (f"/edit/{SAMPLE}/op", "application/x-www-form-urlencoded", MAX_FORM_BYTES, "内容过长：表单最多 20 MB"),
    ],
)
def test_a_chunked_body_is_refused_as_soon_as_it_passes_the_limit(
    workspace: Path, path: str, content_type: str, limit: int, refusal: str
) -> None:
    app = create_app(workspace, port=PORT)
    with TestClient(app, base_url=BASE) as client:
        headers = {**opened(client), "Content-Type": content_type, "Transfer-Encoding": "chunked"}
        status, body, read = chunked(app, path, headers, 100)
        assert status == 413 and json.loads(body)["error"] == refusal and read == limit // len(CHUNK) + 1
        stated = {**headers, "Content-Length": str(100 * len(CHUNK))}
        del stated["Transfer-Encoding"]
        assert chunked(app, path, stated, 100)[::2] == (413, 0)  # a length past the limit: refused unread
    assert sorted(p.name for p in workspace.iterdir()) == [SAMPLE, "offices"]


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office profile outside the workspace, with templates of its own."""
    office = tmp_path_factory.mktemp("elsewhere") / "foreign"
    shutil.copytree(ROOT / "samples" / "offices" / "common-practice", office)
    (office / "profile.yaml").write_text("templates: templates\n", encoding="utf-8")
    return office / "profile.yaml"


# Issue 20.12: a page could set the draft's profile to any path; its templates ran and 保存 wrote it.
def test_a_page_only_chooses_among_the_workspaces_profiles(
    client: TestClient, workspace: Path, elsewhere: Path
) -> None:
    headers = opened(client)
    update, op = f"/edit/{SAMPLE}/update", f"/edit/{SAMPLE}/op"
    for url, data in (
        (update, {"__profile": str(elsewhere)}),
        (update, {"profile": str(elsewhere)}),
        (update, {"profile": str(elsewhere), "__profile": ""}),
        (update, {"profile": "offices/common-practice/profile.yaml"}),
        (update, {"profile": "../offices"}),
        (op, {"profile": str(elsewhere), "__op": "add", "__path": "parts"}),
        (op, {"__op": "add", "__path": "profile"}),
        (op, {"__profile": str(elsewhere), "__op": "down", "__path": "parts[0]"}),
    ):
        refused = client.post(url, data=data, headers=headers)
        assert refused.status_code == 400, (url, data)
        assert refused.json()["error"].startswith("没有这个办公室配置：只能在“办公室配置”列表中选择")
    chosen = client.post(update, data={"__profile": "common-practice"}, headers=headers).json()
    assert chosen["valid"] and "profile" not in chosen["messages"]
    assert client.post(f"/edit/{SAMPLE}/save", headers=headers).json()["ok"]
    assert [
        line for line in (workspace / SAMPLE).read_text(encoding="utf-8").splitlines() if line.startswith("profile")
    ] == ["profile: common-practice"]
    assert client.post(update, data={"__profile": ""}, headers=headers).json()["valid"]  # back to GB/T 9704
    assert client.post(f"/edit/{SAMPLE}/save", headers=headers).json()["ok"]
    assert "profile" not in (workspace / SAMPLE).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "named",
    [
        "{elsewhere}",
        "../{elsewhere.parent.name}/profile.yaml",
        "offices/gbt9704/profile.yaml",
        "offices/../offices/gbt9704",
    ],
)
def test_a_report_naming_a_profile_outside_the_workspace_is_not_run(
    client: TestClient, workspace: Path, elsewhere: Path, named: str
) -> None:
    (workspace.parent / elsewhere.parent.name).mkdir(exist_ok=True)  # for the relative path out of the workspace
    shutil.copy(elsewhere, workspace.parent / elsewhere.parent.name / "profile.yaml")
    named = named.format(elsewhere=elsewhere)
    text = (workspace / SAMPLE).read_text(encoding="utf-8").replace("office:", f"profile: {named}\noffice:", 1)
    (workspace / SAMPLE).write_text(text, encoding="utf-8")
    page = client.get(f"/edit/{SAMPLE}").text
    assert f'<option value="{named}" selected>{named}（不可用）</option>' in page and 'data-for="profile"' in page
    headers = opened(client)
    kept = client.post(
        f"/edit/{SAMPLE}/update", data={"__profile": named}, headers=headers
    ).json()  # as the page posts it
    assert kept["valid"] is False
    assert kept["messages"]["profile"] == [
        f"{SAMPLE}：字段 profile：办公室配置“{named}”不在工作目录的 offices 文件夹中，"
        "编辑器不使用它：请在“办公室配置”列表中另选一个"
    ]
    assert client.get(f"/edit/{SAMPLE}/preview/{kept['generation']}", headers=headers).status_code == 204
    download = client.get(f"/edit/{SAMPLE}/download.pdf", headers=headers)
    assert download.status_code == 422 and "编辑器不使用它" in download.json()["error"]
    assert client.post(f"/edit/{SAMPLE}/save", headers=headers).json()["ok"]  # the file's choice is the file's
    assert f"profile: {named}" in (workspace / SAMPLE).read_text(encoding="utf-8")
    chosen = client.post(f"/edit/{SAMPLE}/update", data={"__profile": "gbt9704"}, headers=headers).json()
    assert chosen["valid"] and "profile" not in chosen["messages"]


def test_new_and_imported_reports_name_no_profile(client: TestClient, workspace: Path) -> None:
    headers = token(client)
    for office in ("河东\nprofile: /etc/profile.yaml", "河东\rprofile: /etc/profile.yaml", "河东\u2028profile: x"):
        assert client.post("/new", data={"name": "新", "office": office}, headers=headers).status_code == 200
    summary = "某区2024年上半年工作总结\n\n今年以来，工作有序推进。\n".encode()
    for name in ("a\nprofile: /etc/x\n.txt", "a\u2028profile: x\u2028.txt", "a\x85profile: x.txt"):
        assert client.post("/import", files={"file": (name, summary, "text/plain")}, headers=headers).status_code == 200
    made = [p for p in workspace.glob("*.yaml") if p.name != SAMPLE]
    assert len(made) == 6 and all(civreport.load(p).report.profile is None for p in made)


def test_serve_says_when_its_port_is_taken(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--workspace", str(workspace), "--port", str(port)]) == 2  # uvicorn's exit 3 before
    assert f"错误：无法在端口 {port} 启动（端口已被占用）：换一个 --port" in capsys.readouterr().err


def previewed(base: str) -> None:
    """Open the sample in the editor at ``base`` and wait for a preview: a worker has rendered."""

    def call(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
        with urllib.request.urlopen(urllib.request.Request(base + url, data=data, headers=headers or {})) as answer:
            return bytes(answer.read())

    page = call(f"/edit/{SAMPLE}").decode()
    headers = {
        "X-CSRF-Token": re.search(r'name="csrf-token" content="([^"]+)"', page)[1],  # type: ignore[index]
        "X-Draft": re.search(r'data-draft="([^"]+)"', page)[1],
        "Origin": base,  # type: ignore[index]
        "Content-Type": "application/x-www-form-urlencoded",
    }
    edit = json.loads(call(f"/edit/{SAMPLE}/update", "office=河东街道".encode(), headers))
    assert json.loads(call(f"/edit/{SAMPLE}/preview/{edit['generation']}?draft={headers['X-Draft']}"))["pages"] >= 1


# Ctrl-C in a terminal reaches every process of the group (the preview workers too); kill and a
# service manager send SIGTERM to the server, or to the group.
@pytest.mark.parametrize(
    ("group", "signals"),
    [
        (True, [signal.SIGINT]),
        (True, [signal.SIGINT, signal.SIGINT]),
        (False, [signal.SIGTERM]),
        (True, [signal.SIGTERM]),
    ],
    ids=["ctrl-c", "ctrl-c twice", "sigterm", "sigterm to the group"],
)
def test_serve_stops_on_ctrl_c_and_sigterm_without_a_traceback(
    workspace: Path, group: bool, signals: list[int]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "civreport", "serve", "--workspace", str(workspace), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # a group of its own, as in a terminal
    base = f"http://127.0.0.1:{port}"
    # Should the editor never answer, it is ended, and the test fails, not hangs.
    hung = threading.Timer(600, os.killpg, (server.pid, signal.SIGKILL))
    hung.start()
    try:
        while True:  # until it answers
            assert server.poll() is None, "the editor did not start"
            try:
                with urllib.request.urlopen(base + "/") as answer:
                    assert answer.status == 200
                    break
            except OSError:
                time.sleep(0.05)
        previewed(base)
        for sent in signals:
            if group:
                os.killpg(server.pid, sent)
            else:
                server.send_signal(sent)
        _, err = server.communicate(timeout=60)
        assert server.returncode == 0, err
        assert err.splitlines() == [
            f"civreport 编辑器：{base}/  工作目录 {workspace}（按 Ctrl+C 退出）"
        ]  # no traceback
        deadline = time.monotonic() + 30
        while alive(server.pid) and time.monotonic() < deadline:  # the workers close as the server does
            time.sleep(0.05)
        assert alive(server.pid) == []
    finally:
        hung.cancel()
        if alive(server.pid):
            os.killpg(server.pid, signal.SIGKILL)
        server.communicate()


def test_serve_makes_a_missing_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    served: list[Any] = []
    monkeypatch.setattr(civreport.serving.server, "serve", lambda app, port: served.append((app, port)))
    workspace = tmp_path / "报告" / "三季度"
    assert main(["serve", "--workspace", str(workspace)]) == 0
    assert workspace.is_dir() and f"已新建工作目录 {workspace}" in capsys.readouterr().err
    ((app, port),) = served
    assert port == 8000
    with TestClient(app, base_url=f"http://127.0.0.1:{port}") as client:
        home = client.get("/").text
        assert (
            "新建报告" in home and "这个工作目录是启动编辑器时新建的" in home
        )  # the editor over the new, empty folder


def test_serve_refuses_a_workspace_it_cannot_make_or_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "q3.yaml").write_text("office: x\n", encoding="utf-8")
    assert main(["serve", "--workspace", str(tmp_path / "q3.yaml")]) == 2
    assert f"错误：{tmp_path / 'q3.yaml'}：这是文件，不是文件夹" in capsys.readouterr().err
    assert main(["serve", "--workspace", str(tmp_path / "q3.yaml" / "报告")]) == 2
    assert "无法新建工作目录" in capsys.readouterr().err


@pytest.mark.slow
def test_a_dead_preview_worker_is_replaced(workspace: Path) -> None:
    app = create_app(workspace, port=PORT)
    editor = next(route.endpoint.__self__ for route in app.routes if getattr(route, "path", "") == "/")  # type: ignore[attr-defined]
    with TestClient(app, base_url=BASE) as client:
        headers = opened(client)
        first = client.post(f"/edit/{SAMPLE}/update", data={"office": "河东街道"}, headers=headers).json()
        assert client.get(f"/edit/{SAMPLE}/preview/{first['generation']}", headers=headers).status_code == 200
        for process in list(editor.previews.pool._processes.values()):
            process.kill()
            process.join()
        answers = []
        for office in ("河东街道办事处", "河东街道"):  # at most one preview is lost with the worker
            edit = client.post(f"/edit/{SAMPLE}/update", data={"office": office}, headers=headers).json()
            answers.append(client.get(f"/edit/{SAMPLE}/preview/{edit['generation']}", headers=headers))
        assert answers[-1].json()["pages"] >= 1
        assert all(a.status_code == 200 or "预览进程意外退出" in a.json()["error"] for a in answers)


def test_choices_read_in_chinese(client: TestClient) -> None:
    page = client.get(f"/edit/{SAMPLE}").text
    assert ">主要做法</option>" in page and ">每点另起一段</option>" in page


@pytest.mark.slow
def test_each_page_has_its_own_draft_and_a_save_never_overwrites_another(client: TestClient, workspace: Path) -> None:
    first, second = opened(client), opened(client)  # two tabs on one report
    client.post(f"/edit/{SAMPLE}/update", data={"office": "河东街道办事处甲"}, headers=first)
    client.post(f"/edit/{SAMPLE}/op", data={"__op": "remove", "__path": "parts[0].items[0]"}, headers=second)
    opened(client)  # a third page opening the report discards nobody's draft
    assert client.post(f"/edit/{SAMPLE}/save", headers=first).json()["ok"]
    text = (workspace / SAMPLE).read_text(encoding="utf-8")
    assert "office: 河东街道办事处甲" in text and "强化组织领导" in text  # the second tab's removal is its own
    stale = client.post(f"/edit/{SAMPLE}/save", headers=second)
    assert stale.status_code == 409 and "已在别处修改并保存" in stale.json()["message"]
    assert (workspace / SAMPLE).read_text(encoding="utf-8") == text
    again = client.post(f"/edit/{SAMPLE}/save", headers=first)  # the page that saved goes on saving
    assert again.json()["ok"]
    gone = client.post(f"/edit/{SAMPLE}/update", data={"office": "x"}, headers={**first, "X-Draft": "unknown"})
    assert gone.status_code == 409 and "页面已过期" in gone.json()["error"]
    odd = client.post(f"/edit/{SAMPLE}/op", data={"__op": "remove", "__path": "a..b"}, headers=first)
    assert odd.status_code == 400 and "无法执行这个操作" in odd.json()["error"]


@pytest.mark.slow
def test_a_textareas_line_ends_are_kept_as_the_model_keeps_them(client: TestClient, workspace: Path) -> None:
    headers = opened(client)
    client.post(f"/edit/{SAMPLE}/update", data={"title": "茂南区河东街道\r\n2021年工作总结"}, headers=headers)
    assert client.post(f"/edit/{SAMPLE}/save", headers=headers).json()["ok"]
    raw = (workspace / SAMPLE).read_bytes()
    assert b"\r" not in raw and "茂南区河东街道\n2021年工作总结" in str(civreport.load(workspace / SAMPLE).report.title)


def test_frames_small_chunked_uploads_bad_new_reports_and_broken_files(client: TestClient, workspace: Path) -> None:
    page = client.get("/")
    assert (
        page.headers["x-frame-options"] == "DENY"
        and "frame-ancestors 'none'" in page.headers["content-security-policy"]
    )
    headers = token(client)
    summary = "某区2024年上半年工作总结\n\n今年以来，工作有序推进。\n".encode()
    framed = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="chunked.txt"\r\n\r\n'
        + summary
        + b"\r\n--b--\r\n"
    )
    chunked = client.post(
        "/import",
        content=(framed[i : i + 16] for i in range(0, len(framed), 16)),
        headers={**headers, "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert chunked.json()["imported"] == ["chunked.yaml"]  # a body without a stated length, within the limit
    bad = client.post("/new", data={"period": "2024Q5"}, headers=headers)
    assert bad.status_code == 400 and bad.json()["error"].startswith("期间：")
    made = client.post("/new", data={"name": "引号", "office": '河东: 街道 # "注释'}, headers=headers)
    assert civreport.load(workspace / "引号.yaml").report.office == '河东: 街道 # "注释'
    assert made.status_code == 200
    (workspace / "broken.yaml").write_text("office: [\n", encoding="utf-8")
    shown = client.get("/edit/broken.yaml", headers={"Accept": "text/html"})
    assert shown.status_code == 422 and shown.headers["content-type"].startswith("text/html")
    assert "broken.yaml" in shown.text and str(workspace) not in shown.text and "返回报告列表" in shown.text
    missing = client.get("/nowhere", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "没有这个页面" in missing.text


@pytest.mark.slow
def test_warnings_show_at_their_field_and_numbers_keep_their_writing(client: TestClient, workspace: Path) -> None:
    (workspace / "n.yaml").write_text(
        "office: 河东街道办事处\nperiod: 2024Q3\nsubject: 创建\nopening: [原文。]\nindicators:\n"
        "  - {key: rate, name: 整改率, value: 95.50, unit: '%'}\n",
        encoding="utf-8",
    )
    headers = opened(client, "n.yaml")
    body = client.post(
        "/edit/n.yaml/update",
        data={"opening[0]": "今年以来\x07扎实推进。", "indicators[0].value": "95.5"},
        headers=headers,
    ).json()
    assert any("已删除无法打印的字符 U+0007" in m for m in body["messages"]["opening[0]"])
    assert client.post("/edit/n.yaml/save", headers=headers).json()["ok"]
    assert "value: 95.50" in (workspace / "n.yaml").read_text(encoding="utf-8")


def test_the_preview_says_what_its_fonts_cannot_print_at_the_field(client: TestClient, workspace: Path) -> None:
    """Missing glyphs at the fields whose text holds them; the fonts that stood in, for the whole report."""
    headers = opened(client, SAMPLE)
    edit = client.post(f"/edit/{SAMPLE}/update", data={"opening[0]": "发放调査问卷五千份。"}, headers=headers).json()
    notices = client.get(f"/edit/{SAMPLE}/preview/{edit['generation']}", headers=headers).json()["notices"]
    assert any("没有“査”（U+67FB）" in m for m in notices["opening[0]"])
    assert [path for path, found in notices.items() if any("査" in m for m in found)] == ["opening[0]"]
    assert any("改用 FandolFang-Regular" in m for m in notices[""])  # this machine has none of the official fonts


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_and_wps_files_are_imported_through_libreoffice(
    client: TestClient, workspace: Path, tmp_path_factory: pytest.TempPathFactory, suffix: str
) -> None:
    """Issue 26.6: a Word 97–2003 file (WPS Office saves its .wps in the same format) uploaded in
    the editor is converted by LibreOffice, as civreport import does."""
    lines = ["河西街道办事处2024年第三季度工作总结", "今年以来，我街道扎实推进各项工作。", "一、主要工作", "加强领导。"]
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    old = soffice_to_doc(out.getvalue(), tmp_path_factory.mktemp("doc"))
    assert old.startswith(b"\xd0\xcf\x11\xe0")  # an OLE file, not a .docx renamed
    answer = client.post(
        "/import", files={"file": (f"三季度{suffix}", old, "application/octet-stream")}, headers=token(client)
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["imported"] == ["三季度.yaml"]
    report = civreport.load(workspace / "三季度.yaml").report
    assert (report.office, str(report.period), report.opening) == (
        "河西街道办事处",
        "2024Q3",
        ["今年以来，我街道扎实推进各项工作。"],
    )


# -- issue 26.3, the review of an import; 26.5, proofreading in place -------------------------------

# A page copied from a website, written for these tests: its title names no office and no year;
# a navigation line, a source line and print buttons around it.
WEB_PAGE = (ROOT / "tests" / "data" / "editor" / "web-page.txt").read_bytes()
IMPORTED = "上半年.yaml"


def imported(client: TestClient) -> dict[str, str]:
    """The web page imported and opened: the headers of its editor page's calls."""
    files = {"file": ("上半年.txt", WEB_PAGE, "text/plain")}
    assert client.post("/import", files=files, headers=token(client)).json()["imported"] == [IMPORTED]
    return opened(client, IMPORTED)


def test_an_imports_guesses_and_drops_are_listed_for_review(client: TestClient) -> None:
    imported(client)
    page = lxml.html.document_fromstring(client.get(f"/edit/{quote(IMPORTED)}").text)
    guesses = page.xpath("//ul[@id='guesses']/li")
    assert [" ".join(li.text_content().split()) for li in guesses] == [
        "发文机关：标题中没有发文机关，取自落款“河西街道办事处” 确认",
        "工作期间：取自开头的“上半年”，年份按成文日期 2024年7月5日 确认",
    ]
    assert [li.xpath(".//a/@href")[0] for li in guesses] == ["#f-office", "#f-period"]  # the fields they are
    kinds = page.xpath("//div[@id='dropped']/details")
    assert [kind.xpath("summary")[0].text_content() for kind in kinds] == [
        "网站的导航（1 处）",
        "网站的来源、作者或发布信息（1 处）",
        "网站的分享、打印按钮（1 处）",
    ]
    assert [li.text_content() for li in kinds[0].xpath(".//li/span")] == ["第 1 行：首页 > 工作动态 > 正文"]
    assert kinds[0].xpath(".//li/button/text()") == ["恢复为段落"]
    assert page.xpath("//a[@id='draft-pdf']/@data-filename") == ["上半年（草稿）.pdf"]
    # A report that was not imported in this run has nothing to review, and no draft download.
    plain = lxml.html.document_fromstring(client.get(f"/edit/{SAMPLE}").text)
    assert plain.xpath("//*[@id='review' or @id='draft-pdf']") == []


def test_a_final_download_waits_for_every_guess_to_be_confirmed(client: TestClient) -> None:
    headers = imported(client)
    url = f"/edit/{quote(IMPORTED)}"
    refused = client.get(f"{url}/download.pdf", headers=headers)
    assert refused.status_code == 422
    assert refused.json()["error"] == (
        "导入时推断的发文机关、工作期间还没有核对：请在“导入核对”中逐项确认后再下载；也可以先下载草稿（文件名标有“草稿”）"
    )
    draft = client.get(f"{url}/draft.docx", headers=headers)
    assert draft.status_code == 200 and draft.content.startswith(b"PK")
    assert draft.headers["content-disposition"] == f"attachment; filename*=UTF-8''{quote('上半年（草稿）.docx')}"

    assert client.post(f"{url}/confirm", data={"__field": "office"}, headers=headers).json() == {"pending": ["period"]}
    assert "工作期间还没有核对" in client.get(f"{url}/download.pdf", headers=headers).json()["error"]
    assert client.post(f"{url}/confirm", data={"__field": "period"}, headers=headers).json() == {"pending": []}
    final = client.get(f"{url}/download.pdf", headers=headers)
    assert final.status_code == 200 and final.content.startswith(b"%PDF")
    assert final.headers["content-disposition"] == f"attachment; filename*=UTF-8''{quote('上半年.pdf')}"
    # The page opened again shows them confirmed; a field that was not guessed is not confirmed.
    page = lxml.html.document_fromstring(client.get(url).text)
    assert page.xpath("//ul[@id='guesses']/li/button/text()") == ["已确认", "已确认"]
    wrong = client.post(f"{url}/confirm", data={"__field": "subject"}, headers=headers)
    assert wrong.status_code == 400 and wrong.json()["error"] == "没有这一项要核对：请刷新页面"
    elsewhere = client.post(f"/edit/{SAMPLE}/confirm", data={"__field": "office"}, headers=opened(client))
    assert elsewhere.status_code == 400


def test_a_dropped_line_is_restored_as_a_paragraph_where_it_stood(client: TestClient, workspace: Path) -> None:
    """Issue 26.3: each dropped line restored with one call, at the end of the list it stood in
    (before the body's first heading: the opening; after the body: the closing), once."""
    headers = imported(client)
    url = f"/edit/{quote(IMPORTED)}/restore"
    first = client.post(url, data={"__drop": "0"}, headers=headers).json()
    assert first["path"] == "opening[1]"
    (field,) = lxml.html.fragment_fromstring(first["form"], create_parent="div").xpath("//textarea[@name='opening[1]']")
    assert field.text == "首页 > 工作动态 > 正文"
    last = client.post(url, data={"__drop": "2"}, headers=headers).json()
    assert last["path"] == "closing[0]" and "【打印本页】【关闭窗口】" in last["form"]
    for again in ("0", "3", "-1", "x"):
        refused = client.post(url, data={"__drop": again}, headers=headers)
        assert refused.status_code == 400 and refused.json()["error"] == "无法恢复这一行：请刷新页面后重试"
    assert client.post(f"/edit/{quote(IMPORTED)}/save", headers=headers).json()["ok"]
    saved = civreport.load(workspace / IMPORTED).report
    assert saved.opening[1] == "首页 > 工作动态 > 正文" and saved.closing == ["【打印本页】【关闭窗口】"]
    page = lxml.html.document_fromstring(client.get(f"/edit/{quote(IMPORTED)}").text)
    assert page.xpath("//div[@id='dropped']//button/text()") == ["已恢复", "恢复为段落", "已恢复"]


def test_a_review_outlives_the_editor_run(workspace: Path) -> None:
    """Issue 26.3: the guesses confirmed and the lines restored are kept beside the report, and a
    new run of the editor on the workspace reviews the import where the last one left it."""
    with TestClient(create_app(workspace, port=PORT), base_url=BASE) as client:
        headers = imported(client)
        client.post(f"/edit/{quote(IMPORTED)}/confirm", data={"__field": "office"}, headers=headers)
        client.post(f"/edit/{quote(IMPORTED)}/restore", data={"__drop": "1"}, headers=headers)
    assert (workspace / f".{IMPORTED}.review.json").is_file()
    with TestClient(create_app(workspace, port=PORT), base_url=BASE) as client:
        page = lxml.html.document_fromstring(client.get(f"/edit/{quote(IMPORTED)}").text)
        assert page.xpath("//ul[@id='guesses']/li/button/text()") == ["已确认", "确认"]
        assert page.xpath("//div[@id='dropped']//button/text()") == ["恢复为段落", "已恢复", "恢复为段落"]
        refused = client.get(f"/edit/{quote(IMPORTED)}/download.pdf", headers=opened(client, IMPORTED))
        assert refused.status_code == 422 and "工作期间还没有核对" in refused.json()["error"]
        assert client.get(f"/edit/{SAMPLE}").text.count('id="review"') == 0  # not imported: nothing to review
    # A new report under the name of an import since removed has nothing to review.
    (workspace / IMPORTED).unlink()
    with TestClient(create_app(workspace, port=PORT), base_url=BASE) as client:
        made = client.post("/new", data={"name": IMPORTED.removesuffix(".yaml")}, headers=token(client)).json()
        assert made["url"] == f"/edit/{quote(IMPORTED)}"
        assert 'id="review"' not in client.get(made["url"]).text
    assert not (workspace / f".{IMPORTED}.review.json").exists()


def test_findings_are_listed_with_what_the_proofreader_can_fix(client: TestClient, workspace: Path) -> None:
    headers = opened(client)
    typed = "我街道高度重视,扎实推进各项创建工作。现将有关工作情况汇报如下："
    answer = client.post(f"/edit/{SAMPLE}/update", data={"opening[0]": typed}, headers=headers).json()
    (finding,) = [f for f in answer["findings"] if f["path"] == "opening[0]"]
    assert finding["fixable"] and finding["message"] in answer["messages"]["opening[0]"]
    assert finding["message"].startswith("半角标点：")

    fixed = client.post(
        f"/edit/{SAMPLE}/fix",
        data={"opening[0]": typed, "__path": "opening[0]", "__code": finding["code"]},
        headers=headers,
    ).json()
    (field,) = lxml.html.fragment_fromstring(fixed["form"], create_parent="div").xpath("//textarea[@name='opening[0]']")
    assert field.text == typed.replace(",", "，")  # the form drawn again with the fix
    after = client.post(f"/edit/{SAMPLE}/update", data={}, headers=headers).json()
    assert not [f for f in after["findings"] if f["path"] == "opening[0]"]
    assert client.post(f"/edit/{SAMPLE}/save", headers=headers).json()["ok"]
    assert typed.replace(",", "，") in (workspace / SAMPLE).read_text(encoding="utf-8")


def test_a_fix_is_refused_where_there_is_nothing_of_the_clerks_to_fix(client: TestClient) -> None:
    headers = opened(client)
    nowhere = client.post(
        f"/edit/{SAMPLE}/fix", data={"__path": "parts[9].body[0]", "__code": "CR101"}, headers=headers
    )
    assert nowhere.status_code == 400 and nowhere.json()["error"] == "这一处无法自动修正：请按提示手工修改"
    broken = client.post(
        f"/edit/{SAMPLE}/fix", data={"subject": "", "__path": "opening[0]", "__code": "CR101"}, headers=headers
    )
    assert broken.status_code == 422 and broken.json()["error"] == "报告还有错误，改正后才能自动修正"
