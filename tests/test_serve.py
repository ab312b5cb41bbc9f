"""civreport serve, endpoint by endpoint (Starlette's test client): pages, the editor's calls,
previews, downloads, saving with comments kept, new and imported reports; and what it refuses:
cross-origin writes, writes without the page's token, other hosts, names outside the workspace,
oversized uploads, profiles that are not the workspace's."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest
import uvicorn
from starlette.testclient import TestClient

import civreport
from civreport.cli import main
from civreport.serving.app import create_app

from conftest import ROOT

BASE = "http://127.0.0.1:8000"
SAMPLE = "hedong-street-2021.yaml"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "samples" / SAMPLE, tmp_path / SAMPLE)
    shutil.copytree(ROOT / "samples" / "offices", tmp_path / "offices")
    return tmp_path


@pytest.fixture
def client(workspace: Path) -> Iterator[TestClient]:
    with TestClient(create_app(workspace), base_url=BASE) as client:
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
    wrong = client.post(f"/edit/{SAMPLE}/update", data={"subject": "", "parts[0].items[0].title": "强化组织领导,压实责任"},
                        headers=headers).json()
    assert wrong["valid"] is False and wrong["messages"]["subject"] == ["不能为空"]
    fixed = client.post(f"/edit/{SAMPLE}/update", data={"subject": "创建全国文明城市"}, headers=headers).json()
    assert fixed["valid"] is True
    assert any("CR201" in m for m in fixed["messages"]["parts[0].items[0].title"])  # kept from the edit before
    pages = client.get(f"/edit/{SAMPLE}/preview/{fixed['generation']}", headers=headers).json()["pages"]
    assert pages >= 1
    image = client.get(f"/edit/{SAMPLE}/page/{fixed['generation']}/0.png", headers=headers)
    assert image.headers["content-type"] == "image/png" and image.content.startswith(b"\x89PNG")
    # An older preview is superseded by a newer edit.
    newer = client.post(f"/edit/{SAMPLE}/update", data={"office": "河东街道"}, headers=headers).json()
    assert client.get(f"/edit/{SAMPLE}/preview/{fixed['generation']}", headers=headers).status_code == 204
    assert client.get(f"/edit/{SAMPLE}/page/{fixed['generation']}/0.png", headers=headers).status_code == 404
    assert client.get(f"/edit/{SAMPLE}/preview/{newer['generation']}", headers=headers).json()["pages"] >= 1


def test_list_operations_add_remove_and_move(client: TestClient) -> None:
    headers = opened(client)
    form = client.post(f"/edit/{SAMPLE}/op", data={"__op": "add", "__path": "parts[0].items"}, headers=headers).json()["form"]
    assert 'name="parts[0].items[5].title"' in form
    form = client.post(f"/edit/{SAMPLE}/op", data={"__op": "down", "__path": "parts[0].items[0]"},
                       headers=headers).json()["form"]
    first = re.search(r'name="parts\[0\]\.items\[0\]\.title" value="([^"]*)"', form)
    assert first and first[1] == "强化宣传发动，营造良好氛围"
    form = client.post(f"/edit/{SAMPLE}/op", data={"__op": "remove", "__path": "parts[0].items[5]"},
                       headers=headers).json()["form"]
    assert 'name="parts[0].items[5].title"' not in form


@pytest.mark.slow
def test_downloads_are_the_drafts_pdf_and_docx(client: TestClient) -> None:
    headers = opened(client)
    client.post(f"/edit/{SAMPLE}/update", data={"office": "河东街道办事处", "signoff": "河东街道办事处"}, headers=headers)
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
    bad = client.post("/import", files={"file": ("x.docx", b"not a document", "application/octet-stream")},
                      headers=headers)
    assert bad.status_code == 422 and "不是有效的 Word" in bad.json()["error"]


def test_writes_from_another_origin_or_without_the_token_are_refused(client: TestClient, workspace: Path) -> None:
    headers = opened(client)
    before = (workspace / SAMPLE).read_bytes()
    for bad in ({**headers, "Origin": "http://evil.example"}, {"Origin": BASE}, {**headers, "X-CSRF-Token": "guess"},
                {"X-CSRF-Token": headers["X-CSRF-Token"]}):
        for url in (f"/edit/{SAMPLE}/save", f"/edit/{SAMPLE}/update", "/new"):
            response = client.post(url, data={"office": "攻击者"}, headers=bad)
            assert response.status_code == 403, (bad, url)
    assert (workspace / SAMPLE).read_bytes() == before
    assert "拒绝跨站请求" in client.post("/new", headers={**headers, "Origin": "http://evil.example"}).json()["error"]


def test_other_hosts_are_refused(workspace: Path) -> None:
    with TestClient(create_app(workspace), base_url="http://attacker.example") as client:
        refused = client.get("/")  # DNS rebinding: only 127.0.0.1 and localhost
        assert refused.status_code == 400 and "只接受以 127.0.0.1 或 localhost 访问" in refused.text
    with TestClient(create_app(workspace), base_url="http://localhost:8000") as client:
        assert client.get("/").status_code == 200
        for host in ("[::1]:8000", "localhost.attacker.example", "127.0.0.1.attacker.example:8000"):
            assert client.get("/", headers={"Host": host}).status_code == 400


@pytest.mark.parametrize("name", ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd.yaml", ".hidden.yaml", "x.txt",
                                  "link.yaml", "sub%2Fr.yaml"])
def test_names_outside_the_workspace_are_refused(client: TestClient, workspace: Path, tmp_path_factory: pytest.TempPathFactory,
                                                 name: str) -> None:
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


def test_serve_makes_a_missing_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append((app, options)))
    workspace = tmp_path / "报告" / "三季度"
    assert main(["serve", "--workspace", str(workspace)]) == 0
    assert workspace.is_dir() and f"已新建工作目录 {workspace}" in capsys.readouterr().err
    (app, options), = served
    assert options["host"] == "127.0.0.1"
    with TestClient(app, base_url=BASE) as client:
        assert "新建报告" in client.get("/").text  # the editor over the new, empty folder


def test_serve_refuses_a_workspace_it_cannot_make_or_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "q3.yaml").write_text("office: x\n", encoding="utf-8")
    assert main(["serve", "--workspace", str(tmp_path / "q3.yaml")]) == 2
    assert f"错误：{tmp_path / 'q3.yaml'}：这是文件，不是文件夹" in capsys.readouterr().err
    assert main(["serve", "--workspace", str(tmp_path / "q3.yaml" / "报告")]) == 2
    assert "无法新建工作目录" in capsys.readouterr().err


@pytest.mark.slow
def test_a_dead_preview_worker_is_replaced(workspace: Path) -> None:
    app = create_app(workspace)
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
    assert ">主要做法（measures）</option>" in page and ">每点另起一段（paragraphs）</option>" in page


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
    assert b"\r" not in raw and "茂南区河东街道\n2021年工作总结" in str(civreport.load(workspace / SAMPLE).title)


def test_frames_chunked_uploads_bad_new_reports_and_broken_files(client: TestClient, workspace: Path) -> None:
    page = client.get("/")
    assert page.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in page.headers["content-security-policy"]
    headers = token(client)
    chunked = client.post("/import", content=iter([b"x" * 1000] * 3), headers=headers)
    assert chunked.status_code == 411
    bad = client.post("/new", data={"period": "2024Q5"}, headers=headers)
    assert bad.status_code == 400 and bad.json()["error"].startswith("期间：")
    made = client.post("/new", data={"name": "引号", "office": '河东: 街道 # "注释'}, headers=headers)
    assert civreport.load(workspace / "引号.yaml").office == '河东: 街道 # "注释'
    assert made.status_code == 200
    (workspace / "broken.yaml").write_text("office: [\n", encoding="utf-8")
    shown = client.get("/edit/broken.yaml", headers={"Accept": "text/html"})
    assert shown.status_code == 422 and shown.headers["content-type"].startswith("text/html")
    assert "broken.yaml" in shown.text and str(workspace) not in shown.text and "返回报告列表" in shown.text
    missing = client.get("/nowhere", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "没有这个页面" in missing.text


@pytest.mark.slow
def test_warnings_show_at_their_field_and_numbers_keep_their_writing(client: TestClient, workspace: Path) -> None:
    (workspace / "n.yaml").write_text("office: 河东街道办事处\nperiod: 2024Q3\nsubject: 创建\nopening: [原文。]\nindicators:\n"
                                      "  - {key: rate, name: 整改率, value: 95.50, unit: '%'}\n", encoding="utf-8")
    headers = opened(client, "n.yaml")
    body = client.post("/edit/n.yaml/update", data={"opening[0]": "今年以来\x07扎实推进。", "indicators[0].value": "95.5"},
                       headers=headers).json()
    assert any("已删除无法打印的字符 U+0007" in m for m in body["messages"]["opening[0]"])
    assert client.post("/edit/n.yaml/save", headers=headers).json()["ok"]
    assert "value: 95.50" in (workspace / "n.yaml").read_text(encoding="utf-8")
