// Table mode: the laptop left on an event table. The whole window is one signing form for the
// appeal table mode was started with: its text, large fields, how the name will appear, the
// contact box (unticked) and the consent wording. A visitor picks the language at any time
// (Farsi mirrors the screen). After signing: a thank-you with the running count, then a clean
// form. A form left half-filled is cleared after the idle time. Nothing here ever shows
// another signer's data: the only answer a signing gets is the count. Leaving, by the button
// or by closing the window, needs the organizer's PIN.
import { LANGUAGES, loadLanguages, translator } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { messageOf } from "../alert.js";
import { displayName } from "../display-name.js";
import { countryName, matchCountries, resolveCountry } from "../countries.js";
import { lockWindow } from "../kiosk-lock.js";

// A visitor may choose any of the languages: their catalogs come with table mode.
await loadLanguages(LANGUAGES.map((l) => l.code));

const DISPLAYS = ["full", "name_city", "initials", "hidden"];
/** How long the thank-you stays before the form is clean again. */
const THANKS_MS = 1800;

/**
 * Shows table mode in `root` for `mode` ({ appeal, event, idle_seconds, lang }). `onLeave` runs once
 * the organizer has left it with the PIN.
 */
export function showTable(root, mode, onLeave) {
  const screen = new TableScreen(root, mode, onLeave);
  screen.start();
  return screen;
}

class TableScreen {
  constructor(root, mode, onLeave) {
    this.root = root;
    this.mode = mode;
    this.onLeave = onLeave;
    this.lang = LANGUAGES.some((l) => l.code === mode.lang) ? mode.lang : "en";
    this.firstLang = this.lang;
    this.tr = translator(this.lang);
    this.country = null;
    this.lastActivity = Date.now();
    this.saving = false;
    this.appTitle = document.title;
  }

  start() {
    this.build();
    this.setLanguage(this.lang).catch((e) => this.say(e));
    this.unlock = lockWindow(this.root, {
      onActivity: () => { this.lastActivity = Date.now(); },
      onClose: () => this.askPin(true),
    });
    this.idleTimer = setInterval(() => this.clearIfIdle(), 1000);
  }

  stop() {
    clearInterval(this.idleTimer);
    clearTimeout(this.thanksTimer);
    this.unlock();
    document.documentElement.lang = "en";
    document.documentElement.dir = "ltr";
    document.title = this.appTitle;
  }

  field(id, key, attrs = {}) {
    const input = el("input", {
      type: "text", id, class: "tm-input", autocomplete: "off", autocapitalize: "words",
      spellcheck: "false", maxlength: "100", ...attrs,
    });
    const label = el("label", { for: id, "data-key": key });
    return { input, label, box: el("div", { class: "tm-field" }, label, input) };
  }

  build() {
    this.langButtons = LANGUAGES.map((l) =>
      el("button", {
        type: "button", id: `tm-lang-${l.code}`, class: "tm-lang", lang: l.code, dir: l.dir,
        onclick: () => this.setLanguage(l.code).catch((e) => this.say(e)),
      }, l.name));
    this.leaveButton = el("button", { type: "button", id: "tm-leave", class: "tm-leave", onclick: () => this.askPin(false) });
    this.title = el("h1", { id: "tm-title", class: "tm-title" });
    this.body = el("div", { id: "tm-text", class: "tm-text", tabindex: "0" });
    this.given = this.field("tm-given", "table.given");
    this.family = this.field("tm-family", "table.family");
    this.email = this.field("tm-email", "table.email", { type: "email", autocapitalize: "none", maxlength: "254", inputmode: "email" });
    this.city = this.field("tm-city", "table.city");
    this.countryField = this.field("tm-country", "table.country", { role: "combobox", "aria-autocomplete": "list", "aria-controls": "tm-country-list", "aria-expanded": "false" });
    this.countryList = el("div", { id: "tm-country-list", class: "tm-country-list", role: "listbox" });
    this.countryField.box.append(this.countryList);
    this.countryField.input.addEventListener("input", () => this.showCountries());
    this.countryField.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && this.country === null) {
        const first = matchCountries(this.countryField.input.value, this.lang, 1)[0];
        if (first) { e.preventDefault(); this.pickCountry(first.code); }
      }
    });

    this.displayLegend = el("legend", { "data-key": "table.display" });
    this.displayOptions = DISPLAYS.map((d) => {
      const input = el("input", { type: "radio", name: "tm-display", value: d, id: `tm-display-${d}` });
      return el("label", { class: "tm-choice", for: `tm-display-${d}` }, input, el("span", { "data-key": `table.display.${d}` }));
    });
    this.preview = el("p", { id: "tm-preview", class: "tm-preview", "aria-live": "polite" });
    this.contact = el("input", { type: "checkbox", id: "tm-contact" });
    this.contactWording = el("span", { id: "tm-contact-wording" });
    this.consentWording = el("p", { id: "tm-consent", class: "tm-consent" });
    this.error = el("p", { id: "tm-error", class: "tm-error", role: "alert", hidden: true });
    this.signButton = el("button", { type: "submit", id: "tm-sign", class: "primary tm-sign", "data-key": "table.sign" });
    this.form = el("form", { class: "tm-form", autocomplete: "off", novalidate: true },
      el("div", { class: "tm-names" }, this.given.box, this.family.box),
      this.email.box,
      el("div", { class: "tm-names" }, this.city.box, this.countryField.box),
      el("fieldset", { class: "tm-display" }, this.displayLegend, el("div", { class: "tm-choices" }, this.displayOptions), this.preview),
      el("label", { class: "tm-contact", for: "tm-contact" }, this.contact, this.contactWording),
      this.consentWording,
      this.error,
      this.signButton,
    );
    this.form.addEventListener("input", () => this.updatePreview());
    this.form.addEventListener("submit", (e) => { e.preventDefault(); this.sign(); });

    this.thanks = el("div", { id: "tm-thanks", class: "tm-thanks", hidden: true, role: "status" },
      el("p", { class: "tm-thanks-title", id: "tm-thanks-title" }),
      el("p", { class: "tm-thanks-count", id: "tm-thanks-count" }));
    this.pinDialog = this.buildPin();

    replace(this.root,
      el("div", { class: "table-mode" },
        el("header", { class: "tm-bar" },
          el("div", { class: "tm-langs", role: "group", "data-label": "table.languages" }, this.langButtons),
          this.leaveButton),
        el("div", { class: "tm-main" },
          el("article", { class: "tm-appeal" }, this.title, this.body),
          this.form),
        this.thanks,
        this.pinDialog,
      ));
  }

  buildPin() {
    this.pin = el("input", { type: "password", id: "tm-pin", inputmode: "numeric", autocomplete: "off", maxlength: "12" });
    this.pinMessage = el("p", { id: "tm-pin-message", class: "tm-error", role: "alert" });
    this.pinTitle = el("h2", { id: "tm-pin-title" });
    this.pinOk = el("button", { type: "submit", id: "tm-pin-ok", class: "primary" });
    this.pinCancel = el("button", { type: "button", id: "tm-pin-cancel", onclick: () => this.closePin() });
    const form = el("form", { class: "tm-pin-box", autocomplete: "off" },
      this.pinTitle,
      el("label", { for: "tm-pin", "data-key": "table.pin.label" }),
      this.pin, this.pinMessage,
      el("div", { class: "inline" }, this.pinOk, this.pinCancel));
    form.addEventListener("submit", (e) => { e.preventDefault(); this.leave(); });
    return el("div", { class: "tm-pin", id: "tm-pin-dialog", hidden: true, role: "dialog", "aria-modal": "true", "aria-labelledby": "tm-pin-title" }, form);
  }

  /** Puts every label in `lang` and loads the appeal's words in it; typed values stay. */
  async setLanguage(lang) {
    const words = await call("table_words", { lang });
    this.lang = lang;
    this.tr = translator(lang);
    const t = this.tr.t;
    document.documentElement.lang = lang;
    document.documentElement.dir = this.tr.dir;
    for (const b of this.langButtons) b.setAttribute("aria-pressed", String(b.lang === lang));
    for (const node of this.root.querySelectorAll("[data-key]")) node.textContent = t(node.dataset.key);
    for (const node of this.root.querySelectorAll("[data-label]")) node.setAttribute("aria-label", t(node.dataset.label));
    this.leaveButton.textContent = t("table.leave");
    this.pinOk.textContent = t("table.pin.leave");
    this.pinCancel.textContent = t("table.pin.cancel");
    this.countryField.input.placeholder = t("table.country.placeholder");
    // The words shown are the words recorded with the signature: the table's appeal in this
    // language, or in its own when it has none in this one.
    this.words = words;
    this.title.textContent = words.title;
    this.title.lang = words.lang;
    this.body.lang = words.lang;
    replace(this.body, words.body.split(/\n{2,}/).map((p) => el("p", {}, p)));
    this.consentWording.textContent = words.consent;
    this.contactWording.textContent = words.contact_consent;
    document.title = words.title;
    if (this.country) this.countryField.input.value = countryName(this.country, lang);
    this.updatePreview();
  }

  showCountries() {
    const typed = this.countryField.input.value;
    this.country = resolveCountry(typed, this.lang);
    const matches = this.country ? [] : matchCountries(typed, this.lang, 4);
    replace(this.countryList, matches.map((c) =>
      el("button", { type: "button", class: "tm-country", role: "option", "data-code": c.code, onclick: () => this.pickCountry(c.code) }, c.name)));
    this.countryField.input.setAttribute("aria-expanded", String(matches.length > 0));
  }

  pickCountry(code) {
    this.country = code;
    this.countryField.input.value = countryName(code, this.lang);
    replace(this.countryList);
    this.countryField.input.setAttribute("aria-expanded", "false");
    this.countryField.input.focus();
  }

  chosenDisplay() {
    const checked = this.form.querySelector('input[name="tm-display"]:checked');
    return checked ? checked.value : null;
  }

  updatePreview() {
    const t = this.tr.t;
    const choice = this.chosenDisplay();
    const name = displayName(choice || "full", this.given.input.value, this.family.input.value, this.city.input.value);
    if (!choice) this.preview.textContent = t("table.preview.choose");
    else if (choice === "hidden") this.preview.textContent = t("table.preview.hidden");
    else if (!name) this.preview.textContent = t("table.preview.empty");
    else this.preview.textContent = t("table.preview", { name });
  }

  say(error) {
    this.error.hidden = false;
    this.error.textContent = messageOf(error, this.tr);
  }

  async sign() {
    if (this.saving) return;
    const typedCountry = this.countryField.input.value.trim();
    if (typedCountry && !this.country) {
      this.country = resolveCountry(typedCountry, this.lang);
      if (!this.country) {
        this.error.hidden = false;
        this.error.textContent = this.tr.t("table.country.unknown", { value: typedCountry });
        this.countryField.input.focus();
        return;
      }
    }
    this.saving = true;
    this.signButton.disabled = true;
    this.error.hidden = true;
    try {
      const thanks = await call("table_sign", {
        person: {
          given_name: this.given.input.value,
          family_name: this.family.input.value,
          email: this.email.input.value || null,
          city: this.city.input.value || null,
          country: this.country,
        },
        lang: this.words.lang,
        display: this.chosenDisplay(),
        contactConsent: this.contact.checked,
      });
      this.showThanks(thanks);
    } catch (e) {
      this.say(e);
    } finally {
      this.saving = false;
      this.signButton.disabled = false;
    }
  }

  /** The same thank-you for everyone: nothing tells a returning signer they had signed. */
  showThanks(thanks) {
    const t = this.tr.t;
    this.clearForm();
    document.getElementById("tm-thanks-title").textContent = t("table.thanks");
    document.getElementById("tm-thanks-count").textContent = t("table.thanks.count", {
      count: thanks.signers,
      countries: t("table.thanks.countries", { count: thanks.countries }),
    });
    this.thanks.hidden = false;
    clearTimeout(this.thanksTimer);
    this.thanksTimer = setTimeout(() => {
      this.thanks.hidden = true;
      this.given.input.focus();
    }, THANKS_MS);
  }

  clearForm() {
    this.form.reset();
    this.country = null;
    replace(this.countryList);
    this.error.hidden = true;
    this.updatePreview();
    this.root.querySelector(".tm-appeal").scrollTop = 0;
  }

  hasTyping() {
    return [this.given, this.family, this.email, this.city, this.countryField].some((f) => f.input.value !== "")
      || this.contact.checked || this.chosenDisplay() !== null;
  }

  clearIfIdle() {
    const idle = Date.now() - this.lastActivity > this.mode.idle_seconds * 1000;
    if (!idle) return;
    if (this.hasTyping()) this.clearForm();
    if (!this.pinDialog.hidden) this.closePin();
    // The next visitor starts in the table's own language, not the last visitor's.
    if (this.lang !== this.firstLang) this.setLanguage(this.firstLang).catch((e) => this.say(e));
  }

  askPin(close) {
    this.closeAfter = close;
    this.pinTitle.textContent = this.tr.t(close ? "table.pin.title.close" : "table.pin.title");
    this.pin.value = "";
    this.pinMessage.textContent = "";
    this.pinDialog.hidden = false;
    this.pin.focus();
  }

  closePin() {
    this.pin.value = "";
    this.pinDialog.hidden = true;
  }

  async leave() {
    this.pinOk.disabled = true;
    try {
      await call("leave_table_mode", { pin: this.pin.value, close: Boolean(this.closeAfter) });
      this.pin.value = "";
      this.stop();
      this.onLeave();
    } catch (e) {
      this.pin.value = "";
      this.pinMessage.textContent = messageOf(e, this.tr);
      this.pin.focus();
    } finally {
      this.pinOk.disabled = false;
    }
  }
}
