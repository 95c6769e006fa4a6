// The signer list: everyone in the campaign, found as you type and narrowed by filters, in a
// list that stays smooth at a million rows. Rows come a page at a time (keyset paging: each
// page starts after the last row of the one before), the next page when the reader nears the
// end; rows have one fixed height and only those in view (and a few beyond) exist in the page.
// Arrow keys move through the rows, Enter opens a person. `#signers/appeal=<id>&sheet=<id>`
// opens the list already filtered (from an appeal's page or one of its paper sheets).
import { t, locale, formatDay } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { showError, clearError } from "../alert.js";
import { countryList, countryName } from "../countries.js";

/** Pixels of one row: keep in step with `.people-row` in styles.css. */
const ROW_HEIGHT = 44;
const PAGE = 100;
/** Rows kept in the page beyond each edge of the view. */
const MARGIN = 6;
/** Rows before the end of what is loaded at which the next page is asked for. */
const NEAR_END = 30;
const DEBOUNCE_MS = 120;
/** At most this many rows are asked for at once when the list comes back as it was. */
const RESTORE_MAX = 500;

export const SOURCES = ["table", "paper", "online", "import", "manual"];

const COLUMNS = [
  { key: "name" },
  { key: "email" },
  { key: "city" },
  { key: "country" },
  { key: "organization" },
  { key: "signed_at", appeal: true },
  { key: "source", appeal: true },
];

const EMPTY = {
  text: "", appeal: "", country: "", source: "", event: "", sheet: "", sheetNumber: "",
  featured: false, contact: "", from: "", to: "", sort: "name", descending: false,
};

/** The list as it was left (filters, rows loaded, scroll), while the window is open. */
let remembered = null;

export async function render(view, arg) {
  const [appeals, events] = await Promise.all([call("list_appeals"), call("event_choices")]);
  let state;
  let restore = null;
  if (arg) {
    // From a link: its filters alone.
    const p = new URLSearchParams(arg);
    state = { ...EMPTY };
    for (const key of ["appeal", "sheet", "country", "source", "event"]) state[key] = p.get(key) || "";
    state.sheetNumber = p.get("number") || "";
    state.text = p.get("q") || "";
  } else if (remembered) {
    state = { ...remembered.state };
    restore = remembered;
  } else {
    state = { ...EMPTY };
  }
  if (state.appeal && !appeals.some((a) => a.id === state.appeal)) state = { ...state, appeal: "", sheet: "" };
  if (!state.appeal && (state.sort === "signed_at" || state.sort === "source")) state.sort = "name";

  const countNode = el("p", { class: "people-count", id: "people-count", role: "status" }, t("signers.counting"));
  const duplicatesLink = el("a", { href: "#duplicates", class: "button-link", id: "people-duplicates" }, t("signers.duplicates.loading"));
  const importLink = el("a", { href: "#import", class: "button-link", id: "people-import" }, t("signers.import"));
  const search = el("input", {
    type: "search", id: "people-search", maxlength: "100", autocomplete: "off", spellcheck: "false",
    placeholder: t("signers.search.placeholder"), value: state.text,
  });

  // Filters
  const select = (id, label, options, value) => {
    const node = el("select", { id }, options.map(([v, text]) => el("option", { value: v }, text)));
    node.value = value;
    return { node, box: el("div", { class: "filter" }, el("label", { for: id }, label), node) };
  };
  const appeal = select("people-appeal", t("signers.filter.appeal"),
    [["", t("signers.filter.any_appeal")], ...appeals.map((a) => [a.id, a.title])], state.appeal);
  const country = select("people-country", t("signers.filter.country"),
    [["", t("signers.filter.any_country")], ...countryList(locale).map((c) => [c.code, c.name])], state.country);
  const source = select("people-source", t("signers.filter.source"),
    [["", t("signers.filter.any_source")], ...SOURCES.map((s) => [s, t(`signers.source.${s}`)])], state.source);
  const event = select("people-event", t("signers.filter.event"),
    [["", t("signers.filter.any_event")], ...events.map((e) => [e.id, e.title])], state.event);
  const contact = select("people-contact", t("signers.filter.contact"),
    [["", t("signers.filter.contact.any")], ["yes", t("signers.filter.contact.yes")], ["no", t("signers.filter.contact.no")]], state.contact);
  const from = el("input", { type: "date", id: "people-from", value: state.from });
  const to = el("input", { type: "date", id: "people-to", value: state.to });
  const featured = el("input", { type: "checkbox", id: "people-featured", checked: state.featured });
  const clear = el("button", { type: "button", id: "people-clear", class: "small" }, t("signers.filter.clear"));
  const sheetChip = el("p", { class: "chips", id: "people-sheet" });
  const filters = el("div", { class: "people-filters", role: "group", "aria-label": t("signers.filters") },
    appeal.box, country.box, source.box, event.box, contact.box,
    el("div", { class: "filter" }, el("label", { for: "people-from" }, t("signers.filter.from")), from),
    el("div", { class: "filter" }, el("label", { for: "people-to" }, t("signers.filter.to")), to),
    el("div", { class: "filter filter-check" }, el("label", { class: "check", for: "people-featured" }, featured, t("signers.filter.featured"))),
    el("div", { class: "filter filter-clear" }, clear));

  const list = peopleList();
  view.classList.add("people-page"); // the list fills the window's height
  replace(view,
    el("div", { class: "people-top" },
      el("div", {},
        el("h1", { id: "people-heading" }, t("signers.title")),
        countNode),
      el("div", { class: "inline" }, duplicatesLink, importLink)),
    el("label", { for: "people-search", class: "visually-hidden" }, t("signers.search")),
    search,
    filters,
    sheetChip,
    list.node,
  );

  call("duplicate_queue").then((pairs) => {
    duplicatesLink.textContent = t("signers.duplicates", { count: pairs.length });
  }).catch(showError);

  // Each question gets a number; an answer to an older one than the last is dropped.
  let asked = 0;
  let timer = null;

  const showSheet = () => {
    replace(sheetChip);
    if (!state.sheet) return;
    const remove = el("button", { type: "button", class: "small", id: "people-sheet-clear", "aria-label": t("signers.sheet.clear") }, "\u00d7");
    remove.addEventListener("click", () => { state.sheet = ""; state.sheetNumber = ""; showSheet(); reload(); });
    sheetChip.append(el("span", { class: "chip" },
      state.sheetNumber ? t("signers.sheet", { number: state.sheetNumber }) : t("signers.sheet.one"), " ", remove));
  };

  async function reload(rows = PAGE, scrollTop = 0) {
    const request = ++asked;
    clearTimeout(timer);
    timer = null;
    remembered = { state: { ...state }, rows: 0, scrollTop: 0 };
    importLink.setAttribute("href", state.appeal ? `#import/${state.appeal}` : "#import");
    const query = toQuery(state);
    list.start(state, request);
    countNode.textContent = t("signers.counting");
    call("people_count", { query }).then((n) => {
      if (request !== asked) return;
      countNode.textContent = t("signers.count", { count: n });
      list.setTotal(n);
    }).catch((e) => { if (request === asked) showError(e); });
    try {
      const page = await call("people_page", { query: { ...query, limit: Math.min(rows, RESTORE_MAX) } });
      if (request !== asked) return;
      list.add(page.rows, page.next, request, { fresh: true, scrollTop });
    } catch (e) {
      if (request !== asked) return;
      list.failed(request, true);
      showError(e);
    }
  }

  async function more(request, after) {
    const page = await call("people_page", { query: { ...toQuery(state), after, limit: PAGE } });
    if (request !== asked) return null;
    return page;
  }
  list.onMore = more;
  list.onSort = (key) => {
    if (state.sort === key && (state.sortChosen || !state.text)) state.descending = !state.descending;
    else { state.sort = key; state.descending = key === "signed_at"; } // newest signers first
    state.sortChosen = true;
    reload();
  };
  // The order changed under the cursor (the sort or the rows): the list starts again, and says so.
  list.onStale = (e) => {
    showError(e);
    reload();
  };
  list.onScroll = (top, loaded) => {
    if (remembered && remembered.state) { remembered.scrollTop = top; remembered.rows = loaded; }
  };

  search.addEventListener("input", () => {
    state.text = search.value;
    clearTimeout(timer);
    timer = setTimeout(() => reload(), DEBOUNCE_MS);
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") { e.preventDefault(); if (timer) { state.text = search.value; reload(); } }
    if (e.key === "ArrowDown") { e.preventDefault(); list.focusRow(0); }
  });
  const bind = (node, key, read = () => node.value) => node.addEventListener("change", () => {
    state[key] = read();
    if (key === "appeal") {
      state.sheet = ""; state.sheetNumber = "";
      showSheet();
      if (!state.appeal && (state.sort === "signed_at" || state.sort === "source")) { state.sort = "name"; state.descending = false; }
    }
    reload();
  });
  bind(appeal.node, "appeal");
  bind(country.node, "country");
  bind(source.node, "source");
  bind(event.node, "event");
  bind(contact.node, "contact");
  bind(from, "from");
  bind(to, "to");
  bind(featured, "featured", () => featured.checked);
  clear.addEventListener("click", () => {
    const keepSort = state.sort !== "signed_at" && state.sort !== "source";
    state = { ...EMPTY, text: state.text, sort: keepSort ? state.sort : "name", descending: keepSort && state.descending };
    appeal.node.value = ""; country.node.value = ""; source.node.value = ""; event.node.value = "";
    contact.node.value = ""; from.value = ""; to.value = ""; featured.checked = false;
    showSheet();
    reload();
  });

  showSheet();
  if (restore && restore.rows > 0) reload(Math.ceil(restore.rows / PAGE) * PAGE, restore.scrollTop);
  else reload();
  if (!restore) search.focus();

  return () => {
    clearTimeout(timer);
    asked++; // answers still on their way are dropped
    list.destroy();
  };
}

/** The direction of a text by its first letter: right-to-left for Arabic, Persian, Hebrew... */
function textDirection(text) {
  const first = /\p{L}/u.exec(text);
  if (!first) return null;
  return /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u.test(first[0]) ? "rtl" : "ltr";
}

/** The query people_page and people_count take (snake_case fields: it is one struct). */
function toQuery(s) {
  const q = {};
  if (s.text.trim()) q.text = s.text.trim();
  if (s.appeal) q.appeal = s.appeal;
  if (s.country) q.country = s.country;
  if (s.source) q.source = s.source;
  if (s.event) q.event = s.event;
  if (s.sheet) q.sheet = s.sheet;
  if (s.featured) q.featured = true;
  if (s.contact) q.may_contact = s.contact === "yes";
  if (s.from) q.signed_from = s.from;
  if (s.to) q.signed_to = s.to;
  // A search lists the best matches in the index's order, quick at any number of matches,
  // until the reader picks a column to sort by.
  if (!s.text || s.sortChosen) {
    q.sort = s.sort;
    q.descending = s.descending;
  }
  return q;
}

/**
 * The list itself: a grid whose header stays on top while the rows scroll beneath it. Rows
 * are placed at their index times ROW_HEIGHT in a body as tall as all rows loaded; only
 * those near the view are in the page. The row with the keyboard's focus is never taken out.
 */
function peopleList() {
  const head = el("div", { class: "people-head", role: "row", "aria-rowindex": "1" });
  const body = el("div", { class: "people-body", role: "rowgroup" });
  const foot = el("div", { class: "people-foot", "aria-live": "polite" });
  const node = el("div", {
    class: "people-grid", id: "people-list", role: "grid", "aria-labelledby": "people-heading",
    "aria-rowcount": "-1",
  }, el("div", { role: "rowgroup", class: "people-headgroup" }, head), body, foot);

  const names = new Map(); // country code -> name, so Intl is asked once per country
  const countryOf = (code) => {
    if (!code) return "";
    if (!names.has(code)) names.set(code, countryName(code, locale));
    return names.get(code);
  };

  let rows = [];
  let next = null;
  let request = 0;
  let loading = false;
  let broken = false;
  let withAppeal = false;
  let columns = COLUMNS;
  let active = 0; // the row the arrow keys move
  const rendered = new Map(); // index -> row element
  let frame = 0;

  let coming = null; // the filters of the rows asked for; shown when they arrive

  /** Sets the columns (and the header's sort marks) for `state`, and empties the list. */
  function clearFor(state) {
    withAppeal = Boolean(state.appeal);
    columns = COLUMNS.filter((c) => !c.appeal || withAppeal);
    node.classList.toggle("with-appeal", withAppeal);
    node.setAttribute("aria-colcount", String(columns.length));
    // A sort button pressed keeps the focus through the header's rebuilding.
    const focused = head.contains(document.activeElement) ? document.activeElement.dataset.sort : null;
    replace(head, columns.map((c) => {
      const sorted = state.sort === c.key && (!state.text || state.sortChosen);
      const button = el("button", { type: "button", class: "sort", "data-sort": c.key },
        el("span", { class: "sort-label" }, t(`signers.column.${c.key}`)),
        el("span", { class: "sort-mark", "aria-hidden": "true" }, sorted ? (state.descending ? "\u25bc" : "\u25b2") : ""));
      button.addEventListener("click", () => api.onSort(c.key));
      return el("div", {
        role: "columnheader", class: `cell cell-${c.key}`,
        "aria-sort": sorted ? (state.descending ? "descending" : "ascending") : "none",
      }, button);
    }));
    if (focused) {
      const again = head.querySelector(`[data-sort="${focused}"]`);
      if (again) again.focus();
    }
    for (const r of rendered.values()) r.remove();
    rendered.clear();
    rows = [];
    next = null;
    active = 0;
    body.style.blockSize = "0px";
    node.scrollTop = 0;
    api.empty = !(state.text.trim() || state.appeal || state.country || state.source || state.event ||
      state.sheet || state.featured || state.contact || state.from || state.to);
  }

  const api = {
    node,
    onMore: null,
    onSort: null,
    onScroll: null,
    onStale: null,
    empty: true,
    /** A new question: the rows shown stay until its first page arrives (no flicker). */
    start(state, req) {
      request = req;
      coming = { ...state };
      loading = true;
      broken = false;
      node.setAttribute("aria-rowcount", "-1");
      node.setAttribute("aria-busy", "true");
      if (!head.firstChild) clearFor(coming); // the first question: the header at once
      if (!rows.length) showFoot();
    },
    setTotal(n) {
      node.setAttribute("aria-rowcount", String(n + 1)); // and the header row
    },
    /** Rows of question `req`: its first page (`fresh`) replaces the list, later ones extend it. */
    add(more, after, req, { fresh = false, scrollTop = 0 } = {}) {
      if (req !== request) return;
      if (fresh) clearFor(coming);
      rows = rows.concat(more);
      next = after;
      loading = false;
      node.removeAttribute("aria-busy");
      body.style.blockSize = `${rows.length * ROW_HEIGHT}px`;
      showFoot();
      if (scrollTop) node.scrollTop = scrollTop;
      paint();
    },
    failed(req, fresh = false) {
      if (req !== request) return;
      if (fresh) clearFor(coming);
      loading = false;
      broken = true;
      node.removeAttribute("aria-busy");
      showFoot();
    },
    focusRow(i) {
      if (!rows.length) return;
      moveTo(Math.max(0, Math.min(i, rows.length - 1)));
    },
  };

  function showFoot() {
    if (broken) {
      const again = el("button", { type: "button", class: "small", id: "people-retry" }, t("signers.retry"));
      again.addEventListener("click", () => { broken = false; loadMore(); });
      replace(foot, el("p", { class: "hint" }, t("signers.failed"), " ", again));
    } else if (loading) {
      replace(foot, el("p", { class: "hint" }, rows.length ? t("signers.loading_more") : t("signers.searching")));
    } else if (rows.length === 0) {
      replace(foot, el("p", { class: "empty-state people-empty", id: "people-empty" },
        api.empty ? t("signers.none") : t("signers.no_match")));
    } else {
      replace(foot);
    }
  }

  async function loadMore() {
    if (loading || broken || !next) return;
    loading = true;
    const req = request;
    showFoot();
    try {
      const page = await api.onMore(req, next);
      if (!page || req !== request) return;
      api.add(page.rows, page.next, req);
    } catch (e) {
      if (req !== request) return;
      loading = false;
      if (e && e.key === "stale_cursor" && api.onStale) return api.onStale(e); // from the top
      broken = true;
      showFoot();
      showError(e);
    }
  }

  // A cell of people's words takes their direction, so that a Latin email in a Persian window
  // (or a Persian name in an English one) is cut at its end, not its start; such a cell is
  // aligned to its end, which is the window's start, so the column stays aligned.
  const pageDir = document.documentElement.dir === "rtl" ? "rtl" : "ltr";
  function cell(key, content, text = null) {
    const dir = text ? textDirection(text) : null;
    return el("div", {
      role: "gridcell", dir,
      class: `cell cell-${key}${dir && dir !== pageDir ? " against" : ""}`,
    }, content);
  }

  function makeRow(i) {
    const r = rows[i];
    const name = `${r.given_name || ""} ${r.family_name || ""}`.trim();
    const cells = columns.map((c) => {
      switch (c.key) {
        case "name":
          return cell("name", [
            r.featured ? [el("span", { class: "star", "aria-hidden": "true", title: t("signers.featured") }, "\u2605"),
              el("span", { class: "visually-hidden" }, t("signers.featured"))] : null,
            el("a", { href: `#person/${r.id}`, tabindex: "-1" }, name || t("signers.no_name")),
          ], name);
        case "country":
          return cell("country", countryOf(r.country));
        case "signed_at":
          return cell("signed_at", r.signed_at ? formatDay(r.signed_at, { dateStyle: "short" }) : "");
        case "source":
          return cell("source", r.source ? t(`signers.source.${r.source}`) : "");
        default:
          return cell(c.key, r[c.key] || "", r[c.key]);
      }
    });
    const row = el("div", {
      role: "row", class: "people-row", "data-id": r.id, "data-index": String(i),
      "aria-rowindex": String(i + 2), tabindex: i === active ? "0" : "-1",
    }, cells);
    row.style.insetBlockStart = `${i * ROW_HEIGHT}px`;
    return row;
  }

  /** Puts in the page the rows near the view, and takes out the others. */
  function paint() {
    frame = 0;
    const offset = body.offsetTop;
    const top = node.scrollTop - offset;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - MARGIN);
    const last = Math.min(rows.length, Math.ceil((top + node.clientHeight) / ROW_HEIGHT) + MARGIN);
    for (const [i, row] of rendered) {
      if ((i < first || i >= last) && i !== active) {
        row.remove();
        rendered.delete(i);
      }
    }
    // New rows go in before the first row below them, so the page keeps the rows' order and
    // the focused row is never moved (moving it would lose the focus).
    const order = [...rendered.keys()].sort((a, b) => a - b);
    for (let i = first; i < last; i++) {
      if (rendered.has(i)) continue;
      const row = makeRow(i);
      const below = order.find((k) => k > i);
      body.insertBefore(row, below === undefined ? null : rendered.get(below));
      rendered.set(i, row);
      order.splice(below === undefined ? order.length : order.indexOf(below), 0, i);
    }
    if (api.onScroll) api.onScroll(node.scrollTop, rows.length);
    if (next && last >= rows.length - NEAR_END) loadMore();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(paint);
  }

  /** Makes row `i` the active one: in view, in the page, focused. */
  function moveTo(i) {
    const old = rendered.get(active);
    if (old) old.setAttribute("tabindex", "-1");
    active = i;
    const top = i * ROW_HEIGHT;
    const view = node.clientHeight - body.offsetTop; // the header covers the top of the view
    const seen = node.scrollTop;
    if (top < seen) node.scrollTop = top;
    else if (top + ROW_HEIGHT > seen + view) node.scrollTop = top + ROW_HEIGHT - view;
    paint();
    const row = rendered.get(i);
    if (row) {
      row.setAttribute("tabindex", "0");
      row.focus({ preventScroll: true });
    }
  }

  node.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule, { passive: true });
  api.destroy = () => {
    window.removeEventListener("resize", schedule);
    if (frame) cancelAnimationFrame(frame);
  };

  body.addEventListener("click", (e) => {
    const row = e.target.closest(".people-row");
    if (!row) return;
    const i = Number(row.dataset.index);
    if (i !== active) {
      const old = rendered.get(active);
      if (old) old.setAttribute("tabindex", "-1");
      active = i;
      row.setAttribute("tabindex", "0");
    }
    if (!e.target.closest("a")) location.hash = `#person/${row.dataset.id}`;
  });
  body.addEventListener("focusin", (e) => {
    const row = e.target.closest(".people-row");
    if (row && Number(row.dataset.index) !== active) {
      const old = rendered.get(active);
      if (old) old.setAttribute("tabindex", "-1");
      active = Number(row.dataset.index);
      row.setAttribute("tabindex", "0");
    }
  });
  body.addEventListener("keydown", (e) => {
    const row = e.target.closest(".people-row");
    if (!row) return;
    const i = Number(row.dataset.index);
    const pageRows = Math.max(1, Math.floor((node.clientHeight - body.offsetTop) / ROW_HEIGHT) - 1);
    const to = {
      ArrowDown: i + 1, ArrowUp: i - 1, PageDown: i + pageRows, PageUp: i - pageRows,
      Home: 0, End: rows.length - 1,
    }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      moveTo(Math.max(0, Math.min(to, rows.length - 1)));
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      clearError();
      location.hash = `#person/${row.dataset.id}`;
    }
  });

  return api;
}
