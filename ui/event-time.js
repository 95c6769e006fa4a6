// An event's time as a reader needs it: on the event's own clock, in its zone ("1:00 PM Pacific
// Standard Time"), with the laptop's own time beside it when the two differ, wherever the laptop
// is. The UTC instants come from core; Intl does the zones.
import { t, locale } from "./i18n.js";

const laptopZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function format(iso, timeZone, options) {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(iso));
}

/** The wall-clock offset of `zone` at `iso`, in minutes, to tell two zones apart there. */
function offset(iso, zone) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  }).formatToParts(new Date(iso));
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return Math.round((wall - Date.parse(iso)) / 60000);
}

/** "Saturday, January 9, 2027, 1:00 – 2:30 PM Pacific Standard Time" (or the date to come). */
export function eventWhen(e) {
  if (!e.starts_at) return t("event.when.tba");
  const zone = e.time_zone;
  let day = format(e.starts_at, zone, { weekday: "long", year: "numeric", month: "long", day: "numeric" });
  // In Farsi the Solar Hijri date, and the Gregorian one beside it: invitations and venues go by it.
  if (locale === "fa") day += ` (${format(e.starts_at, zone, { year: "numeric", month: "long", day: "numeric", calendar: "gregory" })})`;
  const from = format(e.starts_at, zone, { timeStyle: "short" });
  const sameDay = e.ends_at && format(e.ends_at, zone, { dateStyle: "short" }) === format(e.starts_at, zone, { dateStyle: "short" });
  const to = e.ends_at
    ? (sameDay ? format(e.ends_at, zone, { timeStyle: "short" }) : format(e.ends_at, zone, { dateStyle: "medium", timeStyle: "short" }))
    : null;
  const zoneName = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "long" })
    .formatToParts(new Date(e.starts_at)).find((p) => p.type === "timeZoneName")?.value ?? zone;
  return t(to ? "event.when.range" : "event.when.at", { day, from, to, zone: zoneName });
}

/** The laptop's own time of the start, when its clock differs from the event's; else null. */
export function laptopWhen(e) {
  if (!e.starts_at || offset(e.starts_at, e.time_zone) === offset(e.starts_at, laptopZone)) return null;
  return t("event.when.here", { time: format(e.starts_at, laptopZone, { weekday: "short", hour: "numeric", minute: "2-digit" }) });
}

/** The day (YYYY-MM-DD) of an instant on `zone`'s clock: where an event sits in a calendar. */
export function dayIn(iso, zone) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(new Date(iso));
  const get = (type) => parts.find((p) => p.type === type).value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}
