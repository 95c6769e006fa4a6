// Looks up user-visible strings in the message catalogs and formats numbers and dates for the
// reader's language. The window speaks the language chosen in Settings (kept in this
// laptop's web storage, since it is the person's and not the campaign's, and must be known
// before an encrypted campaign is unlocked), else the system's when it is one of ours, else
// English. Table mode lets a visitor choose English, Farsi or Spanish for the signing form,
// through a translator of its own (`translator`), so the rest of the window keeps its
// language. A key missing from a catalog falls back to English and is logged. Only English
// (the fallback) and the window's language are fetched at start-up; table mode fetches the
// visitor's choices (`loadLanguages`).
import en from "./messages/en.js";

/** The languages a visitor can choose, each named in itself. */
export const LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fa", name: "فارسی", dir: "rtl" },
  { code: "es", name: "Español", dir: "ltr" },
];

/** The catalogs fetched so far, by language code. */
const CATALOGS = { en };
const known = (code) => LANGUAGES.some((l) => l.code === code);

/** Fetches the catalogs of `codes` not fetched yet; `translator` needs its language's. */
export async function loadLanguages(codes) {
  for (const code of codes.filter((c) => known(c) && !CATALOGS[c])) {
    CATALOGS[code] = (await import(`./messages/${code}.js`)).default;
  }
}

/** A translator for `locale`: t(), has(), formatCount(), its direction. */
export function translator(locale) {
  const catalog = CATALOGS[locale] || en;
  const plurals = new Intl.PluralRules(locale);
  const integers = new Intl.NumberFormat(locale);
  const lang = LANGUAGES.find((l) => l.code === locale);
  return {
    locale,
    dir: lang ? lang.dir : "ltr",
    has: (key) => Object.hasOwn(catalog, key) || Object.hasOwn(en, key),
    /**
     * The message `key`, with `{name}` replaced by `params.name` (numbers formatted for the
     * reader). A message with plural forms ({ one, other }) is chosen by `params.count`.
     * A missing key shows itself, so it is noticed.
     */
    t(key, params = {}) {
      let text = Object.hasOwn(catalog, key) ? catalog[key] : en[key];
      if (text === undefined) {
        console.error(`missing message: ${key}`);
        return key;
      }
      if (typeof text === "object") {
        text = text[plurals.select(Number(params.count))] ?? text.other;
      }
      return text.replace(/\{(\w+)\}/g, (whole, name) => {
        if (!(name in params)) return whole;
        const value = params[name];
        return typeof value === "number" ? integers.format(value) : String(value);
      });
    },
    formatCount: (n) => integers.format(n),
  };
}

const CHOSEN = "campaign-desk.language";

/** The window's language: the one chosen in Settings, else the system's, else English. */
function windowLanguage() {
  let chosen = null;
  try {
    chosen = localStorage.getItem(CHOSEN);
  } catch {
    // No web storage (a locked-down profile): the system's language then.
  }
  if (chosen && known(chosen)) return chosen;
  const system = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"])
    .map((l) => l.slice(0, 2).toLowerCase())
    .find(known);
  return system || "en";
}

/** Keeps `code` as the window's language; the window starts again in it. */
export function chooseLanguage(code) {
  if (!known(code)) return;
  localStorage.setItem(CHOSEN, code);
  // After the change event has run its course, not inside it.
  setTimeout(() => location.reload(), 50);
}

const windowLocale = windowLanguage();
await loadLanguages([windowLocale]);
const app = translator(windowLocale);
// The whole window follows: Farsi mirrors it (the styles are logical), lang picks the fonts.
document.documentElement.lang = app.locale;
document.documentElement.dir = app.dir;
export const locale = app.locale;
export const dir = app.dir;
export const t = app.t;
export const has = app.has;
export const formatCount = app.formatCount;

/**
 * A name or title put into a sentence, isolated (U+2068 ... U+2069) so that a Persian name in
 * an English sentence, or the reverse, does not reorder the words around it.
 */
export function isolate(text) {
  return `\u2068${text}\u2069`;
}

/**
 * Money arrives as a decimal string ("14000.00"); Intl formats strings exactly, with no float.
 * `signed` shows the sign of a ledger line ("+25.00", "-120.00") for gifts as well as expenses.
 */
export function formatMoney(decimal, currency, { signed = false } = {}) {
  const options = { style: "currency", currency };
  if (signed) options.signDisplay = "exceptZero";
  return new Intl.NumberFormat(locale, options).format(decimal);
}

/** The reader's decimal mark ("." or ","): core reads a typed amount with it. */
export function decimalMark() {
  const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal");
  return part && part.value === "," ? "," : ".";
}

/** How many digits follow the decimal mark in `currency` (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency) {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2; // not a currency code: core says so when the form is saved
  }
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(date);
}

/**
 * In Farsi a date is in the Solar Hijri calendar (Intl's default for "fa"), with the
 * Gregorian date beside it: the campaign's events and books are kept by the Gregorian one.
 * A month that groups the books ("2024-03") is a Gregorian month: name it with
 * `calendar: "gregory"`.
 */
function withGregorian(options, date, extra = {}) {
  const own = new Intl.DateTimeFormat(locale, { ...options, ...extra }).format(date);
  // A chart's short labels stay short: the Gregorian date goes beside a full date only.
  if (locale !== "fa" || !options.dateStyle) return own;
  const gregorian = new Intl.DateTimeFormat("fa", { ...options, ...extra, calendar: "gregory", timeStyle: undefined }).format(date);
  return `${own} (${gregorian})`;
}

export function formatDate(iso) {
  return withGregorian({ dateStyle: "medium", timeStyle: "short" }, new Date(iso));
}

/**
 * A day without the time: a calendar date ("2026-11-16") as written, wherever the reader is;
 * a moment (an RFC 3339 time) as the day it was here.
 */
export function formatDay(iso, options = { dateStyle: "medium" }) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    return withGregorian(options, new Date(`${iso}T00:00:00Z`), { timeZone: "UTC" });
  }
  return withGregorian(options, new Date(iso));
}
