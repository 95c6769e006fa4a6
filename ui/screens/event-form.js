// The form of an event, for a new one (Events screen) and for editing (the event's page).
// Times are typed on the event's own wall clock, in its IANA zone; core stores them in UTC.
// Every check is core's: an error names its field.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el } from "../dom.js";
import { busy } from "../busy.js";

const STATUSES = ["announced", "draft", "tba", "cancelled"];
/** One line each in the form; null when left blank. */
const LINES = ["venue", "address", "city", "country", "online_url", "contact_phone", "contact_email", "price", "price_currency", "ticket_value"];

/** The laptop's own zone: a new event's default. */
function laptopZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/**
 * The form for `event` (EventInput, or null for a new one); `onSaved(id, promoted)` runs after
 * a save.
 */
export async function eventForm(id, event, onSaved) {
  const appeals = await call("list_appeals");
  const e = event || { status: "announced", time_zone: laptopZone(), price_kind: "suggested" };
  const text = (name, attrs = {}) =>
    el("input", { type: "text", id: `event-${name.replaceAll("_", "-")}`, value: e[name] ?? "", autocomplete: "off", ...attrs });
  const area = (name, rows = 3) =>
    el("textarea", { id: `event-${name}`, rows: String(rows) }, e[name] ?? "");
  const field = (input, key, hint = null) =>
    el("div", { class: "field" }, el("label", { for: input.id }, t(key)), hint ? el("p", { class: "hint" }, t(hint)) : null, input);

  const title = text("title", { maxlength: "200" });
  const subtitle = text("subtitle", { maxlength: "300" });
  const description = area("description", 5);
  const starts = el("input", { type: "datetime-local", id: "event-starts", value: e.starts ?? "" });
  const ends = el("input", { type: "datetime-local", id: "event-ends", value: e.ends ?? "" });
  const zones = el("datalist", { id: "event-zones" },
    (Intl.supportedValuesOf ? Intl.supportedValuesOf("timeZone") : []).map((z) => el("option", { value: z })));
  const zone = el("input", { type: "text", id: "event-tz", value: e.time_zone ?? laptopZone(), list: "event-zones", autocomplete: "off", spellcheck: "false" });
  const capacity = el("input", { type: "number", id: "event-capacity", min: "1", step: "1", value: e.capacity ?? "" });
  const status = el("select", { id: "event-status" },
    STATUSES.map((s) => el("option", { value: s, selected: s === e.status }, t(`event.status.${s}`))));
  const appeal = el("select", { id: "event-appeal" },
    el("option", { value: "" }, t("event.form.no_appeal")),
    appeals.map((a) => el("option", { value: a.id, selected: a.id === e.appeal }, a.title)));
  const kind = el("select", { id: "event-price-kind" },
    ["suggested", "ticket"].map((k) => el("option", { value: k, selected: k === e.price_kind }, t(`event.price.${k}`))));
  const lines = Object.fromEntries(LINES.map((name) => [name, text(name)]));
  lines.country.setAttribute("maxlength", "2");
  lines.price_currency.setAttribute("maxlength", "3");
  lines.contact_email.setAttribute("type", "email");
  const cosponsors = area("cosponsors");
  const program = area("program");
  const causes = area("causes");
  const languages = text("languages", { placeholder: "en, fa" });
  const save = el("button", { type: "submit", class: "primary", id: "save-event" }, t(id ? "event.form.save" : "event.form.create"));

  const form = el("form", { class: "panel event-form", id: "event-form", novalidate: true },
    el("h2", { class: "section-title" }, t(id ? "event.form.edit" : "event.form.new")),
    field(title, "event.form.title"),
    field(subtitle, "event.form.subtitle"),
    el("div", { class: "two" },
      field(starts, "event.form.starts", "event.form.starts.hint"),
      field(ends, "event.form.ends"),
      el("div", { class: "field" }, el("label", { for: "event-tz" }, t("event.form.zone")), zone, zones)),
    el("div", { class: "two" },
      field(status, "event.form.status"),
      field(capacity, "event.form.capacity", "event.form.capacity.hint"),
      field(appeal, "event.form.appeal")),
    field(description, "event.form.description"),
    el("div", { class: "two" },
      field(lines.venue, "event.form.venue"),
      field(lines.address, "event.form.address"),
      field(lines.city, "event.form.city"),
      field(lines.country, "event.form.country")),
    field(lines.online_url, "event.form.link"),
    el("div", { class: "two" },
      field(program, "event.form.program", "event.form.one_per_line"),
      field(cosponsors, "event.form.cosponsors", "event.form.one_per_line"),
      field(causes, "event.form.causes", "event.form.one_per_line")),
    el("div", { class: "two" },
      field(languages, "event.form.languages"),
      field(lines.contact_phone, "event.form.phone"),
      field(lines.contact_email, "event.form.email")),
    el("div", { class: "two" },
      field(kind, "event.form.price_kind"),
      field(lines.price, "event.form.price"),
      field(lines.price_currency, "event.form.currency"),
      field(lines.ticket_value, "event.form.ticket_value", "event.form.ticket_value.hint")),
    save);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(save, async () => {
      const blank = (v) => (v.trim() === "" ? null : v);
      const input = {
        title: title.value,
        subtitle: subtitle.value,
        description: description.value,
        starts: blank(starts.value),
        ends: blank(ends.value),
        time_zone: zone.value,
        capacity: capacity.value ? Number(capacity.value) : null,
        cosponsors: cosponsors.value,
        program: program.value,
        causes: causes.value,
        languages: languages.value,
        price_kind: kind.value,
        status: status.value,
        appeal: appeal.value || null,
      };
      for (const [name, input_] of Object.entries(lines)) input[name] = blank(input_.value);
      const saved = await call("save_event", { id, event: input });
      onSaved(saved.id, saved.promoted);
    });
  });
  return form;
}
