// Locking the window: the Lock button and the idle lock. Locking asks the app to close the
// store and wipe its key, then throws away every screen; only the unlock screen is left.
// The idle clock runs only while the organizer's frame is shown: table mode and the door keep
// working for visitors (leaving them needs the PIN), and a database without a passphrase has
// nothing to lock with.
import { t } from "./i18n.js";
import { call } from "./api.js";
import { el } from "./dom.js";
import { showError } from "./alert.js";

const EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"];
let timer = null;
let minutes = 0;
let onLock = null;

function restart() {
  clearTimeout(timer);
  if (minutes > 0 && onLock) timer = setTimeout(lockNow, minutes * 60_000);
}

/** Starts the idle clock for the frame (`status` from safety_status); `locked()` shows the
 * unlock screen. */
export function startIdleLock(status, locked) {
  stopIdleLock();
  if (!status.encrypted) return;
  minutes = status.lock_minutes;
  onLock = locked;
  for (const name of EVENTS) window.addEventListener(name, restart, { passive: true });
  restart();
}

/** Stops the idle clock (table mode, the door, the lock itself). */
export function stopIdleLock() {
  clearTimeout(timer);
  timer = null;
  for (const name of EVENTS) window.removeEventListener(name, restart);
}

/** Locks now: the store closes and the screens go. */
export async function lockNow() {
  const locked = onLock;
  stopIdleLock();
  onLock = null;
  try {
    await call("lock");
  } catch (e) {
    showError(e);
    return;
  }
  if (locked) locked();
}

/** The frame's Lock button, for an encrypted database. */
export function lockButton(status) {
  if (!status.encrypted) return null;
  const button = el("button", { type: "button", class: "lock-button", id: "lock-now", title: t("lock.hint") }, t("lock.button"));
  button.addEventListener("click", () => lockNow());
  return button;
}
