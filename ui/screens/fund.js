// A fund's page (#fund/<id>): its progress towards the goal, what was raised, spent and is left
// in each currency, its gifts and expenses (newest first, voided ones marked), and its form.
// The form (fundForm) also starts a new fund from the Money screen; fundProgress is the card's
// progress bar there too.
import { t, formatMoney, formatDay, decimalMark } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { fieldSet, ledgerRows, ledgerHead, currencyList, typedForm } from "../money-parts.js";

export async function render(view, id) {
  await show(view, await call("fund_page", { id }), "");
}

async function show(view, page, note) {
  const f = page.fund;
  const reload = async (text) => show(view, await call("fund_page", { id: f.id }), text);
  const editBox = el("div", { id: "fund-edit" });
  const edit = el("button", { type: "button", id: "edit-fund" }, t("fund.edit"));
  edit.addEventListener("click", () => busy(edit, async () => {
    const input = await call("fund_form", { id: f.id });
    replace(editBox, fundForm(f.id, input, () => reload(t("fund.saved")), () => replace(editBox)));
    editBox.querySelector("input")?.focus();
  }));
  const currencies = [{ currency: f.currency, raised: f.raised, spent: f.spent, balance: f.balance }, ...f.other_currencies];
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#money" }, t("fund.back"))),
    el("h1", { id: "fund-title", dir: "auto" }, f.name),
    f.purpose ? el("p", { class: "event-subtitle", dir: "auto" }, f.purpose) : null,
    el("div", { class: "inline" }, edit,
      el("a", { href: "#print/kind=report_fundraising", class: "button-link", id: "print-fundraising" }, t("fund.print.report"))),
    el("p", { id: "fund-message", class: "saved", role: "status" }, note),
    el("section", { class: "panel", id: "fund-summary" },
      fundProgress(f),
      el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts", id: "fund-totals" },
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, t("field.currency")),
          el("th", { scope: "col" }, t("money.raised")),
          el("th", { scope: "col" }, t("money.spent")),
          el("th", { scope: "col" }, t("money.balance")))),
        el("tbody", {}, currencies.map((c) => el("tr", { "data-currency": c.currency },
          el("th", { scope: "row" }, c.currency),
          el("td", { class: "n" }, formatMoney(c.raised, c.currency)),
          el("td", { class: "n" }, formatMoney(c.spent, c.currency)),
          el("td", { class: "n" }, formatMoney(c.balance, c.currency)))))))),
    list("fund-donations", t("fund.donations"), page.donations),
    list("fund-expenses", t("fund.expenses"), page.expenses),
    editBox);
}

function list(id, title, entries) {
  return el("section", { class: "panel panel-wide", id },
    el("h2", { class: "section-title" }, title),
    entries.length === 0 ? el("p", { class: "hint" }, t("fund.none")) :
      el("div", { class: "table-scroll", tabindex: "0" },
        el("table", { class: "rsvps ledger-table" }, ledgerHead({ balance: false }), el("tbody", {}, ledgerRows(entries, { balance: false })))));
}

/**
 * A fund's progress: a bar of raised against the goal (id fund-progress-<slug>), the numbers in
 * words, the deadline, and the balance (raised − spent) in the fund's currency.
 */
export function fundProgress(f) {
  const raised = formatMoney(f.raised, f.currency);
  const words = f.goal
    ? t("money.fund.progress", { raised, goal: formatMoney(f.goal, f.currency), percent: f.percent ?? 0 })
    : t("money.fund.no_goal", { raised });
  return el("div", { class: "fund-progress" },
    f.goal ? el("progress", {
      id: `fund-progress-${f.slug}`, max: "100", value: String(Math.min(f.percent ?? 0, 100)),
      "aria-label": words, "data-percent": f.percent ?? 0,
    }, `${f.percent ?? 0}%`) : null,
    el("p", { class: "fund-words", id: `fund-words-${f.slug}` }, words),
    f.deadline ? el("p", { class: "hint" }, t("money.fund.deadline", { date: formatDay(f.deadline) })) : null,
    el("p", { class: "fund-balance", id: `fund-balance-${f.slug}` },
      t("money.fund.balance", { balance: formatMoney(f.balance, f.currency), spent: formatMoney(f.spent, f.currency) })));
}

/**
 * The form of a fund (FundInput, or a start such as { currency } for a new one). The goal is
 * typed like any amount, with the reader's decimal mark.
 */
export function fundForm(id, input, onSaved, onCancel = null) {
  const mark = decimalMark();
  const v = input || {};
  const f = fieldSet("fund");
  const text = (name, attrs = {}) => el("input", { type: "text", id: `fund-${name}`, value: v[name] ?? "", autocomplete: "off", ...attrs });
  const name = text("name", { maxlength: "200", dir: "auto" });
  const slug = text("slug", { maxlength: "60", dir: "ltr", spellcheck: "false" });
  const purpose = el("textarea", { id: "fund-purpose", rows: "2", maxlength: "2000", dir: "auto" });
  purpose.value = v.purpose || "";
  const goal = el("input", { type: "text", id: "fund-goal", value: v.goal ? typedForm(String(v.goal), mark) : "", inputmode: "decimal", autocomplete: "off", dir: "ltr" });
  const currency = text("currency", { maxlength: "3", list: "fund-currencies", dir: "ltr", class: "currency-code" });
  const deadline = el("input", { type: "date", id: "fund-deadline", value: v.deadline || "" });
  const save = el("button", { type: "submit", class: "primary", id: "fund-save" }, t(id ? "fund.form.save" : "fund.form.create"));
  const cancel = onCancel ? el("button", { type: "button", id: "fund-cancel" }, t("money.cancel")) : null;
  if (cancel) cancel.addEventListener("click", () => onCancel());
  const form = el("form", { class: "panel money-form", id: "fund-form", novalidate: true },
    el("h2", { class: "section-title" }, t(id ? "fund.form.edit" : "fund.form.new")),
    el("div", { class: "two" },
      f.box("fund_name", name, t("field.fund_name")),
      f.box("slug", slug, t("field.slug"), t("fund.form.slug.hint"))),
    f.box("purpose", purpose, t("field.purpose")),
    el("div", { class: "two" },
      f.box("goal", goal, t("field.goal"), t("fund.form.goal.hint")),
      f.box("currency", currency, t("field.currency")),
      f.box("deadline", deadline, t("field.deadline"))),
    currencyList("fund-currencies"),
    el("div", { class: "inline" }, save, cancel));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    // Core's FundInput has plain strings: empty ones mean "none" (no goal, no deadline).
    const fund = {
      name: name.value.trim(),
      slug: slug.value.trim(),
      purpose: purpose.value.trim(),
      goal: goal.value.trim(),
      currency: currency.value.trim().toUpperCase(),
      deadline: deadline.value,
      decimal_mark: mark,
    };
    f.save(save, async () => {
      const done = await call("save_fund", { id, fund });
      await onSaved(done.id);
    });
  });
  return form;
}
