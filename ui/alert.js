// Shows errors as a readable message at the top of the window, never as a blank screen.
import { translator } from "./i18n.js";
import { AppError } from "./api.js";

const app = translator("en");

/**
 * The error in the reader's language (`tr`, a translator; the app's by default): by its
 * catalog key when it has one.
 */
export function messageOf(error, tr = app) {
  const { has, t } = tr;
  if (error instanceof AppError) {
    if (error.code === "no_ipc") return t("error.no_ipc");
    if (error.key && has(`error.${error.key}`)) {
      const args = { ...error.args };
      if (args.field && has(`field.${args.field}`)) args.field = t(`field.${args.field}`);
      return t(`error.${error.key}`, args);
    }
    if (error.code !== "internal" && error.message) return error.message;
  }
  const detail = error && error.message ? error.message : String(error);
  return t("error.unexpected", { detail });
}

export function showError(error) {
  console.error(error);
  document.getElementById("alert-text").textContent = messageOf(error);
  document.getElementById("alert").hidden = false;
}

export function clearError() {
  document.getElementById("alert").hidden = true;
}

/** Catches what no screen caught, so a bug still ends in a message. */
export function installErrorHandlers() {
  const close = document.getElementById("alert-close");
  close.textContent = app.t("error.close");
  close.addEventListener("click", clearError);
  window.addEventListener("error", (event) => showError(event.error || event.message));
  window.addEventListener("unhandledrejection", (event) => showError(event.reason));
}
