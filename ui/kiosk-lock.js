// What table mode and door mode share: the window handed to strangers. The webview's own
// shortcuts (reload, find, zoom) and its context menu are not theirs; closing the window asks
// for the organizer's PIN (app/lib.rs refuses the close and sends this event); any key or touch
// counts as someone being there, for the idle time.

const ACTIVITY = ["input", "keydown", "pointerdown", "touchstart", "scroll"];

/**
 * Locks the window to `root`: `onActivity` runs on every key or touch, `onClose` when the window
 * is asked to close, `onKey` (optional) on every key after the webview's shortcuts are stopped.
 * Returns the function that unlocks it.
 */
export function lockWindow(root, { onActivity, onClose, onKey = null }) {
  window.onhashchange = null; // no section of the app is reachable from here
  const keys = (e) => {
    if ((e.ctrlKey || e.metaKey) && !["z", "x", "c", "v", "a"].includes(e.key.toLowerCase())) e.preventDefault();
    if (e.key === "F5" || e.key === "F11") e.preventDefault();
    if (onKey) onKey(e);
  };
  const menu = (e) => e.preventDefault();
  for (const type of ACTIVITY) root.addEventListener(type, onActivity, { capture: true, passive: true });
  window.addEventListener("campaign-desk-close-requested", onClose);
  window.addEventListener("keydown", keys, { capture: true });
  window.addEventListener("contextmenu", menu);
  return () => {
    for (const type of ACTIVITY) root.removeEventListener(type, onActivity, { capture: true, passive: true });
    window.removeEventListener("campaign-desk-close-requested", onClose);
    window.removeEventListener("keydown", keys, { capture: true });
    window.removeEventListener("contextmenu", menu);
  };
}
