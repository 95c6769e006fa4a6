// Pieces the money screens share (Money, a gift, a fund, an expense, the cash box, Settings):
// fields with their error beside them, the remembered "entered by", the ledger's table, the
// audit trail, a void confirmed in place, and exact sums of amounts in minor units.
// Money stays a decimal string everywhere; sums here are BigInt counts of the minor unit.
import { t, has, formatMoney, formatDay, formatDate, currencyDigits } from "./i18n.js";
import { el, replace } from "./dom.js";
import { busy } from "./busy.js";
import { messageOf } from "./alert.js";
import { call } from "./api.js";

export const METHODS = ["cash", "check", "card", "transfer", "online", "in_kind", "other"];

/** Currencies offered in the currency fields' lists (any ISO 4217 code may be typed). */
export const CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "MXN", "COP", "TRY", "JPY"];

/**
 * What the gift and expense forms choose from: the funds and the home currency (money_overview,
 * or the answer a screen has already) and the events (event_choices).
 */
export async function moneyLists(overview = null) {
  const [o, events] = await Promise.all([overview || call("money_overview"), call("event_choices")]);
  return { home_currency: o.home_currency, funds: o.funds, events };
}

/** The words of a linked record ({ id, name } from core; an event may say title). */
export function named(x) {
  return x ? x.title ?? x.name ?? "" : "";
}

export function methodName(method) {
  return has(`money.method.${method}`) ? t(`money.method.${method}`) : method;
}

/** Today on this laptop's calendar, as core reads dates ("2026-12-03"). */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// Who enters money on this laptop is usually the same person: remembered between forms.
const ENTERED_BY = "campaign-desk.money.entered-by";

export function rememberedName() {
  try {
    return localStorage.getItem(ENTERED_BY) || "";
  } catch {
    return "";
  }
}

export function rememberName(name) {
  try {
    if (name.trim()) localStorage.setItem(ENTERED_BY, name.trim());
  } catch {
    // storage may be unavailable; the field is simply empty next time
  }
}

/** A datalist of common currencies, for a currency field's `list`. */
export function currencyList(id) {
  return el("datalist", { id }, CURRENCIES.map((c) => el("option", { value: c })));
}

/**
 * The fields of one form, each with its error paragraph beside it. Core names a field in
 * args.field of its error; `show(error)` puts the message beside that field when the form has
 * it (and says whether it did), so the rest goes to the banner.
 */
export function fieldSet(prefix) {
  const boxes = new Map();
  const set = {
    /** A labelled box for `input` (its id set by the caller), known to core as `key`. */
    box(key, input, label, hint = null) {
      const error = el("p", { class: "field-error", id: `${prefix}-error-${key.replaceAll("_", "-")}`, "aria-live": "polite" });
      input.setAttribute("aria-describedby", error.id);
      boxes.set(key, { input, error });
      return el("div", { class: `field field-${key.replaceAll("_", "-")}` },
        el("label", { for: input.id }, label),
        hint ? el("p", { class: "hint" }, hint) : null,
        input, error);
    },
    clear() {
      for (const { input, error } of boxes.values()) {
        error.textContent = "";
        input.removeAttribute("aria-invalid");
      }
    },
    /** Shows `text` beside the field `key`; false when the form has no such field. */
    mark(key, text) {
      const b = boxes.get(key);
      if (!b || b.input.closest("[hidden]")) return false;
      b.error.textContent = text;
      b.input.setAttribute("aria-invalid", "true");
      b.input.focus();
      return true;
    },
    show(e) {
      const field = e && e.args && e.args.field;
      return Boolean(field) && set.mark(field, messageOf(e));
    },
    /** Runs a save with `button` busy: a field's error beside it, any other in the banner. */
    save(button, work) {
      set.clear();
      return busy(button, async () => {
        try {
          return await work();
        } catch (e) {
          if (set.show(e)) return undefined;
          throw e;
        }
      });
    },
  };
  return set;
}

/** A select of `options` ([value, text]) with `value` chosen. */
export function select(id, options, value) {
  return el("select", { id }, options.map(([v, text]) => el("option", { value: v, selected: v === (value ?? "") }, text)));
}

/** The fund choices: unrestricted first, then the funds by name. */
export function fundOptions(funds) {
  return [["", t("money.fund.unrestricted")], ...funds.map((f) => [f.id, f.name])];
}

export function eventOptions(events) {
  return [["", t("money.event.none")], ...events.map((e) => [e.id, e.title])];
}

const UNDERSTAND_MS = 250; // waits for a pause in typing before asking core

/**
 * "Understood as 1,500.00 USD" under an amount field, live: core reads what is typed exactly as
 * it will on saving (understand_amount), so a slip of the decimal mark shows before the save.
 * `currency` is an input or a function giving the code. Returns the line, id `${id}`.
 */
export function understoodLine(id, amount, currency, mark) {
  const line = el("p", { id, class: "understood", "aria-live": "polite" });
  const code = () => (typeof currency === "function" ? currency() : currency.value).trim().toUpperCase();
  let asks = 0;
  let timer = null;
  const understand = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const request = ++asks;
      const typed = amount.value.trim();
      if (!typed) {
        line.textContent = "";
        line.className = "understood";
        return;
      }
      try {
        const r = await call("understand_amount", { typed, currency: code(), decimalMark: mark });
        if (request !== asks) return;
        line.textContent = t("money.understood", { amount: formatMoney(r.amount, r.currency), currency: r.currency });
        line.className = "understood ok";
      } catch (e) {
        if (request !== asks) return;
        line.textContent = messageOf(e);
        line.className = "understood field-error";
      }
    }, UNDERSTAND_MS);
  };
  amount.addEventListener("input", understand);
  if (typeof currency !== "function") currency.addEventListener("input", understand);
  if (amount.value) understand();
  return line;
}

// ---- Exact sums in minor units --------------------------------------------------------------

/**
 * A typed amount ("12.50", or "12,50" when the reader's mark is a comma) as a BigInt count of
 * `currency`'s minor unit; null when it is not a plain amount with at most the currency's
 * decimals (core then says exactly what is wrong when the form is saved).
 */
export function toMinor(typed, currency, mark = ".") {
  const digits = currencyDigits(currency);
  const text = String(typed).trim();
  const parts = text.split(mark);
  if (parts.length > 2) return null;
  const [whole, fraction = ""] = parts;
  if (!/^\d+$/.test(whole || "0") || !/^\d*$/.test(fraction) || fraction.length > digits) return null;
  if (text === "" || text === mark) return null;
  return BigInt(whole || "0") * 10n ** BigInt(digits) + BigInt((fraction + "0".repeat(digits)).slice(0, digits) || "0");
}

/** A BigInt of minor units back to the decimal string formatMoney takes ("-5.00"). */
export function fromMinor(minor, currency) {
  const digits = currencyDigits(currency);
  const negative = minor < 0n;
  const abs = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = digits ? abs.slice(0, -digits) : abs;
  const fraction = digits ? `.${abs.slice(-digits)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** A decimal string from core ("0.25") written with the reader's decimal mark, not grouped. */
export function typedForm(decimal, mark) {
  return mark === "." ? decimal : decimal.replace(".", mark);
}

// ---- The ledger's table -----------------------------------------------------------------------

/**
 * Ledger entries as a table: date, party, fund, method, reference, the signed amount and the
 * fund's running balance. A voided line is struck through, with its reason kept readable.
 * `balance: false` leaves the running balance out (a fund's page lists newest first).
 */
export function ledgerRows(entries, { balance = true } = {}) {
  return entries.map((x) => {
    const link = x.kind === "donation" ? `#donation/${x.id}` : `#expense/${x.id}`;
    const cells = [
      el("td", { class: "date" }, formatDay(x.date)),
      el("td", { dir: "auto" }, el("a", { href: link }, x.party || t(x.kind === "donation" ? "money.anonymous" : "money.no_payee")),
        x.voided ? el("span", { class: "void-reason" }, t("money.voided_because", { reason: x.void_reason || "" })) : null),
      el("td", { dir: "auto" }, x.fund ? named(x.fund) : t("money.fund.unrestricted")),
      el("td", {}, methodName(x.method), x.event ? el("span", { class: "hint ledger-event", dir: "auto" }, named(x.event)) : null),
      el("td", { dir: "auto" }, x.reference || ""),
      // The amount as given or paid; what the platform kept and what went back, beneath it
      // (the balance counts the gift less both).
      el("td", { class: `n ${x.kind === "expense" ? "out" : "in"}` },
        formatMoney(x.kind === "expense" ? `-${x.amount}` : x.amount, x.currency, { signed: true }),
        x.fee && !/^0+(\.0+)?$/.test(x.fee)
          ? el("span", { class: "hint" }, t("money.fee_hint", { amount: formatMoney(x.fee, x.currency) })) : null,
        x.refunded && !/^0+(\.0+)?$/.test(x.refunded)
          ? el("span", { class: "hint" }, t("money.refunded", { amount: formatMoney(x.refunded, x.currency) })) : null),
      balance ? el("td", { class: "n" }, x.balance === null || x.balance === undefined ? "" : formatMoney(x.balance, x.currency)) : null,
    ];
    return el("tr", { class: x.voided ? "voided" : null, "data-kind": x.kind, "data-id": x.id, "data-voided": x.voided ? "true" : "false" }, cells);
  });
}

export function ledgerHead({ balance = true } = {}) {
  const cols = ["money.col.date", "money.col.party", "money.col.fund", "money.col.method", "money.col.reference", "money.col.amount"];
  if (balance) cols.push("money.col.balance");
  return el("thead", {}, el("tr", {}, cols.map((k) => el("th", { scope: "col", class: k.endsWith("amount") || k.endsWith("balance") ? "n" : null }, t(k)))));
}

// ---- The audit trail and voiding ----------------------------------------------------------------

/** Who did what when, from which laptop, and what each change was before and after. */
export function auditTrail(audit) {
  return el("section", { class: "panel", id: "audit-trail" },
    el("h2", { class: "section-title" }, t("money.audit")),
    audit.length === 0 ? el("p", { class: "hint" }, t("money.audit.none")) : el("ol", { class: "audit" }, audit.map((a) =>
      el("li", { "data-action": a.action },
        el("p", { class: "audit-what" },
          el("strong", {}, has(`money.audit.${a.action}`) ? t(`money.audit.${a.action}`) : a.action), " ",
          t("money.audit.by", { who: a.who || t("money.audit.someone"), when: formatDate(a.at), laptop: a.laptop || "" })),
        a.reason ? el("p", { class: "audit-reason", dir: "auto" }, t("money.audit.reason", { reason: a.reason })) : null,
        a.changes && a.changes.length ? el("table", { class: "counts plain audit-changes" },
          el("thead", {}, el("tr", {},
            el("th", { scope: "col" }, t("money.audit.field")),
            el("th", { scope: "col" }, t("money.audit.before")),
            el("th", { scope: "col" }, t("money.audit.after")))),
          el("tbody", {}, a.changes.map((c) => el("tr", {},
            el("th", { scope: "row" }, has(`field.${c.field}`) ? t(`field.${c.field}`) : c.field),
            el("td", { dir: "auto" }, c.before ?? ""),
            el("td", { dir: "auto" }, c.after ?? ""))))) : null))));
}

/**
 * A Void button that asks in place: the reason (required, it goes in the audit trail), who
 * voids it (the remembered name), and a confirming button replace it. `onVoid(reason, who)`
 * does the work. `ids` names the button, the reason, the name and the confirmation.
 */
export function voidControl(label, onVoid, ids = {}) {
  const id = { button: "void", reason: "void-reason", who: "void-who", confirm: "void-confirm", ...ids };
  const wrap = el("div", { class: "void-control" });
  const button = el("button", { type: "button", class: "danger", id: id.button }, label);
  button.addEventListener("click", () => {
    const f = fieldSet(id.reason);
    const reason = el("input", { type: "text", id: id.reason, maxlength: "500", dir: "auto", autocomplete: "off" });
    const who = el("input", { type: "text", id: id.who, value: rememberedName(), maxlength: "200", dir: "auto", autocomplete: "off" });
    const yes = el("button", { type: "button", class: "danger", id: id.confirm }, t("money.void.confirm"));
    const no = el("button", { type: "button", id: `${id.confirm}-cancel` }, t("money.cancel"));
    no.addEventListener("click", () => replace(wrap, button));
    yes.addEventListener("click", () => {
      f.clear();
      if (!reason.value.trim()) {
        f.mark("reason", t("error.reason_required"));
        return;
      }
      f.save(yes, async () => {
        await onVoid(reason.value.trim(), who.value.trim());
        rememberName(who.value);
      });
    });
    replace(wrap,
      el("div", { class: "two" }, f.box("reason", reason, t("field.reason")), f.box("who", who, t("money.who"))),
      el("div", { class: "inline" }, yes, no));
    reason.focus();
  });
  replace(wrap, button);
  return wrap;
}

/** The "Voided: reason" banner of a voided gift or expense. */
export function voidedBanner(when, reason) {
  return el("div", { class: "voided-banner", id: "voided-banner", role: "note" },
    el("strong", {}, t("money.voided")), " ", el("span", { dir: "auto" }, reason || ""),
    when ? el("span", { class: "hint" }, " · ", formatDate(when)) : null);
}
