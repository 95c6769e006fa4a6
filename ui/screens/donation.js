// A gift's page (#donation/<id>): everything recorded about it, what its acknowledgement needs
// under the organization's rules (and what the receipt must say), its receipt (issue, a copy
// with the same number, void), Correct (the gift form prefilled, with a required reason) and
// Void (with a reason, confirmed in place), and the audit trail. A voided gift says so first.
import { t, has, formatMoney, formatDay, formatDate } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { methodName, auditTrail, voidControl, voidedBanner, named } from "../money-parts.js";
import { donationForm } from "./donation-form.js";

export async function render(view, id) {
  await show(view, await call("donation_page", { id }), "");
}

/** The donor as the page names them: the person (a link), a name kept on the gift, or anonymous. */
function donorOf(d) {
  if (d.person) return el("a", { href: `#person/${d.person.id}`, dir: "auto", id: "gift-donor" }, d.person.name);
  if (d.anonymous) return el("span", { id: "gift-donor" }, d.donor_name ? t("donation.anonymous_named", { name: d.donor_name }) : t("money.anonymous"));
  return el("span", { id: "gift-donor", dir: "auto" }, d.donor_name || t("money.anonymous"));
}

async function show(view, page, note) {
  const d = page.donation;
  const reload = async (text) => show(view, await call("donation_page", { id: d.id }), text);
  const voided = Boolean(d.voided_at);
  // Optional amounts (fee, returned value, refunds) come as "" or zero when there are none.
  const money = (v) => (v === null || v === undefined || v === "" || /^0+(\.0+)?$/.test(v) ? null : formatMoney(v, d.currency));
  const row = (key, value, id = null) => (value === null || value === undefined || value === "" ? null
    : [el("dt", {}, t(key)), el("dd", { dir: "auto", id }, value)]);

  const correctBox = el("div", { id: "gift-correct-box" });
  const correct = el("button", { type: "button", id: "gift-correct" }, t("donation.correct"));
  correct.addEventListener("click", () => busy(correct, async () => {
    replace(correctBox, await donationForm({
      id: d.id,
      initial: d,
      onSaved: () => reload(t("donation.corrected")),
      onCancel: () => replace(correctBox),
    }));
    correctBox.scrollIntoView();
    document.getElementById("gift-reason")?.focus();
  }));
  const voidBox = voidControl(t("donation.void"), async (reason, who) => {
    await call("void_donation", { id: d.id, reason, who });
    await reload(t("donation.voided"));
  }, { button: "gift-void" });

  const title = d.method === "in_kind"
    ? t("donation.title.in_kind")
    : t("donation.title", { amount: formatMoney(d.amount, d.currency) });
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#money" }, t("money.back"))),
    voided ? voidedBanner(d.voided_at, d.void_reason) : null,
    el("h1", { id: "gift-title", class: voided ? "voided-title" : null }, title, " ", el("span", { class: "hint" }, t("donation.from"), " "), donorOf(d)),
    el("p", { id: "gift-message", class: "saved", role: "status" }, note),
    voided ? null : el("div", { class: "inline gift-actions" }, correct, voidBox),
    el("section", { class: "panel", id: "gift-facts" },
      el("dl", { class: "facts" },
        row("field.amount", d.method === "in_kind" ? null : money(d.amount), "gift-fact-amount"),
        row("field.in_kind", d.in_kind),
        row("field.fee", money(d.fee)),
        row("donation.net", money(d.net)),
        row("donation.kind", t(`donation.kind.${d.kind}`)),
        row("field.returned_value", money(d.returned_value)),
        row("donation.deductible", money(d.deductible)),
        row("field.received_on", d.received_on ? formatDay(d.received_on) : null),
        row("donation.method", methodName(d.method)),
        row(d.method === "check" ? "donation.reference.check" : "field.reference", d.reference),
        row("field.transaction_id", d.transaction_id),
        row("donation.fund", d.fund ? el("a", { href: `#fund/${d.fund.id}` }, named(d.fund)) : t("money.fund.unrestricted")),
        row("donation.event", d.event ? el("a", { href: `#event/${d.event.id}` }, named(d.event)) : null),
        row("field.source_code", d.source_code),
        row("donation.recurring", d.recurring ? t("donation.recurring.yes") : null),
        row("money.refunded_total", d.refunded && !/^0(\.0+)?$/.test(d.refunded)
          ? t("donation.refunded", { amount: money(d.refunded), date: d.refunded_on ? formatDay(d.refunded_on) : "" }) : null),
        row("field.note", d.note),
        row("field.entered_by", d.entered_by),
        row("money.created", d.created_at ? formatDate(d.created_at) : null))),
    acknowledgement(page.acknowledgement, d),
    receipt(page.receipt, d, voided, reload),
    correctBox,
    auditTrail(page.audit));
}

/** Whether the gift needs a written acknowledgement, why, and what its receipt must say. */
function acknowledgement(a, d) {
  if (!a) return null;
  const text = (prefix, key) => (has(`${prefix}.${key}`) ? t(`${prefix}.${key}`, {
    deductible: a.deductible ? formatMoney(a.deductible, d.currency) : "",
  }) : key);
  return el("section", { class: "panel", id: "gift-acknowledgement", "data-needed": a.needed ? "true" : "false" },
    el("h2", { class: "section-title" }, t("donation.ack")),
    el("p", {}, t(a.needed ? "donation.ack.needed" : "donation.ack.not_needed")),
    a.reasons.length ? el("ul", { id: "gift-ack-reasons" }, a.reasons.map((r) => el("li", { "data-reason": r }, text("donation.ack.reason", r)))) : null,
    a.statements.length ? [
      el("h3", {}, t("donation.ack.statements")),
      el("ul", { id: "gift-ack-statements" }, a.statements.map((s) => el("li", { "data-statement": s }, text("donation.ack.statement", s)))),
    ] : null);
}

/**
 * The receipt: print it (its number is given when the PDF is saved), or show its number with
 * a printed copy and a void. Issuing is printing, so a donor's first paper is never a "copy".
 */
function receipt(r, d, voided, reload) {
  const section = (...children) => el("section", { class: "panel", id: "gift-receipt" },
    el("h2", { class: "section-title" }, t("donation.receipt")), ...children);
  const print = (key, id, primary) => el("a", { href: `#print/kind=receipt&donation=${d.id}`, class: primary ? "button-link primary" : "button-link", id }, t(key));
  const sale = d.kind === "sale";
  if (!r || r.voided_at) {
    return section(
      r ? el("p", { id: "receipt-number", class: "voided-title" }, t("donation.receipt.number", { number: r.number })) : null,
      r ? el("p", { class: "hint", id: "receipt-voided" }, t("donation.receipt.voided", { reason: r.void_reason || "" })) : null,
      voided ? [el("p", { class: "hint" }, t("donation.receipt.none_voided")), r ? print("donation.receipt.print_void", "receipt-print-void") : null]
        : sale ? el("p", { class: "hint" }, t("donation.receipt.none_sale"))
          : [r ? null : el("p", { class: "hint" }, t("donation.receipt.none")), print("donation.receipt.issue", "receipt-issue", true)]);
  }
  return section(
    el("p", { id: "receipt-number", class: "big-count" }, t("donation.receipt.number", { number: r.number })),
    el("p", { class: "hint" }, t("donation.receipt.issued_by", { who: r.issued_by || "", when: formatDate(r.issued_at) })),
    r.copies ? el("p", { class: "hint", id: "receipt-copies" }, t("donation.receipt.copies", { count: r.copies })) : null,
    el("div", { class: "inline" }, print("donation.receipt.copy", "receipt-copy"),
      voidControl(t("donation.receipt.void"), async (reason, by) => {
        await call("void_receipt", { receipt: r.id, reason, who: by });
        await reload(t("donation.receipt.void.done"));
      }, { button: "receipt-void", reason: "receipt-void-reason", who: "receipt-void-who", confirm: "receipt-void-confirm" })));
}
