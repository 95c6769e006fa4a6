// The Events section: a month calendar, then upcoming events (soonest first), those whose date
// is still to be announced, and past ones (latest first), each with its answers counted; the
// whole programme as a calendar file; and the form for a new event.
import { t, locale, isolate } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { eventWhen, laptopWhen, dayIn } from "../event-time.js";
import { eventForm } from "./event-form.js";

export async function render(view) {
  const lists = await call("event_lists");
  const all = [...lists.upcoming, ...lists.undated, ...lists.past];
  const saved = el("p", { id: "events-saved", class: "saved", role: "status" });
  const ics = el("button", { type: "button", id: "save-all-ics" }, t("events.ics"));
  ics.addEventListener("click", () => busy(ics, async () => {
    const done = await call("save_calendar", { event: null, title: t("events.ics.title"), filter: t("events.ics.filter") });
    if (done) saved.textContent = t("events.ics.saved", { count: done.events, path: done.path });
  }));
  const first = lists.upcoming[0] || lists.past[0];
  const month = first && first.starts_at ? dayIn(first.starts_at, first.time_zone).slice(0, 7) : today().slice(0, 7);
  replace(view,
    el("h1", {}, t("events.title")),
    el("p", { class: "hint" }, t("events.lead")),
    el("div", { class: "inline" }, ics, saved),
    calendar(all, month),
    el("div", { id: "event-lists" },
      section("upcoming", lists.upcoming),
      section("undated", lists.undated),
      section("past", lists.past)),
    await eventForm(null, null, (id) => { location.hash = `#event/${id}`; }),
  );
}

function today() {
  return dayIn(new Date().toISOString(), Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function section(which, events) {
  return el("section", { class: "panel", id: `events-${which}` },
    el("h2", { class: "section-title" }, t(`events.${which}`)),
    events.length === 0
      ? el("p", { class: "hint" }, t(`events.${which}.none`))
      : el("ul", { class: "event-list" }, events.map(item)));
}

/** Going of capacity, and the waitlist when there is one. */
export function placesText(c) {
  const going = c.capacity
    ? t("events.places.capacity", { count: c.places, capacity: c.capacity })
    : t("events.places", { count: c.places });
  return c.waitlisted ? `${going} · ${t("events.waitlisted", { count: c.waitlisted })}` : going;
}

function item(e) {
  const here = laptopWhen(e);
  const place = [e.venue, e.city].filter(Boolean).join(", ") || (e.online_url ? t("events.online") : "");
  return el("li", { class: "event-item", "data-event": e.id },
    el("a", { href: `#event/${e.id}`, class: "event-link", dir: "auto" }, e.title),
    " ", el("span", { class: `status status-${e.status}` }, t(`event.status.${e.status}`)),
    el("p", { class: "event-when" }, eventWhen(e), here ? el("span", { class: "hint" }, ` · ${here}`) : null),
    el("p", { class: "hint" }, [place, placesText(e.counts)].filter(Boolean).join(" · ")));
}

/** A month of weeks; each event on its day(s) on its own clock. */
function calendar(events, startMonth) {
  const box = el("section", { class: "panel", id: "event-calendar" });
  let month = startMonth; // "YYYY-MM"
  const draw = () => {
    const [y, m] = month.split("-").map(Number);
    const first = new Date(Date.UTC(y, m - 1, 1));
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    // Weeks start on Monday (ISO 8601), as most of the campaign's countries count them; in
    // Farsi on Saturday, as the Iranian week does.
    const startDay = locale === "fa" ? 6 : 1;
    const lead = (first.getUTCDay() - startDay + 7) % 7;
    const on = new Map();
    for (const e of events) {
      if (!e.starts_at) continue;
      const from = dayIn(e.starts_at, e.time_zone);
      const to = e.ends_at ? dayIn(e.ends_at, e.time_zone) : from;
      for (let d = 1; d <= days; d++) {
        const day = `${month}-${String(d).padStart(2, "0")}`;
        if (day >= from && day <= to) on.set(day, [...(on.get(day) || []), e]);
      }
    }
    const weekday = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
    // 1 January 2024 was a Monday: the week's first day is a few days on from it.
    const heads = Array.from({ length: 7 }, (_, i) => el("th", { scope: "col" }, weekday.format(new Date(Date.UTC(2024, 0, 1 + ((startDay + 6) % 7) + i)))));
    const cells = [];
    for (let i = 0; i < lead; i++) cells.push(el("td", { class: "cal-empty" }));
    const now = today();
    for (let d = 1; d <= days; d++) {
      const day = `${month}-${String(d).padStart(2, "0")}`;
      cells.push(el("td", { class: day === now ? "cal-today" : null, "data-day": day },
        el("span", { class: "cal-day" }, new Intl.NumberFormat(locale).format(d)),
        (on.get(day) || []).map((e) => el("a", { href: `#event/${e.id}`, class: `cal-event status-${e.status}`, dir: "auto" }, e.title))));
    }
    while (cells.length % 7) cells.push(el("td", { class: "cal-empty" }));
    const rows = [];
    for (let i = 0; i < cells.length; i += 7) rows.push(el("tr", {}, cells.slice(i, i + 7)));
    // The grid is a Gregorian month (events are kept by that calendar), so its title names
    // that month in every language; in Farsi the Solar Hijri months it spans follow.
    const title = monthTitle(first);
    const step = (n) => () => {
      const next = new Date(Date.UTC(y, m - 1 + n, 1));
      month = `${next.getUTCFullYear()}-${String(next.getUTCMonth() + 1).padStart(2, "0")}`;
      draw();
    };
    replace(box,
      el("div", { class: "cal-head" },
        el("button", { type: "button", id: "cal-prev", "aria-label": t("events.calendar.previous"), onclick: step(-1) }, t("events.calendar.previous.sign")),
        el("h2", { class: "section-title", id: "cal-month", "aria-live": "polite" }, title),
        el("button", { type: "button", id: "cal-next", "aria-label": t("events.calendar.next"), onclick: step(1) }, t("events.calendar.next.sign"))),
      el("table", { class: "calendar" }, el("thead", {}, el("tr", {}, heads)), el("tbody", {}, rows)));
  };
  draw();
  return box;
}

/** "March 2027"; in Farsi "مارس ۲۰۲۷ (اسفند ۱۴۰۵ – فروردین ۱۴۰۶)". */
function monthTitle(first) {
  const gregorian = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC", calendar: "gregory" }).format(first);
  if (locale !== "fa") return gregorian;
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const solar = (d) => new Intl.DateTimeFormat("fa", { month: "long", year: "numeric", timeZone: "UTC" }).format(d);
  // Each month isolated, so the digits and the dash between them keep their places.
  return `${isolate(gregorian)} (${isolate(solar(first))} – ${isolate(solar(last))})`;
}
