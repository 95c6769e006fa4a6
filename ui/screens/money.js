// The Money screen (#money): what was raised, spent and is left, per currency and never added
// across currencies (an estimate in the home currency only when rates are set, and always
// called an estimate); the funds with their progress; charts and small tables of the totals by
// month, way of paying, fund and event; and the ledger, filtered, read down oldest first, with
// each fund's running balance. From here: record a gift or an expense, import donations,
// export the ledger or the donations, start a fund.
import { t, formatMoney, formatDay, formatCount } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { showError } from "../alert.js";
import { drawCharts } from "../charts.js";
import { METHODS, methodName, ledgerRows, ledgerHead, select, moneyLists, named } from "../money-parts.js";
import { donationForm } from "./donation-form.js";
import { expenseForm } from "./expense-form.js";
import { fundForm, fundProgress } from "./fund.js";

const PAGE = 100; // ledger lines a page
const MAX_MONTHS = 120; // gaps between months are filled up to ten years

export async function render(view) {
  await show(view, "");
}

async function show(view, note, link = null) {
  const o = await call("money_overview");
  const lists = await moneyLists(o);
  const message = el("p", { id: "money-message", class: "saved", role: "status" }, note, link ? [" ", link] : null);
  const formBox = el("div", { id: "money-form-box" });
  const reload = (text, linkTo = null) => show(view, text, linkTo).catch(showError);
  const closeForm = () => replace(formBox);

  const recordGift = el("button", { type: "button", class: "primary", id: "record-gift" }, t("money.record_gift"));
  recordGift.addEventListener("click", () => busy(recordGift, async () => {
    replace(formBox, await donationForm({
      lists,
      onSaved: (id) => reload(t("money.gift_saved"), el("a", { href: `#donation/${id}`, id: "money-saved-link" }, t("money.open_gift"))),
      onCancel: closeForm,
    }));
    formBox.querySelector("input, select")?.focus();
  }));
  const recordExpense = el("button", { type: "button", id: "record-expense" }, t("money.record_expense"));
  recordExpense.addEventListener("click", () => {
    replace(formBox, expenseForm({
      lists,
      onSaved: (id) => reload(t("money.expense_saved"), el("a", { href: `#expense/${id}`, id: "money-saved-link" }, t("money.open_expense"))),
      onCancel: closeForm,
    }));
    formBox.querySelector("input, select")?.focus();
  });
  const newFund = el("button", { type: "button", id: "new-fund" }, t("money.new_fund"));
  newFund.addEventListener("click", () => {
    replace(formBox, fundForm(null, { currency: o.home_currency || "USD" }, (id) =>
      reload(t("money.fund_saved"), el("a", { href: `#fund/${id}` }, t("money.open_fund"))), closeForm));
    formBox.querySelector("input")?.focus();
  });
  const importLink = el("a", { href: "#donation-import", class: "button-link", id: "import-donations" }, t("money.import"));

  const ledger = ledgerSection(o, lists.events);
  const exportLedger = el("button", { type: "button", id: "export-ledger" }, t("money.export_ledger"));
  exportLedger.addEventListener("click", () => busy(exportLedger, async () => {
    const done = await call("export_ledger", { filter: ledger.filter(), title: t("money.export_ledger"), filterName: t("money.csv_filter") });
    if (done) message.textContent = t("money.exported", { count: done.rows, path: done.path });
  }));
  const exportDonations = el("button", { type: "button", id: "export-donations" }, t("money.export_donations"));
  exportDonations.addEventListener("click", () => busy(exportDonations, async () => {
    const done = await call("export_donations", { filter: ledger.filter(), title: t("money.export_donations"), filterName: t("money.csv_filter") });
    if (done) message.textContent = t("money.exported", { count: done.rows, path: done.path });
  }));

  const printLedger = el("a", { href: "#print/kind=report_ledger", class: "button-link", id: "print-ledger" }, t("money.print.ledger"));
  const printOwed = el("a", { href: "#print/kind=receipts", class: "button-link", id: "print-owed-receipts" }, t("money.print.receipts"));
  const charts = el("div", { class: "charts", id: "money-charts" });
  replace(view,
    el("h1", {}, t("money.title")),
    el("p", { class: "hint" }, t("money.lead")),
    el("div", { class: "inline money-actions" }, recordGift, recordExpense, importLink, exportLedger, exportDonations, printLedger, printOwed, newFund),
    message,
    formBox,
    totals(o),
    funds(o),
    el("section", { class: "charts-panel", id: "money-charts-panel", hidden: o.months.length === 0 && o.funds.length === 0 },
      el("h2", { class: "section-title" }, t("money.charts")), charts),
    breakdowns(o),
    ledger.node);
  // The charts come after the numbers are on the glass: the first paint never waits for them.
  drawCharts(charts, chartSpecs(o), { idPrefix: "money-chart" }).catch(showError);
  await ledger.load();
}

/**
 * One row a currency: raised, fees, refunds, spent, the balance and the gifts. Never added
 * together; the home currency first, then the currencies most gifts came in.
 */
function totals(o) {
  const order = [...o.currencies].sort((a, b) =>
    (b.currency === o.home_currency) - (a.currency === o.home_currency) || b.gifts - a.gifts);
  const money = (value, c) => el("td", { class: "n" }, formatMoney(value, c.currency));
  return el("section", { class: "panel panel-wide", id: "money-totals" },
    el("h2", { class: "section-title" }, t("money.totals")),
    o.currencies.length === 0 ? el("p", { class: "hint" }, t("money.totals.none")) :
      el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts money-totals" },
        el("thead", {}, el("tr", {},
          ["money.currency", "money.raised", "money.fees", "money.refunded_total", "money.spent", "money.balance", "money.gifts"]
            .map((k, i) => el("th", { scope: "col", class: i ? "n" : "" }, t(k))))),
        el("tbody", {}, order.map((c) =>
          el("tr", { "data-currency": c.currency, id: `money-total-${c.currency}` },
            el("th", { scope: "row" }, c.currency),
            money(c.raised, c), money(c.fees, c), money(c.refunded, c), money(c.spent, c),
            el("td", { class: "n stat-balance" }, el("strong", {}, formatMoney(c.balance, c.currency))),
            el("td", { class: "n" }, formatCount(c.gifts))))))),
    o.estimate ? el("p", { class: "estimate", id: "money-estimate" },
      el("strong", {}, t("money.estimate.label")), " ",
      t("money.estimate", {
        raised: formatMoney(o.estimate.raised ?? o.estimate.total, o.estimate.currency),
        balance: formatMoney(o.estimate.balance ?? o.estimate.total, o.estimate.currency),
      }),
      o.estimate.missing_rates.length
        ? el("span", { class: "hint" }, " ", t("money.estimate.missing", { currencies: o.estimate.missing_rates.join(", ") }))
        : null) : null);
}

function funds(o) {
  return el("section", { class: "panel panel-wide", id: "money-funds" },
    el("h2", { class: "section-title" }, t("money.funds")),
    o.funds.length === 0 ? el("p", { class: "hint" }, t("money.funds.none")) :
      el("ul", { class: "fund-cards" }, o.funds.map((f) => el("li", { class: "fund-card", "data-fund": f.slug },
        el("a", { href: `#fund/${f.id}`, class: "fund-name", dir: "auto" }, f.name),
        f.purpose ? el("p", { class: "hint", dir: "auto" }, f.purpose) : null,
        fundProgress(f),
        f.other_currencies.length ? el("ul", { class: "other-currencies" }, f.other_currencies.map((c) =>
          el("li", { "data-currency": c.currency }, t("money.fund.other", {
            raised: formatMoney(c.raised, c.currency), spent: formatMoney(c.spent, c.currency), balance: formatMoney(c.balance, c.currency),
          })))) : null))));
}

// The totals' groups come as { key, label, currency, raised, count }: the key is the month
// ("2026-03"), the way of paying, or the event's id (empty: at no event).
const monthOf = (g) => g.month ?? g.key;
const methodOf = (g) => g.method ?? g.key;
const eventLabel = (g) => ((g.event ?? g.key) ? g.title ?? g.label : t("money.event.none"));

/** "2026-03" as the reader's month and year. */
function monthName(month) {
  // The books group by Gregorian month, so the month is named in that calendar in Farsi too.
  return formatDay(`${month}-01`, { month: "short", year: "numeric", calendar: "gregory" });
}

/** Every month from the first to the last, so a month without gifts shows as nothing given. */
function allMonths(keys) {
  if (keys.length < 2) return keys;
  const out = [];
  let [y, m] = keys[0].split("-").map(Number);
  const last = keys[keys.length - 1];
  while (out.length <= MAX_MONTHS) {
    const k = `${y}-${String(m).padStart(2, "0")}`;
    out.push(k);
    if (k >= last) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out[out.length - 1] === last ? out : keys;
}

/**
 * The charts: gifts per month, one chart a currency (bars of different currencies are not
 * comparable), and each fund's progress towards its goal in percent. The bars' lengths are
 * numbers for drawing only; every amount shown is the exact decimal string, formatted.
 */
function chartSpecs(o) {
  const specs = [];
  const byCurrency = new Map();
  for (const m of o.months) {
    if (!byCurrency.has(m.currency)) byCurrency.set(m.currency, new Map());
    byCurrency.get(m.currency).set(monthOf(m), m);
  }
  for (const [currency, months] of byCurrency) {
    const keys = allMonths([...months.keys()].sort());
    specs.push({
      id: `month-${currency}`,
      caption: t("money.chart.month", { currency }),
      keyLabel: t("money.col.month"),
      valueLabel: t("money.raised"),
      horizontal: false,
      labels: keys.map(monthName),
      values: keys.map((k) => (months.has(k) ? Number(months.get(k).raised) : 0)), // bar length only
      display: keys.map((k) => formatMoney(months.has(k) ? months.get(k).raised : "0", currency)),
    });
  }
  const withGoal = o.funds.filter((f) => f.percent !== null && f.goal);
  if (withGoal.length) {
    specs.push({
      id: "funds",
      caption: t("money.chart.funds"),
      keyLabel: t("money.col.fund"),
      valueLabel: t("money.chart.percent"),
      horizontal: true,
      labels: withGoal.map((f) => f.name),
      values: withGoal.map((f) => f.percent),
      display: withGoal.map((f) => t("money.fund.progress", {
        raised: formatMoney(f.raised, f.currency), goal: formatMoney(f.goal, f.currency), percent: f.percent,
      })),
    });
  }
  return specs;
}

/** Small tables of the totals by month, way of paying, fund and event. */
function breakdowns(o) {
  const table = (id, caption, keyLabel, rows) => el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts money-breakdown", id },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, keyLabel),
      el("th", { scope: "col" }, t("money.raised")),
      el("th", { scope: "col" }, t("money.gifts")))),
    el("tbody", {}, rows.length === 0
      ? el("tr", {}, el("td", { colspan: "3", class: "hint" }, t("money.none_yet")))
      : rows.map((r) => el("tr", { "data-currency": r.currency },
        el("th", { scope: "row", dir: "auto" }, r.label),
        el("td", { class: "n" }, formatMoney(r.raised, r.currency)),
        el("td", { class: "n" }, formatCount(r.count)))))));
  const fundRows = o.funds.flatMap((f) => [
    { label: f.name, currency: f.currency, raised: f.raised, spent: f.spent, balance: f.balance },
    ...f.other_currencies.map((c) => ({ label: f.name, ...c })),
  ]).concat((o.unrestricted || []).map((c) => ({ label: t("money.fund.unrestricted"), ...c })));
  return el("section", { class: "panel panel-wide", id: "money-breakdowns" },
    el("h2", { class: "section-title" }, t("money.breakdowns")),
    el("div", { class: "breakdowns" },
      table("money-by-month", t("money.by_month"), t("money.col.month"),
        o.months.map((m) => ({ ...m, label: monthName(monthOf(m)) }))),
      table("money-by-method", t("money.by_method"), t("money.col.method"),
        o.by_method.map((m) => ({ ...m, label: methodName(methodOf(m)) }))),
      el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts money-breakdown", id: "money-by-fund" },
        el("caption", {}, t("money.by_fund")),
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, t("money.col.fund")),
          el("th", { scope: "col" }, t("money.raised")),
          el("th", { scope: "col" }, t("money.spent")),
          el("th", { scope: "col" }, t("money.balance")))),
        el("tbody", {}, fundRows.length === 0
          ? el("tr", {}, el("td", { colspan: "4", class: "hint" }, t("money.none_yet")))
          : fundRows.map((r) => el("tr", { "data-currency": r.currency },
            el("th", { scope: "row", dir: "auto" }, r.label),
            el("td", { class: "n" }, formatMoney(r.raised, r.currency)),
            el("td", { class: "n" }, formatMoney(r.spent, r.currency)),
            el("td", { class: "n" }, formatMoney(r.balance, r.currency))))))),
      table("money-by-event", t("money.by_event"), t("money.col.event"),
        o.by_event.map((e) => ({ ...e, label: eventLabel(e) })))));
}

/**
 * The ledger: filters, the table, and "Load more" for the next page. `filter()` is what the
 * exports are asked for, so a file holds what the screen shows.
 */
function ledgerSection(o, events) {
  const from = el("input", { type: "date", id: "ledger-from" });
  const to = el("input", { type: "date", id: "ledger-to" });
  const fund = select("ledger-fund", [
    ["", t("money.filter.all_funds")], ["none", t("money.fund.unrestricted")], ...o.funds.map((f) => [f.id, f.name])], "");
  const method = select("ledger-method", [["", t("money.filter.all_methods")], ...METHODS.map((m) => [m, methodName(m)])], "");
  const event = select("ledger-event", [["", t("money.filter.all_events")], ...events.map((e) => [e.id, e.title])], "");
  const currency = select("ledger-currency", [["", t("money.filter.all_currencies")], ...o.currencies.map((c) => [c.currency, c.currency])], "");
  const voided = el("input", { type: "checkbox", id: "ledger-voided" });
  const filterBox = (input, key) => el("div", { class: "filter" }, el("label", { for: input.id }, t(key)), input);
  const body = el("tbody", {});
  const more = el("button", { type: "button", id: "ledger-more", hidden: true }, t("money.ledger.more"));
  const empty = el("p", { class: "hint", id: "ledger-empty", hidden: true }, t("money.ledger.empty"));

  const filter = () => {
    const f = {};
    if (from.value) f.from = from.value;
    if (to.value) f.to = to.value;
    if (fund.value) f.fund = fund.value;
    if (method.value) f.method = method.value;
    if (event.value) f.event = event.value;
    if (currency.value) f.currency = currency.value;
    if (voided.checked) f.voided = true;
    return f;
  };
  let next = null;
  let asks = 0; // a page of an older filter is dropped
  const page = async (fresh) => {
    const request = ++asks;
    const r = await call("ledger_page", { filter: filter(), after: fresh ? null : next, limit: PAGE });
    if (request !== asks) return;
    if (fresh) replace(body);
    body.append(...ledgerRows(r.entries));
    next = r.next;
    more.hidden = !next;
    empty.hidden = body.children.length > 0;
  };
  for (const input of [from, to, fund, method, event, currency, voided]) {
    input.addEventListener("change", () => page(true).catch(showError));
  }
  more.addEventListener("click", () => busy(more, () => page(false)));

  const node = el("section", { class: "panel panel-wide", id: "ledger" },
    el("h2", { class: "section-title" }, t("money.ledger")),
    el("div", { class: "people-filters ledger-filters" },
      filterBox(from, "money.filter.from"),
      filterBox(to, "money.filter.to"),
      filterBox(fund, "money.col.fund"),
      filterBox(method, "money.col.method"),
      filterBox(event, "money.col.event"),
      filterBox(currency, "field.currency"),
      el("div", { class: "filter filter-check" }, el("label", { class: "check" }, voided, t("money.filter.voided")))),
    el("div", { class: "table-scroll", tabindex: "0" },
      el("table", { class: "rsvps ledger-table", id: "ledger-table" }, ledgerHead(), body)),
    empty,
    more);
  return { node, filter, load: () => page(true) };
}
