// Settings → Organization and receipts, and Exchange rates. What a receipt says comes from here
// (the organization's name, address, tax status and which rules apply, its tax id and wording);
// the receipt number's prefix is fixed once a receipt exists, so the series stays unbroken.
// Exchange rates turn other currencies into an estimate in the home currency, nothing more:
// totals stay per currency.
import { t, formatDay, decimalMark } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { fieldSet, select, currencyList } from "../money-parts.js";

export async function renderMoneySettings(section) {
  draw(section, await call("money_settings"), "");
}

function draw(section, settings, note) {
  replace(section,
    el("h2", { class: "section-title", id: "money-settings-title" }, t("settings.org.title")),
    el("p", { class: "hint" }, t("settings.org.lead")),
    orgForm(section, settings, note),
    rates(section, settings));
}

function orgForm(section, settings, note) {
  const o = settings.organization;
  // Whether receipts exist and which laptop numbers them sit beside the organization.
  const receiptsExist = Boolean(settings.receipts_exist ?? o.receipts_exist);
  const numbersHere = Boolean(settings.numbers_here ?? o.numbers_here);
  const f = fieldSet("org");
  const text = (id, value, attrs = {}) => el("input", { type: "text", id, value: value ?? "", autocomplete: "off", ...attrs });
  const name = text("org-name", o.name, { maxlength: "200", dir: "auto" });
  const address = el("textarea", { id: "org-address", rows: "3", maxlength: "1000", dir: "auto" });
  address.value = o.address || "";
  const status = select("org-tax-status", [["exempt", t("settings.org.exempt")], ["not_exempt", t("settings.org.not_exempt")]], o.tax_status || "not_exempt");
  const rules = select("org-tax-rules", [["us_501c3", t("settings.org.rules.us_501c3")], ["other", t("settings.org.rules.other")]], o.tax_rules || "other");
  const taxId = text("org-tax-id", o.tax_id, { maxlength: "100", dir: "ltr" });
  const wording = el("textarea", { id: "org-receipt-wording", rows: "4", maxlength: "4000", dir: "auto" });
  wording.value = o.receipt_wording || "";
  const home = text("org-home-currency", o.home_currency, { maxlength: "3", list: "org-currencies", dir: "ltr", class: "currency-code" });
  const prefix = text("org-receipt-prefix", o.receipt_prefix, { maxlength: "20", dir: "ltr", disabled: receiptsExist });
  const saved = el("span", { class: "saved", id: "org-saved", "aria-live": "polite" }, note);
  const save = el("button", { type: "submit", class: "primary", id: "org-save" }, t("settings.org.save"));
  const form = el("form", { class: "row-form money-form", id: "org-form", novalidate: true },
    el("h3", {}, t("settings.org.organization")),
    el("div", { class: "two" },
      f.box("org_name", name, t("field.org_name")),
      f.box("tax_id", taxId, t("field.tax_id"))),
    f.box("org_address", address, t("field.org_address")),
    el("div", { class: "two" },
      f.box("tax_status", status, t("settings.org.tax_status")),
      f.box("tax_rules", rules, t("settings.org.rules"), t("settings.org.rules.hint"))),
    f.box("receipt_wording", wording, t("field.receipt_wording"), t("settings.org.wording.hint")),
    el("div", { class: "two" },
      f.box("home_currency", home, t("field.home_currency"), t("settings.org.home.hint")),
      f.box("receipt_prefix", prefix, t("field.receipt_prefix"),
        t(receiptsExist ? "settings.org.prefix.fixed" : "settings.org.prefix.hint"))),
    el("p", { class: "hint", id: "org-numbers-here" }, numbersHere
      ? t("settings.org.numbers_here")
      : t("settings.org.numbers_elsewhere", { laptop: settings.numbering_laptop || "" })),
    currencyList("org-currencies"),
    el("div", { class: "inline" }, save, saved));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const organization = {
      name: name.value.trim(),
      address: address.value.trim(),
      tax_status: status.value,
      tax_rules: rules.value,
      tax_id: taxId.value.trim(),
      receipt_wording: wording.value.trim(),
      home_currency: home.value.trim().toUpperCase(),
      // Sent as it is once receipts exist: core refuses any change to it then.
      receipt_prefix: prefix.value.trim(),
    };
    f.save(save, async () => {
      const s = await call("save_money_settings", { organization });
      draw(section, s, t("settings.org.saved"));
    });
  });
  return form;
}

function rates(section, settings) {
  const home = settings.organization.home_currency;
  const f = fieldSet("rate");
  const currency = el("input", { type: "text", id: "rate-currency", maxlength: "3", list: "org-currencies", autocomplete: "off", dir: "ltr", class: "currency-code" });
  const rate = el("input", { type: "text", id: "rate-value", inputmode: "decimal", autocomplete: "off", dir: "ltr", placeholder: "1.08" });
  const add = el("button", { type: "submit", id: "rate-save" }, t("settings.org.rates.save"));
  const set = (button, code, value, note) => busy(button, async () => {
    await call("set_exchange_rate", { currency: code, rate: value, decimalMark: decimalMark() });
    draw(section, await call("money_settings"), "");
    document.getElementById("rates-saved").textContent = note;
  });
  const form = el("form", { class: "inline rate-form", id: "rate-form", novalidate: true },
    f.box("currency", currency, t("field.currency")),
    f.box("rate", rate, t("field.rate"), home ? t("settings.org.rates.hint", { home }) : null),
    add);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const code = currency.value.trim().toUpperCase();
    f.save(add, async () => {
      await call("set_exchange_rate", { currency: code, rate: rate.value.trim(), decimalMark: decimalMark() });
      draw(section, await call("money_settings"), "");
      document.getElementById("rates-saved").textContent = t("settings.org.rates.saved", { currency: code });
    });
  });
  return el("div", { class: "row-form", id: "rates" },
    el("h3", {}, t("settings.org.rates")),
    el("p", { class: "hint" }, home ? t("settings.org.rates.lead", { home }) : t("settings.org.rates.no_home")),
    settings.rates.length === 0 ? el("p", { class: "hint", id: "rates-none" }, t("settings.org.rates.none")) :
      el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts", id: "rates-table" },
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, t("field.currency")),
          el("th", { scope: "col" }, t("field.rate")),
          el("th", { scope: "col" }, t("settings.org.rates.set_on")),
          el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("settings.org.rates.remove"))))),
        el("tbody", {}, settings.rates.map((r) => {
          const remove = el("button", { type: "button", class: "small danger rate-remove", "data-currency": r.currency }, t("settings.org.rates.remove"));
          remove.addEventListener("click", () => set(remove, r.currency, "", t("settings.org.rates.removed", { currency: r.currency })));
          return el("tr", { "data-currency": r.currency },
            el("th", { scope: "row" }, r.currency),
            // The rate as core keeps it: "1 EUR = 1.0825 USD".
            el("td", { class: "n" }, t("settings.org.rates.value", { currency: r.currency, rate: r.rate, home: home || "" })),
            el("td", {}, r.set_at || r.set_on ? formatDay(r.set_at || r.set_on) : ""),
            el("td", {}, remove));
        })))),
    form,
    el("p", { class: "saved", id: "rates-saved", "aria-live": "polite" }));
}
