// A person's page, as far as signing goes: who they are, what they signed (with the words'
// version and, for paper, the sheet and row), whether the campaign may write to them, and
// every consent act on record. Withdrawing the contact consent or a signature is one action
// here, recorded like giving it. (The signer list issue adds editing and the rest.)
import { t, formatDate } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { countryName } from "../countries.js";

export async function render(view, id) {
  const page = await call("person_page", { person: id });
  show(view, page);
}

function show(view, p) {
  const name = `${p.given_name} ${p.family_name}`.trim();
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
        show(view, again);
        document.getElementById("person-done").textContent = t(`person.withdrawn.${what}`);
      }));
      yes.focus();
    });
    return button;
  };
  replace(view,
    el("h1", { id: "person-name" }, name),
    el("p", { class: "hint" }, [p.email, p.city, p.country && countryName(p.country, "en"), p.title].filter(Boolean).join(" · ")),
    el("p", { id: "person-done", class: "saved", "aria-live": "polite" }),
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("person.contact")),
      el("p", { id: "person-contact" }, t(p.may_contact ? "person.contact.yes" : "person.contact.no")),
      p.may_contact ? withdraw("contact", null, t("person.withdraw.contact"), "withdraw-contact") : null),
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("person.signatures")),
      p.signatures.length === 0 ? el("p", { class: "hint" }, t("person.signatures.none")) :
        el("ul", { class: "signature-lines", id: "person-signatures" }, p.signatures.map((s) => el("li", {},
          el("a", { href: `#appeal/${s.appeal_id}` }, s.appeal_title), " · ", formatDate(s.signed_at), " · ",
          t(`person.source.${s.source}`),
          s.sheet_number ? ` · ${t("person.sheet", { sheet: s.sheet_number, row: s.sheet_row })}` : "",
          s.version ? ` · ${t("person.words", { version: s.version, lang: s.lang.toUpperCase() })}` : "",
          " · ", t(`person.display.${s.display}`), " ",
          withdraw("signature", s.appeal_id, t("person.withdraw.signature"), `withdraw-${s.appeal_id}`))))),
    el("section", { class: "panel" },
      el("h2", { class: "section-title" }, t("person.consents")),
      el("table", { class: "counts consents", id: "person-consents" },
        el("thead", {}, el("tr", {}, ["when", "what", "act", "how", "wording", "by"].map((k) => el("th", {}, t(`person.consents.${k}`))))),
        el("tbody", {}, p.consents.map((c) => el("tr", {},
          el("td", {}, formatDate(c.at)),
          el("td", {}, t(`person.purpose.${c.purpose}`), c.appeal_title ? el("span", { class: "hint" }, ` ${c.appeal_title}`) : null),
          el("td", {}, t(c.given ? "person.given" : "person.withdrawn")),
          el("td", {}, t(`person.source.${c.how}`)),
          el("td", { lang: c.lang || "" }, c.wording, el("br"), el("code", { class: "hint" }, c.words_hash.slice(0, 12))),
          el("td", {}, c.recorded_by || "")))))),
  );
}
