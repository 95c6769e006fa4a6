// The form of an expense (what was paid, to whom, for what, from which fund), recorded from the
// Money screen. Checked in core; the amount is read back live like a gift's.
import { t, decimalMark } from "../i18n.js";
import { call } from "../api.js";
import { el } from "../dom.js";
import {
  METHODS, methodName, today, rememberedName, rememberName, currencyList, fieldSet, select,
  fundOptions, eventOptions, understoodLine,
} from "../money-parts.js";

/** Categories offered as suggestions; any other may be typed. */
const CATEGORIES = ["advertising", "printing", "venue", "travel", "food", "supplies", "fees", "other"];

/**
 * The expense form. `lists` is moneyLists' answer (funds, events, home currency);
 * `preset` ({ fund, event }) starts it; `onSaved(id)` runs after the save.
 */
export function expenseForm({ lists, preset = {}, onSaved, onCancel = null }) {
  const mark = decimalMark();
  const f = fieldSet("expense");
  const text = (id, attrs = {}) => el("input", { type: "text", id, autocomplete: "off", ...attrs });
  const amount = text("expense-amount", { inputmode: "decimal", dir: "ltr" });
  const currency = text("expense-currency", { value: lists.home_currency || "USD", maxlength: "3", list: "expense-currencies", dir: "ltr", class: "currency-code" });
  const understood = understoodLine("expense-understood", amount, currency, mark);
  const paid = el("input", { type: "date", id: "expense-paid-on", value: today() });
  const payee = text("expense-payee", { maxlength: "200", dir: "auto" });
  const category = text("expense-category", { maxlength: "100", dir: "auto", list: "expense-categories" });
  const method = select("expense-method", METHODS.filter((m) => m !== "in_kind").map((m) => [m, methodName(m)]), "transfer");
  const reference = text("expense-reference", { maxlength: "200", dir: "auto" });
  const fund = select("expense-fund", fundOptions(lists.funds), preset.fund || "");
  const event = select("expense-event", eventOptions(lists.events), preset.event || "");
  const note = el("textarea", { id: "expense-note", rows: "2", maxlength: "2000", dir: "auto" });
  const enteredBy = text("expense-entered-by", { value: rememberedName(), maxlength: "200", dir: "auto" });
  const save = el("button", { type: "submit", class: "primary", id: "expense-save" }, t("expense.form.save"));
  const cancel = onCancel ? el("button", { type: "button", id: "expense-cancel" }, t("money.cancel")) : null;
  if (cancel) cancel.addEventListener("click", () => onCancel());

  const form = el("form", { class: "panel money-form", id: "expense-form", novalidate: true },
    el("h2", { class: "section-title" }, t("expense.form.title")),
    el("div", { class: "two amount-row" },
      el("div", {}, f.box("amount", amount, t("field.amount")), understood),
      f.box("currency", currency, t("field.currency")),
      f.box("paid_on", paid, t("field.paid_on"))),
    el("div", { class: "two" },
      f.box("payee", payee, t("field.payee")),
      f.box("category", category, t("field.category"), t("expense.category.hint")),
      f.box("method", method, t("expense.method")),
      f.box("reference", reference, t("field.reference"))),
    el("div", { class: "two" },
      f.box("fund", fund, t("expense.fund")),
      f.box("event", event, t("expense.event"))),
    f.box("note", note, t("field.note")),
    f.box("entered_by", enteredBy, t("field.entered_by")),
    currencyList("expense-currencies"),
    el("datalist", { id: "expense-categories" }, CATEGORIES.map((c) => el("option", { value: t(`expense.category.${c}`) }))),
    el("div", { class: "inline" }, save, cancel));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const expense = {
      fund: fund.value || null,
      event: event.value || null,
      amount: amount.value.trim(),
      currency: currency.value.trim().toUpperCase(),
      decimal_mark: mark,
      paid_on: paid.value,
      payee: payee.value.trim(),
      category: category.value.trim(),
      method: method.value,
      reference: reference.value.trim(),
      note: note.value.trim(),
      entered_by: enteredBy.value.trim(),
    };
    f.save(save, async () => {
      const done = await call("record_expense", { expense });
      rememberName(expense.entered_by);
      await onSaved(done.id);
    });
  });
  return form;
}
