// Door mode: one event's door, the whole window, for a volunteer checking people in with no
// network. Type a first name, a family name or an email (any script); Enter or a tap checks the
// first (or chosen) answer in with their whole party, and Undo takes it back. Nothing is listed
// until something is typed, and the search clears itself after each check-in and when the door
// is left alone, so a visitor does not read the guest list over the volunteer's shoulder.
// Walk-ins are one short form; the end of the evening marks the remaining as no-shows, undoably.
// Leaving, by the button or by closing the window, needs the organizer's PIN.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { messageOf } from "../alert.js";
import { displayName } from "../display-name.js";
import { lockWindow } from "../kiosk-lock.js";

const DISPLAYS = ["full", "name_city", "initials", "hidden"];
/** The search is cleared after this long without a touch. */
const IDLE_MS = 30_000;

/** Shows door mode in `root` for `door` (from start_door_mode); `onLeave` runs after the PIN. */
export function showDoor(root, door, onLeave) {
  const screen = new DoorScreen(root, door, onLeave);
  screen.start();
  return screen;
}

class DoorScreen {
  constructor(root, door, onLeave) {
    this.root = root;
    this.door = door;
    this.onLeave = onLeave;
    this.lines = [];
    this.chosen = 0;
    this.last = null; // the last check-in, for Undo
    this.searches = 0;
    this.lastActivity = Date.now();
    this.appTitle = document.title;
  }

  start() {
    this.build();
    this.showCounts(this.door.counts);
    this.unlock = lockWindow(this.root, {
      onActivity: () => { this.lastActivity = Date.now(); },
      onClose: () => this.askPin(true),
      onKey: (e) => {
        // Ctrl+Z in the empty search takes the last check-in back.
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "z" && this.last && e.target === this.search && !this.search.value) {
          e.preventDefault();
          this.undo();
        }
      },
    });
    this.idleTimer = setInterval(() => this.clearIfIdle(), 1000);
    document.title = this.door.title;
    this.search.focus();
  }

  stop() {
    clearInterval(this.idleTimer);
    this.unlock();
    document.title = this.appTitle;
  }

  build() {
    this.count = el("p", { id: "door-count", class: "door-count", role: "status", "aria-live": "polite" });
    this.search = el("input", {
      type: "search", id: "door-search", class: "door-search", autocomplete: "off", spellcheck: "false",
      "aria-label": t("door.search.label"), placeholder: t("door.search.placeholder"),
      "aria-controls": "door-results",
    });
    this.search.addEventListener("input", () => this.find());
    this.search.addEventListener("keydown", (e) => this.keys(e));
    // A plain list: a row holds several buttons (check in, fewer, more, undo), which a listbox's
    // options may not. The arrow keys move the chosen row; the search box names it through
    // aria-activedescendant and the row's button says it is current.
    this.results = el("ul", { id: "door-results", class: "door-results", "aria-label": t("door.results") });
    this.message = el("div", { id: "door-message", class: "door-message", role: "status", "aria-live": "polite" });
    this.walkIn = this.buildWalkIn();
    this.pinDialog = this.buildPin();
    replace(this.root,
      el("div", { class: "door-mode" },
        el("header", { class: "door-bar" },
          el("div", {},
            el("p", { class: "door-label" }, t("door.title")),
            el("h1", { class: "door-event", id: "door-event" }, this.door.title)),
          this.count,
          el("div", { class: "inline" },
            el("button", { type: "button", id: "door-walk-in", class: "door-big", onclick: () => this.openWalkIn() }, t("door.walk_in")),
            el("button", { type: "button", id: "door-end", onclick: () => this.askEnd() }, t("door.end")),
            el("button", { type: "button", id: "door-leave", onclick: () => this.askPin(false) }, t("door.leave")))),
        el("main", { class: "door-main" },
          this.search,
          el("p", { class: "hint door-hint" }, t("door.keys")),
          this.message,
          this.results),
        this.walkIn,
        this.pinDialog));
  }

  showCounts(c) {
    this.counts = c;
    this.count.dataset.arrived = c.arrived;
    this.count.textContent = c.capacity
      ? t("door.count.capacity", { arrived: c.arrived, capacity: c.capacity })
      : t("door.count", { arrived: c.arrived });
    this.count.classList.toggle("door-over", Boolean(c.capacity) && c.arrived > c.capacity);
  }

  say(text, action = null) {
    replace(this.message, el("span", {}, text), action);
  }

  fail(e) {
    replace(this.message, el("span", { class: "door-error", role: "alert" }, messageOf(e)));
  }

  async find() {
    const text = this.search.value;
    const search = ++this.searches;
    if (text.trim().length < 2) {
      this.lines = [];
      this.draw();
      return;
    }
    try {
      const lines = await call("door_search", { text });
      if (search !== this.searches) return; // a later keystroke has its own answer
      this.lines = lines;
      this.chosen = 0;
      this.draw();
    } catch (e) {
      this.fail(e);
    }
  }

  draw() {
    const typed = this.search.value.trim().length >= 2;
    if (typed && this.lines.length === 0) {
      replace(this.results, el("li", { class: "door-none" }, t("door.none")));
      return;
    }
    replace(this.results, this.lines.map((l, i) => this.row(l, i)));
  }

  row(l, i) {
    const name = `${l.given_name} ${l.family_name}`.trim();
    const state = l.checked_in
      ? t("door.arrived", { arrived: l.arrived, party: l.party })
      : t(`door.status.${l.status}`);
    const checkIn = el("button", {
      type: "button", class: "door-row-main", id: `door-line-${i}`,
      "aria-current": i === this.chosen ? "true" : null, "data-rsvp": l.rsvp,
      onclick: () => (l.checked_in ? null : this.checkIn(l)),
    },
    el("span", { class: "door-name", dir: "auto" }, name),
    l.email_hint ? el("span", { class: "door-email" }, l.email_hint) : null,
    el("span", { class: "door-party" }, t("door.party", { count: l.party })),
    el("span", { class: `door-state door-state-${l.checked_in ? "in" : l.status}` }, state));
    const extra = l.checked_in
      ? el("div", { class: "door-adjust" },
        el("button", { type: "button", class: "door-less", "aria-label": t("door.less"), disabled: l.arrived <= 1, onclick: () => this.checkIn(l, l.arrived - 1) }, t("door.less.sign")),
        el("button", { type: "button", class: "door-more", "aria-label": t("door.more"), onclick: () => this.checkIn(l, l.arrived + 1) }, t("door.more.sign")),
        el("button", { type: "button", class: "door-undo-row", onclick: () => this.undo(l.rsvp) }, t("door.undo")))
      : null;
    return el("li", { class: `door-row${i === this.chosen ? " chosen" : ""}`, "data-rsvp": l.rsvp, "data-checked-in": String(l.checked_in) }, checkIn, extra);
  }

  keys(e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (this.lines.length === 0) return;
      const step = e.key === "ArrowDown" ? 1 : -1;
      this.chosen = (this.chosen + step + this.lines.length) % this.lines.length;
      this.search.setAttribute("aria-activedescendant", `door-line-${this.chosen}`);
      this.draw();
    } else if (e.key === "Enter") {
      e.preventDefault();
      const line = this.lines[this.chosen];
      if (line && !line.checked_in) this.checkIn(line);
      else if (line) this.say(t("door.already", { name: line.given_name }));
    } else if (e.key === "Escape") {
      this.search.value = "";
      this.find();
    }
  }

  /** Checks `line` in with `arrived` people (the whole party by default). */
  async checkIn(line, arrived = null) {
    try {
      const done = await call("door_check_in", { rsvp: line.rsvp, arrived });
      this.showCounts(done.counts);
      this.last = done.line.rsvp;
      const name = `${done.line.given_name} ${done.line.family_name}`.trim();
      if (arrived === null) {
        // Ready for the next guest: an empty search, and Undo at hand.
        this.search.value = "";
        this.lines = [done.line];
        this.chosen = 0;
        this.draw();
      } else {
        this.lines = this.lines.map((l) => (l.rsvp === done.line.rsvp ? done.line : l));
        this.draw();
      }
      this.say(t("door.checked_in", { name, count: done.line.arrived }),
        el("button", { type: "button", id: "door-undo", onclick: () => this.undo(done.line.rsvp) }, t("door.undo")));
      this.search.focus();
    } catch (e) {
      this.fail(e);
    }
  }

  async undo(rsvp = this.last) {
    if (!rsvp) return;
    try {
      const done = await call("door_undo_check_in", { rsvp });
      this.showCounts(done.counts);
      this.last = null;
      this.lines = this.lines.map((l) => (l.rsvp === rsvp ? done.line : l));
      this.draw();
      this.say(t("door.undone", { name: `${done.line.given_name} ${done.line.family_name}`.trim() }));
      this.search.focus();
    } catch (e) {
      this.fail(e);
    }
  }

  buildWalkIn() {
    const input = (id, key, attrs = {}) => {
      const field = el("input", { type: "text", id, autocomplete: "off", spellcheck: "false", maxlength: "100", ...attrs });
      return { field, box: el("div", { class: "door-field" }, el("label", { for: id }, t(key)), field) };
    };
    this.wGiven = input("walk-given", "door.walk.given");
    this.wFamily = input("walk-family", "door.walk.family");
    this.wEmail = input("walk-email", "door.walk.email", { type: "email", maxlength: "254", inputmode: "email" });
    this.wCity = input("walk-city", "door.walk.city");
    this.wGuests = input("walk-guests", "door.walk.guests", { type: "number", min: "0", max: "50", value: "0", inputmode: "numeric" });
    this.wSign = el("input", { type: "checkbox", id: "walk-sign" });
    this.wWords = el("div", { id: "walk-words", class: "door-words", hidden: true });
    this.wPreview = el("p", { id: "walk-preview", class: "hint", "aria-live": "polite" });
    this.wDisplays = DISPLAYS.map((d) =>
      el("label", { class: "door-choice", for: `walk-display-${d}` },
        el("input", { type: "radio", name: "walk-display", value: d, id: `walk-display-${d}` }),
        el("span", {}, t(`table.display.${d}`))));
    this.wContact = el("input", { type: "checkbox", id: "walk-contact" });
    this.wContactWording = el("span", { id: "walk-contact-wording" });
    this.wConsent = el("p", { id: "walk-consent", class: "door-consent" });
    this.wSigning = el("fieldset", { class: "door-signing", hidden: true },
      el("legend", {}, t("table.display")),
      el("div", { class: "door-choices" }, this.wDisplays),
      this.wPreview,
      el("label", { for: "walk-contact", class: "door-check" }, this.wContact, this.wContactWording),
      this.wConsent);
    this.wGift = input("walk-gift", "door.walk.gift", { inputmode: "decimal", maxlength: "20" });
    this.wCurrency = input("walk-currency", "door.walk.currency", { maxlength: "3", value: this.door.price_currency || "USD", autocapitalize: "characters" });
    this.wError = el("p", { id: "walk-error", class: "door-error", role: "alert" });
    this.wSave = el("button", { type: "submit", id: "walk-save", class: "primary door-big" }, t("door.walk.save"));
    const form = el("form", { class: "door-walk-box", autocomplete: "off", novalidate: true },
      el("h2", { id: "walk-title" }, t("door.walk.title")),
      el("div", { class: "door-two" }, this.wGiven.box, this.wFamily.box),
      el("div", { class: "door-two" }, this.wEmail.box, this.wCity.box),
      el("div", { class: "door-two" }, this.wGuests.box),
      this.door.appeal
        ? el("div", {},
          el("label", { for: "walk-sign", class: "door-check" }, this.wSign, t("door.walk.sign")),
          this.wWords, this.wSigning)
        : null,
      el("div", { class: "door-two" }, this.wGift.box, this.wCurrency.box),
      this.wError,
      el("div", { class: "inline" }, this.wSave,
        el("button", { type: "button", id: "walk-cancel", onclick: () => this.closeWalkIn() }, t("door.walk.cancel"))));
    form.addEventListener("input", () => this.walkPreview());
    this.wSign.addEventListener("change", () => this.showSigning());
    form.addEventListener("submit", (e) => { e.preventDefault(); this.saveWalkIn(form); });
    form.addEventListener("keydown", (e) => { if (e.key === "Escape") this.closeWalkIn(); });
    this.walkForm = form;
    return el("div", { class: "door-walk", id: "walk-dialog", hidden: true, role: "dialog", "aria-modal": "true", "aria-labelledby": "walk-title" }, form);
  }

  openWalkIn() {
    this.walkForm.reset();
    this.wCurrency.field.value = this.door.price_currency || "USD";
    this.wError.textContent = "";
    this.showSigning();
    this.walkIn.hidden = false;
    // A name typed in the search is most likely the walk-in's.
    const typed = this.search.value.trim().split(/\s+/).filter(Boolean);
    if (typed.length > 0 && !typed[0].includes("@")) {
      this.wGiven.field.value = typed[0];
      this.wFamily.field.value = typed.slice(1).join(" ");
    }
    this.wGiven.field.focus();
  }

  closeWalkIn() {
    this.walkIn.hidden = true;
    this.walkForm.reset();
    this.search.focus();
  }

  async showSigning() {
    const on = this.wSign.checked;
    this.wSigning.hidden = !on;
    this.wWords.hidden = !on;
    if (!on || this.words) return;
    try {
      this.words = await call("door_words", { lang: document.documentElement.lang || "en" });
      replace(this.wWords, el("h3", { lang: this.words.lang }, this.words.title));
      this.wContactWording.textContent = this.words.contact_consent;
      this.wConsent.textContent = this.words.consent;
    } catch (e) {
      this.wError.textContent = messageOf(e);
    }
  }

  chosenDisplay() {
    const checked = this.walkForm.querySelector('input[name="walk-display"]:checked');
    return checked ? checked.value : null;
  }

  walkPreview() {
    const choice = this.chosenDisplay();
    if (!choice) { this.wPreview.textContent = t("table.preview.choose"); return; }
    if (choice === "hidden") { this.wPreview.textContent = t("table.preview.hidden"); return; }
    const name = displayName(choice, this.wGiven.field.value, this.wFamily.field.value, this.wCity.field.value);
    this.wPreview.textContent = name ? t("table.preview", { name }) : t("table.preview.empty");
  }

  async saveWalkIn() {
    if (this.wSign.checked && !this.chosenDisplay()) {
      this.wError.textContent = t("error.choose_display");
      return;
    }
    this.wSave.disabled = true;
    try {
      const done = await call("door_walk_in", {
        walkIn: {
          given_name: this.wGiven.field.value,
          family_name: this.wFamily.field.value,
          email: this.wEmail.field.value || null,
          city: this.wCity.field.value || null,
          guests: Number(this.wGuests.field.value || 0),
          sign: this.wSign.checked ? this.chosenDisplay() : null,
          contact_consent: this.wSign.checked && this.wContact.checked,
          lang: this.words ? this.words.lang : null,
          gift: this.wGift.field.value || null,
          gift_currency: this.wGift.field.value ? this.wCurrency.field.value : null,
        },
      });
      const name = `${this.wGiven.field.value} ${this.wFamily.field.value}`.trim();
      this.showCounts(done.counts);
      this.closeWalkIn();
      this.search.value = "";
      this.lines = [];
      this.draw();
      const parts = [t(done.known ? "door.walk.known" : "door.walk.added", { name })];
      if (done.signed) parts.push(t("door.walk.signed"));
      if (done.gave) parts.push(t("door.walk.gave"));
      this.last = done.rsvp;
      this.say(parts.join(" "), el("button", { type: "button", id: "door-undo", onclick: () => this.undo(done.rsvp) }, t("door.undo")));
    } catch (e) {
      this.wError.textContent = messageOf(e);
    } finally {
      this.wSave.disabled = false;
    }
  }

  askEnd() {
    const c = this.counts;
    const remaining = c.accepted - c.checked_in - c.no_shows;
    const yes = el("button", { type: "button", id: "door-end-yes", class: "primary", onclick: () => this.endEvening() }, t("door.end.yes", { count: remaining }));
    this.say(t("door.end.ask", { count: remaining }), yes);
    yes.focus();
  }

  async endEvening() {
    try {
      const marked = await call("door_no_shows");
      this.say(t("door.end.done", { count: marked.marked }),
        el("button", { type: "button", id: "door-end-undo", onclick: () => this.undoEnd(marked.at) }, t("door.undo")));
      this.showCounts({ ...this.counts, no_shows: this.counts.no_shows + marked.marked });
    } catch (e) {
      this.fail(e);
    }
  }

  async undoEnd(at) {
    try {
      this.showCounts(await call("door_undo_no_shows", { at }));
      this.say(t("door.end.undone"));
    } catch (e) {
      this.fail(e);
    }
  }

  clearIfIdle() {
    if (Date.now() - this.lastActivity < IDLE_MS) return;
    if (this.search.value || this.lines.length) {
      this.search.value = "";
      this.lines = [];
      this.draw();
      replace(this.message);
    }
    if (!this.walkIn.hidden) this.closeWalkIn();
    if (!this.pinDialog.hidden) this.closePin();
  }

  buildPin() {
    this.pin = el("input", { type: "password", id: "door-pin", inputmode: "numeric", autocomplete: "off", maxlength: "12" });
    this.pinMessage = el("p", { id: "door-pin-message", class: "door-error", role: "alert" });
    this.pinTitle = el("h2", { id: "door-pin-title" });
    this.pinOk = el("button", { type: "submit", id: "door-pin-ok", class: "primary" }, t("door.pin.leave"));
    const form = el("form", { class: "tm-pin-box", autocomplete: "off" },
      this.pinTitle,
      el("label", { for: "door-pin" }, t("table.pin.label")),
      this.pin, this.pinMessage,
      el("div", { class: "inline" }, this.pinOk,
        el("button", { type: "button", id: "door-pin-cancel", onclick: () => this.closePin() }, t("door.pin.cancel"))));
    form.addEventListener("submit", (e) => { e.preventDefault(); this.leave(); });
    return el("div", { class: "tm-pin", id: "door-pin-dialog", hidden: true, role: "dialog", "aria-modal": "true", "aria-labelledby": "door-pin-title" }, form);
  }

  askPin(close) {
    this.closeAfter = close;
    this.pinTitle.textContent = t(close ? "door.pin.title.close" : "door.pin.title");
    this.pin.value = "";
    this.pinMessage.textContent = "";
    this.pinDialog.hidden = false;
    this.pin.focus();
  }

  closePin() {
    this.pin.value = "";
    this.pinDialog.hidden = true;
    this.search.focus();
  }

  async leave() {
    this.pinOk.disabled = true;
    try {
      await call("leave_door_mode", { pin: this.pin.value, close: Boolean(this.closeAfter) });
      this.pin.value = "";
      this.stop();
      this.onLeave();
    } catch (e) {
      this.pin.value = "";
      this.pinMessage.textContent = messageOf(e);
      this.pin.focus();
    } finally {
      this.pinOk.disabled = false;
    }
  }
}
