// Looks up user-visible strings in the message catalog and formats numbers and money for the
// reader's language. Only English exists yet; the layout already follows `dir`.
import en from "./messages/en.js";

const catalog = en;
export const locale = "en";

/** The message `key`, with `{name}` replaced by `params.name`. A missing key shows itself. */
export function t(key, params = {}) {
  const text = catalog[key];
  if (text === undefined) {
    console.error(`missing message: ${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

const integers = new Intl.NumberFormat(locale);

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
