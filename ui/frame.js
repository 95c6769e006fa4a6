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
import * as dashboard from "./screens/dashboard.js";
import * as settings from "./screens/settings.js";
import * as appeals from "./screens/appeals.js";
import * as appeal from "./screens/appeal.js";
import * as sheet from "./screens/sheet.js";
import * as person from "./screens/person.js";
import * as signers from "./screens/signers.js";
import * as duplicates from "./screens/duplicates.js";
import * as importer from "./screens/import.js";
import * as events from "./screens/events.js";
import * as eventPage from "./screens/event.js";
import * as rsvpImport from "./screens/rsvp-import.js";
import * as money from "./screens/money.js";
import * as donation from "./screens/donation.js";
import * as fund from "./screens/fund.js";
import * as expense from "./screens/expense.js";
import * as cashbox from "./screens/cashbox.js";
import * as donationImport from "./screens/donation-import.js";
import * as print from "./screens/print.js";
import { showTable } from "./screens/table.js";
import { showDoor } from "./screens/door.js";
import { call } from "./api.js";
import { lockButton, startIdleLock, stopIdleLock } from "./lock.js";

const SECTIONS = [
  { id: "dashboard", render: dashboard.render },
  { id: "appeals", render: appeals.render },
  { id: "signers", render: signers.render },
  { id: "events", render: events.render },
  { id: "money", render: money.render },
  { id: "print", render: print.render },
  { id: "settings", render: settings.render },
];

/** Pages of one record: the section whose link is current, and how to render the page. */
const PAGES = [
  { id: "appeal", section: "appeals", render: appeal.render },
  { id: "sheet", section: "appeals", render: sheet.render },
  { id: "person", section: "signers", render: person.render },
  { id: "duplicates", section: "signers", render: duplicates.render, bare: true },
  { id: "import", section: "signers", render: importer.render, bare: true },
  { id: "event", section: "events", render: eventPage.render },
  { id: "rsvp-import", section: "events", render: rsvpImport.render },
  { id: "donation", section: "money", render: donation.render },
  { id: "fund", section: "money", render: fund.render },
  { id: "expense", section: "money", render: expense.render },
  { id: "cashbox", section: "money", render: cashbox.render },
  { id: "donation-import", section: "money", render: donationImport.render, bare: true },
];

let cleanup = null;
let frameRoot = null;
let frameCampaign = null;
// Counts navigations, so that a section still loading when the reader moves on is dropped.
let visits = 0;

/** Builds the frame in `root` and shows the section in the hash. Returns the section's id. */
export async function showFrame(root, campaign) {
  frameRoot = root;
  frameCampaign = campaign;
  const safety = await call("safety_status");
  const links = SECTIONS.map((s) =>
    el("a", { href: `#${s.id}`, class: "nav-link", "data-section": s.id }, t(`nav.${s.id}`)),
  );
  const view = el("main", { id: "view", class: "view", tabindex: "-1" });
  replace(
    root,
    el("div", { class: "frame" },
      el("nav", { class: "nav", "aria-label": t("nav.label") },
        el("p", { class: "brand" }, el("img", { src: "icon.svg", alt: "", class: "brand-icon" }), t("app.name")),
        el("p", { class: "campaign-name", id: "campaign-name" }, campaign.name),
        el("ul", { class: "nav-list" }, links.map((a) => el("li", {}, a))),
        lockButton(safety),
      ),
      view,
    ),
  );
  window.onhashchange = () => show(view, links).catch(() => {});
  // Locked: a fresh page, so nothing of the campaign stays in memory; it opens on the unlock
  // screen and comes back to this address after.
  startIdleLock(safety, () => location.reload());
  return show(view, links);
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

/**
 * Hands the whole window to table mode (`mode` from start_table_mode). Leaving it with the PIN
 * comes back to the appeal's page.
 */
export function enterTableMode(mode) {
  stopIdleLock();
  if (cleanup) cleanup();
  cleanup = null;
  clearError();
  showTable(frameRoot, mode, () => {
    location.hash = `#appeal/${mode.appeal}`;
    showFrame(frameRoot, frameCampaign).catch(() => {});
  });
}

/**
 * Hands the whole window to door mode (`door` from start_door_mode). Leaving it with the PIN
 * comes back to the event's page.
 */
export function enterDoorMode(door) {
  stopIdleLock();
  if (cleanup) cleanup();
  cleanup = null;
  clearError();
  showDoor(frameRoot, door, () => {
    location.hash = `#event/${door.event}`;
    showFrame(frameRoot, frameCampaign).catch(() => {});
  });
}
