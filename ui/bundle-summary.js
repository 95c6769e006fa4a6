// What a bundle brings, before and after it is applied: shared by the welcome screen (joining a
// campaign) and Settings (opening a bundle from another laptop).
import { t, formatCount } from "./i18n.js";
import { el } from "./dom.js";

const KINDS = ["people", "signatures", "rsvps", "donations", "other"];

/** When a bundle was made, in the reader's words. */
export function formatStamp(stamp) {
  const date = new Date(stamp);
  if (Number.isNaN(date.getTime())) return stamp;
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A table of rows added, changed and removed per kind, and who sent them. */
export function arrivedTable(preview) {
  return el("table", { class: "counts", "data-preview": "" },
    el("caption", {}, t("bundle.from", { laptop: preview.from.name, when: formatStamp(preview.made_at) })),
    el("thead", {},
      el("tr", {},
        el("th", { scope: "col" }, t("bundle.kind")),
        el("th", { scope: "col" }, t("bundle.added")),
        el("th", { scope: "col" }, t("bundle.changed")),
        el("th", { scope: "col" }, t("bundle.removed")),
      ),
    ),
    el("tbody", {},
      KINDS.map((kind) =>
        el("tr", { "data-kind": kind },
          el("th", { scope: "row" }, t(`bundle.kind.${kind}`)),
          el("td", {}, formatCount(preview[kind].added)),
          el("td", {}, formatCount(preview[kind].changed)),
          el("td", {}, formatCount(preview[kind].removed)),
        ),
      ),
    ),
  );
}

/** How many records a bundle adds, changes or removes in all. */
function records(preview) {
  return KINDS.reduce((n, kind) => n + preview[kind].added + preview[kind].changed + preview[kind].removed, 0);
}

/** The preview's headline: what is new here. */
export function previewLead(preview) {
  if (preview.new_changes === 0) return el("p", { class: "ok", id: "nothing-new" }, t("bundle.nothing_new"));
  if (preview.joins) return el("p", {}, t("bundle.will_join", { campaign: preview.campaign }));
  return el("p", {}, t("bundle.new_records", { count: records(preview) }));
}

/** What applying did. */
export function appliedSummary(applied) {
  return el("div", { class: "applied", id: "bundle-applied", role: "status" },
    el("p", { class: "ok" }, t("bundle.applied", { count: records(applied.arrived) })),
    arrivedTable(applied.arrived),
    el("ul", { class: "facts-list" },
      el("li", { "data-fact": "conflicts" }, t("bundle.conflicts", { count: applied.conflicts })),
      applied.money_conflicts > 0
        ? el("li", { "data-fact": "money", class: "money" }, t("bundle.money_conflicts", { count: applied.money_conflicts }))
        : null,
      el("li", { "data-fact": "merged" }, t("bundle.merged", { count: applied.merged_people })),
      el("li", { "data-fact": "duplicates" }, t("bundle.duplicates", { count: applied.duplicates_queued })),
      el("li", { "data-fact": "now" }, t("bundle.now", { people: applied.people_now, signatures: applied.signatures_now })),
    ),
  );
}
