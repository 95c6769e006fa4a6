// The Appeals section: every appeal with its signers, and a form to start a new one.
import { t, LANGUAGES } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";

export async function render(view) {
  const list = await call("list_appeals");
  replace(view,
    el("h1", {}, t("appeals.title")),
    el("p", { class: "hint" }, t("appeals.lead")),
    list.length === 0
      ? el("div", { class: "empty-state" }, el("p", {}, t("appeals.empty")))
      : el("ul", { class: "appeal-list", id: "appeal-list" }, list.map(item)),
    newAppealForm(),
  );
}

function item(a) {
  const goal = a.goal ? t("appeals.of_goal", { goal: a.goal }) : "";
  return el("li", { class: "appeal-item" },
    el("a", { href: `#appeal/${a.id}`, class: "appeal-link", lang: a.lang }, a.title),
    el("span", { class: `status status-${a.status}` }, t(`appeal.status.${a.status}`)),
    el("p", { class: "hint" },
      t("appeals.counts", { count: a.signers, countries: a.countries }), goal, " · ",
      el("code", {}, a.slug), " · ", a.langs.map((l) => l.toUpperCase()).join(" ")),
  );
}

/** The languages an appeal can be written in: those of the table form first, then any code. */
export function languageSelect(id, chosen = "en") {
  return el("select", { id },
    LANGUAGES.map((l) => el("option", { value: l.code, selected: l.code === chosen }, `${l.name} (${l.code})`)));
}

function newAppealForm() {
  const title = el("input", { type: "text", id: "new-appeal-title", maxlength: "200", autocomplete: "off" });
  const lang = languageSelect("new-appeal-lang");
  const body = el("textarea", { id: "new-appeal-text", rows: "8" });
  const consent = el("textarea", { id: "new-appeal-consent", rows: "2", placeholder: t("appeal.words.consent.default") });
  const contact = el("textarea", { id: "new-appeal-contact", rows: "2", placeholder: t("appeal.words.contact.default") });
  const slug = el("input", { type: "text", id: "new-appeal-slug", maxlength: "60", autocomplete: "off", placeholder: t("appeals.new.slug.placeholder") });
  const goal = el("input", { type: "number", id: "new-appeal-goal", min: "1", step: "1" });
  const status = el("select", { id: "new-appeal-status" },
    el("option", { value: "draft" }, t("appeal.status.draft")),
    el("option", { value: "open" }, t("appeal.status.open")));
  const button = el("button", { type: "submit", class: "primary", id: "create-appeal" }, t("appeals.new.create"));
  const form = el("form", { class: "panel", id: "new-appeal" },
    el("h2", { class: "section-title" }, t("appeals.new.title")),
    el("label", { for: "new-appeal-title" }, t("appeal.words.title")), title,
    el("label", { for: "new-appeal-lang" }, t("appeal.words.lang")), lang,
    el("label", { for: "new-appeal-text" }, t("appeal.words.text")), body,
    el("label", { for: "new-appeal-consent" }, t("appeal.words.consent")),
    el("p", { class: "hint" }, t("appeal.words.consent.hint")), consent,
    el("label", { for: "new-appeal-contact" }, t("appeal.words.contact")), contact,
    el("div", { class: "two" },
      el("div", {}, el("label", { for: "new-appeal-slug" }, t("appeal.details.slug")), slug),
      el("div", {}, el("label", { for: "new-appeal-goal" }, t("appeal.details.goal")), goal),
      el("div", {}, el("label", { for: "new-appeal-status" }, t("appeal.details.status")), status)),
    button,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, async () => {
      const id = await call("create_appeal", {
        slug: slug.value || null,
        words: { lang: lang.value, title: title.value, body: body.value, consent: consent.value, contact_consent: contact.value },
        status: status.value,
        goal: goal.value ? Number(goal.value) : null,
      });
      location.hash = `#appeal/${id}`;
    });
  });
  return form;
}
