// The form of a gift: recorded from the Money screen, an event's page or its cash box (with the
// event, and there cash, preset), and corrected from the gift's page (prefilled, with a
// required reason). What is typed is checked in core; the amount is read back live ("Understood
// as 1,500.00 USD") so a slip of the decimal mark is seen before it is saved.
import { t, decimalMark } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { messageOf } from "../alert.js";
import {
  METHODS, methodName, today, rememberedName, rememberName, currencyList, fieldSet, select,
  fundOptions, eventOptions, typedForm, understoodLine, moneyLists,
} from "../money-parts.js";

const SEARCH_MS = 200;

/**
 * The gift form. `id` and `initial` (the donation of donation_page) correct a gift; `preset`
 * ({ event, method, currency, fund }) starts a new one; `lists` (moneyLists' answer) saves
 * asking for them again. `onSaved(id)` runs after a save, `onCancel()`
 * when the form is closed without one.
 */
export async function donationForm({ id = null, initial = null, preset = {}, lists = null, onSaved, onCancel = null }) {
  const known = lists || (await moneyLists());
  const mark = decimalMark();
  const d = initial || {};
  const f = fieldSet("gift");
  // A stored amount back in the reader's typing; a zero fee or returned value is no value.
  const typed = (v) => (v === null || v === undefined || /^0*(\.0+)?$/.test(String(v)) ? "" : typedForm(String(v), mark));

  // --- Who gave: a known person, a new donor (by name and email), or anonymous.
  let person = d.person ? { ...d.person } : null;
  const mode = person ? "known" : d.anonymous ? "anonymous" : d.donor_name ? "new" : "known";
  const modes = ["known", "new", "anonymous"].map((m) =>
    el("label", { class: "choice-pill" },
      el("input", { type: "radio", name: "gift-donor-mode", id: `gift-donor-${m}`, value: m, checked: m === mode }),
      t(`donation.donor.${m}`)));
  const search = el("input", { type: "search", id: "gift-donor-search", autocomplete: "off", dir: "auto", placeholder: t("donation.donor.search.placeholder") });
  const results = el("ul", { class: "hits donor-hits", id: "gift-donor-results" });
  const chosen = el("p", { id: "gift-donor-chosen", class: "saved", "aria-live": "polite" });
  const name = el("input", { type: "text", id: "gift-donor-name", value: d.donor_name || "", maxlength: "200", dir: "auto", autocomplete: "off" });
  const email = el("input", { type: "email", id: "gift-donor-email", value: d.donor_email || "", maxlength: "254", dir: "ltr", autocomplete: "off" });
  const nameLabel = el("span", {});
  const knownBox = el("div", { class: "donor-known" }, f.box("person", search, t("donation.donor.search")), results, chosen);
  const nameBox = f.box("donor_name", name, nameLabel);
  const emailBox = f.box("email", email, t("field.email"));
  const showChosen = () => {
    chosen.textContent = person ? t("donation.donor.chosen", { name: person.name }) : "";
  };
  showChosen();
  let searches = 0;
  let searchTimer = null;
  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const request = ++searches;
      const text = search.value.trim();
      if (!text) return replace(results);
      try {
        const people = await call("money_people", { text });
        if (request !== searches) return;
        replace(results, people.length === 0 ? el("li", { class: "hint" }, t("donation.donor.none")) : people.map((p) => {
          const pick = el("button", { type: "button", class: "small donor-choice", "data-person": p.id },
            el("span", { dir: "auto" }, p.name), p.email ? el("span", { class: "hint", dir: "ltr" }, ` ${p.email}`) : null);
          pick.addEventListener("click", () => {
            person = { id: p.id, name: p.name };
            showChosen();
            replace(results);
          });
          return el("li", {}, pick);
        }));
      } catch (e) {
        f.mark("person", messageOf(e));
      }
    }, SEARCH_MS);
  });

  // --- How much, in what, when and how.
  const amount = el("input", { type: "text", id: "gift-amount", value: typed(d.amount), inputmode: "decimal", autocomplete: "off", dir: "ltr" });
  const currency = el("input", {
    type: "text", id: "gift-currency", value: d.currency || preset.currency || known.home_currency || "USD",
    maxlength: "3", list: "gift-currencies", autocomplete: "off", dir: "ltr", class: "currency-code",
  });
  const received = el("input", { type: "date", id: "gift-received-on", value: d.received_on || today() });
  const method = select("gift-method", METHODS.map((m) => [m, methodName(m)]), d.method || preset.method || "cash");
  const reference = el("input", { type: "text", id: "gift-reference", value: d.reference || "", maxlength: "200", autocomplete: "off", dir: "auto" });
  const referenceLabel = el("span", {});
  const transaction = el("input", { type: "text", id: "gift-transaction-id", value: d.transaction_id || "", maxlength: "200", autocomplete: "off", dir: "ltr" });
  const inKind = el("textarea", { id: "gift-in-kind", rows: "2", maxlength: "2000", dir: "auto" });
  inKind.value = d.in_kind || "";
  const fee = el("input", { type: "text", id: "gift-fee", value: typed(d.fee), inputmode: "decimal", autocomplete: "off", dir: "ltr" });
  const kind = select("gift-kind", [["gift", t("donation.kind.gift")], ["sale", t("donation.kind.sale")]], d.kind || "gift");
  const returned = el("input", { type: "text", id: "gift-returned-value", value: typed(d.returned_value), inputmode: "decimal", autocomplete: "off", dir: "ltr" });
  const fund = select("gift-fund", fundOptions(known.funds), d.fund ? d.fund.id : preset.fund || "");
  const event = select("gift-event", eventOptions(known.events), d.event ? d.event.id : preset.event || "");
  const source = el("input", { type: "text", id: "gift-source-code", value: d.source_code || "", maxlength: "100", autocomplete: "off", dir: "ltr" });
  const recurring = el("input", { type: "checkbox", id: "gift-recurring", checked: Boolean(d.recurring) });
  const note = el("textarea", { id: "gift-note", rows: "2", maxlength: "2000", dir: "auto" });
  note.value = d.note || "";
  // A correction is entered by whoever corrects it, so the remembered name, not the first one.
  const enteredBy = el("input", { type: "text", id: "gift-entered-by", value: rememberedName(), maxlength: "200", autocomplete: "off", dir: "auto" });
  const reason = id ? el("input", { type: "text", id: "gift-reason", maxlength: "500", autocomplete: "off", dir: "auto" }) : null;

  // "Understood as ...", live beside the amount.
  const understood = understoodLine("gift-understood", amount, currency, mark);
  const boxes = {
    amount: el("div", { class: "amount-row two" },
      el("div", {}, f.box("amount", amount, t("field.amount")), understood),
      f.box("currency", currency, t("field.currency")), currencyList("gift-currencies")),
    reference: f.box("reference", reference, referenceLabel),
    transaction: f.box("transaction_id", transaction, t("field.transaction_id")),
    inKind: f.box("in_kind", inKind, t("field.in_kind"), t("donation.in_kind.hint")),
    fee: f.box("fee", fee, t("field.fee"), t("donation.fee.hint")),
    returned: f.box("returned_value", returned, t("field.returned_value"), t("donation.returned.hint")),
  };

  // What is asked depends on the way of paying, the donor's choice and the kind.
  const layout = () => {
    const m = method.value;
    const who = knownMode();
    knownBox.hidden = who !== "known";
    nameBox.hidden = who === "known";
    emailBox.hidden = who !== "new";
    nameLabel.textContent = t(who === "anonymous" ? "donation.donor.anonymous_name" : "field.donor_name");
    boxes.amount.hidden = m === "in_kind";
    boxes.inKind.hidden = m !== "in_kind";
    boxes.transaction.hidden = m !== "online";
    boxes.fee.hidden = m !== "online" && m !== "card";
    boxes.reference.hidden = m === "cash" || m === "in_kind" || m === "online";
    referenceLabel.textContent = t(m === "check" ? "donation.reference.check" : m === "transfer" ? "donation.reference.transfer" : "field.reference");
    // A sale's value given in return is its whole amount: nothing to type.
    boxes.returned.hidden = kind.value === "sale";
  };
  const knownMode = () => modes.map((l) => l.querySelector("input")).find((i) => i.checked).value;
  for (const l of modes) l.querySelector("input").addEventListener("change", layout);
  method.addEventListener("change", layout);
  kind.addEventListener("change", layout);

  const save = el("button", { type: "submit", class: "primary", id: "gift-save" }, t(id ? "donation.form.correct" : "donation.form.save"));
  const cancel = onCancel ? el("button", { type: "button", id: "gift-cancel" }, t("money.cancel")) : null;
  if (cancel) cancel.addEventListener("click", () => onCancel());

  const form = el("form", { class: "panel money-form", id: "gift-form", novalidate: true },
    el("h2", { class: "section-title" }, t(id ? "donation.form.correct_title" : "donation.form.title")),
    el("fieldset", { class: "plain-fieldset" },
      el("legend", {}, t("donation.donor")),
      el("div", { class: "choices-row", role: "radiogroup" }, modes),
      knownBox, el("div", { class: "two" }, nameBox, emailBox)),
    boxes.amount,
    boxes.inKind,
    el("div", { class: "two" },
      f.box("received_on", received, t("field.received_on")),
      f.box("method", method, t("donation.method")),
      boxes.reference, boxes.transaction, boxes.fee),
    el("div", { class: "two" },
      f.box("fund", fund, t("donation.fund")),
      f.box("event", event, t("donation.event")),
      f.box("source_code", source, t("field.source_code"))),
    el("div", { class: "two" },
      f.box("kind", kind, t("donation.kind"), t("donation.kind.hint")),
      boxes.returned),
    el("label", { class: "check" }, recurring, t("donation.recurring")),
    f.box("note", note, t("field.note")),
    f.box("entered_by", enteredBy, t("field.entered_by")),
    reason ? f.box("reason", reason, t("field.reason"), t("donation.reason.hint")) : null,
    el("div", { class: "inline" }, save, cancel));
  layout();

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const who = knownMode();
    if (who === "known" && !person) {
      f.clear();
      f.mark("person", t("donation.donor.choose"));
      return;
    }
    if (reason && !reason.value.trim()) {
      f.clear();
      f.mark("reason", t("error.reason_required"));
      return;
    }
    const m = method.value;
    // Core's DonationInput has plain strings: what is not asked for goes as "".
    const v = (input, asked = true) => (asked ? input.value.trim() : "");
    const donation = {
      person: who === "known" ? person.id : null,
      donor_name: v(name, who !== "known"),
      donor_email: v(email, who === "new"),
      anonymous: who === "anonymous",
      amount: v(amount, m !== "in_kind"),
      currency: currency.value.trim().toUpperCase(),
      decimal_mark: mark,
      received_on: received.value,
      method: m,
      reference: v(reference, !boxes.reference.hidden),
      transaction_id: v(transaction, m === "online"),
      in_kind: v(inKind, m === "in_kind"),
      fund: fund.value || null,
      event: event.value || null,
      source_code: v(source),
      fee: v(fee, !boxes.fee.hidden),
      returned_value: v(returned, kind.value !== "sale"),
      kind: kind.value,
      recurring: recurring.checked,
      note: v(note),
      entered_by: v(enteredBy),
    };
    f.save(save, async () => {
      const done = id
        ? await call("correct_donation", { id, donation, reason: reason.value.trim(), who: donation.entered_by })
        : await call("record_donation", { donation });
      rememberName(donation.entered_by);
      await onSaved(done.id);
    });
  });
  return form;
}
