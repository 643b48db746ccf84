// cleaner playground: sends the input to POST v1/clean and shows what was removed.
// Every piece of user or server text goes into the page as a text node (textContent,
// createTextNode), never as HTML.
"use strict";

(function () {
  const KIND_COLOURS = {
    title: "#9cc7ff", metadata: "#8fe0d9", caption: "#dcb6ff", ui: "#ffd966",
    duplicate: "#b9c3ff", advertisement: "#b5e48c", disclaimer: "#ffbe8a", copyright: "#f4a9cf",
    appended_story: "#ff8a80", boilerplate: "#cfd4da",
  };
  const SPARE_COLOURS = ["#b8e0a0", "#e6d48f", "#a0d8ef", "#f0b0a0", "#c8b8e8", "#d0e890"];

  const $ = (id) => document.getElementById(id);
  const form = $("clean-form");
  const input = $("input");
  const fileInput = $("file");
  const formatSelect = $("format");
  const cleanButton = $("clean-button");
  const statusLine = $("status");
  const resultSection = $("result");
  const kindList = $("kind-list");
  const found = $("found");
  const marked = $("marked");
  const cleanText = $("clean");
  const tooltip = $("tooltip");

  const state = {
    kinds: [],            // every kind the server knows (GET v1/rules), in its order
    disabled: new Set(),  // kinds the user unticked
    toggles: new Map(),   // kind -> {label, box, count}
    result: null,         // the last answer of POST v1/clean
    request: 0,           // number of the latest request; older answers are ignored
  };

  function kindColour(kind) {
    if (KIND_COLOURS[kind]) return KIND_COLOURS[kind];
    let hash = 0;
    for (const ch of kind) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
    return SPARE_COLOURS[hash % SPARE_COLOURS.length];
  }

  function setStatus(message, isError) {
    statusLine.textContent = message;
    statusLine.classList.toggle("error", Boolean(isError));
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // -- talking to the service -----------------------------------------------------------------
  async function loadKinds() {
    try {
      const answer = await fetch("v1/rules", { headers: { Accept: "application/json" } });
      if (answer.ok) {
        const rules = await answer.json();
        state.kinds = Array.isArray(rules.kinds) ? rules.kinds.map(String) : [];
      }
    } catch (error) {
      state.kinds = []; // the kinds of each result are shown anyway
    }
  }

  async function clean() {
    const text = input.value;
    if (!text.trim()) {
      setStatus("Paste an article or drop a file first.", true);
      input.focus();
      return;
    }
    const number = ++state.request;
    const body = { options: { include_source: true } };
    body[formatSelect.value === "html" ? "html" : "text"] = text;
    if (state.disabled.size) body.options.disable = Array.from(state.disabled);
    cleanButton.disabled = true;
    setStatus("Cleaning…");
    let answer, data;
    try {
      answer = await fetch("v1/clean", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      data = await answer.json();
    } catch (error) {
      if (number === state.request) {
        cleanButton.disabled = false;
        setStatus("The service did not answer: " + error.message, true);
      }
      return;
    }
    if (number !== state.request) return; // a newer request is on its way
    cleanButton.disabled = false;
    if (!answer.ok || !data || data.error) {
      const problem = data && data.error ? data.error.code + ": " + data.error.message : "HTTP " + answer.status;
      setStatus("Could not clean: " + problem, true);
      return;
    }
    state.result = data;
    render(data);
    const off = state.disabled.size ? " (kept: " + Array.from(state.disabled).join(", ") + ")" : "";
    setStatus("Removed " + data.removed.length + " pieces" + off + ".");
  }

  // -- rendering --------------------------------------------------------------------------------
  function render(result) {
    renderKinds(result.removed);
    renderFound(result);
    renderMarked(result.source || "", result.removed);
    const paragraphs = document.createDocumentFragment();
    for (const line of result.text.split("\n")) paragraphs.append(element("p", "", line));
    cleanText.replaceChildren(paragraphs);
    resultSection.hidden = false;
  }

  function toggleFor(kind) {
    if (state.toggles.has(kind)) return state.toggles.get(kind);
    const label = element("label", "kind-toggle");
    label.dataset.kind = kind;
    const box = element("input");
    box.type = "checkbox";
    box.checked = !state.disabled.has(kind);
    box.value = kind;
    box.addEventListener("change", () => {
      if (box.checked) state.disabled.delete(kind);
      else state.disabled.add(kind);
      clean();
    });
    const swatch = element("span", "swatch");
    swatch.style.setProperty("--kind", kindColour(kind));
    swatch.setAttribute("aria-hidden", "true");
    const count = element("span", "count");
    label.append(box, swatch, document.createTextNode(kind.replace(/_/g, " ") + " "), count);
    const toggle = { label, box, count };
    state.toggles.set(kind, toggle);
    return toggle;
  }

  // The toggles are built once per kind and updated in place, so keyboard focus stays on the
  // checkbox that was just toggled while the page cleans again.
  function renderKinds(removed) {
    const counts = new Map();
    for (const removal of removed) counts.set(removal.kind, (counts.get(removal.kind) || 0) + 1);
    const kinds = [...state.kinds];
    for (const kind of [...counts.keys(), ...state.disabled]) if (!kinds.includes(kind)) kinds.push(kind);
    kinds.forEach((kind) => {
      const toggle = toggleFor(kind);
      const n = counts.get(kind) || 0;
      toggle.count.textContent = "(" + n + ")";
      toggle.box.checked = !state.disabled.has(kind);
      toggle.label.classList.toggle("empty", n === 0 && toggle.box.checked);
      toggle.box.setAttribute("aria-label", "remove " + kind.replace(/_/g, " ") + ": " + n + " removed");
      if (toggle.label.parentNode !== kindList) kindList.append(toggle.label);
    });
  }

  function renderFound(result) {
    found.replaceChildren();
    const rows = [["title", result.title || "(none found)"]];
    for (const [key, value] of Object.entries(result.metadata || {})) rows.push([key, String(value)]);
    const removedChars = result.removed.reduce((sum, r) => sum + (r.end - r.start), 0);
    rows.push(["removed", result.removed.length + " pieces, " + removedChars + " characters"]);
    if (result.stats) {
      rows.push(["size", result.stats.chars_in + " characters in, " + result.stats.chars_out + " out"]);
      rows.push(["time", (1000 * result.stats.seconds).toFixed(1) + " ms"]);
    }
    for (const [key, value] of rows) {
      const dt = element("dt", "", key);
      const dd = element("dd", "", value);
      dd.dataset.field = key;
      found.append(dt, dd);
    }
  }

  // The service counts offsets in code points; JavaScript strings index UTF-16 units.
  function unitOffsets(source) {
    if (!/[\uD800-\uDFFF]/.test(source)) return (index) => index;
    const units = [0];
    let unit = 0;
    for (const ch of source) {
      unit += ch.length;
      units.push(unit);
    }
    return (index) => units[Math.max(0, Math.min(index, units.length - 1))];
  }

  function describe(removal) {
    return removal.kind.replace(/_/g, " ") + " removed by " + removal.rule +
      (removal.reason ? " (" + removal.reason.replace(/_/g, " ") + ")" : "");
  }

  function renderMarked(source, removed) {
    const toUnit = unitOffsets(source);
    const pieces = document.createDocumentFragment();
    const ordered = [...removed].sort((a, b) => a.start - b.start || b.end - a.end);
    let position = 0;
    for (const removal of ordered) {
      const start = toUnit(removal.start);
      const end = toUnit(removal.end);
      if (start < position || end <= start) continue; // overlapping or empty: shown once
      pieces.append(document.createTextNode(source.slice(position, start)));
      const text = source.slice(start, end);
      const mark = element("mark", "removed kind-" + removal.kind.replace(/[^a-z0-9_-]/gi, "-"), text);
      mark.style.setProperty("--kind", kindColour(removal.kind));
      mark.dataset.kind = removal.kind;
      mark.dataset.rule = removal.rule;
      mark.dataset.reason = removal.reason || "";
      mark.title = removal.kind + " · " + removal.rule + (removal.reason ? " · " + removal.reason : "");
      const shown = text.length > 200 ? text.slice(0, 197) + "…" : text;
      mark.setAttribute("aria-label", describe(removal) + ": " + shown);
      mark.tabIndex = -1;
      pieces.append(mark);
      position = end;
    }
    pieces.append(document.createTextNode(source.slice(position)));
    marked.replaceChildren(pieces);
    const first = marked.querySelector("mark");
    if (first) first.tabIndex = 0; // one tab stop; arrows move between the marks
    marked.tabIndex = first ? -1 : 0;
    hideTooltip();
  }

  // -- the marks: keyboard and tooltip --------------------------------------------------------
  function marks() {
    return Array.from(marked.querySelectorAll("mark"));
  }

  function focusMark(mark) {
    for (const other of marks()) other.tabIndex = other === mark ? 0 : -1;
    mark.focus();
  }

  marked.addEventListener("keydown", (event) => {
    const current = event.target.closest && event.target.closest("mark");
    if (!current) return;
    const all = marks();
    const index = all.indexOf(current);
    const moves = { ArrowRight: 1, ArrowDown: 1, j: 1, ArrowLeft: -1, ArrowUp: -1, k: -1 };
    let next = null;
    if (event.key in moves) next = all[index + moves[event.key]];
    else if (event.key === "Home") next = all[0];
    else if (event.key === "End") next = all[all.length - 1];
    else if (event.key === "Escape") { hideTooltip(); return; }
    else return;
    event.preventDefault();
    if (next) focusMark(next);
  });

  function showTooltip(mark) {
    tooltip.replaceChildren(
      element("strong", "", mark.dataset.kind.replace(/_/g, " ")),
      element("span", "", "rule: " + mark.dataset.rule),
    );
    if (mark.dataset.reason) {
      tooltip.append(document.createElement("br"), element("span", "", "reason: " + mark.dataset.reason));
    }
    tooltip.hidden = false;
    // Above the mark's first line when there is room, else below its last line.
    const lines = mark.getClientRects();
    const first = lines[0] || mark.getBoundingClientRect();
    const last = lines[lines.length - 1] || first;
    const width = document.documentElement.clientWidth;
    const left = Math.max(4, Math.min(first.left, width - tooltip.offsetWidth - 4));
    const above = first.top - tooltip.offsetHeight - 6;
    tooltip.style.left = (left + window.scrollX) + "px";
    tooltip.style.top = ((above >= 0 ? above : last.bottom + 6) + window.scrollY) + "px";
    mark.setAttribute("aria-describedby", "tooltip");
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  marked.addEventListener("focusin", (event) => {
    const mark = event.target.closest && event.target.closest("mark");
    if (mark) {
      for (const other of marks()) other.tabIndex = other === mark ? 0 : -1;
      showTooltip(mark);
    }
  });
  marked.addEventListener("focusout", hideTooltip);
  marked.addEventListener("mouseover", (event) => {
    const mark = event.target.closest && event.target.closest("mark");
    if (mark) showTooltip(mark);
  });
  marked.addEventListener("mouseout", (event) => {
    if (!(event.target.closest && event.target.closest("mark"))) return;
    const active = document.activeElement;
    const focused = active && marked.contains(active) ? active.closest("mark") : null;
    if (focused) showTooltip(focused); // the keyboard's mark keeps its tooltip
    else hideTooltip();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideTooltip();
  });

  // -- input: typing, files, drag and drop ----------------------------------------------------
  async function readFile(file) {
    if (!file) return;
    const looksHtml = /\.x?html?$/i.test(file.name) || file.type === "text/html";
    try {
      input.value = await file.text();
    } catch (error) {
      setStatus("Could not read " + file.name + ": " + error.message, true);
      return;
    }
    formatSelect.value = looksHtml ? "html" : "text";
    setStatus("Read " + file.name + ".");
    clean();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clean();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      clean();
    }
  });
  fileInput.addEventListener("change", () => readFile(fileInput.files[0]));

  // Dropping a file anywhere on the page reads it (the browser would otherwise open it).
  document.addEventListener("dragover", (event) => {
    event.preventDefault();
    input.classList.add("dragging");
  });
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) input.classList.remove("dragging");
  });
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    input.classList.remove("dragging");
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) readFile(file);
  });

  // -- copy and download ----------------------------------------------------------------------
  $("copy").addEventListener("click", async () => {
    if (!state.result) return;
    const text = state.result.text;
    try {
      await navigator.clipboard.writeText(text);
    } catch (error) {
      // Without clipboard permission (or a secure context): copy through a selection.
      const scratch = element("textarea");
      scratch.value = text;
      scratch.setAttribute("readonly", "");
      scratch.className = "visually-hidden";
      document.body.append(scratch);
      scratch.select();
      const copied = document.execCommand("copy");
      scratch.remove();
      if (!copied) {
        setStatus("Copying is blocked here; select the clean text and copy it.", true);
        return;
      }
    }
    setStatus("Copied the clean text (" + text.length + " characters).");
  });

  $("download").addEventListener("click", () => {
    if (!state.result) return;
    const blob = new Blob([JSON.stringify(state.result, null, 2) + "\n"], { type: "application/json" });
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = "cleaned.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    setStatus("Downloaded cleaned.json.");
  });

  loadKinds();
})();
