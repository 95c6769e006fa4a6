// The Print screen: choose a document (an event's flyer or door list, the appeal as an ad, a
// sign-up sheet, a report, a receipt or the receipts still owed), its paper and languages;
// page one is previewed as it will print; Save asks where through the native dialog. Event,
// appeal, fund, person and gift pages open it with their record chosen
// (#print/kind=flyer&event=<id>). A sheet is numbered and a receipt issued only when saved.
import { t, locale } from "../i18n.js";
import { el, replace } from "../dom.js";
import { call } from "../api.js";
import { busy } from "../busy.js";
import { showError, clearError } from "../alert.js";
import { rememberedName, rememberName } from "../money-parts.js";
import { giftChoice, donorChoice, owedList } from "./print-receipts.js";

const KINDS = ["flyer", "appeal", "sheet", "door_list", "report_signers", "report_attendance",
  "report_fundraising", "report_ledger", "receipt", "annual_receipt", "receipts"];
const NEEDS_EVENT = new Set(["flyer", "door_list", "report_attendance"]);
const NEEDS_APPEAL = new Set(["appeal", "sheet"]);
const NEEDS_PERIOD = new Set(["report_fundraising", "report_ledger"]);
const ISSUES_RECEIPTS = new Set(["receipt", "receipts"]);
const LANGS = ["en", "fa", "es"];

export async function render(view, arg) {
  const given = new URLSearchParams(arg || "");
  const [appeals, events, owed] = await Promise.all([call("list_appeals"), call("event_choices"), call("receipts_owed")]);
  const field = (id, key, control, hint) =>
    el("div", { class: "field", id: `${id}-field` }, el("label", { for: id }, t(key)), control,
      hint ? el("p", { class: "hint" }, hint) : null);
  const select = (id, options, chosen) =>
    el("select", { id }, options.map(([value, label]) => el("option", { value, selected: value === chosen }, label)));

  const kind = select("print-kind", KINDS.map((k) => [k, t(`print.kind.${k}`)]), KINDS.includes(given.get("kind")) ? given.get("kind") : "flyer");
  const event = select("print-event", events.map((e) => [e.id, e.title]), given.get("event"));
  const appeal = select("print-appeal", appeals.map((a) => [a.id, a.title]), given.get("appeal"));
  // The signers report may cover every appeal.
  const reportAppeal = select("print-report-appeal", [["", t("print.appeal.all")], ...appeals.map((a) => [a.id, a.title])], given.get("appeal") || "");
  const year = new Date().getFullYear();
  const from = el("input", { type: "date", id: "print-from", value: given.get("from") || `${year}-01-01` });
  const to = el("input", { type: "date", id: "print-to", value: given.get("to") || `${year}-12-31` });
  const wholeBooks = el("input", { type: "checkbox", id: "print-whole", checked: !given.get("from") });
  const summaryYear = el("input", { type: "number", id: "print-year", min: "1900", max: "9999", value: given.get("year") || String(year) });
  const who = el("input", { type: "text", id: "print-who", value: rememberedName(), maxlength: "100", dir: "auto", autocomplete: "off" });
  const gift = await giftChoice(owed, given.get("donation"));
  const donor = await donorChoice(given.get("person"), () => refresh());
  const batch = owedList(owed, () => refresh());
  const perDonor = el("input", { type: "checkbox", id: "print-per-donor" });
  const size = select("print-size", [["letter", t("print.size.letter")], ["a4", t("print.size.a4")], ["tabloid", t("print.size.tabloid")], ["custom", t("print.size.custom")]], "letter");
  const width = el("input", { type: "number", id: "print-width", min: "50", max: "1200", value: "250", "aria-label": t("print.size.width") });
  const height = el("input", { type: "number", id: "print-height", min: "50", max: "1200", value: "380", "aria-label": t("print.size.height") });
  const custom = el("div", { class: "inline", id: "print-custom" }, width, "×", height, t("print.size.mm"));
  // The document's own words in the window's language unless another is chosen.
  const lang = select("print-lang", LANGS.map((l) => [l, t(`print.lang.${l}`)]), LANGS.includes(locale) ? locale : "en");
  const second = select("print-second", [["", t("print.second.none")], ...LANGS.map((l) => [l, t(`print.lang.${l}`)])], "");
  const layout = select("print-layout", [["front_back", t("print.layout.front_back")], ["side_by_side", t("print.layout.side_by_side")]], "front_back");
  const half = el("input", { type: "checkbox", id: "print-half" });
  const link = el("input", { type: "url", id: "print-link", autocomplete: "off", dir: "ltr", placeholder: "https://" });
  const rows = el("input", { type: "number", id: "print-rows", min: "1", max: "100", value: "20" });
  const columns = el("input", { type: "number", id: "print-columns", min: "1", max: "6", value: "3" });
  const photoName = el("span", { id: "print-photo-name", class: "hint" }, t("print.photo.none"));
  const choosePhoto = el("button", { type: "button", id: "print-photo" }, t("print.photo.choose"));
  const clearPhoto = el("button", { type: "button", class: "small", id: "print-photo-clear", hidden: true }, t("print.photo.clear"));
  let withPhoto = false;

  const preview = el("img", { id: "print-preview", class: "print-preview", alt: t("print.preview.alt") });
  const pages = el("p", { id: "print-pages", "aria-live": "polite" });
  const missing = el("div", { id: "print-missing", role: "status" });
  const progress = el("progress", { id: "print-progress", max: "1", value: "0", hidden: true, "aria-label": t("print.progress") });
  const saved = el("p", { id: "print-saved", "aria-live": "polite" });
  const save = el("button", { type: "button", class: "primary", id: "print-save" }, t("print.save"));
  const open = el("button", { type: "button", id: "print-open", hidden: true }, t("print.open"));

  const groups = {
    event: field("print-event", "print.event", event),
    appeal: field("print-appeal", "print.appeal", appeal),
    second: field("print-second", "print.second", second),
    layout: field("print-layout", "print.layout", layout),
    half: el("div", { class: "field", id: "print-half-field" }, el("label", { class: "check" }, half, t("print.half"))),
    link: field("print-link", "print.link", link, t("print.link.hint")),
    photo: el("div", { class: "field", id: "print-photo-field" }, el("span", { class: "label" }, t("print.photo")),
      el("div", { class: "inline" }, choosePhoto, photoName, clearPhoto)),
    rows: field("print-rows", "print.rows", rows, t("print.rows.hint")),
    columns: field("print-columns", "print.columns", columns),
    reportAppeal: field("print-report-appeal", "print.appeal", reportAppeal),
    period: el("fieldset", { class: "field", id: "print-period-field" }, el("legend", {}, t("print.period")),
      el("label", { class: "check", id: "print-whole-field" }, wholeBooks, t("print.period.whole")),
      el("div", { class: "inline" },
        el("label", { for: "print-from" }, t("print.period.from")), from,
        el("label", { for: "print-to" }, t("print.period.to")), to)),
    gift: field("print-donation", "print.donation", gift),
    donor: el("div", { class: "field", id: "print-person-field" }, el("label", { for: "print-person" }, t("print.person")),
      donor.search, donor.select),
    year: field("print-year", "print.year", summaryYear),
    owed: el("div", { class: "field", id: "print-owed-field" }, el("span", { class: "label" }, t("print.owed")), batch.node,
      owed.length === 0 ? null : el("label", { class: "check" }, perDonor, t("print.per_donor"))),
    who: field("print-who", "money.who", who, t("print.who.hint")),
  };

  function request() {
    const k = kind.value;
    const period = NEEDS_PERIOD.has(k) && (k === "report_ledger" || !wholeBooks.checked);
    return {
      kind: k,
      event: NEEDS_EVENT.has(k) ? event.value || null : null,
      appeal: NEEDS_APPEAL.has(k) ? appeal.value || null : k === "report_signers" ? reportAppeal.value || null : null,
      from: period ? from.value || null : null,
      to: period ? to.value || null : null,
      donation: k === "receipt" ? gift.value || null : null,
      donations: k === "receipts" ? batch.chosen() : [],
      person: k === "annual_receipt" ? donor.select.value || null : null,
      year: k === "annual_receipt" ? Number(summaryYear.value) || null : null,
      who: ISSUES_RECEIPTS.has(k) ? who.value.trim() || null : null,
      half: k === "flyer" && half.checked,
      link: k === "flyer" ? link.value.trim() || null : null,
      rows: k === "sheet" ? Number(rows.value) || 20 : null,
      columns: k === "appeal" ? Number(columns.value) || 3 : null,
      size: size.value === "custom" ? `${width.value}x${height.value}mm` : size.value,
      lang: lang.value,
      second_lang: k === "flyer" ? second.value || null : null,
      side_by_side: layout.value === "side_by_side",
    };
  }

  function showFields() {
    const k = kind.value;
    const flyer = k === "flyer";
    groups.event.hidden = !NEEDS_EVENT.has(k);
    groups.appeal.hidden = !NEEDS_APPEAL.has(k);
    groups.reportAppeal.hidden = k !== "report_signers";
    groups.period.hidden = !NEEDS_PERIOD.has(k);
    // The ledger is for a stated period; the fundraising report may cover the whole books.
    groups.period.querySelector("#print-whole-field").hidden = k === "report_ledger";
    from.disabled = to.disabled = k === "report_fundraising" && wholeBooks.checked;
    groups.gift.hidden = k !== "receipt";
    groups.donor.hidden = groups.year.hidden = k !== "annual_receipt";
    groups.owed.hidden = k !== "receipts";
    groups.who.hidden = !ISSUES_RECEIPTS.has(k);
    for (const g of ["second", "half", "link", "photo"]) groups[g].hidden = !flyer;
    groups.layout.hidden = !flyer || !second.value;
    groups.rows.hidden = k !== "sheet";
    groups.columns.hidden = k !== "appeal";
    custom.hidden = size.value !== "custom";
  }

  // Progress from the Rust side, through a channel; only shown when a document takes a while.
  function channel() {
    const c = new window.__TAURI__.core.Channel();
    const shown = setTimeout(() => { progress.hidden = false; }, 300);
    c.onmessage = (f) => { progress.value = f; };
    return { c, done: () => { clearTimeout(shown); progress.hidden = true; progress.value = 0; } };
  }

  let asked = 0;
  async function refresh() {
    showFields();
    const r = request();
    const lacking = (NEEDS_EVENT.has(r.kind) && !r.event && "print.no_event")
      || (NEEDS_APPEAL.has(r.kind) && !r.appeal && "print.no_appeal")
      || (r.kind === "receipt" && !r.donation && "print.no_gift")
      || (r.kind === "annual_receipt" && !r.person && "print.no_donor")
      || (r.kind === "receipts" && owed.length === 0 && "print.owed.none")
      || (r.kind === "receipts" && r.donations.length === 0 && "print.no_owed");
    if (lacking) {
      // No page to show: no empty frame with its description in it either.
      preview.removeAttribute("src");
      preview.hidden = true;
      pages.textContent = t(lacking);
      replace(missing);
      save.disabled = true;
      return;
    }
    save.disabled = false;
    const mine = ++asked;
    const { c, done } = channel();
    view.setAttribute("aria-busy", "true");
    try {
      const printed = await call("print_preview", { request: r, withPhoto, onProgress: c });
      if (mine !== asked) return;
      clearError();
      preview.src = printed.preview;
      preview.hidden = false;
      preview.dataset.kind = r.kind;
      pages.textContent = t("print.pages", { count: printed.pages });
      showMissing(printed.missing);
    } catch (e) {
      if (mine === asked) showError(e);
    } finally {
      done();
      if (mine === asked) view.removeAttribute("aria-busy");
    }
  }

  function showMissing(list) {
    replace(missing, list.length === 0 ? null : el("div", { class: "notice warning" },
      el("p", {}, t("print.missing")),
      el("ul", {}, list.map((m) => el("li", { dir: "auto" }, t("print.missing.letter", { letter: m.letter, code: m.code, text: m.text }))))));
  }

  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(() => refresh(), 250); };
  for (const control of [kind, event, appeal, size, lang, second, layout, half, reportAppeal, wholeBooks, from, to, gift]) control.addEventListener("change", () => refresh());
  for (const control of [width, height, link, rows, columns, summaryYear]) control.addEventListener("input", later);

  choosePhoto.addEventListener("click", () => busy(choosePhoto, async () => {
    const name = await call("choose_print_photo", { title: t("print.photo.title"), filterName: t("print.photo.filter") });
    if (!name) return;
    withPhoto = true;
    photoName.textContent = name;
    clearPhoto.hidden = false;
    await refresh();
  }));
  clearPhoto.addEventListener("click", () => busy(clearPhoto, async () => {
    await call("clear_print_photo");
    withPhoto = false;
    photoName.textContent = t("print.photo.none");
    clearPhoto.hidden = true;
    await refresh();
  }));
  save.addEventListener("click", () => busy(save, async () => {
    const { c, done } = channel();
    try {
      const r = request();
      if (ISSUES_RECEIPTS.has(r.kind)) rememberName(who.value);
      if (r.kind === "receipts" && perDonor.checked) {
        const folder = await call("save_receipts_per_donor", { request: r, title: t("print.per_donor.title"), name: t("print.per_donor.name") });
        if (!folder) return;
        saved.textContent = t("print.saved.folder", { folder: folder.folder, count: folder.files });
        open.hidden = true;
      } else {
        const result = await call("save_print", { request: r, withPhoto, title: t("print.save.title"), filterName: t("print.filter"), onProgress: c });
        if (!result) return;
        saved.textContent = result.sheet
          ? t("print.saved.sheet", { file: result.file, count: result.pages, sheet: result.sheet })
          : t("print.saved", { file: result.file, count: result.pages });
        showMissing(result.missing);
        open.hidden = false;
      }
      // A sheet's number is taken now: the preview shows the next one. Receipts issued are
      // owed no more: the screen shows what is left.
      if (r.kind === "sheet") await refresh();
      if (ISSUES_RECEIPTS.has(r.kind)) {
        const note = saved.textContent;
        await render(view, new URLSearchParams({ kind: r.kind, ...(r.donation ? { donation: r.donation } : {}) }).toString());
        document.getElementById("print-saved").textContent = note;
        document.getElementById("print-open").hidden = r.kind === "receipts" && perDonor.checked;
      }
    } finally {
      done();
    }
  }));
  open.addEventListener("click", () => busy(open, async () => {
    if (!(await call("open_last_print"))) saved.textContent = t("print.open.failed");
  }));

  replace(view,
    el("h1", {}, t("nav.print")),
    el("div", { class: "print-layout" },
      el("form", { class: "panel print-form", id: "print-form", novalidate: true, onsubmit: (e) => e.preventDefault() },
        field("print-kind", "print.kind", kind),
        groups.event, groups.appeal, groups.reportAppeal, groups.period, groups.gift, groups.donor, groups.year, groups.owed,
        el("div", { class: "field" }, el("label", { for: "print-size" }, t("print.size")), size, custom),
        field("print-lang", "print.lang", lang),
        groups.second, groups.layout, groups.half, groups.link, groups.photo, groups.rows, groups.columns, groups.who,
        el("div", { class: "inline" }, save, open),
        progress, saved),
      el("section", { class: "panel print-preview-panel", "aria-label": t("print.preview") },
        el("h2", { class: "section-title" }, t("print.preview")),
        pages, missing, preview)));
  await refresh();
}
