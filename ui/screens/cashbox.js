// An event's cash box (#cashbox/<event id>): opened with a float, then the cash expected live
// (float + cash gifts + cash sales recorded for the event), a cash gift recorded from here, and
// at the end a count by two different people, by note and coin or as one total, which closes
// the box with the difference to what was expected. A closed count is never changed: "Correct
// this count" makes a new count linked to it, with a reason, and the earlier one stays listed.
// The running total of a count is summed exactly, in minor units (BigInt), never as floats.
import { t, formatMoney, formatDate, decimalMark } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { fieldSet, rememberedName, rememberName, currencyList, toMinor, fromMinor, typedForm } from "../money-parts.js";
import { donationForm } from "./donation-form.js";

/** The notes and coins usually in a box, largest first (any other value can be typed). */
const DENOMINATIONS = {
  USD: ["100", "50", "20", "10", "5", "1", "0.25", "0.10", "0.05", "0.01"],
  CAD: ["100", "50", "20", "10", "5", "2", "1", "0.25", "0.10", "0.05"],
  EUR: ["200", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10", "0.05", "0.02", "0.01"],
  GBP: ["50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10", "0.05", "0.02", "0.01"],
  CHF: ["200", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10", "0.05"],
  MXN: ["1000", "500", "200", "100", "50", "20", "10", "5", "2", "1", "0.50"],
  COP: ["100000", "50000", "20000", "10000", "5000", "2000", "1000", "500", "200", "100", "50"],
  AUD: ["100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10", "0.05"],
  SEK: ["1000", "500", "200", "100", "50", "20", "10", "5", "2", "1"],
  JPY: ["10000", "5000", "2000", "1000", "500", "100", "50", "10", "5", "1"],
};

export async function render(view, eventId) {
  await show(view, eventId, "");
}

async function show(view, eventId, note) {
  const [page, boxes] = await Promise.all([call("event_page", { id: eventId }), call("cash_boxes", { event: eventId })]);
  const reload = (text) => show(view, eventId, text);
  const open = boxes.filter((b) => !b.closed_at);
  const current = boxes.filter((b) => b.closed_at && !b.corrected_by);
  const earlier = boxes.filter((b) => b.closed_at && b.corrected_by);
  const formBox = el("div", { id: "cashbox-form-box" });

  const openForm = openBoxForm(eventId, reload);
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: `#event/${eventId}` }, page.event.title)),
    el("h1", {}, t("cashbox.title", { title: page.event.title })),
    el("p", { class: "hint" }, t("cashbox.lead")),
    el("p", { id: "cashbox-message", class: "saved", role: "status" }, note),
    open.map((b, i) => openBox(b, i === 0, open.length === 1, eventId, formBox, reload)),
    formBox,
    current.map((b, i) => closedBox(b, i === 0, formBox, reload)),
    // Opening a box is the page's first task only while it has none; after that another box
    // (another currency, another table) waits folded below.
    open.length || current.length ? el("details", { class: "panel", id: "cashbox-open-another" },
      el("summary", {}, t("cashbox.open_another")), openForm) : el("section", { class: "panel" }, openForm),
    earlier.length ? el("section", { class: "panel", id: "cashbox-earlier" },
      el("h2", { class: "section-title" }, t("cashbox.earlier")),
      el("ul", { class: "cashbox-earlier" }, earlier.map((b) => el("li", { id: `box-${b.id}`, tabindex: "-1", "data-box": b.id },
        summaryLine(b),
        el("p", { class: "hint" }, t("cashbox.corrected_by"), " ", laterCount(b.corrected_by)))))) : null);
  // A single open box's count is the next thing to do: its form is there already.
  if (open.length === 1 && !formBox.hasChildNodes()) replace(formBox, countForm(open[0], null, reload));
}

/** A button to the count that corrected an earlier one (both are on this page, by id). */
function laterCount(id) {
  const go = el("button", { type: "button", class: "small corrected-by", "data-box": id }, t("cashbox.later_count"));
  go.addEventListener("click", () => {
    const box = document.getElementById(`box-${id}`);
    if (box) { box.scrollIntoView(); box.focus(); }
  });
  return go;
}

/** One line of an earlier (corrected) count: what was counted against what was expected. */
function summaryLine(b) {
  return el("p", {}, t("cashbox.earlier_line", {
    counted: formatMoney(b.counted, b.currency), expected: formatMoney(b.expected, b.currency),
    difference: differenceText(b.difference, b.currency), who: b.counted_by || "", second: b.second_counter || "",
    when: formatDate(b.closed_at),
  }));
}

function openBoxForm(eventId, reload) {
  const mark = decimalMark();
  const f = fieldSet("cashbox-open");
  const currency = el("input", { type: "text", id: "cashbox-currency", value: "USD", maxlength: "3", list: "cashbox-currencies", autocomplete: "off", dir: "ltr", class: "currency-code" });
  const float = el("input", { type: "text", id: "cashbox-float", inputmode: "decimal", autocomplete: "off", dir: "ltr", value: "0" });
  const who = el("input", { type: "text", id: "cashbox-opened-by", value: rememberedName(), maxlength: "200", autocomplete: "off", dir: "auto" });
  const go = el("button", { type: "submit", class: "primary", id: "cashbox-open" }, t("cashbox.open"));
  const form = el("form", { id: "cashbox-open-form", novalidate: true },
    el("h2", { class: "section-title" }, t("cashbox.open.title")),
    el("p", { class: "hint" }, t("cashbox.open.hint")),
    el("div", { class: "two" },
      f.box("currency", currency, t("field.currency")),
      f.box("float", float, t("field.float"), t("cashbox.float.hint")),
      f.box("who", who, t("cashbox.opened_by"))),
    currencyList("cashbox-currencies"),
    go);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    f.save(go, async () => {
      await call("open_cash_box", { event: eventId, currency: currency.value.trim().toUpperCase(), float: float.value.trim(), decimalMark: mark, who: who.value.trim() });
      rememberName(who.value);
      await reload(t("cashbox.opened"));
    });
  });
  return form;
}

/** An open box: what is expected in it now, a cash gift, the count. */
function openBox(b, first, only, eventId, formBox, reload) {
  const suffix = first ? "" : `-${b.currency}`;
  const money = (v) => formatMoney(v, b.currency);
  const gift = el("button", { type: "button", class: "primary", id: `cashbox-record-gift${suffix}` }, t("cashbox.record_gift"));
  gift.addEventListener("click", () => busy(gift, async () => {
    replace(formBox, await donationForm({
      preset: { event: eventId, method: "cash", currency: b.currency },
      onSaved: () => reload(t("cashbox.gift_saved")),
      onCancel: () => reload(""),
    }));
    document.getElementById("gift-amount")?.focus();
  }));
  const count = only ? null : el("button", { type: "button", id: `cashbox-count${suffix}` }, t("cashbox.count"));
  if (count) count.addEventListener("click", () => {
    replace(formBox, countForm(b, null, reload));
    formBox.scrollIntoView();
  });
  return el("section", { class: "panel cashbox", "data-box": b.id, "data-currency": b.currency, "data-state": "open" },
    el("h2", { class: "section-title" }, t("cashbox.open.box", { currency: b.currency })),
    el("p", { class: "hint" }, t("cashbox.opened_line", { who: b.opened_by || "", when: formatDate(b.opened_at) })),
    el("table", { class: "counts cashbox-expected" }, el("tbody", {},
      line("cashbox.float", money(b.float)),
      line("cashbox.cash_gifts", money(b.cash_gifts)),
      line("cashbox.cash_sales", money(b.cash_sales)),
      el("tr", { class: "total" }, el("th", { scope: "row" }, t("cashbox.expected")),
        el("td", { class: "n", id: `cashbox-expected${suffix}` }, money(b.expected))))),
    el("div", { class: "inline" }, gift, count));
}

function line(key, value, id = null) {
  return el("tr", {}, el("th", { scope: "row" }, t(key)), el("td", { class: "n", id }, value));
}

/** The difference of a count, calmly: short by, over by, or matching. */
function differenceText(difference, currency) {
  if (difference === null || difference === undefined) return "";
  if (/^[+-]?0+(\.0+)?$/.test(difference)) return t("cashbox.difference.even");
  if (difference.startsWith("-")) return t("cashbox.difference.short", { amount: formatMoney(difference.slice(1), currency) });
  return t("cashbox.difference.over", { amount: formatMoney(difference.replace(/^\+/, ""), currency) });
}

function differenceClass(difference) {
  if (!difference || /^[+-]?0+(\.0+)?$/.test(difference)) return "diff-even";
  return difference.startsWith("-") ? "diff-short" : "diff-over";
}

/** A closed count: counted, expected, the difference, who counted; and its correction. */
function closedBox(b, first, formBox, reload) {
  const suffix = first ? "" : `-${b.id}`;
  const money = (v) => formatMoney(v, b.currency);
  const correct = el("button", { type: "button", id: `cashbox-correct${suffix}` }, t("cashbox.correct"));
  correct.addEventListener("click", () => {
    replace(formBox, countForm(b, b, reload));
    formBox.scrollIntoView();
    document.getElementById("cashbox-reason")?.focus();
  });
  return el("section", { class: "panel cashbox", id: `box-${b.id}`, tabindex: "-1", "data-box": b.id, "data-currency": b.currency, "data-state": "closed" },
    el("h2", { class: "section-title" }, t("cashbox.closed.box", { currency: b.currency })),
    b.corrects ? el("p", { class: "hint" }, t("cashbox.corrects")) : null,
    el("table", { class: "counts" }, el("tbody", {},
      line("cashbox.float", money(b.float)),
      line("cashbox.cash_gifts", money(b.cash_gifts)),
      line("cashbox.cash_sales", money(b.cash_sales)),
      line("cashbox.expected", money(b.expected)),
      line("cashbox.counted", money(b.counted), first ? "cashbox-counted-total" : null),
      el("tr", { class: differenceClass(b.difference) },
        el("th", { scope: "row" }, t("cashbox.difference")),
        el("td", { class: `n difference ${differenceClass(b.difference)}`, id: `cashbox-difference${suffix}`, "data-difference": b.difference },
          differenceText(b.difference, b.currency))))),
    b.denominations && b.denominations.length ? el("table", { class: "counts denominations-done" },
      el("caption", {}, t("cashbox.by_denomination")),
      el("tbody", {}, b.denominations.map((x) => el("tr", {},
        el("th", { scope: "row" }, money(x.value)), el("td", { class: "n" }, `× ${x.count}`))))) : null,
    el("p", { class: "hint" }, t("cashbox.counted_line", { first: b.counted_by || "", second: b.second_counter || "", when: formatDate(b.closed_at) })),
    b.note ? el("p", { dir: "auto" }, b.note) : null,
    correct);
}

/**
 * The count of box `b`: by note and coin (rows of value × count with a running total) or as one
 * total; two counters; a note when closing, a reason when correcting `previous`.
 */
function countForm(b, previous, reload) {
  const mark = decimalMark();
  const f = fieldSet("cashbox-count");
  const currency = b.currency;
  const hadTotalOnly = previous && (!previous.denominations || previous.denominations.length === 0);
  const modeOf = () => (byTotal.checked ? "total" : "denominations");
  const byNotes = el("input", { type: "radio", name: "cashbox-mode", id: "cashbox-mode-denominations", value: "denominations", checked: !hadTotalOnly });
  const byTotal = el("input", { type: "radio", name: "cashbox-mode", id: "cashbox-mode-total", value: "total", checked: Boolean(hadTotalOnly) });

  // The rows: the usual notes and coins, with an earlier count's numbers when correcting it.
  const counts = new Map((previous?.denominations || []).map((x) => [x.value, x.count]));
  const values = [...new Set([...(DENOMINATIONS[currency] || []), ...counts.keys()])];
  const body = el("tbody", {});
  const total = el("output", { id: "cashbox-count-total", "aria-live": "polite" });
  const recount = () => {
    let sum = 0n;
    let readable = true;
    for (const tr of body.children) {
      const value = tr.querySelector(".denom-value").value.trim();
      const count = tr.querySelector(".denom-count").value.trim();
      const cell = tr.querySelector(".denom-line");
      if (!count || count === "0") { cell.textContent = ""; continue; }
      const minor = toMinor(value, currency, mark);
      if (minor === null || !/^\d+$/.test(count)) {
        readable = false;
        cell.textContent = "?";
        continue;
      }
      const lineMinor = minor * BigInt(count);
      sum += lineMinor;
      cell.textContent = formatMoney(fromMinor(lineMinor, currency), currency);
    }
    total.textContent = readable ? formatMoney(fromMinor(sum, currency), currency) : t("cashbox.total.unreadable");
  };
  const addRow = (value = "", count = "") => {
    const v = el("input", { type: "text", class: "denom-value", value: value ? typedForm(value, mark) : "", inputmode: "decimal", dir: "ltr", "aria-label": t("cashbox.denomination"), autocomplete: "off" });
    const c = el("input", { type: "number", class: "denom-count", min: "0", step: "1", value: count === "" ? "" : String(count), "aria-label": t("cashbox.how_many"), inputmode: "numeric" });
    v.addEventListener("input", recount);
    c.addEventListener("input", recount);
    body.append(el("tr", { "data-value": value },
      el("td", {}, v), el("td", { class: "times", "aria-hidden": "true" }, "×"), el("td", {}, c), el("td", { class: "n denom-line" })));
  };
  for (const v of values) addRow(v, counts.has(v) ? counts.get(v) : "");
  const more = el("button", { type: "button", class: "small", id: "cashbox-add-row" }, t("cashbox.add_row"));
  more.addEventListener("click", () => { addRow(); body.lastElementChild.querySelector("input").focus(); });
  recount();
  const notesBox = el("div", { class: "denominations" },
    el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts denominations", id: "cashbox-denominations" },
      el("thead", {}, el("tr", {},
        el("th", { scope: "col" }, t("cashbox.denomination")), el("th", {}),
        el("th", { scope: "col" }, t("cashbox.how_many")), el("th", { scope: "col", class: "n" }, t("cashbox.line_total")))),
      body,
      el("tfoot", {}, el("tr", {}, el("th", { scope: "row", colspan: "3" }, t("cashbox.count_total")), el("td", { class: "n" }, total))))),
    more);
  const counted = el("input", { type: "text", id: "cashbox-counted", inputmode: "decimal", dir: "ltr", autocomplete: "off",
    value: hadTotalOnly && previous.counted ? typedForm(previous.counted, mark) : "" });
  const totalBox = f.box("counted", counted, t("field.counted"));
  const layout = () => {
    notesBox.hidden = modeOf() !== "denominations";
    totalBox.hidden = modeOf() !== "total";
  };
  byNotes.addEventListener("change", layout);
  byTotal.addEventListener("change", layout);

  const first = el("input", { type: "text", id: "cashbox-counted-by", value: rememberedName(), maxlength: "200", autocomplete: "off", dir: "auto" });
  const second = el("input", { type: "text", id: "cashbox-second-counter", maxlength: "200", autocomplete: "off", dir: "auto" });
  const note = previous ? null : el("textarea", { id: "cashbox-note", rows: "2", maxlength: "2000", dir: "auto" });
  const reason = previous ? el("input", { type: "text", id: "cashbox-reason", maxlength: "500", autocomplete: "off", dir: "auto" }) : null;
  const go = el("button", { type: "submit", class: "primary", id: previous ? "cashbox-correct-save" : "cashbox-close" },
    t(previous ? "cashbox.correct.save" : "cashbox.close"));
  const cancel = el("button", { type: "button", id: "cashbox-count-cancel" }, t("money.cancel"));
  cancel.addEventListener("click", () => reload(""));

  const form = el("form", { class: "panel money-form", id: "cashbox-count-form", "data-box": b.id, novalidate: true },
    el("h2", { class: "section-title" }, t(previous ? "cashbox.correct.title" : "cashbox.count.title", { currency })),
    previous ? el("p", { class: "hint" }, t("cashbox.correct.hint")) : null,
    el("div", { class: "choices-row", role: "radiogroup" },
      el("label", { class: "choice-pill" }, byNotes, t("cashbox.mode.denominations")),
      el("label", { class: "choice-pill" }, byTotal, t("cashbox.mode.total"))),
    notesBox,
    totalBox,
    el("div", { class: "two" },
      f.box("counted_by", first, t("field.counted_by")),
      f.box("second_counter", second, t("field.second_counter"), t("cashbox.second.hint"))),
    note ? f.box("note", note, t("field.note")) : null,
    reason ? f.box("reason", reason, t("field.reason")) : null,
    el("div", { class: "inline" }, go, cancel));
  layout();

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    f.clear();
    // Checked here too, so the counters see it before anything is sent; core checks again.
    if (first.value.trim() && first.value.trim().toLowerCase() === second.value.trim().toLowerCase()) {
      f.mark("second_counter", t("error.same_counter"));
      return;
    }
    if (reason && !reason.value.trim()) {
      f.mark("reason", t("error.reason_required"));
      return;
    }
    // One count object, as core's cash_box::Count reads it: a total or the notes and coins.
    const count = {
      counted: "",
      denominations: [],
      decimal_mark: mark,
      counted_by: first.value.trim(),
      second_counter: second.value.trim(),
      note: note ? note.value.trim() : "",
    };
    if (modeOf() === "total") {
      count.counted = counted.value.trim();
    } else {
      count.denominations = [...body.children]
        .map((tr) => ({ value: tr.querySelector(".denom-value").value.trim(), count: tr.querySelector(".denom-count").value.trim() }))
        .filter((x) => x.value && x.count && x.count !== "0")
        .map((x) => ({ value: x.value, count: Number(x.count) })); // a count of notes, not money
    }
    f.save(go, async () => {
      if (previous) {
        await call("correct_cash_box", { id: b.id, count, reason: reason.value.trim() });
      } else {
        await call("close_cash_box", { id: b.id, count });
      }
      rememberName(first.value);
      await reload(t(previous ? "cashbox.corrected" : "cashbox.closed"));
    });
  });
  return form;
}
