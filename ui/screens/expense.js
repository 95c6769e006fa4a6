// An expense's page (#expense/<id>): what was paid, to whom, from which fund, who entered it,
// its audit trail, and Void with a reason (a voided expense counts nowhere but stays listed).
import { t, formatMoney, formatDay, formatDate } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { methodName, auditTrail, voidControl, voidedBanner, named } from "../money-parts.js";

export async function render(view, id) {
  await show(view, await call("expense_page", { id }), "");
}

async function show(view, page, note) {
  const x = page.expense;
  const reload = async (text) => show(view, await call("expense_page", { id: x.id }), text);
  const row = (key, value) => (value === null || value === undefined || value === "" ? null
    : [el("dt", {}, t(key)), el("dd", { dir: "auto" }, value)]);
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#money" }, t("money.back"))),
    x.voided_at ? voidedBanner(x.voided_at, x.void_reason) : null,
    el("h1", { id: "expense-title", class: x.voided_at ? "voided-title" : null },
      t("expense.title", { amount: formatMoney(x.amount, x.currency), payee: x.payee || "" })),
    el("p", { id: "expense-message", class: "saved", role: "status" }, note),
    el("section", { class: "panel", id: "expense-facts" },
      el("dl", { class: "facts" },
        row("field.amount", formatMoney(x.amount, x.currency)),
        row("field.paid_on", x.paid_on ? formatDay(x.paid_on) : null),
        row("field.payee", x.payee),
        row("field.category", x.category),
        row("expense.method", x.method ? methodName(x.method) : null),
        row("field.reference", x.reference),
        row("expense.fund", x.fund ? el("a", { href: `#fund/${x.fund.id}` }, named(x.fund)) : t("money.fund.unrestricted")),
        row("expense.event", x.event ? el("a", { href: `#event/${x.event.id}` }, named(x.event)) : null),
        row("field.note", x.note),
        row("field.entered_by", x.entered_by),
        row("money.created", x.created_at ? formatDate(x.created_at) : null))),
    x.voided_at ? null : el("section", { class: "panel", id: "expense-void-panel" },
      el("h2", { class: "section-title" }, t("expense.void")),
      el("p", { class: "hint" }, t("expense.void.hint")),
      voidControl(t("expense.void"), async (reason, who) => {
        await call("void_expense", { id: x.id, reason, who });
        await reload(t("expense.voided"));
      }, { button: "expense-void" })),
    auditTrail(page.audit));
}
