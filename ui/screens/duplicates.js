// The queue of possible duplicates: two records side by side, every field, what each signed
// and when each was added, and why they look like one person. The older record is on the
// inline-start side and is the one kept; for each field that differs the organizer chooses
// which value stays (the older record's by default, or the one that is not blank). "Merge"
// moves everything of the other record to the kept one (and can be undone on the kept
// person's page); "Different people" is remembered, so the pair does not come back.
import { t, has, locale, formatDate, isolate } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { countryName } from "../countries.js";

export const MERGE_FIELDS = [
  "given_name", "family_name", "email", "phone", "city", "region", "postal_code",
  "country", "organization", "title", "notes",
];

export async function render(view) {
  const queue = await call("duplicate_queue");
  const count = el("p", { class: "hint", id: "duplicates-count", role: "status" });
  const list = el("div", { id: "duplicates", class: "duplicates" });
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#signers" }, t("duplicates.back"))),
    el("h1", {}, t("duplicates.title")),
    el("p", { class: "hint" }, t("duplicates.lead")),
    count,
    list);

  const pending = new Map(); // "a/b" -> the pair's section, for pairs not yet decided
  const key = (pair) => `${pair.a.id}/${pair.b.id}`;
  const showCount = () => {
    count.textContent = pending.size ? t("duplicates.count", { count: pending.size }) : t("duplicates.none");
  };
  const add = (pair) => {
    const node = pairPanel(pair, async (done) => {
      pending.delete(key(pair));
      node.replaceWith(done);
      showCount();
      // A merge may settle (or change) other pairs of the same people: ask again.
      const fresh = await call("duplicate_queue");
      const still = new Set(fresh.map(key));
      for (const [k, n] of pending) if (!still.has(k)) { n.remove(); pending.delete(k); }
      for (const p of fresh) if (!pending.has(key(p))) list.append(add(p));
      showCount();
    });
    pending.set(key(pair), node);
    return node;
  };
  list.append(...queue.map(add));
  showCount();
}

/** A's value for a field, as shown. */
function shown(card, field) {
  const v = card[field];
  if (v === null || v === undefined || v === "") return null;
  return field === "country" ? `${countryName(v, locale)} (${v})` : v;
}

const blank = (v) => v === null || v === undefined || String(v).trim() === "";

function pairPanel(pair, decided) {
  const { a, b } = pair;
  // The older record is kept, and shown first.
  const [keep, other] = (a.created_at || "") <= (b.created_at || "") ? [a, b] : [b, a];
  const tag = `${a.id}-${b.id}`;
  const picks = {}; // field -> the "keep" radio, for fields with a choice
  const name = (c) => `${c.given_name || ""} ${c.family_name || ""}`.trim() || t("signers.no_name");

  const rows = MERGE_FIELDS.map((field) => {
    const kv = keep[field];
    const ov = other[field];
    const same = (blank(kv) && blank(ov)) || kv === ov;
    const cellOf = (card, which, checked) => {
      const text = shown(card, field);
      const value = text === null ? el("span", { class: "hint" }, t("duplicates.blank")) : el("span", { dir: "auto" }, text);
      if (same) return el("td", {}, value);
      const id = `pick-${tag}-${field}-${which}`;
      const radio = el("input", { type: "radio", name: `pick-${tag}-${field}`, id, value: which, checked });
      if (which === "keep") picks[field] = radio;
      return el("td", { class: "pick" }, el("label", { for: id, class: "check" }, radio, value));
    };
    // The kept record's value, unless it is blank and the other's is not.
    const takeOther = blank(kv) && !blank(ov);
    return el("tr", { "data-field": field, class: same ? "same" : "differs" },
      el("th", { scope: "row" }, t(`field.${field}`)),
      cellOf(keep, "keep", !takeOther),
      cellOf(other, "remove", takeOther));
  });

  const signed = (c) => el("td", {},
    el("span", {}, t("duplicates.signatures", { count: c.signatures })),
    c.appeals && c.appeals.length ? el("ul", { class: "dup-appeals" }, c.appeals.map((x) => el("li", {}, x))) : null);

  const merge = el("button", { type: "button", class: "primary", id: `merge-${tag}` }, t("duplicates.merge"));
  const different = el("button", { type: "button", id: `different-${tag}` }, t("duplicates.different"));
  const reason = has(`duplicates.reason.${pair.reason}`) ? t(`duplicates.reason.${pair.reason}`) : pair.reason;

  const node = el("section", { class: "panel dup-pair", "data-a": a.id, "data-b": b.id, id: `pair-${tag}`, "aria-labelledby": `pair-${tag}-title` },
    el("h2", { class: "section-title", id: `pair-${tag}-title` }, t("duplicates.pair", { a: isolate(name(keep)), b: isolate(name(other)) })),
    el("p", { class: "dup-reason" }, reason,
      pair.found_at ? el("span", { class: "hint" }, ` \u00b7 ${t("duplicates.found", { when: formatDate(pair.found_at) })}`) : null),
    el("div", { class: "dup-scroll", tabindex: "0" },
      el("table", { class: "dup-table" },
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, t("duplicates.field")),
          el("th", { scope: "col" }, t("duplicates.keep"), " ", el("a", { href: `#person/${keep.id}` }, name(keep))),
          el("th", { scope: "col" }, t("duplicates.other"), " ", el("a", { href: `#person/${other.id}` }, name(other))))),
        el("tbody", {},
          rows,
          el("tr", { class: "facts-row" }, el("th", { scope: "row" }, t("duplicates.signed")), signed(keep), signed(other)),
          el("tr", { class: "facts-row" }, el("th", { scope: "row" }, t("duplicates.created")),
            el("td", {}, keep.created_at ? formatDate(keep.created_at) : ""),
            el("td", {}, other.created_at ? formatDate(other.created_at) : ""))))),
    el("p", { class: "hint" }, t("duplicates.merge.hint")),
    el("div", { class: "inline" }, merge, different));

  merge.addEventListener("click", () => busy(merge, async () => {
    different.disabled = true;
    try {
      const choose = {};
      for (const [field, radio] of Object.entries(picks)) choose[field] = radio.checked ? "keep" : "remove";
      await call("merge_people", { keep: keep.id, remove: other.id, choose });
      await decided(el("p", { class: "panel dup-done", id: `merged-${tag}`, role: "status" },
        t("duplicates.merged", { kept: isolate(name(keep)), other: isolate(name(other)) }), " ",
        el("a", { href: `#person/${keep.id}`, id: `merged-link-${tag}` }, t("duplicates.merged.open", { name: isolate(name(keep)) }))));
    } finally {
      different.disabled = false;
    }
  }));
  different.addEventListener("click", () => busy(different, async () => {
    merge.disabled = true;
    try {
      await call("mark_different", { a: a.id, b: b.id });
      await decided(el("p", { class: "panel dup-done", id: `different-done-${tag}`, role: "status" },
        t("duplicates.marked", { a: isolate(name(keep)), b: isolate(name(other)) })));
    } finally {
      merge.disabled = false;
    }
  }));
  return node;
}
