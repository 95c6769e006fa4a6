// The Print screen's receipt controls: the gift a receipt is for, the donor of an annual
// summary (found by name as you type), and the gifts still owed a receipt, each ticked to go
// in the batch. Numbers are given when the document is saved, never by previewing it.
import { t, formatMoney, formatDay, isolate } from "../i18n.js";
import { el, replace } from "../dom.js";
import { call } from "../api.js";
import { showError } from "../alert.js";

const SEARCH_MS = 200;

/** A gift as a line a treasurer recognises: day, donor, amount (or what was given in kind). */
export function giftLabel(o) {
  const what = o.in_kind ? o.in_kind : formatMoney(o.amount, o.currency);
  // The donor's name and an in-kind description isolated, so a Persian name does not carry
  // the amount after it into its own direction.
  return `${formatDay(o.received_on)} · ${isolate(o.donor || t("money.anonymous"))} · ${isolate(what)}`;
}

/** The gift a single receipt is for: those owed one, and the one the page came from. */
export async function giftChoice(owed, given) {
  const options = owed.map((o) => [o.donation, giftLabel(o)]);
  if (given && !owed.some((o) => o.donation === given)) {
    const page = await call("donation_page", { id: given });
    const d = page.donation;
    options.unshift([given, giftLabel({
      received_on: d.received_on,
      donor: d.person ? d.person.name : d.donor_name,
      amount: d.amount,
      currency: d.currency,
      in_kind: d.method === "in_kind" ? d.in_kind : "",
    })]);
  }
  return el("select", { id: "print-donation" },
    options.map(([value, label]) => el("option", { value, selected: value === given, dir: "auto" }, label)));
}

/**
 * The donor of an annual summary: a search box and the people it finds. `given`: the person
 * the page came from. Calls `onChange` when the chosen person changes.
 */
export async function donorChoice(given, onChange) {
  const select = el("select", { id: "print-person" });
  const search = el("input", { type: "search", id: "print-person-search", autocomplete: "off", dir: "auto", "aria-label": t("print.person.search") });
  const fill = (people, chosen) => {
    replace(select, people.length === 0 ? el("option", { value: "" }, t("print.person.none"))
      : people.map((p) => el("option", { value: p.id, selected: p.id === chosen, dir: "auto" }, p.email ? `${p.name} (${p.email})` : p.name)));
  };
  if (given) {
    const p = await call("person_page", { person: given });
    fill([{ id: given, name: `${p.given_name} ${p.family_name}`.trim(), email: p.email }], given);
  } else {
    fill([], null);
  }
  let timer = null;
  let asked = 0;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = search.value.trim();
      if (!text) return;
      const mine = ++asked;
      try {
        const people = await call("money_people", { text });
        if (mine !== asked) return;
        fill(people, people[0]?.id);
        onChange();
      } catch (e) {
        showError(e);
      }
    }, SEARCH_MS);
  });
  select.addEventListener("change", onChange);
  return { select, search };
}

/**
 * The gifts owed a receipt, each with a box ticked to include it; `onChange` hears a box
 * change. `chosen()` gives the ticked gifts' ids in the list's order.
 */
export function owedList(owed, onChange) {
  const boxes = owed.map((o) => {
    const box = el("input", { type: "checkbox", checked: true, value: o.donation, "data-donation": o.donation });
    box.addEventListener("change", onChange);
    return el("li", {}, el("label", { class: "check", dir: "auto" }, box, giftLabel(o)));
  });
  const node = el("div", { id: "print-owed" },
    owed.length === 0 ? el("p", { class: "hint" }, t("print.owed.none"))
      : [el("p", { id: "print-owed-count" }, t("print.owed.count", { count: owed.length })), el("ul", { class: "plain owed-list" }, boxes)]);
  const chosen = () => [...node.querySelectorAll("input[type=checkbox]")].filter((b) => b.checked).map((b) => b.value);
  return { node, chosen };
}
