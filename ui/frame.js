// The campaign's frame: navigation on the inline-start side, the current section beside it.
// Sections are chosen by the address's hash (#dashboard), so Back and Forward work.
import { t } from "./i18n.js";
import { el, replace } from "./dom.js";
import { clearError, showError } from "./alert.js";
import * as dashboard from "./screens/dashboard.js";
import * as settings from "./screens/settings.js";
import { later } from "./screens/later.js";

const SECTIONS = [
  { id: "dashboard", render: dashboard.render },
  { id: "signers", render: later("signers") },
  { id: "events", render: later("events") },
  { id: "money", render: later("money") },
  { id: "print", render: later("print") },
  { id: "settings", render: settings.render },
];

let cleanup = null;
// Counts navigations, so that a section still loading when the reader moves on is dropped.
let visits = 0;

/** Builds the frame in `root` and shows the section in the hash. Returns the section's id. */
export async function showFrame(root, campaign) {
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
      ),
      view,
    ),
  );
  window.onhashchange = () => show(view, links).catch(() => {});
  return show(view, links);
}

async function show(view, links) {
  const visit = ++visits;
  const id = location.hash.slice(1);
  const section = SECTIONS.find((s) => s.id === id) || SECTIONS[0];
  for (const a of links) {
    if (a.dataset.section === section.id) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  if (cleanup) cleanup();
  cleanup = null;
  clearError();
  // Each visit renders into its own page: a stale one fills a page no longer shown.
  const page = el("div", { class: "page" });
  replace(view, page);
  try {
    const done = (await section.render(page)) || null;
    if (visit === visits) cleanup = done;
    else if (done) done();
  } catch (e) {
    if (visit === visits) showError(e);
    throw e;
  }
  return section.id;
}
