// The frame's keyboard shortcuts, and the window's text size. Every action is also reachable
// with Tab and Enter; these save a volunteer the walk. The list a reader sees is the Keyboard
// page (screens/keyboard.js), which names the same keys. Table and door mode, used by
// strangers, have none of these (kiosk-lock.js holds their keys).

/** The text sizes the window offers, in per cent of the normal 16px: up to WCAG's 200%. */
const SIZES = [100, 125, 150, 175, 200];
const SIZE_KEY = "campaign-desk.text-size";

function storedSize() {
  try {
    const n = Number(localStorage.getItem(SIZE_KEY));
    return SIZES.includes(n) ? n : 100;
  } catch {
    return 100; // no web storage: the normal size
  }
}

/** Sets the window's text size (the styles are in rem, so every screen follows). */
function setTextSize(percent) {
  const size = SIZES.includes(percent) ? percent : 100;
  document.documentElement.style.fontSize = size === 100 ? "" : `${size}%`;
  document.documentElement.dataset.textSize = String(size);
  try {
    localStorage.setItem(SIZE_KEY, String(size));
  } catch {
    // Not kept: the size holds until the window closes.
  }
}

/** One step larger (+1) or smaller (-1), or back to normal (0). */
function stepTextSize(step) {
  const i = SIZES.indexOf(Number(document.documentElement.dataset.textSize));
  setTextSize(step === 0 ? 100 : SIZES[Math.max(0, Math.min(SIZES.length - 1, i + step))]);
}

setTextSize(storedSize());

/** The frame's shortcuts, given the sections' ids in the order of the navigation. Returns
 * the function that removes them. */
export function installShortcuts(sections) {
  const onKey = (e) => {
    if (e.defaultPrevented) return;
    const ctrl = e.ctrlKey || e.metaKey;
    if (e.key === "F1") {
      e.preventDefault();
      location.hash = "#keyboard";
    } else if (e.altKey && !ctrl && /^Digit[1-9]$/.test(e.code || `Digit${e.key}`)) {
      const section = sections[Number((e.code || e.key).slice(-1)) - 1];
      if (!section) return;
      e.preventDefault();
      location.hash = `#${section}`;
    } else if (ctrl && !e.altKey && (e.key === "+" || e.key === "=")) {
      e.preventDefault();
      stepTextSize(1);
    } else if (ctrl && !e.altKey && e.key === "-") {
      e.preventDefault();
      stepTextSize(-1);
    } else if (ctrl && !e.altKey && e.key === "0") {
      e.preventDefault();
      stepTextSize(0);
    }
  };
  window.addEventListener("keydown", onKey);
  return () => window.removeEventListener("keydown", onKey);
}
