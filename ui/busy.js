// Runs a button's work: the button is disabled meanwhile, errors go to the banner.
import { clearError, showError } from "./alert.js";

/** Runs `work` with `button` busy; returns its result, or undefined after showing its error. */
export async function busy(button, work) {
  button.disabled = true;
  clearError();
  try {
    return await work();
  } catch (e) {
    showError(e);
    return undefined;
  } finally {
    button.disabled = false;
  }
}
