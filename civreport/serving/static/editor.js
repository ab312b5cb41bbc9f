// The editor's few behaviours: post the form as the clerk types (after a pause), show each
// message at its field, show the page at once and its newest PDF pages when drawn; the preview's
// paragraphs open their fields, and follow the field being edited; list buttons and dragging; the
// findings beside the form and underlined in the preview, with their fixes; an import's guesses
// confirmed and its dropped lines restored; save; download; new and import on the home page. Every
// write carries the page's token, and every call on a report the key of this page's own draft.
"use strict";
(function () {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const editor = document.querySelector(".editor");
  const draft = editor ? editor.dataset.draft : "";
  const post = (url, body) => fetch(url, {method: "POST", body, headers: {"X-CSRF-Token": token, "X-Draft": draft}});
  const get = (url) => fetch(`${url}?draft=${encodeURIComponent(draft)}`);
  const status = (text) => { document.getElementById("status").textContent = text; };

  function showMessages(messages) {
    document.querySelectorAll(".msg").forEach((slot) => {
      const found = messages[slot.dataset.for];
      slot.textContent = found ? found.join("；") : "";
      slot.closest(".field, fieldset")?.classList.toggle("has-msg", Boolean(found));
      // A message about a field behind 更多选项 opens it: the clerk sees what is wrong.
      if (found) for (let more = slot.closest("details"); more; more = more.parentElement.closest("details")) more.open = true;
    });
    const shown = new Set([...document.querySelectorAll(".msg")].map((s) => s.dataset.for));
    const elsewhere = Object.entries(messages).filter(([path]) => !shown.has(path));
    status(elsewhere.map(([p, m]) => (p ? placeName(p) + "：" : "") + m.join("；")).join(" "));
  }
  let placeName = () => "全文";  // where a field is, in the clerk's words: the editor's placeOf

  // The form's messages and the preview's at its fields (a character its font lacks).
  function merged(messages, notices) {
    const out = {...messages};
    for (const [path, found] of Object.entries(notices)) if (path) out[path] = [...(out[path] || []), ...found];
    return out;
  }

  if (editor) {
    const name = encodeURIComponent(editor.dataset.name);
    const form = document.getElementById("report");
    // A paragraph's field is as tall as its text: the form is as long as the report, no longer.
    const fit = (area) => {
      if (!area.offsetParent) return;  // behind a closed 更多选项: fitted when it opens
      area.style.height = "auto";
      area.style.height = `${area.scrollHeight + 2}px`;
    };
    const fitAll = () => form.querySelectorAll("textarea").forEach(fit);
    form.addEventListener("input", (event) => { if (event.target.tagName === "TEXTAREA") fit(event.target); });
    form.addEventListener("toggle", (event) => event.target.querySelectorAll("textarea").forEach(fit), true);
    fitAll();

    // The outline beside the form: the frame, the opening, each part and its items, the closing;
    // a link scrolls the form to its place. Drawn from the form, so it follows every edit.
    const outline = document.getElementById("outline");
    const link = (target, text) => {
      const a = Object.assign(document.createElement("a"), {href: `#${target.id}`, textContent: text, title: text});
      a.addEventListener("click", (event) => { event.preventDefault(); target.scrollIntoView({block: "start"}); });
      return a;
    };
    // An entry's name in the outline: its title (or name) as typed, else its label (条目 2).
    const named = (entry) => {
      const field = entry.querySelector(":scope > .field > input");
      return field?.value.trim() || entry.querySelector(":scope > .field > label")?.textContent || "";
    };
    const row = (...children) => { const item = document.createElement("li"); item.append(...children); return item; };
    const entries = (list) => [...(list?.querySelectorAll(":scope > .list-body > fieldset.entry.model") || [])];
    function drawOutline() {
      const closed = new Set([...outline.querySelectorAll("details:not([open])")].map((fold) => fold.dataset.for));
      const rows = [];
      for (const [id, text] of [["f-office", "发文机关、期间"], ["f-opening", "开头"]]) {
        const target = document.getElementById(id);
        if (target) rows.push(row(link(target, text)));
      }
      for (const list of form.querySelectorAll("#form-body > .list.models")) {
        for (const part of entries(list)) {
          const items = entries(part.querySelector(":scope > .list.models"));
          if (!items.length) { rows.push(row(link(part, named(part)))); continue; }
          const fold = Object.assign(document.createElement("details"), {open: !closed.has(part.id)});
          fold.dataset.for = part.id;
          const summary = document.createElement("summary");
          summary.append(link(part, named(part)));
          const inner = document.createElement("ul");
          inner.append(...items.map((entry) => row(link(entry, named(entry)))));
          fold.append(summary, inner);
          rows.push(row(fold));
        }
      }
      const closing = document.getElementById("f-closing");
      if (closing) rows.push(row(link(closing, "结尾")));
      outline.replaceChildren(...rows);
    }
    drawOutline();
    form.addEventListener("input", (event) => { if (event.target.name?.endsWith(".title")) drawOutline(); });
    let timer = null;
    let newest = 0;
    let formMessages = {};  // the newest update's, which the preview's notices join
    let unsaved = false;  // edits not yet saved to the file: closing the page asks first
    window.addEventListener("beforeunload", (event) => { if (unsaved) event.preventDefault(); });
    // The writes to the draft (updates, list operations, saving) go one after another, each
    // reading the form when its turn comes: none is overtaken by one naming the fields as they were.
    let queue = Promise.resolve();
    const enqueue = (task) => (queue = queue.then(task).catch(() => status("无法连接编辑器：请确认它仍在运行")));

    // The page at once (issue 26.4): each edit's answer carries the page's blocks, each with the
    // data-path of the fields it prints; those that changed are put in place in a sheet of paper
    // and scrolled to, and the sheet stands for the pages until the PDF's pages of the newest edit
    // are drawn. In a shadow tree: the page's stylesheet styles the page, not the editor.
    const pane = document.querySelector("section.preview");
    const pages = document.getElementById("pages");
    const atOnce = document.getElementById("at-once");
    const paper = atOnce.attachShadow({mode: "open"});
    const pageStyle = document.createElement("style");
    // What the pages' spots show (editor.css), on the sheet's own paragraphs: the editor's
    // stylesheet does not reach into the shadow tree.
    const markStyle = Object.assign(document.createElement("style"), {textContent: `
      [data-path] { cursor: pointer; }
      [data-path]:hover { background: #8b1a1a14; }
      .current { background: #ffd70033; }
      .finding { text-decoration: underline dashed #d00020; text-decoration-thickness: 2px; }
      button.fix { font-size: 11px; padding: 0 0.3em; margin-left: 0.3em; }`});
    const article = document.createElement("article");
    paper.append(pageStyle, markStyle, article);
    // Where the preview's paragraphs are now: the sheet while it stands for the pages, else the pages.
    const shown = () => (atOnce.hidden ? pages : article);
    let shownBlocks = [];
    let sheetGeneration = 0;
    let sheetWidth = 210;  // mm: the paper's, as the page's answer gives it
    const PAGE_WIDTH = 893;  // px: as wide as a page's image (preview.py's SCALE)
    const MM = 96 / 25.4;  // CSS pixels a millimetre
    // Scaled to the pane from the paper's width, not measured: a long page is laid out once an edit.
    function fitSheet() {
      const padding = getComputedStyle(pane);
      const room = pane.clientWidth - parseFloat(padding.paddingLeft) - parseFloat(padding.paddingRight);
      atOnce.style.zoom = String(Math.min(PAGE_WIDTH, room) / (sheetWidth * MM));
    }
    window.addEventListener("resize", fitSheet);
    function showSheet(generation, page) {
      if (generation <= sheetGeneration) return;  // an older edit's answer: never over a newer one
      sheetGeneration = generation;
      sheetWidth = page.width;
      fitSheet();  // before the blocks change: the pane's width is known without a new layout
      if (pageStyle.textContent !== page.css) pageStyle.textContent = page.css;
      const blocks = page.blocks;
      const old = [...article.children];
      // The blocks between those unchanged at the start and those unchanged at the end.
      let start = 0;
      while (start < blocks.length && start < old.length && blocks[start] === shownBlocks[start]) start++;
      let end = 0;
      while (end < blocks.length - start && end < old.length - start
             && blocks[blocks.length - 1 - end] === shownBlocks[old.length - 1 - end]) end++;
      const fresh = document.createElement("template");
      fresh.innerHTML = blocks.slice(start, blocks.length - end).join("");
      const changed = [...fresh.content.children];
      for (const gone of old.slice(start, old.length - end)) gone.remove();
      article.insertBefore(fresh.content, old[old.length - end] || null);
      const edited = old.length > 0 && (changed[0] || article.children[Math.min(start, article.children.length - 1)]);
      shownBlocks = blocks;
      atOnce.hidden = false;
      pages.hidden = true;
      if (edited) edited.scrollIntoView({block: "center"});
      markFindings();
      follow(false);
    }

    async function loadPreview(generation) {
      const state = document.getElementById("preview-state");
      const response = await get(`/edit/${name}/preview/${generation}`);
      if (response.status === 204 || generation !== newest) return;  // a newer edit is on its way
      const body = await response.json();
      if (!response.ok) { state.textContent = body.error; return; }
      const images = Array.from({length: body.pages}, (_, i) => {
        const image = new Image();
        image.src = `/edit/${name}/page/${generation}/${i}.png?draft=${encodeURIComponent(draft)}`;
        image.alt = `第 ${i + 1} 页`;
        image.className = "page";
        return image;
      });
      // The sheet stays until the pages are drawn, and gives way only to the newest edit's.
      await Promise.all(images.map((image) => image.decode().catch(() => {})));
      if (generation !== newest) return;
      // The pane scrolled as far down the pages as it was down the sheet: about where the edit was.
      const top = pane.getBoundingClientRect().top;
      const before = atOnce.getBoundingClientRect();
      const at = atOnce.hidden ? null : (top - before.top) / Math.max(before.height, 1);
      pages.replaceChildren(...images);
      pages.dataset.generation = String(generation);
      atOnce.hidden = true;
      pages.hidden = false;
      if (at !== null) {
        const after = pages.getBoundingClientRect();
        pane.scrollTop += after.top - top + at * after.height;
      }
      state.textContent = `共 ${body.pages} 页`;
      // What is about the whole document (a font that stood in) goes under the page count.
      document.getElementById("preview-notes").textContent = (body.notices[""] || []).join("；");
      showMessages(merged(formMessages, body.notices));
      placeSpots(generation);
    }

    // The preview's paragraphs (issue 26.1, 26.5): over each page image, its paragraphs' lines as
    // the server found them in the PDF, each naming the fields it prints (data-path, as an HTML
    // preview's elements do); a click opens the field, an edit scrolls to its paragraph, and a
    // finding is underlined at its paragraph, with 修正 where it can be mended.
    const percent = (fraction) => `${(fraction * 100).toFixed(2)}%`;
    async function placeSpots(generation) {
      const response = await get(`/edit/${name}/spots/${generation}`);
      if (response.status !== 200 || generation !== newest) return;
      const body = await response.json();
      document.querySelectorAll("#pages img.page").forEach((image, number) => {
        const sheet = Object.assign(document.createElement("div"), {className: "sheet"});
        image.replaceWith(sheet);
        sheet.append(image);
        for (const found of body.pages[number] || []) {
          const spot = Object.assign(document.createElement("div"), {className: "spot"});
          spot.dataset.path = found.path;
          spot.append(...found.lines.map(([left, top, width, height]) => {
            const line = Object.assign(document.createElement("div"), {className: "line"});
            Object.assign(line.style, {left: percent(left), top: percent(top), width: percent(width), height: percent(height)});
            return line;
          }));
          sheet.append(spot);
        }
      });
      markFindings();
      follow();
    }
    // A field's path, then the paths of the entries around it, innermost first.
    function outward(path) {
      const out = [path];
      for (let at = path.replace(/(\.[^.[]+|\[\d+\])$/, ""); at && at !== out.at(-1); at = at.replace(/(\.[^.[]+|\[\d+\])$/, "")) out.push(at);
      return out;
    }
    // The preview's elements that print a field (its own path, else the nearest entry around it:
    // a part's numbering has no paragraph, its part has), first on the page first.
    function printing(path) {
      const elements = [...shown().querySelectorAll("[data-path]")];
      for (const at of outward(path)) {
        const found = elements.filter((element) => element.dataset.path.split(" ").some(
          (p) => p === at || p.startsWith(`${at}.`) || p.startsWith(`${at}[`)));
        if (found.length) return found;
      }
      return [];
    }
    function openPrinted(event) {
      if (event.target.closest("button")) return;
      const printed = event.target.closest("[data-path]");
      if (!printed) return;
      // Its first field the form has; else the entry it stands in (a table's title has no field).
      const paths = printed.dataset.path.split(" ");
      for (const path of [...paths, ...outward(paths[0]).slice(1)]) {
        const {field} = placeOf(path);
        const control = field?.matches("input, textarea, select") ? field : field?.querySelector("input:not([type=hidden]), textarea, select");
        if (control) { reveal(control); return; }
      }
    }
    pages.addEventListener("click", openPrinted);
    paper.addEventListener("click", openPrinted);
    let following = "";  // the field being edited, whose paragraph the preview keeps in sight
    // ``scroll``: false where the sheet has just scrolled to the edit itself.
    function follow(scroll = true) {
      for (const root of [pages, article]) root.querySelectorAll(".current").forEach((element) => element.classList.remove("current"));
      const found = following ? printing(following) : [];
      found.forEach((element) => element.classList.add("current"));
      const line = found[0]?.querySelector(".line") ?? found[0];  // a spot's first line, or the sheet's paragraph
      if (!line || !scroll) return;
      const box = line.getBoundingClientRect();
      const pane = line.closest(".preview")?.getBoundingClientRect();
      // Out of sight: brought to the middle of the pane; in sight, the pane stays still as the clerk types.
      if (!pane || box.top < pane.top || box.bottom > pane.bottom) line.scrollIntoView({block: "center"});
    }
    for (const kind of ["focusin", "input"]) {
      form.addEventListener(kind, (event) => { if (event.target.name) { following = event.target.name; follow(); } });
    }

    let findings = [];  // the newest update's
    function markFindings() {
      for (const root of [pages, article]) {
        for (const element of root.querySelectorAll(".finding")) {
          element.classList.remove("finding");
          element.removeAttribute("title");
        }
        for (const button of root.querySelectorAll("button.fix")) button.remove();
      }
      for (const finding of findings) {
        // Where it prints; a finding about an entry (a part too thin), at the entry's first paragraph.
        const exact = [...shown().querySelectorAll("[data-path]")].filter(
          (element) => element.dataset.path.split(" ").includes(finding.path));
        const marked = exact.length ? exact : printing(finding.path).slice(0, 1);
        for (const element of marked) {
          element.classList.add("finding");
          element.title = [element.title, finding.message].filter(Boolean).join("\n");
          if (!finding.fixable) continue;
          const fix = Object.assign(document.createElement("button"), {type: "button", textContent: "修正", className: "fix", title: finding.message});
          fix.addEventListener("click", () => redrawn(`/edit/${name}/fix`, {__path: finding.path, __code: finding.code}));
          const line = element.querySelector(".line");
          if (line) Object.assign(fix.style, {left: `calc(${line.style.left} + ${line.style.width})`, top: line.style.top});
          element.append(fix);
        }
      }
    }

    function update() {
      clearTimeout(timer);
      timer = null;
      return enqueue(send);
    }

    // Everything typed so far in the draft on the server (before saving or downloading).
    function flush() {
      if (timer !== null) update();
      return queue;
    }

    async function send() {
      const response = await post(`/edit/${name}/update`, new FormData(form));
      const body = await response.json();
      if (!response.ok) { status(body.error); return; }
      newest = body.generation;
      formMessages = body.messages;
      showMessages(body.messages);
      listFindings(body.valid, body.findings);
      const state = document.getElementById("preview-state");
      if (body.sheet) showSheet(body.generation, body.sheet);
      if (body.valid) { state.textContent = "正在分页……"; loadPreview(body.generation); }
      else { state.textContent = "报告有错误，改正后更新预览"; }
    }

    form.addEventListener("input", () => { unsaved = true; clearTimeout(timer); timer = setTimeout(update, 500); });
    form.addEventListener("change", () => { unsaved = true; clearTimeout(timer); timer = setTimeout(update, 100); });
    document.getElementById("profile").addEventListener("change", () => { unsaved = true; update(); });
    // A change the server makes to the form (a list operation, a fix): the form posted with
    // ``extra``, drawn again as the answer has it (then ``after`` the answer), then an update for
    // its messages and preview.
    function redrawn(url, extra, after = () => {}) {
      clearTimeout(timer);  // the call posts the form itself
      timer = null;
      enqueue(async () => {
        const data = new FormData(form);
        for (const [key, value] of Object.entries(extra)) data.append(key, value);
        const response = await post(url, data);
        const body = await response.json();
        if (!response.ok) { status(body.error); return; }
        unsaved = true;
        // The form drawn again keeps open what the clerk opened.
        const open = [...form.querySelectorAll("details[open]")].map((more) => more.id);
        document.getElementById("form-body").innerHTML = body.form;
        for (const id of open) document.getElementById(id)?.setAttribute("open", "");
        fitAll();
        drawOutline();
        after(body);
      });
      update();
    }
    form.addEventListener("click", (event) => {
      const button = event.target.closest("button.op");
      if (button) redrawn(`/edit/${name}/op`, {__op: button.dataset.op, __path: button.dataset.path});
    });
    // An entry dragged by its handle onto another of its list takes that one's place: the
    // server moves it as the up and down buttons do.
    const listOf = (path) => path.replace(/\[\d+\]$/, "");
    let dragged = null;
    // The entry of the dragged one's list under the pointer (an item's part, for a part dragged over an item).
    const target = (event) => {
      for (let entry = event.target.closest?.(".entry"); dragged && entry; entry = entry.parentElement.closest(".entry")) {
        const handle = entry.querySelector(":scope > .ops > .drag");
        if (handle && listOf(handle.dataset.path) === listOf(dragged)) return handle.dataset.path === dragged ? null : handle;
      }
      return null;
    };
    form.addEventListener("dragstart", (event) => {
      const handle = event.target.closest?.(".drag");
      if (!handle) return;
      dragged = handle.dataset.path;
      event.dataTransfer.setData("text/plain", "");
      event.dataTransfer.effectAllowed = "move";
    });
    form.addEventListener("dragover", (event) => {
      if (!target(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    });
    form.addEventListener("drop", (event) => {
      const onto = target(event);
      if (!onto) return;
      event.preventDefault();
      redrawn(`/edit/${name}/op`, {__op: "move", __path: dragged, __to: onto.dataset.path});
      dragged = null;
    });
    form.addEventListener("dragend", () => { dragged = null; });

    // Where a field is, as the clerk finds it: the entries it is in and its label (部分 1 › 正文 2).
    function placeOf(path) {
      const field = form.querySelector(`[name="${CSS.escape(path)}"]`) || document.getElementById(`f-${path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`);
      if (!field) return {field: null, text: "全文"};
      const names = [];
      for (let at = field.closest("fieldset.model"); at; at = at.parentElement.closest("fieldset.model")) names.unshift(at.getAttribute("aria-label"));
      const label = field.id && document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
      if (label && !names.includes(label.textContent)) names.push(label.textContent);
      return {field, text: names.join(" › ")};
    }
    placeName = (path) => placeOf(path).text;
    const reveal = (field) => {
      for (let more = field.closest("details"); more; more = more.parentElement.closest("details")) more.open = true;
      field.scrollIntoView({block: "center"});
      field.focus?.({preventScroll: true});
    };

    // The proofreader's findings beside the form: each at its field, with 修正 where it can mend it.
    function listFindings(valid, found) {
      findings = valid ? found : [];
      markFindings();
      const list = document.getElementById("findings");
      document.getElementById("findings-count").textContent = !valid ? "（报告有错误，改正后校对）" : findings.length ? `（${findings.length} 处）` : "（没有发现问题）";
      list.replaceChildren(...findings.map((finding) => {
        const place = placeOf(finding.path);
        const go = Object.assign(document.createElement("a"), {href: "#", textContent: place.text, className: "to-field"});
        go.addEventListener("click", (event) => { event.preventDefault(); if (place.field) reveal(place.field); });
        const entry = row(go, `：${finding.message}`);
        if (finding.fixable) {
          const fix = Object.assign(document.createElement("button"), {type: "button", textContent: "修正", className: "fix"});
          fix.addEventListener("click", () => redrawn(`/edit/${name}/fix`, {__path: finding.path, __code: finding.code}));
          entry.append(" ", fix);
        }
        return entry;
      }));
    }

    // An import's guesses, confirmed one by one; a field's name opens it in the form.
    for (const button of document.querySelectorAll("#guesses button.confirm")) {
      button.addEventListener("click", () => enqueue(async () => {
        const data = new FormData();
        data.append("__field", button.dataset.field);
        const response = await post(`/edit/${name}/confirm`, data);
        const body = await response.json();
        if (!response.ok) { status(body.error); return; }
        button.closest("li").classList.add("confirmed");
        Object.assign(button, {disabled: true, textContent: "已确认"});
        status(body.pending.length ? `还有 ${body.pending.length} 项待核对` : "推断的各项都已确认：可以下载正式文档");
      }));
    }
    // A dropped line restored as a paragraph at the end of the list it stood in: the form drawn
    // again, the new paragraph opened.
    for (const button of document.querySelectorAll("#dropped button.restore")) {
      button.addEventListener("click", () => redrawn(`/edit/${name}/restore`, {__drop: button.dataset.drop}, (body) => {
        Object.assign(button, {disabled: true, textContent: "已恢复"});
        const place = placeOf(body.path);
        if (place.field) reveal(place.field);
      }));
    }
    for (const link of document.querySelectorAll("#guesses a.to-field")) {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        const field = document.getElementById(link.getAttribute("href").slice(1));
        if (field) reveal(field);
      });
    }
    document.getElementById("save").addEventListener("click", () => {
      flush();
      enqueue(async () => {
        const response = await post(`/edit/${name}/save`, new FormData());
        const body = await response.json();
        if (response.ok) unsaved = false;
        status(body.message || body.error);
      });
    });
    for (const link of document.querySelectorAll("#download-pdf, #download-docx, #draft-pdf, #draft-docx")) {
      link.addEventListener("click", async (event) => {
        event.preventDefault();  // the download is of the draft: first the last keystrokes into it
        await flush();
        const response = await get(link.getAttribute("href"));
        if (!response.ok) { status((await response.json()).error); return; }  // the clerk stays on the page
        const file = URL.createObjectURL(await response.blob());
        const save = Object.assign(document.createElement("a"), {href: file, download: link.dataset.filename});
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(file), 60000);
      });
    }
    update();
  }

  // The chosen file's name beside the button that stands for the browser's own.
  const chosen = document.getElementById("import-chosen");
  document.getElementById("import-file")?.addEventListener("change", (event) => {
    chosen.textContent = event.target.files.length ? event.target.files[0].name : "未选择文件";
  });

  for (const [id, url] of [["new-report", "/new"], ["import-report", "/import"]]) {
    const home = document.getElementById(id);
    if (!home) continue;
    home.addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await post(url, new FormData(home));
      const body = await response.json();
      if (response.ok) { window.location = body.url; }
      else { home.querySelector(".msg").textContent = body.error; }
    });
  }
})();
