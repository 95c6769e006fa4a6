// An event's page: what it is (the flyer's facts), its answers counted against its capacity,
// the answers with the waitlist in its order and who moved up when, check-ins and walk-ins,
// the signatures gathered and the money taken there. From here: edit it, add an answer, change
// one, open the door, mark the no-shows (undoably), save it as a calendar file, open its cash
// box, record a gift taken there.
import { t, formatDate, formatMoney, isolate } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { eventWhen, laptopWhen } from "../event-time.js";
import { eventForm } from "./event-form.js";
import { placesText } from "./events.js";
import { donationForm } from "./donation-form.js";

const STATUSES = ["accepted", "tentative", "needs_action", "waitlisted", "declined", "cancelled"];

export async function render(view, id) {
  const page = await call("event_page", { id });
  show(view, page);
}

function show(view, page, note = "") {
  const e = page.event;
  const message = el("p", { id: "event-message", class: "saved", role: "status" }, note);
  const reload = async (text) => show(view, await call("event_page", { id: e.id }), text);
  const door = el("button", { type: "button", class: "primary", id: "open-door" }, t("event.door"));
  door.addEventListener("click", () => busy(door, async () => {
    const opened = await call("start_door_mode", { event: e.id });
    const frame = await import("../frame.js");
    await frame.enterDoorMode(opened);
  }));
  const ics = el("button", { type: "button", id: "save-event-ics" }, t("event.ics"));
  ics.addEventListener("click", () => busy(ics, async () => {
    const done = await call("save_calendar", { event: e.id, title: t("events.ics.title"), filter: t("events.ics.filter") });
    if (done) message.textContent = t("event.ics.saved", { path: done.path });
  }));
  const noShows = el("button", { type: "button", id: "mark-no-shows" }, t("event.no_shows"));
  noShows.addEventListener("click", () => busy(noShows, async () => {
    const marked = await call("mark_no_shows", { event: e.id });
    await reload(t("event.no_shows.done", { count: marked.marked }));
    const undo = el("button", { type: "button", class: "small", id: "undo-no-shows" }, t("event.undo"));
    undo.addEventListener("click", () => busy(undo, async () => {
      await call("undo_no_shows", { event: e.id, at: marked.at });
      await reload(t("event.no_shows.undone"));
    }));
    document.getElementById("event-message").append(" ", undo);
  }));
  const edit = el("button", { type: "button", id: "edit-event" }, t("event.edit"));
  const editBox = el("div", { id: "event-edit" });
  edit.addEventListener("click", () => busy(edit, async () => {
    const input = await call("event_form", { id: e.id });
    replace(editBox, await eventForm(e.id, input, async (_, promoted) =>
      reload(promoted ? t("event.promoted", { count: promoted }) : t("event.saved"))));
    editBox.scrollIntoView();
  }));
  const importButton = el("a", { href: `#rsvp-import/${e.id}`, class: "button-link", id: "import-rsvps" }, t("event.import"));
  const exportButton = el("button", { type: "button", id: "export-rsvps" }, t("event.export"));
  exportButton.addEventListener("click", () => busy(exportButton, async () => {
    const done = await call("export_rsvps", { event: e.id, title: t("event.export"), filter: t("rsvp_import.filter") });
    if (done) message.textContent = t("event.export.saved", { count: done.rows, path: done.path });
  }));
  const printFlyer = el("a", { href: `#print/kind=flyer&event=${e.id}`, class: "button-link", id: "print-flyer" }, t("event.print.flyer"));
  const printDoor = el("a", { href: `#print/kind=door_list&event=${e.id}`, class: "button-link", id: "print-door-list" }, t("event.print.door_list"));
  const printReport = el("a", { href: `#print/kind=report_attendance&event=${e.id}`, class: "button-link", id: "print-attendance" }, t("event.print.attendance"));
  const cashBox = el("a", { href: `#cashbox/${e.id}`, class: "button-link", id: "open-cash-box" }, t("event.cash_box"));
  const gift = el("button", { type: "button", id: "event-record-gift" }, t("money.record_gift"));
  gift.addEventListener("click", () => busy(gift, async () => {
    replace(editBox, await donationForm({
      preset: { event: e.id },
      onSaved: () => reload(t("money.gift_saved")),
      onCancel: () => replace(editBox),
    }));
    editBox.scrollIntoView();
  }));
  const remove = el("button", { type: "button", class: "danger", id: "remove-event" }, t("event.remove"));
  remove.addEventListener("click", () => {
    // A second look: the confirmation replaces the button in place.
    const yes = el("button", { type: "button", class: "danger", id: "remove-event-confirm" }, t("event.remove.confirm", { count: page.rsvps.length }));
    remove.replaceWith(yes);
    yes.focus();
    yes.addEventListener("click", () => busy(yes, async () => {
      await call("remove_event", { id: e.id });
      location.hash = "#events";
    }));
  });
  const here = laptopWhen(e);
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#events" }, t("event.back"))),
    el("h1", { id: "event-title", dir: "auto" }, e.title, " ",
      el("span", { class: `status status-${e.status}` }, t(`event.status.${e.status}`))),
    e.subtitle ? el("p", { class: "event-subtitle", dir: "auto" }, e.subtitle) : null,
    el("p", { class: "event-when", id: "event-when" }, eventWhen(e)),
    here ? el("p", { class: "hint", id: "event-here" }, here) : null,
    el("div", { class: "inline" }, door, edit, ics, printFlyer, printDoor, printReport, noShows, exportButton, importButton, cashBox, gift, remove),
    message,
    counts(page),
    facts(e),
    answers(page, reload),
    addForm(e, reload),
    editBox);
}

function counts(page) {
  const c = page.counts;
  const item = (key, value) => el("div", { class: "stat" }, el("span", { class: "stat-value" }, value), el("span", { class: "stat-label" }, t(key)));
  const arrived = c.capacity ? t("event.arrived.capacity", { count: c.arrived, capacity: c.capacity }) : c.arrived;
  return el("section", { class: "panel", id: "event-counts", "data-places": c.places, "data-waitlisted": c.waitlisted, "aria-live": "polite" },
    el("h2", { class: "section-title" }, t("event.counts")),
    el("p", { id: "event-places" }, placesText(c)),
    el("div", { class: "stats" },
      item("event.count.going", c.accepted),
      item("event.count.waitlisted", c.waitlisted),
      item("event.count.maybe", c.tentative),
      item("event.count.declined", c.declined),
      item("event.count.cancelled", c.cancelled),
      item("event.count.arrived", arrived),
      item("event.count.walk_ins", c.walk_ins),
      item("event.count.no_shows", c.no_shows)),
    el("h3", {}, t("event.taken")),
    page.taken.signatures.length === 0 && page.taken.money.length === 0
      ? el("p", { class: "hint" }, t("event.taken.none"))
      : el("ul", { id: "event-taken" },
        page.taken.signatures.map(([appeal, n]) => el("li", {}, t("event.taken.signatures", { count: n, appeal: isolate(appeal) }))),
        page.taken.money.map(([currency, total, n]) => el("li", {}, t("event.taken.money", { count: n, total: formatMoney(total, currency) })))));
}

function facts(e) {
  const row = (key, value) => (value ? [el("dt", {}, t(key)), el("dd", { dir: "auto" }, value)] : null);
  const list = (items) => (items.length ? el("ul", {}, items.map((i) => el("li", { dir: "auto" }, i))) : null);
  const price = e.price ? `${formatMoney(e.price, e.price_currency)} (${t(`event.price.${e.price_kind}`)})` : null;
  return el("section", { class: "panel", id: "event-facts" },
    el("h2", { class: "section-title" }, t("event.facts")),
    e.description ? e.description.split(/\n{2,}/).map((p) => el("p", { dir: "auto" }, p)) : null,
    el("dl", { class: "facts" },
      row("event.form.venue", e.venue),
      row("event.form.address", [e.address, e.city, e.country].filter(Boolean).join(", ")),
      row("event.form.link", e.online_url),
      row("event.form.capacity", e.capacity || null),
      row("event.form.program", list(e.program)),
      row("event.form.cosponsors", list(e.cosponsors)),
      row("event.form.causes", list(e.causes)),
      row("event.form.languages", e.languages.map((l) => l.toUpperCase()).join(", ")),
      row("event.form.phone", e.contact_phone),
      row("event.form.email", e.contact_email),
      row("event.form.price", price),
      row("event.form.ticket_value", e.ticket_value ? formatMoney(e.ticket_value, e.price_currency) : null),
      row("event.form.appeal", e.appeal_title)));
}

function answers(page, reload) {
  if (page.rsvps.length === 0) {
    return el("section", { class: "panel" }, el("h2", { class: "section-title" }, t("event.answers")), el("p", { class: "hint" }, t("event.answers.none")));
  }
  return el("section", { class: "panel" },
    el("h2", { class: "section-title" }, t("event.answers")),
    // Seven columns: at large text the table scrolls on its own rather than the whole page.
    el("div", { class: "table-scroll", tabindex: "0" },
      el("table", { class: "rsvps", id: "rsvp-list" },
        el("thead", {}, el("tr", {},
          ["event.col.name", "event.col.party", "event.col.status", "event.col.answered", "event.col.door", "event.col.note", "event.col.actions"]
            .map((k) => el("th", { scope: "col" }, t(k))))),
        el("tbody", {}, page.rsvps.map((r) => answerRow(r, reload))))));
}

function answerRow(r, reload) {
  const status = el("select", { class: "rsvp-status", "aria-label": t("event.col.status") },
    STATUSES.map((s) => el("option", { value: s, selected: s === r.status }, t(`rsvp.status.${s}`))));
  const party = el("input", { type: "number", class: "rsvp-party", min: "1", max: "51", value: String(1 + r.guests), "aria-label": t("event.col.party") });
  const save = el("button", { type: "button", class: "small rsvp-save" }, t("event.answer.save"));
  save.addEventListener("click", () => busy(save, async () => {
    const done = await call("change_rsvp", { rsvp: r.id, status: status.value, guests: Number(party.value) - 1, note: r.note });
    await reload(said(done, status.value));
  }));
  const checkedIn = r.attendance === "attended";
  const door = el("button", { type: "button", class: "small rsvp-door" }, t(checkedIn ? "event.check_in.undo" : "event.check_in"));
  door.addEventListener("click", () => busy(door, async () => {
    await call("set_checked_in", { rsvp: r.id, checkedIn: !checkedIn });
    await reload("");
  }));
  const remove = el("button", { type: "button", class: "small danger rsvp-remove" }, t("event.answer.remove"));
  remove.addEventListener("click", () => {
    const yes = el("button", { type: "button", class: "small danger" }, t("event.answer.remove.confirm"));
    remove.replaceWith(yes);
    yes.focus();
    yes.addEventListener("click", () => busy(yes, async () => {
      const promoted = await call("remove_rsvp", { rsvp: r.id });
      await reload(promoted ? t("event.promoted", { count: promoted }) : t("event.answer.removed"));
    }));
  });
  const doorState = r.attendance === "attended"
    ? t("event.door.in", { count: r.arrived, party: 1 + r.guests })
    : r.attendance === "no_show" ? t("event.door.no_show") : "";
  const source = r.source === "typed" ? "" : ` · ${t(`rsvp.source.${r.source}`)}`;
  return el("tr", { "data-rsvp": r.id, "data-status": r.status },
    el("td", {}, el("a", { href: `#person/${r.person}`, dir: "auto" }, `${r.given_name} ${r.family_name}`.trim())),
    el("td", {}, party),
    el("td", {}, status,
      r.promoted_at ? el("p", { class: "hint" }, t("event.promoted_at", { when: formatDate(r.promoted_at) })) : null),
    el("td", {}, formatDate(r.answered_at), source),
    el("td", {}, doorState),
    el("td", { dir: "auto" }, r.note),
    el("td", {}, el("div", { class: "inline" }, save, door, remove)));
}

/** What an answer did, in words: on the waitlist when it did not fit; who moved up. */
function said(done, asked) {
  const parts = [];
  if (asked === "accepted" && done.status === "waitlisted") parts.push(t("event.answer.waitlisted"));
  else parts.push(t("event.answer.saved"));
  if (done.promoted.length) parts.push(t("event.promoted", { count: done.promoted.length }));
  return parts.join(" ");
}

function addForm(e, reload) {
  const input = (id, key, attrs = {}) => {
    const field = el("input", { type: "text", id, autocomplete: "off", ...attrs });
    return el("div", { class: "field" }, el("label", { for: id }, t(key)), field);
  };
  const status = el("select", { id: "rsvp-status" }, STATUSES.map((s) => el("option", { value: s }, t(`rsvp.status.${s}`))));
  const add = el("button", { type: "submit", class: "primary", id: "add-rsvp" }, t("event.add.save"));
  const form = el("form", { class: "panel", id: "rsvp-form", novalidate: true },
    el("h2", { class: "section-title" }, t("event.add")),
    el("div", { class: "two" },
      input("rsvp-given", "event.add.given"),
      input("rsvp-family", "event.add.family"),
      input("rsvp-email", "event.add.email", { type: "email" }),
      input("rsvp-party", "event.col.party", { type: "number", min: "1", max: "51", value: "1" }),
      el("div", { class: "field" }, el("label", { for: "rsvp-status" }, t("event.col.status")), status)),
    input("rsvp-note", "event.col.note"),
    add);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(add, async () => {
      const value = (id) => document.getElementById(id).value;
      const done = await call("add_rsvp", {
        event: e.id,
        person: { given_name: value("rsvp-given"), family_name: value("rsvp-family"), email: value("rsvp-email") || null },
        status: status.value,
        guests: Number(value("rsvp-party") || 1) - 1,
        note: value("rsvp-note"),
      });
      await reload(said(done, status.value));
    });
  });
  return form;
}
