// Settings → Table mode: the organizer's PIN (needed to leave table mode; kept only as a slow
// hash) and how long a half-filled signing form waits before it is cleared.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";

export async function renderTableSettings(section) {
  const settings = await call("kiosk_settings");
  replace(section,
    el("h2", { class: "section-title", id: "table-settings-title" }, t("kiosk.title")),
    el("p", { class: "hint" }, t("kiosk.lead")),
    pinForm(section, settings),
    idleForm(settings));
}

function pinForm(section, settings) {
  const current = settings.has_pin
    ? el("input", { type: "password", id: "pin-current", inputmode: "numeric", autocomplete: "off", maxlength: "12" })
    : null;
  const pin = el("input", { type: "password", id: "pin-new", inputmode: "numeric", autocomplete: "new-password", maxlength: "12" });
  const again = el("input", { type: "password", id: "pin-again", inputmode: "numeric", autocomplete: "new-password", maxlength: "12" });
  const state = el("p", { class: "hint", id: "pin-state", "aria-live": "polite" }, t(settings.has_pin ? "kiosk.pin.set" : "kiosk.pin.none"));
  const button = el("button", { type: "submit", id: "save-pin" }, t(settings.has_pin ? "kiosk.pin.change" : "kiosk.pin.save"));
  const form = el("form", { class: "row-form", autocomplete: "off" },
    el("h3", {}, t("kiosk.pin")),
    state,
    current ? [el("label", { for: "pin-current" }, t("kiosk.pin.current")), current] : null,
    el("label", { for: "pin-new" }, t("kiosk.pin.new")), pin,
    el("label", { for: "pin-again" }, t("kiosk.pin.again")), again,
    el("p", { class: "hint" }, t("kiosk.pin.hint")),
    button);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (pin.value !== again.value) {
      state.textContent = t("kiosk.pin.mismatch");
      again.focus();
      return;
    }
    busy(button, async () => {
      await call("set_pin", { current: current ? current.value : null, pin: pin.value });
      await renderTableSettings(section);
      document.getElementById("pin-state").textContent = t("kiosk.pin.saved");
    });
  });
  return form;
}

function idleForm(settings) {
  const seconds = el("input", { type: "number", id: "idle-seconds", min: "5", max: "600", step: "1", value: String(settings.idle_seconds) });
  const saved = el("span", { class: "saved", id: "idle-saved", "aria-live": "polite" });
  const button = el("button", { type: "submit", id: "save-idle" }, t("kiosk.idle.save"));
  const form = el("form", { class: "row-form" },
    el("label", { for: "idle-seconds" }, t("kiosk.idle")),
    el("p", { class: "hint" }, t("kiosk.idle.hint")),
    el("div", { class: "inline" }, seconds, button, saved));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, async () => {
      const s = await call("set_idle_seconds", { seconds: Number(seconds.value) });
      seconds.value = String(s.idle_seconds);
      saved.textContent = t("kiosk.idle.saved");
    });
  });
  return form;
}
