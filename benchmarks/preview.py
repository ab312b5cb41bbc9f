"""The editor's preview (issue 26.4), on reports of about 5 and 50 pages, an edit changing one
paragraph in the middle: medians of wall-clock milliseconds over rounds, each round waiting for
the PDF of the round before, so that no round pays for another's. Sections (all by default):

  server   from an edit posted to its answer, which carries the page at once (the page's blocks,
           which the editor puts in place), against the full re-render that was the only preview
           before (the PDF drawn and every page's image fetched), interleaved rounds on one warm
           ``civreport serve`` editor (Uvicorn on a free local port), called as the page calls it
  browser  the same in Debian's Chromium (Playwright): from the editor posting an edit to the
           edited paragraph shown in the page, and to the PDF's pages shown in its place (both
           times of each edit, to the frame drawn after); edits made on a settled preview
           interleaved with edits made as soon as the pages of the edit before are shown, while
           a worker finds their paragraphs on them (the machine's cores then shared)
  first    the first edit's preview after start-up (the editor opened 10 s after the server
           started, as a clerk opens it), at once and with its PDF's pages: nothing loaded before
           the first edit (before) against the page renderer loaded and the PDF's workers started
           and warmed with the server (``civreport serve`` now), interleaved rounds, a new server
           each, on the smallest report

The editor waits for a pause in the typing before it posts (0.5 s; 0.1 s after a field is left),
which no figure includes.

Usage: python benchmarks/preview.py [SECTION ...] [--sizes 5 50] [--rounds N]
"""

from __future__ import annotations

import argparse
import contextlib
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
from collections.abc import Callable, Iterator
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

    def both(self, field: str, text: str) -> tuple[float, float]:
        """The seconds from posting an edit to its answer (the page at once) and to the last of
        its PDF's page images."""
        start = time.perf_counter()
        answer = self.edit(field, text)
        assert answer["sheet"]["blocks"], "the edit's answer has no page"
        answered = time.perf_counter() - start
        generation = answer["generation"]
        for index in range(self.pages(generation)):
            self.get(f"/edit/{self.name}/page/{generation}/{index}.png")
        return answered, time.perf_counter() - start

    def at_once(self, field: str, text: str) -> float:
        start = time.perf_counter()
        answer = self.edit(field, text)
        assert answer["sheet"]["blocks"], "the edit's answer has no page"
        took = time.perf_counter() - start
        self.pages(answer["generation"])  # not timed: the PDF drawn before the next round
        return took

    def full(self, field: str, text: str) -> float:
        return self.both(field, text)[1]


@contextlib.contextmanager
def served(workspace: Path, warm: bool = True) -> Iterator[int]:
    """The editor on ``workspace`` on a free local port, until the block ends; the port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    port = sock.getsockname()[1]
    app = create_app(workspace, port=port, warm=warm)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def edits(rounds: int) -> list[str]:
    """A text for each edit, each different from the one before."""
    return [f"第{n}次修改：本段落在编辑器中修改，预览随之更新。" for n in range(rounds)]


def middle(size: int) -> str:
    """The field edited: a paragraph in the middle of the report."""
    return f"measures[0].items[{ITEMS[size] // 2}].body[0]"


def server_section(workspace: Path, sizes: list[int], rounds: int) -> None:
    print(f"edit posted → updated preview, server: medians of {rounds} interleaved rounds (ms)")
    print(f"{'report':>8} {'pages':>6} {'at once':>9} {'full re-render':>15} {'ratio':>7}")
    with served(workspace) as port:
        for size in sizes:
            editor = Editor(port, f"{size}.yaml")
            field, texts = middle(size), edits(2 * rounds + 3)
            pages = editor.pages(editor.edit(field, texts.pop())["generation"])  # a warm-up of each side
            editor.at_once(field, texts.pop())
            editor.full(field, texts.pop())
            times: tuple[list[float], list[float]] = ([], [])
            for _ in range(rounds):
                times[0].append(editor.at_once(field, texts.pop()))
                times[1].append(editor.full(field, texts.pop()))
            now, before = (statistics.median(t) * 1000 for t in times)
            print(f"{size:>8} {pages:>6} {now:>9.0f} {before:>15.0f} {before / now:>6.1f}×")


# In the editor's page: the field set to a text and left (the editor posts 0.1 s later); the times
# from the post to the frame drawn after the edited paragraph shows the text in the sheet, and
# after the PDF's pages of the edit are shown. It returns then, or (``settle``) once the pages'
# paragraphs are placed on them too (their spots, found in a worker after the pages are shown).
_EDIT_IN_PAGE = """async ([field, text, settle]) => {
  const paper = document.getElementById("at-once").shadowRoot;
  const pages = document.getElementById("pages");
  const before = Number(pages.dataset.generation || 0);
  const seen = {};
  performance.clearResourceTimings();
  const done = new Promise((resolve) => {
    const drawn = (key) => requestAnimationFrame(() => {
      seen[key] = seen[key] || performance.now();
      if (seen.sheet && seen.pages && (!settle || pages.querySelector(".sheet"))) resolve();
    });
    const look = () => {
      const shown = [...paper.querySelectorAll("[data-path]")].some(
        (block) => block.dataset.path.split(" ").includes(field) && block.textContent.includes(text));
      if (shown) drawn("sheet");
      if (Number(pages.dataset.generation || 0) > before) drawn("pages");
    };
    new MutationObserver(look).observe(paper, {subtree: true, childList: true, characterData: true});
    new MutationObserver(look).observe(pages, {attributes: true, childList: true, subtree: true});
  });
  const area = document.querySelector(`[name="${field}"]`);
  area.value = text;
  area.dispatchEvent(new Event("change", {bubbles: true}));
  await done;
  const posted = performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/update")).pop().startTime;
  return [seen.sheet - posted, seen.pages - posted];
}"""


def browser_section(workspace: Path, sizes: list[int], rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    print(f"edit posted → shown in the browser (Chromium): medians of {rounds} interleaved rounds (ms)")
    print("  an edit made on a settled preview (its pages and their paragraphs placed), and one made")
    print("  as soon as the pages of the edit before are shown (their paragraphs being placed)")
    print(f"{'report':>8} {'pages':>6} {'at once':>9} {'PDF pages':>10} {'ratio':>7} {'at once, right after':>21}")
    with served(workspace) as port, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(120_000)
        for size in sizes:
            page.goto(f"http://127.0.0.1:{port}/edit/{quote(f'{size}.yaml')}")
            page.wait_for_function("() => Number(document.getElementById('pages').dataset.generation || 0) > 0")
            field, texts = middle(size), edits(2 * rounds + 1)
            page.evaluate(_EDIT_IN_PAGE, [field, texts.pop(), True])  # a warm-up
            settled, right_after = [], []
            for _ in range(rounds):
                settled.append(page.evaluate(_EDIT_IN_PAGE, [field, texts.pop(), False]))
                right_after.append(page.evaluate(_EDIT_IN_PAGE, [field, texts.pop(), True]))
            now, pdf = (statistics.median(t[i] for t in settled) for i in (0, 1))
            after = statistics.median(t[0] for t in right_after)
            pages = page.locator("img.page").count()
            print(f"{size:>8} {pages:>6} {now:>9.0f} {pdf:>10.0f} {pdf / now:>6.1f}× {after:>21.0f}")
        browser.close()


FIRST_WAIT = 10  # seconds from the server started to the editor opened


def first_section(workspace: Path, sizes: list[int], rounds: int) -> None:
    size = sizes[0]
    print(f"the first preview after start-up, {size} pages: medians of {rounds} interleaved rounds (ms)")

    def first(warm: bool) -> tuple[float, float]:
        with served(workspace, warm) as port:
            time.sleep(FIRST_WAIT)
            return Editor(port, f"{size}.yaml").both(middle(size), "开机后第一次修改。")

    times: tuple[list[tuple[float, float]], list[tuple[float, float]]] = ([], [])
    for _ in range(rounds):
        times[0].append(first(False))
        times[1].append(first(True))
    print(f"{'':>44} {'at once':>9} {'PDF pages':>10}")
    for label, side in (("nothing loaded before the first edit", times[0]), ("warmed as the server starts", times[1])):
        answered, drawn = (statistics.median(t[i] for t in side) * 1000 for i in (0, 1))
        print(f"{label:>44} {answered:>9.0f} {drawn:>10.0f}")


SECTIONS: dict[str, Callable[[Path, list[int], int], None]] = {
    "server": server_section,
    "browser": browser_section,
    "first": first_section,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=", ".join(SECTIONS))
    parser.add_argument("--sizes", type=int, nargs="+", choices=sorted(ITEMS), default=sorted(ITEMS))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    if unknown := set(args.sections) - set(SECTIONS):
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    workspace = Path(tempfile.mkdtemp(prefix="civreport-preview-"))
    try:
        for size in args.sizes:
            text = json.dumps(report(ITEMS[size]), ensure_ascii=False)  # JSON is YAML
            (workspace / f"{size}.yaml").write_text(text, encoding="utf-8")
        for name in args.sections or SECTIONS:
            SECTIONS[name](workspace, args.sizes, args.rounds)
    finally:
        shutil.rmtree(workspace)


if __name__ == "__main__":
    main()
