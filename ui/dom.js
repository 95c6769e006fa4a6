// Builds elements. Text is always set with textContent, never parsed as HTML, so a name like
// "<b>Ali</b>" shows as typed. A number given as a child is written in the window's digits
// (Persian ones in Farsi), so a count never slips through in Latin digits.
import { formatCount } from "./i18n.js";

/**
 * el("p", { class: "hint" }, "text", child) makes <p class="hint">text<child></p>.
 * Attribute values are set with setAttribute; `on*` keys add event listeners.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else if (typeof child === "number") node.appendChild(document.createTextNode(formatCount(child)));
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Runs `work` once the frame now being laid out is on the glass (two frames: layout, then
 * paint). */
export function afterPaint(work) {
  requestAnimationFrame(() => requestAnimationFrame(work));
}

/** Replaces everything inside `node` with `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}
