// A person's page: everything about them. Their details (edited here, checked in core: an
// error names its field, and is shown beside it), what they signed (with the words' version,
// the display choice, featured, and for paper the sheet and row), whether the campaign may
// write to them, every consent act on record, their RSVPs and donations, and the people merged
// into them (a merge can be undone). Withdrawing the contact consent or a signature is one
// action here, recorded like giving it.
import { t, has, locale, formatDate, formatDay, formatMoney, isolate } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { clearError, messageOf } from "../alert.js";
import { countryName, matchCountries, resolveCountry } from "../countries.js";

/** The fields of NewPerson, in the order the form shows them. */
export const PERSON_FIELDS = [
  "given_name", "family_name", "email", "phone", "organization", "title",
  "city", "region", "postal_code", "country", "notes",
];
/** What may not be left empty: the others are sent as null when blank. */
const TEXT_FIELDS = new Set(["given_name", "family_name"]);
/** Errors that name no field but are about one. */
const FIELD_OF_ERROR = { nameless_person: "given_name", email_taken: "email", bad_email: "email", not_country_code: "country" };

export async function render(view, id) {
  const page = await call("person_page", { person: id });
  show(view, page);
}

function show(view, p, editing = false) {
  const name = `${p.given_name} ${p.family_name}`.trim();
  const rerender = (page, note, edit = false) => {
    show(view, page, edit);
    if (note) document.getElementById("person-done").textContent = note;
  };
  const withdraw = (what, appeal, label, id) => {
    const button = el("button", { type: "button", class: "small danger", id }, label);
    button.addEventListener("click", () => {
      // One action, and a second look: the confirmation replaces the button in place.
      const yes = el("button", { type: "button", class: "small danger", id: `${id}-confirm` }, t("person.withdraw.confirm"));
      const no = el("button", { type: "button", class: "small" }, t("person.withdraw.cancel"));
      const box = el("span", { class: "confirm" }, yes, no);
      button.replaceWith(box);
      no.addEventListener("click", () => box.replaceWith(button));
      yes.addEventListener("click", () => busy(yes, async () => {
        const again = await call("withdraw_consent", { person: p.id, appeal, what });
        rerender(again, t(`person.withdrawn.${what}`));
      }));
      yes.focus();
    });
    return button;
  };
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#signers" }, t("person.back"))),
    el("h1", { id: "person-name", dir: "auto" }, name),
    el("p", { class: "hint" }, [p.email, p.city, p.country && countryName(p.country, locale), p.title].filter(Boolean).join(" · ")),
    el("p", { id: "person-done", class: "saved", "aria-live": "polite" }),
    editing ? editForm(p, rerender) : detailsPanel(p, rerender),
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("person.contact")),
      el("p", { id: "person-contact" }, t(p.may_contact ? "person.contact.yes" : "person.contact.no")),
      p.may_contact ? withdraw("contact", null, t("person.withdraw.contact"), "withdraw-contact") : null),
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("person.signatures")),
      p.signatures.length === 0 ? el("p", { class: "hint" }, t("person.signatures.none")) :
        el("ul", { class: "signature-lines", id: "person-signatures" }, p.signatures.map((s) => el("li", { "data-appeal": s.appeal_id },
          el("a", { href: `#appeal/${s.appeal_id}` }, s.appeal_title), " · ", formatDate(s.signed_at), " · ",
          t(`person.source.${s.source}`),
          s.sheet_number ? ` · ${t("person.sheet", { sheet: s.sheet_number, row: s.sheet_row })}` : "",
          s.version ? ` · ${t("person.words", { version: s.version, lang: s.lang.toUpperCase() })}` : "",
          " · ", el("span", { class: "display" }, t(`person.display.${s.display}`)),
          s.featured ? el("span", { class: "badge" }, t("person.featured")) : null, " ",
          withdraw("signature", s.appeal_id, t("person.withdraw.signature"), `withdraw-${s.appeal_id}`))))),
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("person.consents")),
      el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts consents", id: "person-consents" },
        el("thead", {}, el("tr", {}, ["when", "what", "act", "how", "wording", "by"].map((k) => el("th", {}, t(`person.consents.${k}`))))),
        el("tbody", {}, p.consents.map((c) => el("tr", {},
          el("td", {}, formatDate(c.at)),
          el("td", {}, t(`person.purpose.${c.purpose}`), c.appeal_title ? el("span", { class: "hint" }, ` ${c.appeal_title}`) : null),
          el("td", {}, t(c.given ? "person.given" : "person.withdrawn")),
          el("td", {}, t(`person.source.${c.how}`)),
          el("td", { lang: c.lang || "" }, c.wording, el("br"), el("code", { class: "hint" }, c.words_hash.slice(0, 12))),
          el("td", {}, c.recorded_by || ""))))))),
    rsvpsPanel(p.rsvps || []),
    donationsPanel(p.id, p.donations || []),
    mergesPanel(p, rerender),
    rightsPanel(p, name),
  );
}

/** What the person may ask for: a copy of everything about them, and to be erased. */
function rightsPanel(p, name) {
  const said = el("p", { class: "saved", id: "rights-said", "aria-live": "polite" });
  const save = el("button", { type: "button", id: "person-export" }, t("person.rights.export"));
  save.addEventListener("click", () => busy(save, async () => {
    const path = await call("export_person", { person: p.id, title: t("person.rights.dialog"), filterName: t("person.rights.filter") });
    if (path) said.textContent = t("person.rights.exported", { path });
  }));
  const erase = el("button", { type: "button", class: "danger", id: "person-erase" }, t("person.rights.erase"));
  const confirmArea = el("div", { id: "erase-confirm", "aria-live": "polite" });
  erase.addEventListener("click", () => {
    const yes = el("button", { type: "button", class: "danger", id: "person-erase-yes" }, t("person.rights.erase.yes"));
    const no = el("button", { type: "button", id: "person-erase-no" }, t("person.rights.erase.no"));
    no.addEventListener("click", () => replace(confirmArea));
    yes.addEventListener("click", () => busy(yes, async () => {
      await call("erase_person", { person: p.id });
      location.hash = "#signers";
    }));
    replace(confirmArea, el("div", { class: "preview" },
      el("p", {}, t("person.rights.erase.question", { name: isolate(name) })),
      el("div", { class: "inline" }, yes, no)));
    no.focus();
  });
  return el("section", { class: "panel", id: "person-rights" },
    el("h2", { class: "section-title" }, t("person.rights")),
    el("p", { class: "hint" }, t("person.rights.hint")),
    el("div", { class: "inline" }, save, erase),
    said,
    confirmArea);
}

/** Every detail on record, and the button that turns them into a form. */
function detailsPanel(p, rerender) {
  const edit = el("button", { type: "button", id: "person-edit" }, t("person.edit"));
  edit.addEventListener("click", () => {
    rerender(p, null, true);
    const first = document.getElementById("person-field-given_name");
    if (first) first.focus();
  });
  const value = (key) => {
    const v = p[key];
    if (v === null || v === undefined || v === "") return el("span", { class: "hint" }, t("person.details.none"));
    if (key === "country") return countryName(v, locale);
    if (key === "email") return el("span", { dir: "ltr" }, v);
    if (key === "notes") return el("span", { class: "notes", dir: "auto" }, v);
    return el("span", { dir: "auto" }, v);
  };
  return el("section", { class: "panel" },
    el("div", { class: "panel-head" },
      el("h2", { class: "section-title" }, t("person.details")), edit),
    el("dl", { class: "facts person-facts", id: "person-details" },
      PERSON_FIELDS.map((key) => [el("dt", {}, t(`field.${key}`)), el("dd", { "data-field": key }, value(key))]),
      p.created_at ? [el("dt", {}, t("person.created")), el("dd", {}, formatDate(p.created_at))] : null));
}

/** The details as a form; save_person checks them and answers the whole page again. */
function editForm(p, rerender) {
  const inputs = {};
  const errors = {};
  const boxes = PERSON_FIELDS.map((key) => {
    const id = `person-field-${key}`;
    const errorId = `person-error-${key}`;
    let input;
    if (key === "notes") {
      input = el("textarea", { id, rows: "4", maxlength: "4000", dir: "auto", "aria-describedby": errorId });
      input.value = p.notes || "";
    } else {
      const type = key === "email" ? "email" : key === "phone" ? "tel" : "text";
      const value = key === "country" ? (p.country ? countryName(p.country, locale) : "") : p[key] || "";
      input = el("input", {
        type, id, value, autocomplete: "off", "aria-describedby": errorId,
        maxlength: key === "email" ? "254" : "200",
        dir: key === "email" || key === "phone" ? "ltr" : "auto",
      });
    }
    inputs[key] = input;
    errors[key] = el("p", { class: "field-error", id: errorId });
    const extra = key === "country" ? el("p", { class: "hint", id: "person-country-hint", "aria-live": "polite" }) : null;
    return el("div", { class: `field field-${key}` },
      el("label", { for: id }, t(`field.${key}`)), input, extra, errors[key]);
  });
  const countryHint = boxes.find((b) => b.classList.contains("field-country")).querySelector(".hint");
  inputs.country.addEventListener("input", () => {
    const typed = inputs.country.value;
    const code = resolveCountry(typed, locale);
    const guess = code ? null : matchCountries(typed, locale, 1)[0];
    countryHint.textContent = code ? `${countryName(code, locale)} (${code})` : guess ? t("sheet.country.guess", { name: guess.name }) : "";
  });

  const setError = (key, text) => {
    for (const k of PERSON_FIELDS) {
      errors[k].textContent = k === key ? text : "";
      if (k === key) inputs[k].setAttribute("aria-invalid", "true");
      else inputs[k].removeAttribute("aria-invalid");
    }
    if (key) inputs[key].focus();
  };

  const save = el("button", { type: "submit", class: "primary", id: "person-save" }, t("person.save"));
  const cancel = el("button", { type: "button", id: "person-cancel" }, t("person.cancel"));
  cancel.addEventListener("click", () => rerender(p));
  const form = el("form", { class: "panel person-form", id: "person-form", novalidate: true },
    el("h2", { class: "section-title" }, t("person.edit.title")),
    el("div", { class: "two" }, boxes.slice(0, -1)),
    boxes[boxes.length - 1],
    el("div", { class: "inline" }, save, cancel));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearError();
    // A country is kept as its code: a name typed must name one country.
    let country = null;
    const typed = inputs.country.value.trim();
    if (typed) {
      country = resolveCountry(typed, locale);
      const matches = country ? [] : matchCountries(typed, locale, 2);
      if (!country && matches.length === 1) country = matches[0].code;
      if (!country) {
        setError("country", t("sheet.country.unknown", { value: typed }));
        return;
      }
    }
    const details = {};
    for (const key of PERSON_FIELDS) {
      const v = key === "country" ? country : inputs[key].value;
      details[key] = TEXT_FIELDS.has(key) ? v : v && v.trim() ? v : null;
    }
    busy(save, async () => {
      try {
        const page = await call("save_person", { person: p.id, details });
        rerender(page, t("person.saved"));
      } catch (e) {
        const field = (e.args && e.args.field) || FIELD_OF_ERROR[e.key];
        if (field && inputs[field]) setError(field, messageOf(e));
        throw e; // and the banner says it too
      }
    });
  });
  return form;
}

function rsvpsPanel(rsvps) {
  if (!rsvps.length) return null;
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("person.rsvps")),
    el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts plain", id: "person-rsvps" },
      el("thead", {}, el("tr", {}, ["event", "when", "answer", "guests"].map((k) => el("th", { scope: "col" }, t(`person.rsvps.${k}`))))),
      el("tbody", {}, rsvps.map((r) => el("tr", {},
        el("td", {}, r.event_title),
        el("td", {}, r.starts_at ? formatDate(r.starts_at) : t("person.rsvps.tba")),
        el("td", {}, has(`person.rsvp.${r.status}`) ? t(`person.rsvp.${r.status}`) : r.status),
        el("td", { class: "n" }, String(r.guests ?? 0))))))));
}

function donationsPanel(person, donations) {
  if (!donations.length) return null;
  // The summary for the year of the latest gift: the one a donor asks for at tax time.
  const year = donations.map((d) => d.received_on.slice(0, 4)).sort().pop();
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("person.donations")),
    el("p", {}, el("a", { href: `#print/kind=annual_receipt&person=${person}&year=${year}`, class: "button-link", id: "print-annual" },
      t("person.print.annual", { year }))),
    el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts plain", id: "person-donations" },
      el("thead", {}, el("tr", {}, ["when", "amount", "method", "fund"].map((k) => el("th", { scope: "col" }, t(`person.donations.${k}`))))),
      el("tbody", {}, donations.map((d) => el("tr", { class: d.voided ? "voided" : null },
        el("td", {}, el("a", { href: `#donation/${d.id}` }, formatDay(d.received_on))),
        el("td", { class: "n" }, formatMoney(d.amount, d.currency)),
        el("td", {}, has(`person.method.${d.method}`) ? t(`person.method.${d.method}`) : d.method,
          d.voided ? el("span", { class: "hint" }, " ", t("person.donations.voided")) : null),
        el("td", {}, d.fund_name || "")))))));
}

/** The people merged into this one; a merge not undone can be. */
function mergesPanel(p, rerender) {
  const merges = p.merges || [];
  if (!merges.length) return null;
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("person.merges")),
    el("p", { class: "hint" }, t("person.merges.hint")),
    el("ul", { class: "merge-lines", id: "person-merges" }, merges.map((m) => {
      const line = el("li", { "data-merge": m.id },
        t("person.merges.line", { name: isolate(m.other_name), when: formatDate(m.merged_at) }), " ");
      if (m.undone_at) {
        line.append(el("span", { class: "hint" }, t("person.merges.undone", { when: formatDate(m.undone_at) })));
      } else {
        const undo = el("button", { type: "button", class: "small", id: `undo-merge-${m.id}` }, t("person.merges.undo"));
        undo.addEventListener("click", () => busy(undo, async () => {
          await call("undo_merge", { merge: m.id });
          const again = await call("person_page", { person: p.id });
          rerender(again, t("person.merges.undo.done", { name: isolate(m.other_name) }));
        }));
        line.append(undo);
      }
      return line;
    })));
}
