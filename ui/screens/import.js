// Importing signers from a CSV file, with a preview before anything is written: the appeal
// they signed, the file (chosen in the native dialog: the window never names a path), how it
// was read (encoding, delimiter, the format recognised), which column is which field (each
// can be changed by hand), how signers who did not say are shown, what the import will do,
// and every row that will be rejected or kept with a warning, by line. Every change asks for
// the preview again; "Import" writes it all in one transaction and reports what it did.
// `#import/<appeal id>` opens with that appeal chosen.
import { t, has, formatCount } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { showError, clearError } from "../alert.js";

const DISPLAYS = ["hidden", "full", "name_city", "initials"];
/** Problems listed on the page at most, per list; the count says how many there are. */
const SHOWN_PROBLEMS = 200;

export async function render(view, appealId) {
  const appeals = await call("list_appeals");
  const initial = appeals.some((a) => a.id === appealId) ? appealId : appeals.length === 1 ? appeals[0].id : "";
  const appeal = el("select", { id: "import-appeal" },
    el("option", { value: "" }, t("import.appeal.choose")),
    appeals.map((a) => el("option", { value: a.id }, a.title)));
  appeal.value = initial;
  const choose = el("button", { type: "button", class: "primary", id: "import-choose", disabled: !initial }, t("import.choose"));
  const status = el("p", { class: "hint", id: "import-status", role: "status" });
  const preview = el("div", { id: "import-preview" });
  const body = el("div", {},
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("import.step.appeal")),
      el("label", { for: "import-appeal" }, t("import.appeal")), appeal,
      appeals.length === 0 ? el("p", { class: "hint" }, t("import.appeal.none"), " ", el("a", { href: "#appeals" }, t("nav.appeals"))) : null),
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("import.step.file")),
      el("p", { class: "hint" }, t("import.file.hint")),
      el("div", { class: "inline" }, choose, status)),
    preview);
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#signers" }, t("import.back"))),
    el("h1", {}, t("import.title")),
    el("p", { class: "hint" }, t("import.lead")),
    body);

  // What the user chose; sent with every preview. No mapping: the columns as recognised.
  const options = { encoding: null, mapping: null, display: "hidden" };
  let current = null; // the last preview shown
  let asked = 0; // each preview asked gets a number; an older answer is dropped
  let waiting = false;

  const toOptions = () => {
    const o = { display: options.display };
    if (options.encoding) o.encoding = options.encoding;
    if (options.mapping) o.mapping = options.mapping;
    return o;
  };

  async function ask() {
    if (!current || !appeal.value) return;
    const request = ++asked;
    waiting = true;
    status.textContent = t("import.checking");
    const commit = document.getElementById("import-commit");
    if (commit) commit.disabled = true;
    try {
      const p = await call("import_preview", { appeal: appeal.value, options: toOptions() });
      if (request !== asked) return;
      waiting = false;
      status.textContent = "";
      show(p);
    } catch (e) {
      if (request !== asked) return;
      waiting = false;
      status.textContent = "";
      if (commit) commit.disabled = false;
      showError(e);
    }
  }

  appeal.addEventListener("change", () => {
    choose.disabled = !appeal.value;
    if (current) ask();
  });
  choose.addEventListener("click", () => busy(choose, async () => {
    status.textContent = t("import.reading");
    try {
      const p = await call("import_choose_file", {
        appeal: null, title: t("import.dialog.title"), filter: t("import.dialog.filter"),
      });
      if (!p) return; // cancelled: what was there stays
      options.encoding = null;
      options.mapping = null;
      current = p;
      show(p);
      await ask(); // the counts for this appeal
    } finally {
      if (!waiting) status.textContent = "";
    }
  }));

  function show(p) {
    current = p;
    replace(preview, previewPanels(p, {
      display: options.display,
      onEncoding(v) { options.encoding = v || null; options.mapping = null; ask(); },
      onMapping(i, v) {
        const mapping = [...(p.mapping || p.headers.map(() => null))];
        mapping[i] = v || null;
        options.mapping = mapping;
        ask();
      },
      onDisplay(v) { options.display = v; ask(); },
      commit: (button) => busy(button, async () => {
        if (waiting) return;
        const report = await call("import_commit", { appeal: appeal.value, options: toOptions() });
        const chosen = appeals.find((a) => a.id === appeal.value);
        replace(body, reportPanel(report, chosen, () => render(view, appeal.value)));
        document.getElementById("import-report").focus();
      }),
    }));
  }
}

/** A problem as words: its catalog message with its arguments (a field named in words). */
export function problemText(problem) {
  const key = `error.${problem.key}`;
  if (!has(key)) return problem.key;
  const args = { ...(problem.args || {}) };
  if (args.field && has(`field.${args.field}`)) args.field = t(`field.${args.field}`);
  return t(key, args);
}

function delimiterName(d) {
  const named = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" }[d];
  return named ? t(`import.delimiter.${named}`) : `\u201c${d}\u201d`;
}

function fieldName(f) {
  return has(`import.field.${f}`) ? t(`import.field.${f}`) : f;
}

function previewPanels(p, on) {
  // How the file was read.
  const encodings = [...new Set([...(p.encodings || []), ...(p.encoding ? [p.encoding] : [])])];
  const encoding = el("select", { id: "import-encoding" },
    p.encoding ? null : el("option", { value: "" }, t("import.encoding.choose")),
    encodings.map((e) => el("option", { value: e }, e)));
  encoding.value = p.encoding || "";
  encoding.addEventListener("change", () => on.onEncoding(encoding.value));
  const read = el("section", { class: "panel", id: "import-file" },
    el("h2", { class: "section-title" }, t("import.step.read")),
    el("p", { class: "file", id: "import-file-name" }, p.file_name),
    p.needs_encoding ? el("div", { class: "warning", id: "import-needs-encoding", role: "alert" },
      el("p", {}, el("strong", {}, t("import.encoding.needed"))),
      el("p", {}, t("import.encoding.needed.hint"))) : null,
    el("div", { class: "import-read" },
      el("div", {}, el("label", { for: "import-encoding" }, t("import.encoding")), encoding),
      el("p", {}, el("span", { class: "label" }, t("import.delimiter")), " ",
        el("span", { id: "import-delimiter" }, delimiterName(p.delimiter))),
      el("p", {}, el("span", { class: "label" }, t("import.format")), " ",
        el("span", { id: "import-format" }, t(`import.format.${p.format || "none"}`)))));

  // The columns, which field each is, and the first rows as read.
  const mapping = p.mapping || p.headers.map(() => null);
  const width = Math.max(p.headers.length, ...p.sample.map((r) => r.values.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  const select = (i) => {
    const node = el("select", { id: `map-${i}`, "aria-label": t("import.map.label", { column: p.headers[i] || String(i + 1) }) },
      el("option", { value: "" }, t("import.ignore")),
      p.fields.map((f) => el("option", { value: f }, fieldName(f))));
    node.value = mapping[i] || "";
    node.addEventListener("change", () => on.onMapping(i, node.value));
    return node;
  };
  const mapped = (i) => Boolean(mapping[i]);
  // A field chosen for two columns is read from the first only: say so.
  const twice = [...new Set(mapping.filter((f, i) => f && mapping.indexOf(f) !== i))];
  const columnsPanel = el("section", { class: "panel panel-wide" },
    el("h2", { class: "section-title" }, t("import.step.columns")),
    el("p", { class: "hint" }, t("import.columns.hint")),
    twice.length ? el("div", { class: "warning", id: "import-map-twice" },
      twice.map((f) => el("p", {}, t("import.map.twice", { field: fieldName(f) })))) : null,
    el("div", { class: "table-scroll", tabindex: "0" },
      el("table", { class: "import-sample", id: "import-sample" },
        el("thead", {},
          el("tr", {}, el("th", { scope: "col", class: "line" }, t("import.line")),
            columns.map((i) => el("th", { scope: "col", class: mapped(i) ? "mapped" : "ignored", dir: "auto" }, p.headers[i] ?? ""))),
          el("tr", { class: "map-row" }, el("td", { class: "line" }, t("import.map")),
            columns.map((i) => el("td", { class: mapped(i) ? "mapped" : "ignored" }, select(i))))),
        el("tbody", {}, p.sample.map((r) => el("tr", {},
          el("td", { class: "line" }, String(r.line)),
          columns.map((i) => el("td", { class: mapped(i) ? "mapped" : "ignored", dir: "auto" }, r.values[i] ?? ""))))))));

  // How signers who did not say are shown.
  const displays = el("fieldset", { class: "panel import-display", id: "import-display" },
    el("legend", {}, t("import.display")),
    el("p", { class: "hint" }, t("import.display.hint")),
    el("div", { class: "choices-row" }, DISPLAYS.map((d) => {
      const radio = el("input", { type: "radio", name: "import-display", id: `import-display-${d}`, value: d, checked: on.display === d });
      radio.addEventListener("change", () => { if (radio.checked) on.onDisplay(d); });
      return el("label", { class: "choice-pill", for: `import-display-${d}` }, radio, t(`sheet.display.${d}`));
    })));

  // What the import will do.
  const n = p.will_add + p.will_merge;
  const number = (key, value, id) => el("tr", { "data-count": key },
    el("th", { scope: "row" }, t(`import.count.${key}`)), el("td", { id }, formatCount(value)));
  const commit = el("button", { type: "button", class: "primary big", id: "import-commit", disabled: n === 0 },
    t("import.commit", { count: n }));
  commit.addEventListener("click", () => on.commit(commit));
  const counts = el("section", { class: "panel", id: "import-summary" },
    el("h2", { class: "section-title" }, t("import.step.check")),
    el("table", { class: "counts", id: "import-counts" }, el("tbody", {},
      number("read", p.rows_read, "import-read-count"),
      number("add", p.will_add, "import-add-count"),
      number("merge", p.will_merge, "import-merge-count"),
      number("already", p.already_signed, "import-already-count"),
      number("rejected", p.rejected.length, "import-rejected-count"),
      number("warned", p.warned.length, "import-warned-count"))),
    problems(p.rejected, "import-rejected", "import.rejected", "import.rejected.none"),
    problems(p.warned, "import-warned", "import.warned", "import.warned.none"),
    el("div", { class: "inline commit-row" }, commit,
      el("p", { class: "hint" }, n === 0 ? t("import.commit.nothing") : t("import.commit.hint"))));
  return [read, columnsPanel, displays, counts];
}

/** A list of problems by line, or a line saying there are none. */
function problems(list, id, titleKey, noneKey) {
  if (!list.length) return el("p", { class: "hint", id: `${id}-none` }, t(noneKey));
  const shown = list.slice(0, SHOWN_PROBLEMS);
  return el("div", { class: "problems" },
    el("h3", {}, t(titleKey, { count: list.length })),
    el("div", { class: "table-scroll problems-scroll", tabindex: "0" },
      el("table", { class: "counts problem-table", id },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("import.line")), el("th", { scope: "col" }, t("import.reason")))),
        el("tbody", {}, shown.map((x) => el("tr", { "data-line": String(x.line) },
          el("td", { class: "line" }, String(x.line)), el("td", {}, problemText(x))))))),
    list.length > shown.length ? el("p", { class: "hint" }, t("import.more", { count: list.length - shown.length })) : null);
}

/** What the import did. */
function reportPanel(r, appeal, again) {
  const another = el("button", { type: "button", id: "import-another" }, t("import.another"));
  another.addEventListener("click", () => { clearError(); again(); });
  const row = (key, value) => el("tr", { "data-count": key },
    el("th", { scope: "row" }, t(`import.report.${key}`)), el("td", {}, formatCount(value)));
  return el("section", { class: "panel", id: "import-report", tabindex: "-1" },
    el("h2", { class: "section-title" }, t("import.report", { title: appeal ? appeal.title : "" })),
    el("table", { class: "counts", id: "import-report-counts" }, el("tbody", {},
      row("read", r.read), row("added", r.added), row("merged", r.merged), row("unchanged", r.unchanged),
      row("rejected", r.rejected.length), row("warned", r.warned.length))),
    problems(r.rejected, "import-report-rejected", "import.rejected.done", "import.rejected.none.done"),
    problems(r.warned, "import-report-warned", "import.warned.done", "import.warned.none.done"),
    el("div", { class: "inline" },
      appeal ? el("a", { class: "button-link", href: `#signers/appeal=${appeal.id}`, id: "import-see" }, t("import.see")) : null,
      appeal ? el("a", { class: "button-link", href: `#appeal/${appeal.id}` }, t("import.to_appeal", { title: appeal.title })) : null,
      another));
}
