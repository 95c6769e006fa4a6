// Importing an event's answers from a CSV file (#rsvp-import/<event id>), with a preview before
// anything is written: how the file was read and which tool's export it looks like, which
// column is which field (each can be changed by hand), what the import will do (new answers,
// changed ones, those already as the file says), and every line rejected or warned about.
// "Import" writes it all in one transaction; a full event puts the rest on its waitlist.
import { t, formatCount } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { messageOf } from "../alert.js";
import { problemText } from "./import.js";

const SHOWN_PROBLEMS = 200;

export async function render(view, eventId) {
  const page = await call("event_page", { id: eventId });
  const choose = el("button", { type: "button", class: "primary", id: "rsvp-import-choose" }, t("rsvp_import.choose"));
  const status = el("p", { class: "hint", id: "rsvp-import-status", role: "status" });
  const preview = el("div", { id: "rsvp-import-preview" });
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: `#event/${eventId}` }, page.event.title)),
    el("h1", {}, t("rsvp_import.title")),
    el("p", { class: "hint" }, t("rsvp_import.lead")),
    el("section", { class: "panel" }, el("div", { class: "inline" }, choose, status)),
    preview);

  const options = { encoding: null, mapping: null };
  let asked = 0;
  const show = (p) => {
    if (p.needs_encoding) {
      const pick = el("select", { id: "rsvp-import-encoding" },
        el("option", { value: "" }, t("rsvp_import.encoding.choose")),
        p.encodings.map((e) => el("option", { value: e }, e)));
      pick.addEventListener("change", () => { options.encoding = pick.value || null; again(); });
      replace(preview, el("section", { class: "panel" }, el("p", {}, t("rsvp_import.encoding")), pick));
      return;
    }
    const mapping = p.headers.map((h, i) => {
      const select = el("select", { "data-column": i, "aria-label": h },
        el("option", { value: "" }, t("rsvp_import.field.none")),
        p.fields.map((f) => el("option", { value: f, selected: p.mapping[i] === f }, t(`rsvp_import.field.${f}`))));
      select.addEventListener("change", () => {
        options.mapping = [...preview.querySelectorAll("select[data-column]")].map((s) => s.value || null);
        again();
      });
      return el("tr", {}, el("th", { scope: "row" }, h), el("td", {}, select),
        el("td", { class: "hint" }, p.sample[0] ? p.sample[0].values[i] ?? "" : ""));
    });
    const problems = (list, key) => (list.length === 0 ? null : el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t(key, { count: list.length })),
      el("ul", { class: `problems ${key.replaceAll(".", "-")}` }, list.slice(0, SHOWN_PROBLEMS).map((pr) =>
        el("li", {}, t("rsvp_import.line", { line: pr.line, reason: problemText(pr) }))))));
    const go = el("button", { type: "button", class: "primary", id: "rsvp-import-commit", disabled: p.will_add + p.will_change === 0 }, t("rsvp_import.commit"));
    const done = el("p", { id: "rsvp-import-done", class: "saved", role: "status" });
    go.addEventListener("click", () => busy(go, async () => {
      const r = await call("rsvp_import_commit", { event: eventId, options: toOptions() });
      done.textContent = t("rsvp_import.done", { added: r.added, changed: r.changed, unchanged: r.unchanged, waitlisted: r.waitlisted });
      go.disabled = true;
    }));
    replace(preview,
      el("section", { class: "panel", id: "rsvp-import-summary", "data-add": p.will_add, "data-change": p.will_change, "data-unchanged": p.unchanged },
        el("h2", { class: "section-title" }, p.file_name),
        el("p", { class: "hint" }, t(`rsvp_import.format.${p.format || "none"}`), " · ", p.encoding || ""),
        el("p", {}, t("rsvp_import.counts", {
          read: formatCount(p.rows_read), add: formatCount(p.will_add), change: formatCount(p.will_change), unchanged: formatCount(p.unchanged),
        })),
        el("div", { class: "inline" }, go, done)),
      el("section", { class: "panel" },
        el("h2", { class: "section-title" }, t("rsvp_import.columns")),
        el("table", { class: "rsvps" }, el("tbody", {}, mapping))),
      problems(p.rejected, "rsvp_import.rejected"),
      problems(p.warned, "rsvp_import.warned"));
  };
  const toOptions = () => {
    const o = {};
    if (options.encoding) o.encoding = options.encoding;
    if (options.mapping) o.mapping = options.mapping;
    return o;
  };
  const again = () => {
    const request = ++asked;
    call("rsvp_import_preview", { event: eventId, options: toOptions() })
      .then((p) => { if (request === asked) show(p); })
      .catch((e) => { status.textContent = messageOf(e); });
  };
  choose.addEventListener("click", () => busy(choose, async () => {
    options.encoding = null;
    options.mapping = null;
    const p = await call("rsvp_import_choose_file", { event: eventId, title: t("rsvp_import.choose"), filter: t("rsvp_import.filter") });
    if (p) show(p);
  }));
}
