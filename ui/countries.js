// Countries for the signing forms: a person types a country's name in the form's language
// (or in English, or its two-letter code) and the form keeps the ISO 3166-1 code. Names come
// from the webview's own Intl data, so no list of names is kept here; the codes are ISO
// 3166-1 as Debian's iso-codes package lists them (249 codes).

const CODES = [
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS",
  "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN",
  "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE",
  "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF",
  "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM",
  "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM",
  "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC",
  "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK",
  "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA",
  "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG",
  "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS",
  "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO",
  "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI",
  "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
];

/** Lower case, accents and Arabic/Persian letter variants folded, as core's text::fold. */
export function fold(text) {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f\u200c\u200d\u0640]/g, "")
    .replace(/[\u064a\u0649]/g, "\u06cc")
    .replace(/\u0643/g, "\u06a9")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const cache = new Map();

/** [{ code, name, key }] for `locale`, where `key` is the folded name. */
function countries(locale) {
  if (!cache.has(locale)) {
    const names = new Intl.DisplayNames([locale], { type: "region" });
    const english = new Intl.DisplayNames(["en"], { type: "region" });
    cache.set(locale, CODES.map((code) => {
      const name = names.of(code) || code;
      return { code, name, key: fold(name), english: fold(english.of(code) || code) };
    }));
  }
  return cache.get(locale);
}

/** Every country as [{ code, name }], sorted by its name in `locale` (for a list to choose from). */
export function countryList(locale) {
  const order = new Intl.Collator(locale);
  return countries(locale).map(({ code, name }) => ({ code, name })).sort((a, b) => order.compare(a.name, b.name));
}

/** The country's name in `locale`. */
export function countryName(code, locale) {
  return new Intl.DisplayNames([locale], { type: "region" }).of(code) || code;
}

/**
 * Countries matching what was typed: an exact code or name first, then names that start
 * with it, then names containing it; at most `limit`.
 */
export function matchCountries(typed, locale, limit = 5) {
  const q = fold(typed);
  if (!q) return [];
  const list = countries(locale);
  const exact = list.filter((c) => c.code.toLowerCase() === q || c.key === q || c.english === q);
  const starts = list.filter((c) => !exact.includes(c) && (c.key.startsWith(q) || c.english.startsWith(q)));
  const contains = list.filter((c) => !exact.includes(c) && !starts.includes(c) && (c.key.includes(q) || c.english.includes(q)));
  return [...exact, ...starts, ...contains].slice(0, limit);
}

/** The one country `typed` names exactly (code or full name), or null. */
export function resolveCountry(typed, locale) {
  const q = fold(typed);
  if (!q) return null;
  const hit = countries(locale).find((c) => c.code.toLowerCase() === q || c.key === q || c.english === q);
  return hit ? hit.code : null;
}
