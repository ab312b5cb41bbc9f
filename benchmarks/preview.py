"""The editor's preview (issue 26.4): from an edit posted to the updated page, on reports of about
5 and 50 pages, the page at once (the edit's answer carries the page's blocks, which the editor
puts in place) against the full re-render that was the only preview before (the PDF drawn and
every page's image fetched), in interleaved rounds on one warm ``civreport serve`` editor
(Uvicorn on a free local port, as a browser calls it), medians of wall-clock milliseconds. An
edit changes one paragraph in the middle of the report; each round waits for the PDF of the
round before, so that no round pays for another's. The editor itself waits for a pause in the
typing before it posts (0.5 s; 0.1 s after a field is left), which neither side includes.

Usage: python benchmarks/preview.py [--sizes 5 50] [--rounds N]
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import re
import shutil
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import uvicorn

from civreport.readers.yamlfile import read_yaml
from civreport.serving.app import create_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "district-2023-civilized-city.yaml"
ITEMS = {5: 6, 50: 104}  # pages → items of the sample's first part that make about that many


def report(items: int) -> dict[str, Any]:
    """The sample with its first part's items repeated to ``items``, each titled apart."""
    data: dict[str, Any] = read_yaml(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name)[0]
    data = copy.deepcopy(data)
    kept = data["measures"][0]["items"]
    data["measures"][0]["items"] = [
        {**copy.deepcopy(kept[i % len(kept)]), "title": f"{kept[i % len(kept)]['title']}（{i + 1}）"}
        for i in range(items)
    ]
    return data


class Editor:
    """A page of the editor on one report, as its script calls the server."""

    def __init__(self, port: int, name: str) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port)
        self.name = quote(name)
        self.headers: dict[str, str] = {}
        page = self.get(f"/edit/{self.name}").decode()
        self.headers = {
            "X-CSRF-Token": re.search(r'name="csrf-token" content="([^"]+)"', page)[1],  # type: ignore[index]
            "X-Draft": re.search(r'data-draft="([^"]+)"', page)[1],  # type: ignore[index]
            "Origin": f"http://127.0.0.1:{port}",
            "Content-Type": "application/x-www-form-urlencoded",
        }

    def get(self, url: str) -> bytes:
        self.connection.request("GET", url, headers=self.headers)
        return self.connection.getresponse().read()

    def edit(self, field: str, text: str) -> dict[str, Any]:
        self.connection.request(
            "POST", f"/edit/{self.name}/update", body=urlencode({field: text}), headers=self.headers
        )
        answer: dict[str, Any] = json.loads(self.connection.getresponse().read())
        return answer

    def pages(self, generation: int) -> int:
        """Wait for the PDF of ``generation``; its number of pages."""
        count: int = json.loads(self.get(f"/edit/{self.name}/preview/{generation}"))["pages"]
        return count

    def at_once(self, field: str, text: str) -> float:
        start = time.perf_counter()
        answer = self.edit(field, text)
        assert answer["sheet"]["blocks"], "the edit's answer has no page"
        took = time.perf_counter() - start
        self.pages(answer["generation"])  # not timed: the PDF drawn before the next round
        return took

    def full(self, field: str, text: str) -> float:
        start = time.perf_counter()
        generation = self.edit(field, text)["generation"]
        for index in range(self.pages(generation)):
            self.get(f"/edit/{self.name}/page/{generation}/{index}.png")
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", choices=sorted(ITEMS), default=sorted(ITEMS))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="civreport-preview-"))
    for size in args.sizes:
        (workspace / f"{size}.yaml").write_text(json.dumps(report(ITEMS[size]), ensure_ascii=False), encoding="utf-8")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(workspace, port=port, warm=True), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    print(f"edit → updated preview, medians of {args.rounds} interleaved rounds (ms)")
    print(f"{'report':>8} {'pages':>6} {'at once':>9} {'full re-render':>15} {'ratio':>7}")
    try:
        for size in args.sizes:
            editor = Editor(port, f"{size}.yaml")
            field = f"measures[0].items[{ITEMS[size] // 2}].body[0]"
            texts = [f"第{n}次修改：本段落在编辑器中修改，预览随之更新。" for n in range(2 * args.rounds + 4)]
            pages = editor.pages(editor.edit(field, texts.pop())["generation"])  # a warm-up of each side
            editor.at_once(field, texts.pop())
            editor.full(field, texts.pop())
            times: tuple[list[float], list[float]] = ([], [])
            for _ in range(args.rounds):
                times[0].append(editor.at_once(field, texts.pop()))
                times[1].append(editor.full(field, texts.pop()))
            now, before = (statistics.median(t) * 1000 for t in times)
            print(f"{size:>8} {pages:>6} {now:>9.0f} {before:>15.0f} {before / now:>6.1f}×")
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
        shutil.rmtree(workspace)


if __name__ == "__main__":
    main()
