// Looks up user-visible strings in the message catalog and formats numbers and money for the
// reader's language. Only English exists yet; the layout already follows `dir`.
import en from "./messages/en.js";

const catalog = en;
export const locale = "en";
const plurals = new Intl.PluralRules(locale);
const integers = new Intl.NumberFormat(locale);

/** Whether the catalog has `key`. */
export function has(key) {
  return Object.hasOwn(catalog, key);
}

/**
 * The message `key`, with `{name}` replaced by `params.name` (numbers formatted for the reader).
 * A message with plural forms ({ one, other }) is chosen by `params.count`.
 * A missing key shows itself, so it is noticed.
 */
export function t(key, params = {}) {
  let text = catalog[key];
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
}

export function formatCount(n) {
  return integers.format(n);
}

/** Money arrives as a decimal string ("14000.00"); Intl formats strings exactly, with no float. */
export function formatMoney(decimal, currency) {
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(decimal);
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(date);
}
