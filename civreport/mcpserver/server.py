"""The Model Context Protocol server over stdio: the tools of :mod:`.tools` (run in the worker
process, one call at a time, each bounded in time) and the resources of :mod:`.resources`. The
only module that imports the MCP SDK. It opens no socket and fetches nothing: it reads and
writes the workspace it was started with, and talks to its client on stdin and stdout."""

from __future__ import annotations

import logging
import signal
from pathlib import Path
from types import FrameType
from typing import Any

import anyio
import anyio.to_thread
from mcp import types
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError

from ..about import version
from ..workspace import Workspace
from . import resources, tools
from .arguments import schema
from .worker import Stopped, Worker

INSTRUCTIONS = (
    "civreport：把一个单位一个工作期间的事实写成可直接印发的工作总结。起草前先读资源 civreport://genre 和 schema 工具；"
    "报告的发文机关、期间、成文日期和指标是事实，正文的数字用 {键} 引用指标，不要编造；"
    "render 工具在正文与事实不符或留有占位时不生成。文件只在工作目录中读写，路径相对于工作目录。"
)

Context = Any  # the SDK's per-request context, which these handlers do not read


def build(workspace: Path, worker: Worker) -> Server[Any]:
    """The server over ``workspace``, its tool calls run by ``worker``."""
    space = Workspace(workspace)
    lock = anyio.Lock()  # one call at a time in the one worker

    async def list_tools(context: Context, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(
            tools=[
                types.Tool(
                    name=name,
                    title=tool.title,
                    description=tool.description,
                    input_schema=schema(tool.arguments),
                    annotations=types.ToolAnnotations(
                        title=tool.title,
                        read_only_hint=not tool.writes,
                        destructive_hint=False,
                        open_world_hint=False,
                    ),
                )
                for name, tool in tools.TOOLS.items()
            ]
        )

    async def call_tool(context: Context, params: types.CallToolRequestParams) -> types.CallToolResult:
        if params.name not in tools.TOOLS:
            answer = tools.Answer(
                f"错误：没有工具“{params.name}”：可用的有 {'、'.join(tools.TOOLS)}", {"error": "没有这个工具"}, True
            )
        else:
            async with lock:
                try:
                    answer = await anyio.to_thread.run_sync(
                        worker.call, tools.call, str(space.root), params.name, params.arguments or {}
                    )
                except Stopped as exc:
                    answer = tools.Answer(f"错误：{exc}", {"error": str(exc)}, True)
        return types.CallToolResult(
            content=[types.TextContent(text=answer.text)], structured_content=answer.data, is_error=answer.error
        )

    async def list_resources(
        context: Context, params: types.PaginatedRequestParams | None
    ) -> types.ListResourcesResult:
        found = await anyio.to_thread.run_sync(resources.listed, space)
        return types.ListResourcesResult(
            resources=[
                types.Resource(uri=r.uri, name=r.uri, title=r.title, description=r.description, mime_type=r.mime)
                for r in found
            ]
        )

    async def read_resource(context: Context, params: types.ReadResourceRequestParams) -> types.ReadResourceResult:
        try:
            text, mime = await anyio.to_thread.run_sync(resources.read, space, params.uri)
        except resources.UnknownResource as exc:
            raise MCPError(types.INVALID_PARAMS, str(exc)) from None
        return types.ReadResourceResult(
            contents=[types.TextResourceContents(uri=params.uri, text=text, mime_type=mime)]
        )

    return Server(
        "civreport",
        version=version(),
        title="civreport 工作总结",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_read_resource=read_resource,
    )


def serve(workspace: Path, seconds: float) -> None:
    """Serve the tools over stdin and stdout until the client closes them."""
    # The SDK logs in English (and its tracebacks) on standard error; the client reads nothing
    # of it, and each of our handlers answers in Chinese.
    logging.getLogger("mcp").addHandler(logging.NullHandler())
    logging.getLogger("mcp").propagate = False
    worker = Worker(seconds)
    server = build(workspace, worker)

    async def run() -> None:
        async with stdio_server() as (read, write):
            await server.run(read, write, server.create_initialization_options())

    # asyncio turns Ctrl-C into a cancellation, which would wait for ever on the transport's
    # thread reading stdin: raised where it comes instead, as SIGTERM is (civreport.cli).
    before = signal.signal(signal.SIGINT, _interrupt)
    try:
        anyio.run(run)
    finally:
        signal.signal(signal.SIGINT, before)
        worker.stop()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
