// Live counts from the database. Counted again when the window comes back into focus and every
// half minute while shown, so a CLI import or a second window shows up without a restart.
import { formatCount, formatMoney, formatTime, t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { showError } from "../alert.js";

const REFRESH_MS = 30_000;

export async function render(view) {
  const body = el("div", { class: "dashboard" });
  const updated = el("p", { class: "hint", id: "dashboard-updated" });
  replace(view, el("h1", {}, t("dashboard.title")), updated, body);

  async function refresh() {
    const stats = await call("dashboard_stats");
    replace(body, ...content(stats));
    updated.textContent = t("dashboard.updated", { time: formatTime(new Date()) });
  }
  await refresh();

  const again = () => refresh().catch(showError);
  const timer = setInterval(again, REFRESH_MS);
  window.addEventListener("focus", again);
  return () => {
    clearInterval(timer);
    window.removeEventListener("focus", again);
  };
}

function content(stats) {
  const signers = stats.appeals.reduce((n, a) => n + a.signers, 0);
  const countries = stats.appeals.length ? Math.max(...stats.appeals.map((a) => a.countries)) : 0;
  const cards = el("div", { class: "cards" },
    card("people", stats.people, t("dashboard.people.hint")),
    card("signers", signers, stats.appeals.length ? t("dashboard.signers.hint", { countries }) : t("dashboard.no_appeal")),
    card("events", stats.events, t("dashboard.events.hint", { upcoming: stats.upcoming_events })),
    card("rsvps", stats.rsvps, t("dashboard.rsvps.hint")),
    donationsCard(stats.donations),
  );
  const parts = [cards];
  if (stats.funds.length) parts.push(funds(stats.funds));
  if (stats.people === 0) parts.push(el("p", { class: "empty-state" }, t("dashboard.empty")));
  return parts;
}

function card(id, value, hint) {
  return el("section", { class: "card", "data-card": id },
    el("h2", {}, t(`dashboard.${id}`)),
    el("p", { class: "value", "data-stat": id }, formatCount(value)),
    el("p", { class: "hint" }, hint),
  );
}

function donationsCard(donations) {
  const totals = donations.totals.map((d) =>
    el("li", { "data-currency": d.currency },
      el("span", { class: "amount" }, formatMoney(d.total, d.currency)),
      " ",
      el("span", { class: "hint" }, t("dashboard.donations.gifts", { count: d.count })),
    ),
  );
  return el("section", { class: "card card-wide", "data-card": "donations" },
    el("h2", {}, t("dashboard.donations")),
    el("p", { class: "value", "data-stat": "donations" }, formatCount(donations.count)),
    totals.length ? el("ul", { class: "totals" }, totals) : el("p", { class: "hint" }, t("dashboard.donations.none")),
  );
}

function funds(list) {
  return el("section", { class: "funds" },
    el("h2", {}, t("dashboard.funds")),
    el("ul", {}, list.map((f) => {
      const raised = formatMoney(f.raised, f.currency);
      const text = f.goal
        ? t("dashboard.fund.progress", { raised, goal: formatMoney(f.goal, f.currency) })
        : t("dashboard.fund.no_goal", { raised });
      return el("li", { class: "fund", "data-fund": f.name },
        el("span", { class: "fund-name" }, f.name),
        el("span", { class: "hint" }, text),
        f.percent === null ? null : el("progress", { max: "100", value: String(Math.min(f.percent, 100)) }, `${f.percent}%`),
      );
    })),
  );
}
