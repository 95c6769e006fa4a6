// Typing in paper sheets by keyboard alone. First the sheet: its number, event, the count of
// rows written on it, who types. Then row after row: Tab between fields, Enter saves the row
// and starts the next (the row number advances by itself), the country takes a code or a
// name, a row whose email had signed says so and updates the signature, and Ctrl+Z takes back
// the last row typed here.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { clearError, messageOf, showError } from "../alert.js";
import { countryName, matchCountries, resolveCountry } from "../countries.js";
import { languageSelect } from "./appeals.js";

const DISPLAYS = ["hidden", "full", "name_city", "initials"];

export async function render(view, appealId) {
  const [page, events, next] = await Promise.all([
    call("appeal_page", { appeal: appealId }),
    call("event_choices"),
    call("next_sheet_number", { appeal: appealId }),
  ]);
  const header = [
    el("p", { class: "crumb" }, el("a", { href: `#appeal/${appealId}` }, t("sheet.back", { title: page.summary.title }))),
    el("h1", {}, t("sheet.title")),
  ];
  const body = el("div", {});
  replace(view, header, body);
  let undo = null;
  body.setUndo = (f) => { undo = f; };
  startForm(body, page.summary, events, next);
  // Ctrl+Z anywhere on this page takes back the last row (the fields' own undo is not needed:
  // a row is short, and the last saved row is what a typist wants back).
  const onKey = (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && undo) {
      e.preventDefault();
      undo();
    }
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}

function startForm(body, appeal, events, next) {
  body.setUndo(null); // Ctrl+Z never reaches back into the sheet before

  const number = el("input", { type: "number", id: "sheet-number", min: "1", step: "1", value: String(next) });
  const event = el("select", { id: "sheet-event" },
    el("option", { value: "" }, t("sheet.no_event")),
    events.map((e) => el("option", { value: e.id }, e.title)));
  const rows = el("input", { type: "number", id: "sheet-rows", min: "0", step: "1" });
  const typist = el("input", { type: "text", id: "sheet-typist", maxlength: "100", autocomplete: "off" });
  const lang = languageSelect("sheet-lang", appeal.lang);
  const button = el("button", { type: "submit", class: "primary", id: "sheet-start" }, t("sheet.start"));
  const form = el("form", { class: "panel", id: "sheet-form" },
    el("p", { class: "hint" }, t("sheet.lead")),
    el("div", { class: "two" },
      el("div", {}, el("label", { for: "sheet-number" }, t("sheet.number")), number),
      el("div", {}, el("label", { for: "sheet-event" }, t("sheet.event")), event),
      el("div", {}, el("label", { for: "sheet-rows" }, t("sheet.rows")), rows),
      el("div", {}, el("label", { for: "sheet-typist" }, t("sheet.typist")), typist),
      el("div", {}, el("label", { for: "sheet-lang" }, t("sheet.lang")), lang)),
    button);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    busy(button, async () => {
      const sheet = { number: Number(number.value), event: event.value || null,
        rows_on_paper: rows.value === "" ? null : Number(rows.value), typed_by: typist.value || null };
      const opened = await call("open_sheet", { appeal: appeal.id, sheet });
      // The language the sheet was printed in: its consent words are the ones recorded.
      typing(body, appeal, events, sheet, opened, lang.value);
    });
  });
  replace(body, form);
  number.focus();
  number.select();
}

function typing(body, appeal, events, sheet, opened, lang) {
  let row = opened.next_row;
  const taken = []; // what each row typed here did, newest last, for Ctrl+Z
  const rowLabel = el("span", { id: "row-number", class: "row-number" });
  const input = (id, key, attrs = {}) => {
    const node = el("input", { type: "text", id, autocomplete: "off", spellcheck: "false", maxlength: "100", ...attrs });
    return { node, box: el("div", { class: "cell" }, el("label", { for: id }, t(key)), node) };
  };
  const given = input("row-given", "sheet.given");
  const family = input("row-family", "sheet.family");
  const email = input("row-email", "sheet.email", { maxlength: "254" });
  const city = input("row-city", "sheet.city");
  const country = input("row-country", "sheet.country", { maxlength: "60" });
  const countryHint = el("span", { class: "hint", id: "row-country-hint", "aria-live": "polite" });
  country.box.append(countryHint);
  const display = el("select", { id: "row-display" }, DISPLAYS.map((d) => el("option", { value: d }, t(`sheet.display.${d}`))));
  const contact = el("input", { type: "checkbox", id: "row-contact" });
  const status = el("p", { id: "row-status", class: "hint", "aria-live": "polite" });
  const count = el("p", { id: "sheet-count", class: "sheet-count" });
  const list = el("ol", { class: "typed-rows", id: "typed-rows" });
  const fields = [given, family, email, city, country];

  const showRows = (rows) => {
    replace(list, rows.map((r) => el("li", { "data-row": String(r.row) },
      el("span", { class: "row-number" }, String(r.row)), " ", r.name,
      r.email ? el("span", { class: "hint" }, ` ${r.email}`) : null,
      r.note ? el("span", { class: "badge" }, r.note) : null)));
    const typedCount = rows.length;
    count.textContent = sheet.rows_on_paper == null
      ? t("sheet.count", { count: typedCount })
      : t("sheet.count.of", { count: typedCount, paper: sheet.rows_on_paper });
    count.classList.toggle("done", sheet.rows_on_paper != null && typedCount >= sheet.rows_on_paper);
  };
  let rows = opened.rows.map((r) => ({ ...r }));
  const setRow = (n) => { row = n; rowLabel.textContent = t("sheet.row", { row: n }); };

  country.node.addEventListener("input", () => {
    const code = resolveCountry(country.node.value, "en");
    const guess = code ? null : matchCountries(country.node.value, "en", 1)[0];
    countryHint.textContent = code ? countryName(code, "en") : guess ? t("sheet.country.guess", { name: guess.name }) : "";
  });

  const clearRow = () => {
    for (const f of fields) f.node.value = "";
    display.value = "hidden";
    contact.checked = false;
    countryHint.textContent = "";
    given.node.focus();
  };

  let saving = false;
  const save = async () => {
    if (saving) return; // a second Enter while the row is being saved
    clearError();
    let code = null;
    if (country.node.value.trim()) {
      // A code or a whole name, or a start that only one country's name has ("Germ").
      code = resolveCountry(country.node.value, "en");
      const matches = code ? [] : matchCountries(country.node.value, "en", 2);
      if (!code && matches.length === 1) code = matches[0].code;
      if (!code) {
        status.textContent = t("sheet.country.unknown", { value: country.node.value.trim() });
        country.node.focus();
        return;
      }
    }
    const thisRow = row;
    const typed = { given: given.node.value, family: family.node.value, email: email.node.value,
      city: city.node.value, country: country.node.value, display: display.value, contact: contact.checked };
    saving = true;
    try {
      const signed = await call("sign_sheet_row", { signing: {
        appeal: appeal.id,
        person: { given_name: given.node.value, family_name: family.node.value, email: email.node.value || null,
          city: city.node.value || null, country: code },
        lang, source: "paper", display: display.value, contact_consent: contact.checked,
        event: sheet.event, sheet: [opened.id, thisRow], entered_by: sheet.typed_by,
      } });
      const name = `${typed.given} ${typed.family}`.trim();
      const note = signed.already_signed ? t("sheet.already_signed") : null;
      taken.push({ signed, row: thisRow, typed });
      rows = [...rows, { row: thisRow, name, email: typed.email.trim() || null, note }];
      showRows(rows);
      status.textContent = note ? t("sheet.saved.updated", { row: thisRow, name }) : t("sheet.saved", { row: thisRow, name });
      setRow(thisRow + 1);
      clearRow();
    } catch (e) {
      status.textContent = messageOf(e);
    } finally {
      saving = false;
    }
  };

  body.setUndo(async () => {
    const last = taken.pop();
    if (!last) return;
    try {
      await call("take_back_row", { signed: last.signed });
      rows = rows.slice(0, -1); // rows typed here come last, in the order typed
      showRows(rows);
      setRow(last.row);
      status.textContent = t("sheet.taken_back", { row: last.row });
      // The row comes back into the fields, to be corrected and saved again.
      given.node.value = last.typed.given;
      family.node.value = last.typed.family;
      email.node.value = last.typed.email;
      city.node.value = last.typed.city;
      country.node.value = last.typed.country;
      display.value = last.typed.display;
      contact.checked = last.typed.contact;
      given.node.focus();
    } catch (e) {
      taken.push(last);
      showError(e);
    }
  });

  const form = el("form", { class: "row-entry", id: "row-form", autocomplete: "off" },
    rowLabel, fields.map((f) => f.box),
    el("div", { class: "cell" }, el("label", { for: "row-display" }, t("sheet.display")), display),
    el("div", { class: "cell narrow" }, el("label", { for: "row-contact" }, t("sheet.contact")), contact),
    el("button", { type: "submit", class: "primary", id: "row-save" }, t("sheet.save")));
  // Enter in any field saves the row (a checkbox or select would not submit by itself).
  form.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.tagName !== "BUTTON") {
      e.preventDefault();
      save();
    }
  });
  form.addEventListener("submit", (e) => { e.preventDefault(); save(); });
  const another = el("button", { type: "button", id: "sheet-next" }, t("sheet.next"));
  another.addEventListener("click", () => {
    startForm(body, appeal, events, sheet.number + 1);
  });

  replace(body,
    el("h2", { class: "section-title", id: "sheet-heading" }, t("sheet.heading", { number: sheet.number })),
    el("p", { class: "hint" }, t("sheet.keys")),
    form, status, count, list, another);
  showRows(rows);
  setRow(row);
  clearRow();
}
