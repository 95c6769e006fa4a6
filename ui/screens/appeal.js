// One appeal's page: its count and countries, charts of its signers, its signers (the list,
// import, export), its words in each language (a new version when they change), open and
// close, table mode and paper sheets, prominent signers, old versions and the register of
// paper sheets.
import { t, formatDate, LANGUAGES, locale } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { showError } from "../alert.js";
import { countryName } from "../countries.js";
import { drawNumbers } from "../charts.js";
import { enterTableMode } from "../frame.js";

/** The language whose words were last open, per appeal: saving re-renders the page on it. */
const openLanguage = new Map();

export async function render(view, id) {
  const [page, events, kiosk] = await Promise.all([
    call("appeal_page", { appeal: id }),
    call("event_choices"),
    call("kiosk_settings"),
  ]);
  const s = page.summary;
  const rerender = () => render(view, id);
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#appeals" }, t("appeal.back"))),
    el("h1", { id: "appeal-title", lang: s.lang }, s.title),
    el("p", { class: "hint" },
      el("span", { class: `status status-${s.status}`, id: "appeal-status" }, t(`appeal.status.${s.status}`)), " ",
      el("code", {}, s.slug)),
    countsPanel(page),
    signersPanel(page),
    actionsPanel(page, events, kiosk, rerender),
    chartsPanel(page),
    wordsPanel(page, rerender),
    prominentPanel(page, rerender),
    versionsPanel(page),
    sheetsPanel(page),
    detailsPanel(page, rerender),
  );
}

function countsPanel(page) {
  const s = page.summary;
  const top = page.countries.slice(0, 12);
  return el("section", { class: "panel" },
    el("p", { class: "big-count", id: "appeal-count" }, t("appeal.count", { count: s.signers, countries: s.countries })),
    s.goal ? el("progress", { max: String(s.goal), value: String(Math.min(s.signers, s.goal)), "aria-label": t("appeal.details.goal") }) : null,
    s.goal ? el("p", { class: "hint" }, t("appeal.goal", { goal: s.goal })) : null,
    top.length ? el("ul", { class: "country-counts" }, top.map((c) =>
      el("li", {}, c.country ? countryName(c.country, locale) : t("appeal.no_country"), el("span", { class: "n" }, String(c.signers))))) : null,
  );
}

/** Charts of this appeal's signers, drawn once their numbers arrive (the page does not wait). */
function chartsPanel(page) {
  const charts = el("div", { class: "charts", id: "appeal-charts" });
  const panel = el("section", { class: "panel panel-wide", id: "appeal-charts-panel", hidden: page.summary.signers === 0 },
    el("h2", { class: "section-title" }, t("appeal.charts")), charts);
  if (page.summary.signers > 0) {
    call("signer_numbers", { appeal: page.summary.id })
      .then((numbers) => drawNumbers(charts, numbers, { idPrefix: "appeal-chart" }))
      .catch(showError);
  }
  return panel;
}

/** The signers themselves: the list, and CSV in and out. */
function signersPanel(page) {
  const s = page.summary;
  const exportButton = el("button", { type: "button", id: "appeal-export" }, t("appeal.export"));
  const done = el("p", { class: "saved", id: "appeal-export-done", "aria-live": "polite" });
  exportButton.addEventListener("click", () => busy(exportButton, async () => {
    done.textContent = "";
    const saved = await call("export_signers", {
      appeal: s.id, title: t("appeal.export.dialog"), filter: t("import.dialog.filter"),
    });
    if (saved) done.textContent = t("appeal.export.done", { count: saved.rows, path: saved.path });
  }));
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("appeal.signers")),
    el("div", { class: "inline" },
      el("a", { href: `#signers/appeal=${encodeURIComponent(s.id)}`, class: "button-link", id: "appeal-signers" }, t("appeal.signers.list")),
      el("a", { href: `#import/${encodeURIComponent(s.id)}`, class: "button-link", id: "appeal-import" }, t("appeal.import")),
      exportButton),
    el("p", { class: "hint" }, t("appeal.export.hint")),
    done);
}

function actionsPanel(page, events, kiosk, rerender) {
  const s = page.summary;
  const next = { draft: "open", open: "closed", closed: "open" }[s.status];
  const statusButton = el("button", { type: "button", id: "appeal-set-status" }, t(`appeal.action.${next}`));
  statusButton.addEventListener("click", () => busy(statusButton, async () => {
    await call("set_appeal_status", { appeal: s.id, status: next });
    await rerender();
  }));
  const event = el("select", { id: "table-event" },
    el("option", { value: "" }, t("appeal.table.no_event")),
    events.map((e) => el("option", { value: e.id }, e.title)));
  const start = el("button", { type: "button", class: "primary", id: "start-table-mode", disabled: s.status !== "open" || !kiosk.has_pin }, t("appeal.table.start"));
  start.addEventListener("click", () => busy(start, async () => {
    const mode = await call("start_table_mode", { appeal: s.id, event: event.value || null });
    await enterTableMode(mode);
  }));
  const why = s.status !== "open" ? t("appeal.table.not_open") : !kiosk.has_pin ? t("appeal.table.no_pin") : t("appeal.table.hint");
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("appeal.collect")),
    el("div", { class: "inline" },
      el("label", { for: "table-event" }, t("appeal.table.event")), event, start),
    el("p", { class: "hint", id: "table-hint" }, why, !kiosk.has_pin ? [" ", el("a", { href: "#settings" }, t("appeal.table.settings"))] : null),
    el("div", { class: "inline" },
      el("a", { href: `#sheet/${s.id}`, class: "button-link", id: "type-sheets" }, t("appeal.sheets.type")),
      el("a", { href: `#print/kind=sheet&appeal=${s.id}`, class: "button-link", id: "print-sheet" }, t("appeal.print.sheet")),
      el("a", { href: `#print/kind=appeal&appeal=${s.id}`, class: "button-link", id: "print-appeal" }, t("appeal.print.ad")),
      el("a", { href: `#print/kind=report_signers&appeal=${s.id}`, class: "button-link", id: "print-signers-report" }, t("appeal.print.report")),
      statusButton),
  );
}

function wordsPanel(page, rerender) {
  const s = page.summary;
  const langs = page.texts.map((x) => x.lang);
  const missing = LANGUAGES.filter((l) => !langs.includes(l.code));
  const body = el("div", { id: "words-editor" });
  const tabs = el("div", { class: "tabs", role: "tablist" });
  const show = (lang) => {
    openLanguage.set(s.id, lang);
    for (const b of tabs.querySelectorAll("button")) b.setAttribute("aria-selected", String(b.dataset.lang === lang));
    const text = page.texts.find((x) => x.lang === lang);
    replace(body, wordsForm(s.id, lang, text, rerender));
  };
  const name = (code) => (LANGUAGES.find((l) => l.code === code) || { name: code }).name;
  replace(tabs,
    page.texts.map((x) => el("button", { type: "button", role: "tab", "data-lang": x.lang, id: `words-tab-${x.lang}`, onclick: () => show(x.lang) },
      name(x.lang), " ", el("span", { class: "hint" }, t("appeal.version", { version: x.version })))),
    missing.map((l) => el("button", { type: "button", role: "tab", "data-lang": l.code, id: `words-tab-${l.code}`, class: "add", onclick: () => show(l.code) },
      t("appeal.words.add", { language: l.name }))),
  );
  const panel = el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("appeal.words")),
    el("p", { class: "hint" }, t("appeal.words.hint")),
    tabs, body);
  const last = openLanguage.get(s.id);
  show(last && (langs.includes(last) || missing.some((l) => l.code === last)) ? last : s.lang);
  return panel;
}

function wordsForm(appeal, lang, text, rerender) {
  const dir = (LANGUAGES.find((l) => l.code === lang) || { dir: "auto" }).dir;
  const title = el("input", { type: "text", id: "words-title", maxlength: "200", dir, lang, value: text ? text.title : "" });
  const body = el("textarea", { id: "words-text", rows: "10", dir, lang });
  body.value = text ? text.body : "";
  const consent = el("textarea", { id: "words-consent", rows: "2", dir, lang });
  consent.value = text ? text.consent : "";
  const contact = el("textarea", { id: "words-contact", rows: "2", dir, lang });
  contact.value = text ? text.contact_consent : "";
  const saved = el("span", { class: "saved", id: "words-saved", "aria-live": "polite" });
  const button = el("button", { type: "submit", class: "primary", id: "save-words" }, t("appeal.words.save"));
  const form = el("form", {},
    el("label", { for: "words-title" }, t("appeal.words.title")), title,
    el("label", { for: "words-text" }, t("appeal.words.text")), body,
    el("label", { for: "words-consent" }, t("appeal.words.consent")),
    el("p", { class: "hint" }, t("appeal.words.consent.hint")), consent,
    el("label", { for: "words-contact" }, t("appeal.words.contact")), contact,
    el("div", { class: "inline" }, button, saved));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, async () => {
      const r = await call("save_appeal_words", {
        appeal,
        words: { lang, title: title.value, body: body.value, consent: consent.value, contact_consent: contact.value },
      });
      if (r.new_version) {
        await rerender();
        const note = document.getElementById("words-saved");
        if (note) note.textContent = t("appeal.words.saved", { version: r.version });
      } else {
        saved.textContent = t("appeal.words.unchanged");
      }
    });
  });
  return form;
}

function prominentPanel(page, rerender) {
  const list = el("ol", { class: "prominent", id: "prominent-list" }, page.prominent.map((p) =>
    el("li", {},
      el("strong", {}, p.name), p.title ? [", ", el("span", {}, p.title)] : null,
      p.featured ? el("span", { class: "badge" }, t("appeal.prominent.featured")) : null,
      p.statement ? el("blockquote", {}, p.statement) : null,
      el("button", { type: "button", class: "small", onclick: (e) => edit(e.currentTarget.closest("li"), p) }, t("appeal.prominent.edit")))));
  const editor = el("div", { id: "prominent-editor" });
  const edit = (where, p) => {
    const prominent = el("input", { type: "checkbox", id: "pr-prominent", checked: true });
    const featured = el("input", { type: "checkbox", id: "pr-featured", checked: Boolean(p.featured) });
    const title = el("input", { type: "text", id: "pr-title", maxlength: "200", value: p.title || "" });
    const statement = el("textarea", { id: "pr-statement", rows: "3" });
    statement.value = p.statement || "";
    const order = el("input", { type: "number", id: "pr-order", min: "0", step: "1", value: p.display_order ?? "" });
    const save = el("button", { type: "submit", class: "primary", id: "pr-save" }, t("appeal.prominent.save"));
    const form = el("form", { class: "panel" },
      el("p", {}, el("strong", {}, p.name), " ", el("a", { href: `#person/${p.person_id}` }, t("appeal.prominent.person"))),
      el("label", { class: "check", for: "pr-prominent" }, prominent, t("appeal.prominent.is")),
      el("label", { class: "check", for: "pr-featured" }, featured, t("appeal.prominent.featured")),
      el("label", { for: "pr-title" }, t("appeal.prominent.title")), title,
      el("label", { for: "pr-statement" }, t("appeal.prominent.statement")), statement,
      el("label", { for: "pr-order" }, t("appeal.prominent.order")), order,
      save);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      busy(save, async () => {
        await call("set_prominence", {
          signature: p.signature_id,
          prominence: {
            prominent: prominent.checked, featured: featured.checked, title: title.value || null,
            statement: statement.value || null, display_order: order.value === "" ? null : Number(order.value),
          },
        });
        await rerender();
      });
    });
    replace(editor, form);
    (where || editor).scrollIntoView({ block: "nearest" });
    title.focus();
  };
  const query = el("input", { type: "search", id: "signer-search", maxlength: "100", autocomplete: "off", placeholder: t("appeal.prominent.search") });
  const hits = el("ul", { class: "hits", id: "signer-hits" });
  let timer = null;
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (query.value.trim().length < 2) return replace(hits);
      const found = await call("find_signers", { appeal: page.summary.id, query: query.value });
      replace(hits, found.map((h) => el("li", {},
        el("button", { type: "button", class: "small", onclick: () => edit(null, { ...h, title: null, statement: null, featured: false, display_order: null }) }, h.name),
        " ", el("span", { class: "hint" }, [h.city, h.country].filter(Boolean).join(", ")),
        " ", el("a", { href: `#person/${h.person_id}` }, t("appeal.prominent.person")))));
    }, 200);
  });
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("appeal.prominent")),
    page.prominent.length ? list : el("p", { class: "hint" }, t("appeal.prominent.none")),
    el("label", { for: "signer-search" }, t("appeal.prominent.find")), query, hits, editor);
}

function versionsPanel(page) {
  const reader = el("div", { id: "version-reader" });
  const read = async (v) => {
    const text = await call("appeal_text", { text: v.text_id });
    replace(reader, el("article", { class: "old-version", lang: text.lang },
      el("h3", {}, t("appeal.versions.reading", { version: text.version, lang: text.lang.toUpperCase() })),
      el("p", { class: "hint" }, t("appeal.versions.hash", { hash: text.words_hash })),
      el("h4", {}, text.title),
      text.body.split(/\n{2,}/).map((p) => el("p", {}, p)),
      el("p", { class: "consent-words" }, text.consent),
      el("p", { class: "consent-words" }, text.contact_consent)));
  };
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("appeal.versions")),
    el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts", id: "versions" },
      el("thead", {}, el("tr", {}, ["lang", "version", "written", "signatures", "hash_column", ""].map((k) => el("th", {}, k ? t(`appeal.versions.${k}`) : "")))),
      el("tbody", {}, page.versions.map((v) => el("tr", {},
        el("td", {}, v.lang.toUpperCase()), el("td", {}, String(v.version)), el("td", {}, formatDate(v.written_at)),
        el("td", {}, String(v.signatures)), el("td", {}, el("code", {}, v.words_hash.slice(0, 12))),
        el("td", {}, el("button", { type: "button", class: "small", onclick: () => read(v) }, t("appeal.versions.read")))))))),
    reader);
}

function sheetsPanel(page) {
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("appeal.sheets")),
    page.sheets.length === 0 ? el("p", { class: "hint" }, t("appeal.sheets.none")) :
      el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts", id: "sheet-register" },
        el("thead", {}, el("tr", {}, ["number", "event", "rows", "typed_by", "when", ""].map((k) => el("th", {}, k ? t(`appeal.sheets.${k}`) : "")))),
        el("tbody", {}, page.sheets.map((x) => el("tr", {},
          el("td", {}, String(x.number)), el("td", {}, x.event_title || ""),
          el("td", {}, x.rows_on_paper == null ? String(x.rows_typed) : t("appeal.sheets.of", { typed: x.rows_typed, paper: x.rows_on_paper })),
          el("td", {}, x.typed_by || ""), el("td", {}, formatDate(x.updated_at)),
          el("td", {}, el("a", {
            href: `#signers/${new URLSearchParams({ appeal: page.summary.id, sheet: x.id, number: String(x.number) })}`,
            "data-sheet": x.id,
          }, t("appeal.sheets.signers")))))))));
}

function detailsPanel(page, rerender) {
  const s = page.summary;
  const slug = el("input", { type: "text", id: "appeal-slug", maxlength: "60", value: s.slug });
  const goal = el("input", { type: "number", id: "appeal-goal", min: "1", step: "1", value: s.goal ?? "" });
  const button = el("button", { type: "submit", id: "save-details" }, t("appeal.details.save"));
  const form = el("form", { class: "panel" },
    el("h2", { class: "section-title" }, t("appeal.details")),
    el("div", { class: "two" },
      el("div", {}, el("label", { for: "appeal-slug" }, t("appeal.details.slug")), slug,
        el("p", { class: "hint" }, t("appeal.details.slug.hint"))),
      el("div", {}, el("label", { for: "appeal-goal" }, t("appeal.details.goal")), goal)),
    button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, async () => {
      await call("set_appeal_details", { appeal: s.id, slug: slug.value, goal: goal.value ? Number(goal.value) : null });
      await rerender();
    });
  });
  return form;
}
