"""``civreport serve``: the web editor (Starlette). Pages for the workspace and the editor; JSON
endpoints the editor's script calls as the clerk types; downloads. Every write is same-origin
and carries the session's token; every name from the browser is checked by the workspace."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..checking.finding import Finding
from ..checking.proofreader import fix_text
from ..diagnostics import Diagnostic, Diagnostics
from ..errors import CivreportError, InputError
from ..model import Period, PeriodError, Report
from ..model.fields import DIAGNOSTICS
from ..model.limits import MAX_FILE_BYTES
from ..office import OfficeProfile
from ..pipeline import check
from ..readers import LoadedReport
from ..readers.importing import import_document
from ..readers.importing.source import MAX_IMPORT_BYTES
from ..readers.problems import field_errors, field_path
from ..rendering.starter import DEFAULT_OFFICE, starter_file
from .bodies import TooLarge, bounded
from .drafts import Draft, Drafts, StaleDraft
from .forms import PERIOD_ERROR, append_text, apply_form, form, form_errors, operate, put_text
from .preview import Previewer, starter
from .review import Review, Reviews
from .sheet import Sheet, sheet
from .spots import spots
from .workspace import OutsideWorkspace, Workspace

HERE = Path(__file__).parent
PAGES = Jinja2Templates(directory=str(HERE / "pages"))
HOSTS = ["127.0.0.1", "localhost"]
MAX_FIELD_BYTES = 4_000_000  # a form field: past the model's longest text (100,000 characters)
MAX_FORM_BYTES = 4 * MAX_FILE_BYTES  # a whole form: a report file at its longest, with the fields' names and framing
MAX_UPLOAD_BYTES = MAX_IMPORT_BYTES + 100_000  # the file and the form around it
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class SameOrigin(BaseHTTPMiddleware):
    """Requests only for this machine's names and this server's port (no DNS rebinding), and
    writes only from the editor's own pages: the browser's Origin (or Referer) is this server,
    and the request carries the token of this run (a form field or the X-CSRF-Token header)."""

    def __init__(self, app: Any, token: str, hosts: list[str], port: int) -> None:
        super().__init__(app)
        self.token = token
        self.served = served_hosts(hosts, port)

    async def dispatch(self, request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.headers.getlist("host")
        if len(given) != 1 or given[0] not in self.served:
            return _refusal(request, f"只接受以 {' 或 '.join(self.served)} 访问本编辑器：请在浏览器中打开这个地址", 400)
        if request.method in _UNSAFE:
            own = f"{request.url.scheme}://{request.url.netloc}"
            origin = request.headers.get("origin") or request.headers.get("referer", "")
            if not (origin == own or origin.startswith(own + "/")):
                return JSONResponse({"error": "拒绝跨站请求：只能从本机的编辑器页面修改"}, status_code=403)
            if request.headers.get("x-csrf-token") != self.token:
                return JSONResponse({"error": "请求缺少有效的令牌：请刷新页面后重试"}, status_code=403)
        response = await call_next(request)
        # No other site may show the editor in a frame and have a clerk click 保存 in it; and the
        # page loads nothing from elsewhere, whatever an office's stylesheet in the preview names.
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self' 'unsafe-inline' data: blob:; frame-ancestors 'none'"
        )
        return response


class NotOffered(Exception):
    """A profile the page asked for that is not among the workspace's (a path, a name elsewhere)."""


def shown_profile(profile: Any) -> str:
    """A draft's profile as the page's list shows it ("" for the default)."""
    return "" if profile is None else str(profile)


@dataclass(frozen=True)
class Checked:
    """A draft as the editor checked it: each field's messages, the proofreader's findings and,
    when it can be rendered, the report and the office profile it is rendered under."""

    messages: dict[str, list[str]]
    findings: tuple[Finding, ...] = ()
    ready: tuple[LoadedReport, OfficeProfile] | None = None


class Editor:
    """The state of one editor run: the workspace, the drafts being edited, the previews."""

    def __init__(self, workspace: Workspace, created: bool, warm: bool) -> None:
        self.workspace = workspace
        self.created = created  # made for this run: the home page says so
        self.drafts = Drafts()
        self.previews = Previewer(warm)
        self.reviews = Reviews(workspace)  # of the reports imported here, in the workspace
        self.token = secrets.token_urlsafe(32)

    # -- helpers ------------------------------------------------------------------------------

    def name(self, request: Request) -> str:
        name = str(request.path_params["name"])
        self.workspace.path(name)  # OutsideWorkspace for anything that is not a report here
        return name

    def draft(self, request: Request) -> tuple[str, Draft]:
        """The report the request names and the draft of the page that sent it."""
        name = self.name(request)
        key = request.headers.get("x-draft") or request.query_params.get("draft", "")
        return key, self.drafts.get(key, name)

    def report(self, name: str, data: dict[str, Any], diagnostics: Diagnostics | None = None) -> LoadedReport:
        """The draft as a report of its file (raises ``ValidationError``); what reading it has
        to tell (a character dropped, a typed number taken off) goes to ``diagnostics``."""
        report = Report.model_validate(
            data, context={DIAGNOSTICS: Diagnostics() if diagnostics is None else diagnostics}
        )
        return LoadedReport(report, self.workspace.path(name))

    def office(self, name: str, data: dict[str, Any]) -> OfficeProfile:
        """The office profile the draft is made under: the workspace's one it chooses, else GB/T
        9704; InputError for one the editor does not run (a path, a profile elsewhere)."""
        return self.workspace.office(name, data.get("profile"))

    def profiled(self, draft: Draft, data: dict[str, Any], chosen: str | None) -> dict[str, Any]:
        """``data``, the draft edited, with the profile chosen in the page's list (``chosen``, as
        the list shows it). The page only chooses among the workspace's profiles or keeps the
        draft's: NotOffered for any other, however it came (the list, a field named profile)."""
        kept = draft.data.get("profile")
        if chosen is not None and chosen != shown_profile(kept):
            data = {k: v for k, v in data.items() if k != "profile"} | ({"profile": chosen} if chosen else {})
        if data.get("profile") not in (None, kept) and data["profile"] not in self.workspace.profiles():
            raise NotOffered
        return data

    def messages(self, name: str, data: dict[str, Any]) -> Checked:
        """Each field's validation errors, else its proofreading findings and what reading it
        has to tell; the findings, for the list beside the form; and, when it can be rendered,
        the report and the office profile to render it under."""
        diagnostics = Diagnostics()
        try:
            document = self.report(name, data, diagnostics)
        except ValidationError as exc:
            errors = _at_fields((field_path(loc), message) for loc, message in field_errors(exc))
            return Checked(errors | {path: [message] for path, message in form_errors(data).items()})
        out = _at_fields((d.path, d.message) for d in diagnostics)
        try:
            office = self.office(name, data)
        except InputError as exc:
            out.setdefault("profile", []).append(str(exc))
            return Checked(out)
        findings = check(document, office)
        for finding in findings:
            out.setdefault(finding.path, []).append(shown_finding(finding))
        return Checked(out, tuple(findings), (document, office))

    def sheet(self, document: LoadedReport, office: OfficeProfile) -> Sheet | None:
        """The page of a valid draft for the preview shown at once; None when it cannot be made
        (a template's error: the PDF's preview tells it)."""
        from ..pipeline import render_page

        try:
            page = render_page(document, office=office, diagnostics=Diagnostics())
        except CivreportError:
            return None
        return sheet(page)

    def warm(self) -> None:
        """The page of a starter report made once, so that the first edit's does not load the
        templates and the word segmenter."""
        self.sheet(self.report("新报告.yaml", starter()), self.office("新报告.yaml", {}))

    async def fields(self, request: Request) -> list[tuple[str, str]]:
        """The posted fields, line ends as the model keeps them (a browser sends a textarea's as \\r\\n)."""
        body = await bounded(request, MAX_FORM_BYTES, f"内容过长：表单最多 {MAX_FORM_BYTES // 1_000_000} MB")
        try:
            posted = await body.form(max_part_size=MAX_FIELD_BYTES)
        except MultiPartException:
            raise InputError.single("表单", f"内容过长：一个字段最多 {MAX_FIELD_BYTES // 1_000_000} MB") from None
        return [
            (key, value.replace("\r\n", "\n").replace("\r", "\n"))
            for key, value in posted.multi_items()
            if isinstance(value, str)
        ]

    # -- pages ----------------------------------------------------------------------------------

    async def index(self, request: Request) -> Response:
        context = {
            "reports": self.workspace.reports(),
            "token": self.token,
            "workspace": str(self.workspace.root),
            "created": self.created,
        }
        return PAGES.TemplateResponse(request, "index.html", context)

    async def edit(self, request: Request) -> Response:
        """A page of its own on the report: a new draft read from the file; other pages keep theirs."""
        name = self.name(request)
        if not self.workspace.path(name).exists():
            return _page_error(request, "找不到这份报告", 404)
        base = self.workspace.digest(name)
        data = self.workspace.read(name)
        key = self.drafts.open(name, data, base)
        context = {
            "name": name,
            "form": form(data),
            "token": self.token,
            "profiles": self.workspace.profiles(),
            "profile": shown_profile(data.get("profile")),
            "draft": key,
            "review": self.reviews.get(name),
        }
        return PAGES.TemplateResponse(request, "editor.html", context)

    # -- the editor's calls ------------------------------------------------------------------

    async def update(self, request: Request) -> Response:
        """The posted form into the draft: its messages, and a new preview when it is valid."""
        key, draft = self.draft(request)
        fields = await self.fields(request)
        data = self.profiled(draft, apply_form(draft.data, fields), dict(fields).get("__profile"))
        draft.data = data
        checked = await run_in_threadpool(self.messages, draft.name, data)
        draft.generation += 1
        generation, page = draft.generation, None
        if checked.ready is not None:
            document, office = checked.ready
            # The page first: the PDF, seconds long, starts a few milliseconds later.
            page = await run_in_threadpool(self.sheet, document, office)
            self.previews.submit(key, generation, data, str(self.workspace.path(draft.name)), office)
        listed = [
            {"path": f.path, "message": shown_finding(f), "code": f.code, "fixable": f.fixable}
            for f in checked.findings
        ]
        return JSONResponse(
            {
                "messages": checked.messages,
                "generation": generation,
                "valid": checked.ready is not None,
                "findings": listed,
                # The page at once, for the blocks this edit changed; its PDF pages follow.
                "sheet": page and {"css": page.css, "width": page.width, "blocks": page.blocks},
            }
        )

    async def operate(self, request: Request) -> Response:
        _, draft = self.draft(request)
        fields = await self.fields(request)
        values = dict(fields)
        try:
            data = operate(
                apply_form(draft.data, fields), values.get("__op", ""), values.get("__path", ""), values.get("__to", "")
            )
        except (KeyError, IndexError, TypeError, ValueError):
            return JSONResponse({"error": "无法执行这个操作：请刷新页面后重试"}, status_code=400)
        draft.data = self.profiled(draft, data, values.get("__profile"))
        return JSONResponse({"form": str(form(draft.data))})

    async def fix(self, request: Request) -> Response:
        """The form posted, with the proofreader's fix of one finding (``__code`` at the field
        ``__path``) applied to the draft, as ``civreport check --fix`` would; the form again."""
        _, draft = self.draft(request)
        fields = await self.fields(request)
        values = dict(fields)
        path, code = values.get("__path", ""), values.get("__code", "")
        data = self.profiled(draft, apply_form(draft.data, fields), values.get("__profile"))
        try:
            report = self.report(draft.name, data).report
        except ValidationError:
            return JSONResponse({"error": "报告还有错误，改正后才能自动修正"}, status_code=422)
        texts = {t.path: t.text for t in report.all_texts()}
        if path not in texts:
            return JSONResponse({"error": "这一处无法自动修正：请按提示手工修改"}, status_code=400)
        fixed = fix_text(texts[path], {code}, report, self.office(draft.name, data).settings.house)
        try:
            draft.data = put_text(data, path, fixed)
        except (KeyError, IndexError, TypeError):  # a text the report makes itself, not the clerk's
            return JSONResponse({"error": "这一处无法自动修正：请按提示手工修改"}, status_code=400)
        return JSONResponse({"form": str(form(draft.data))})

    async def confirm(self, request: Request) -> Response:
        """A guess of the import confirmed: the fields still to confirm."""
        name = self.name(request)
        review = self.reviews.get(name)
        field = dict(await self.fields(request)).get("__field", "")
        try:
            if review is None:
                raise KeyError(field)
            review.confirm(field)
        except KeyError:
            return JSONResponse({"error": "没有这一项要核对：请刷新页面"}, status_code=400)
        self.reviews.put(name, review)
        return JSONResponse({"pending": [g.field for g in review.pending()]})

    async def restore(self, request: Request) -> Response:
        """A line the import dropped, restored as a paragraph at the end of the list it stood in
        (the opening, its part's paragraphs, the closing): the form, and the new paragraph's field."""
        _, draft = self.draft(request)
        fields = await self.fields(request)
        values = dict(fields)
        review = self.reviews.get(draft.name)
        try:
            if review is None:
                raise IndexError
            index = int(values.get("__drop", ""))
            drop = review.unrestored(index)
            data, path = append_text(apply_form(draft.data, fields), drop.into, drop.text)
        except (ValueError, IndexError, KeyError, TypeError):
            return JSONResponse({"error": "无法恢复这一行：请刷新页面后重试"}, status_code=400)
        review.restored.add(index)
        self.reviews.put(draft.name, review)
        draft.data = self.profiled(draft, data, values.get("__profile"))
        return JSONResponse({"form": str(form(draft.data)), "path": path})

    async def preview(self, request: Request) -> Response:
        key, draft = self.draft(request)
        try:
            rendered = await self.previews.result(key, int(request.path_params["generation"]))
        except CivreportError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        if rendered is None:
            return Response(status_code=204)  # a newer edit has its own preview coming
        return JSONResponse({"pages": len(rendered.pages), "notices": placed(rendered.diagnostics, draft.data)})

    async def spots(self, request: Request) -> Response:
        """Where the paragraphs of a preview's pages stand, with the fields they print."""
        key, _ = self.draft(request)
        rendered = await self.previews.result(key, int(request.path_params["generation"]))
        if rendered is None:
            return Response(status_code=204)  # a newer edit has its own preview coming
        try:
            found = await self.previews.aside(spots, rendered.pdf, rendered.sources)
        except CivreportError as exc:
            return JSONResponse({"error": str(exc)}, status_code=422)
        return JSONResponse({"pages": found})

    async def page(self, request: Request) -> Response:
        key, _ = self.draft(request)
        rendered = await self.previews.result(key, int(request.path_params["generation"]))
        index = int(request.path_params["page"])
        if rendered is None or not 0 <= index < len(rendered.pages):
            return _page_error(request, "没有这一页预览：预览已更新，请刷新页面", 404)
        return Response(rendered.pages[index], media_type="image/png", headers={"Cache-Control": "no-store"})

    async def download(self, request: Request) -> Response:
        """The document, final: refused while a guess of the import is not confirmed."""
        return await self._download(request, final=True)

    async def download_draft(self, request: Request) -> Response:
        """The document as it stands, its file named a draft (草稿), guesses confirmed or not."""
        return await self._download(request, final=False)

    async def _download(self, request: Request, final: bool) -> Response:
        _, draft = self.draft(request)
        name = draft.name
        fmt = str(request.path_params["fmt"])
        if fmt not in ("pdf", "docx"):
            return _page_error(request, "只能下载 PDF 或 Word 文档", 404)
        review = self.reviews.get(name)
        if final and review and (refusal := review.refusal()):
            return JSONResponse({"error": refusal}, status_code=422)
        try:
            document = self.report(name, draft.data)
        except ValidationError:
            return JSONResponse({"error": "报告还有错误，改正后才能下载"}, status_code=422)

        def make() -> bytes:
            from ..pipeline import render_page
            from ..writers import write

            office = self.office(name, draft.data)  # the preview showed what it has to tell
            return write(
                render_page(document, office=office, diagnostics=Diagnostics()), fmt, diagnostics=Diagnostics()
            )

        data = await run_in_threadpool(make)
        filename = f"{Path(name).stem}{'' if final else '（草稿）'}.{fmt}"
        media = (
            "application/pdf"
            if fmt == "pdf"
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        return Response(
            data, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"}
        )

    async def save(self, request: Request) -> Response:
        _, draft = self.draft(request)
        name = draft.name
        try:
            self.report(name, draft.data)
        except ValidationError:
            return JSONResponse({"ok": False, "message": "报告还有错误，改正后才能保存"}, status_code=422)
        if self.workspace.digest(name) != draft.base:  # saved elsewhere since this page read it
            return JSONResponse(
                {
                    "ok": False,
                    "message": "这份报告已在别处修改并保存（另一个页面或其他程序）：为免覆盖，"
                    "这次没有保存。请记下你的修改，刷新页面后在最新的内容上重新修改",
                },
                status_code=409,
            )
        draft.base = await run_in_threadpool(self.workspace.save, name, draft.data)
        return JSONResponse({"ok": True, "message": f"已保存到 {name}"})

    async def new(self, request: Request) -> Response:
        values = dict(await self.fields(request))
        try:
            period = Period.parse(values["period"]) if values.get("period") else None
        except PeriodError:
            return JSONResponse({"error": f"期间：{PERIOD_ERROR}"}, status_code=400)
        text = starter_file(values.get("office") or DEFAULT_OFFICE, period)
        name = self.workspace.free_name(values.get("name", "").strip() or "新报告")
        self.workspace.create(name, text)
        self.reviews.forget(name)
        return JSONResponse({"url": f"/edit/{quote(name)}"})

    async def upload(self, request: Request) -> Response:
        too_large = f"文件超过 {MAX_IMPORT_BYTES // 1_000_000} MB，无法导入"
        body = await bounded(request, MAX_UPLOAD_BYTES, too_large)
        posted = await body.form(max_files=1, max_fields=10, max_part_size=MAX_IMPORT_BYTES)
        upload = posted.get("file")
        if upload is None or isinstance(upload, str):
            return JSONResponse({"error": "请选择要导入的文件"}, status_code=400)
        data = await upload.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            return JSONResponse({"error": too_large}, status_code=413)
        filename = Path(upload.filename or "导入.txt").name
        result = await run_in_threadpool(import_document, data, name=filename)
        names = []
        for part in (result, *result.more):
            name = self.workspace.free_name(Path(filename).stem)
            self.workspace.create(name, part.to_yaml())
            self.reviews.put(name, Review.of(part))
            names.append(name)
        return JSONResponse({"url": f"/edit/{quote(names[0])}", "imported": names})


# The heading of an error page, by its status.
_HEADINGS = {
    400: "无法处理这个请求",
    403: "拒绝这个请求",
    404: "找不到",
    409: "有冲突",
    413: "内容过长",
    422: "无法读取",
}


def _refusal(request: Request, message: str, status: int) -> Response:
    """An error page in the editor's style."""
    context = {
        "heading": _HEADINGS.get(status, "无法处理这个请求" if status < 500 else "编辑器出错"),
        "message": message,
    }
    return PAGES.TemplateResponse(request, "error.html", context, status_code=status)


def _page_error(request: Request, message: str, status: int) -> Response:
    """A refusal as the asker reads it: a page for a browser opening a URL, JSON for the script;
    files named as the workspace lists them, not by the server's paths."""
    root = getattr(request.app.state, "workspace", None)
    if root is not None:
        message = message.replace(f"{root}/", "")
    if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
        return _refusal(request, message, status)
    return JSONResponse({"error": message}, status_code=status)


async def _refused(request: Request, exc: Exception) -> Response:
    if isinstance(exc, OutsideWorkspace):
        return _page_error(request, "只能打开工作目录中的报告文件", 404)
    if isinstance(exc, FileExistsError):
        return _page_error(request, "已有同名的报告", 409)
    if isinstance(exc, TooLarge):
        return _page_error(request, str(exc), 413)
    if isinstance(exc, NotOffered):
        return _page_error(
            request, "没有这个办公室配置：只能在“办公室配置”列表中选择工作目录 offices 文件夹中的配置", 400
        )
    if isinstance(exc, StaleDraft):
        return _page_error(request, str(exc), 409)
    if isinstance(exc, CivreportError):
        return _page_error(request, str(exc), 422)
    if isinstance(exc, HTTPException) and exc.status_code == 404:
        return _page_error(request, "没有这个页面", 404)
    if isinstance(exc, HTTPException):
        return _page_error(request, "请求无法处理", exc.status_code)
    return _page_error(request, "内部错误，请把操作步骤报告给开发者", 500)


def served_hosts(names: list[str], port: int) -> list[str]:
    """The Host headers that name this server, exactly as a browser writes them: each name (an
    IPv6 address in brackets) with the port, and also without it when the port is HTTP's own."""
    shown = [f"[{name}]" if ":" in name else name for name in names]
    return [f"{name}:{port}" for name in shown] + (shown if port == 80 else [])


def create_app(
    workspace: str | Path, *, port: int, hosts: list[str] | None = None, created: bool = False, warm: bool = False
) -> Starlette:
    """The editor for the reports in ``workspace``, served on ``port`` of ``hosts``; ``created``
    when the folder was made for this run; ``warm``: the preview's workers started and the page
    renderer loaded as the server starts (``civreport serve``), not at the first preview."""
    editor = Editor(Workspace(Path(workspace)), created, warm)
    routes = [
        Route("/", editor.index),
        Route("/new", editor.new, methods=["POST"]),
        Route("/import", editor.upload, methods=["POST"]),
        Route("/edit/{name}", editor.edit),
        Route("/edit/{name}/update", editor.update, methods=["POST"]),
        Route("/edit/{name}/op", editor.operate, methods=["POST"]),
        Route("/edit/{name}/save", editor.save, methods=["POST"]),
        Route("/edit/{name}/preview/{generation:int}", editor.preview),
        Route("/edit/{name}/page/{generation:int}/{page:int}.png", editor.page),
        Route("/edit/{name}/fix", editor.fix, methods=["POST"]),
        Route("/edit/{name}/confirm", editor.confirm, methods=["POST"]),
        Route("/edit/{name}/restore", editor.restore, methods=["POST"]),
        Route("/edit/{name}/spots/{generation:int}", editor.spots),
        Route("/edit/{name}/download.{fmt}", editor.download),
        Route("/edit/{name}/draft.{fmt}", editor.download_draft),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [Middleware(SameOrigin, token=editor.token, hosts=hosts or HOSTS, port=port)]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        OutsideWorkspace: _refused,
        FileExistsError: _refused,
        TooLarge: _refused,
        NotOffered: _refused,
        CivreportError: _refused,
        HTTPException: _refused,
        Exception: _refused,
    }

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if warm:
            editor.previews.start()
            await run_in_threadpool(editor.warm)
        yield
        editor.previews.close()

    app = Starlette(routes=routes, middleware=middleware, exception_handlers=handlers, lifespan=lifespan)
    app.state.workspace = editor.workspace.root
    return app


def shown_finding(finding: Finding) -> str:
    """A finding as the editor shows it, at its field and in the list."""
    return f"{finding.name}：{finding.message}"


def _at_fields(found: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Messages by the field they are about ("" for the report as a whole), each once."""
    out: dict[str, list[str]] = {}
    for path, message in found:
        if message not in out.setdefault(path, []):
            out[path].append(message)
    return out


def placed(diagnostics: Iterable[Diagnostic], data: dict[str, Any]) -> dict[str, list[str]]:
    """Rendering's diagnostics at the fields they are about: a missing glyph at every field
    whose text holds one of its characters; the rest (a font that stood in) at the report."""
    report = Report.model_validate(data, context={DIAGNOSTICS: Diagnostics()})
    texts = report.all_texts()
    found: list[tuple[str, str]] = []
    for diagnostic in diagnostics:
        fields = [t.path for t in texts if diagnostic.chars and any(c in t.text for c in diagnostic.chars)]
        found += [(path, diagnostic.message) for path in fields or [diagnostic.path]]
    return _at_fields(found)
