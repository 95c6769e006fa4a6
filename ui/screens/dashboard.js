// Live counts from the database. Counted again when the window comes back into focus and every
// half minute while shown, so a CLI import or a second window shows up without a restart.
// Below the counts, charts of the signers (of every appeal, or of one chosen). They are below
// the first screen, so they are counted and drawn (and Chart.js loaded) only once they scroll
// into view: the window opens without their time and memory.
import { formatCount, formatMoney, formatTime, t } from "../i18n.js";
import { call } from "../api.js";
import { afterPaint, el, replace } from "../dom.js";
import { showError } from "../alert.js";
import { drawNumbers } from "../charts.js";

const REFRESH_MS = 30_000;

/** The appeal the charts were last shown for ("" for all), kept while the window is open. */
let chartAppeal = "";

export async function render(view) {
  const body = el("div", { class: "dashboard" });
  const updated = el("p", { class: "hint", id: "dashboard-updated" });
  const chartChoice = el("select", { id: "dashboard-chart-appeal" });
  const charts = el("div", { class: "charts", id: "dashboard-charts" });
  const chartPanel = el("section", { class: "charts-panel", id: "dashboard-charts-panel", hidden: true },
    el("div", { class: "charts-head" },
      el("h2", { class: "section-title" }, t("dashboard.charts")),
      el("label", { for: "dashboard-chart-appeal" }, t("dashboard.charts.appeal")), chartChoice),
    charts);
  replace(view, el("h1", {}, t("dashboard.title")), updated, body, chartPanel);

  // The answers of an earlier choice are dropped when a later one was made.
  let chartRequests = 0;
  let chartsCounted = null; // the signers per appeal the charts were last asked for
  let listed = null; // the appeals the choice lists
  async function refreshCharts() {
    const request = ++chartRequests;
    const appeal = chartChoice.value || null;
    const numbers = await call("signer_numbers", { appeal });
    if (request !== chartRequests) return;
    chartPanel.hidden = numbers.total === 0 && !appeal;
    await drawNumbers(charts, numbers, { perAppeal: !appeal, idPrefix: "dashboard-chart" });
  }
  // Drawn from the first time the charts come into view; until then a refresh leaves them.
  let chartsSeen = false;
  const seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen.disconnect();
    chartsSeen = true;
    refreshCharts().catch(showError);
  });
  chartChoice.addEventListener("change", () => {
    chartAppeal = chartChoice.value;
    refreshCharts().catch(showError);
  });

  async function refresh() {
    const stats = await call("dashboard_stats");
    replace(body, ...content(stats));
    updated.textContent = t("dashboard.updated", { time: formatTime(new Date()) });
    // The choice of appeal is rebuilt only when the appeals changed (not under an open list).
    const appeals = JSON.stringify(stats.appeals.map((a) => [a.id, a.title]));
    if (appeals !== listed) {
      listed = appeals;
      const chosen = chartChoice.value || chartAppeal;
      replace(chartChoice,
        el("option", { value: "" }, t("dashboard.charts.all")),
        stats.appeals.map((a) => el("option", { value: a.id }, a.title)));
      chartChoice.value = stats.appeals.some((a) => a.id === chosen) ? chosen : "";
    }
    // Counting for the charts is heavier than the cards: only when the signers changed.
    const counted = JSON.stringify(stats.appeals.map((a) => [a.id, a.signers]));
    if (counted !== chartsCounted) {
      chartsCounted = counted;
      if (chartsSeen) {
        refreshCharts().catch(showError);
      } else {
        // Shown (so that it can come into view) when there are signers to chart.
        chartPanel.hidden = !stats.appeals.some((a) => a.signers > 0);
        afterPaint(() => seen.observe(charts));
      }
    }
  }
  await refresh();

  const again = () => refresh().catch(showError);
  const timer = setInterval(again, REFRESH_MS);
  window.addEventListener("focus", again);
  return () => {
    seen.disconnect();
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
