// The campaign's frame: navigation on the inline-start side, the current section beside it.
// Sections are chosen by the address's hash (#dashboard), so Back and Forward work; a page
// of one record adds its id (#appeal/<id>, #sheet/<appeal id>, #person/<id>, #event/<id>,
// #donation/<id>, #fund/<id>, #expense/<id>, #cashbox/<event id>). A section may
// take what follows its name (#signers/appeal=<id>&sheet=<id>: the list, filtered), and a
// page marked `bare` opens without an id too (#duplicates, #import, #import/<appeal id>,
// #donation-import).
import { t } from "./i18n.js";
import { el, replace } from "./dom.js";
import { clearError, showError } from "./alert.js";
// The Dashboard is the first screen a volunteer waits for; every other screen is fetched when
// it is first visited (a module graph loaded whole at start-up costs a round trip a module).
import * as dashboard from "./screens/dashboard.js";
import { call } from "./api.js";
import { lockButton, startIdleLock, stopIdleLock } from "./lock.js";
import { installShortcuts } from "./keyboard.js";

/** A screen's render, its module fetched on first use. */
const later = (path) => async (view, arg) => (await import(path)).render(view, arg);

const SECTIONS = [
  { id: "dashboard", render: dashboard.render },
  { id: "appeals", render: later("./screens/appeals.js") },
  { id: "signers", render: later("./screens/signers.js") },
  { id: "events", render: later("./screens/events.js") },
  { id: "money", render: later("./screens/money.js") },
  { id: "print", render: later("./screens/print.js") },
  { id: "settings", render: later("./screens/settings.js") },
];

/** The sections' ids in the navigation's order (Alt+1 … and the Keyboard page follow it). */
export const SECTION_IDS = SECTIONS.map((s) => s.id);

/** Pages of one record: the section whose link is current, and how to render the page. */
const PAGES = [
  { id: "appeal", section: "appeals", render: later("./screens/appeal.js") },
  { id: "sheet", section: "appeals", render: later("./screens/sheet.js") },
  { id: "person", section: "signers", render: later("./screens/person.js") },
  { id: "duplicates", section: "signers", render: later("./screens/duplicates.js"), bare: true },
  { id: "import", section: "signers", render: later("./screens/import.js"), bare: true },
  { id: "event", section: "events", render: later("./screens/event.js") },
  { id: "rsvp-import", section: "events", render: later("./screens/rsvp-import.js") },
  { id: "donation", section: "money", render: later("./screens/donation.js") },
  { id: "fund", section: "money", render: later("./screens/fund.js") },
  { id: "expense", section: "money", render: later("./screens/expense.js") },
  { id: "cashbox", section: "money", render: later("./screens/cashbox.js") },
  { id: "donation-import", section: "money", render: later("./screens/donation-import.js"), bare: true },
  { id: "keyboard", section: "keyboard", render: later("./screens/keyboard.js"), bare: true },
];

let cleanup = null;
let removeShortcuts = null;
let frameRoot = null;
let frameCampaign = null;
// Counts navigations, so that a section still loading when the reader moves on is dropped.
let visits = 0;

/**
 * Builds the frame in `root` and shows the section in the hash. Returns the section's id.
 * `known` is the safety status when the caller has just asked for it (the start does).
 */
export async function showFrame(root, campaign, known = null) {
  frameRoot = root;
  frameCampaign = campaign;
  const safety = known ?? await call("safety_status");
  const links = SECTIONS.map((s) =>
    el("a", { href: `#${s.id}`, class: "nav-link", "data-section": s.id }, t(`nav.${s.id}`)),
  );
  const keyboardLink = el("a", { href: "#keyboard", class: "nav-link nav-keyboard", "data-section": "keyboard" }, t("nav.keyboard"));
  const current = [...links, keyboardLink]; // the links marked as the page shown
  const view = el("main", { id: "view", class: "view", tabindex: "-1" });
  replace(
    root,
    el("div", { class: "frame" },
      el("nav", { class: "nav", "aria-label": t("nav.label") },
        el("p", { class: "brand" }, el("img", { src: "icon.svg", alt: "", class: "brand-icon" }), t("app.name")),
        el("p", { class: "campaign-name", id: "campaign-name" }, campaign.name),
        el("ul", { class: "nav-list" }, links.map((a) => el("li", {}, a))),
        lockButton(safety),
        keyboardLink,
      ),
      view,
    ),
  );
  window.onhashchange = () => show(view, current).catch(() => {});
  if (removeShortcuts) removeShortcuts();
  removeShortcuts = installShortcuts(SECTION_IDS);
  // Locked: a fresh page, so nothing of the campaign stays in memory; it opens on the unlock
  // screen and comes back to this address after.
  startIdleLock(safety, () => location.reload());
  return show(view, current);
}

async function show(view, links) {
  const visit = ++visits;
  const [id, raw] = location.hash.slice(1).split("/");
  const arg = raw ? decodeURIComponent(raw) : null;
  const page = PAGES.find((p) => p.id === id && (arg || p.bare));
  const known = SECTIONS.find((s) => s.id === id);
  const section = page
    ? { id: page.section, render: (view) => page.render(view, arg) }
    : known
      ? { id: known.id, render: (view) => known.render(view, arg) }
      : SECTIONS[0];
  for (const a of links) {
    if (a.dataset.section === section.id) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (cleanup) cleanup();
  cleanup = null;
  clearError();
  // Each visit renders into its own page: a stale one fills a page no longer shown.
  const into = el("div", { class: "page" });
  replace(view, into);
  try {
    const done = (await section.render(into)) || null;
    if (visit === visits) cleanup = done;
    else if (done) done();
  } catch (e) {
    if (visit === visits) showError(e);
    throw e;
  }
  return section.id;
}

/** Ends what the frame keeps running (the idle lock, its shortcuts, the section shown) before
 * table or door mode takes the whole window. */
function leaveFrame() {
  stopIdleLock();
  if (removeShortcuts) removeShortcuts();
  removeShortcuts = null;
  if (cleanup) cleanup();
  cleanup = null;
  clearError();
}

/**
 * Hands the whole window to table mode (`mode` from start_table_mode). Leaving it with the PIN
 * comes back to the appeal's page.
 */
export async function enterTableMode(mode) {
  const { showTable } = await import("./screens/table.js");
  leaveFrame();
  showTable(frameRoot, mode, () => {
    location.hash = `#appeal/${mode.appeal}`;
    showFrame(frameRoot, frameCampaign).catch(() => {});
  });
}

/**
 * Hands the whole window to door mode (`door` from start_door_mode). Leaving it with the PIN
 * comes back to the event's page.
 */
export async function enterDoorMode(door) {
  const { showDoor } = await import("./screens/door.js");
  leaveFrame();
  showDoor(frameRoot, door, () => {
    location.hash = `#event/${door.event}`;
    showFrame(frameRoot, frameCampaign).catch(() => {});
  });
}
