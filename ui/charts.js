// Charts of signers (per country, week, source, event and appeal) from `signer_numbers`, for the
// Dashboard and an appeal's page; and any other bar charts a screen describes (`drawCharts`: the
// Money screen's gifts per month and progress per fund). Chart.js (ui/vendor/chart.js) is loaded the first time a chart
// is drawn, so screens without charts never pay for it. Each chart has its numbers beside it in
// a table that only screen readers see (and everyone sees if the library cannot load). No
// animation: old laptops. Right-to-left pages get mirrored axes.
import { t, has, locale, formatCount, formatDay } from "./i18n.js";
import { el, replace } from "./dom.js";
import { countryName } from "./countries.js";

const TOP_COUNTRIES = 15;
const MAX_WEEKS = 520; // ten years of weeks; beyond that the gaps are left unfilled
const BAR = 26; // pixels a horizontal bar takes, with its gap
const AXES = 56; // pixels of a chart that are not bars (axes, padding)
const LABEL_CHARS = 28; // a bar's label is shortened beyond this

let library = null;

/** Chart.js, loaded once. The UMD file, run as a module, sets globalThis.Chart. */
export function loadChartLibrary() {
  if (!library) {
    library = import("./vendor/chart.js/chart.umd.min.js").then(() => {
      const Chart = globalThis.Chart;
      if (!Chart) throw new Error("Chart.js did not load");
      const css = getComputedStyle(document.documentElement);
      Chart.defaults.animation = false;
      Chart.defaults.font.family = css.fontFamily;
      Chart.defaults.font.size = 13;
      Chart.defaults.color = css.getPropertyValue("--ink").trim() || "#1c1917";
      Chart.defaults.borderColor = css.getPropertyValue("--line").trim() || "#d6d3d1";
      return Chart;
    });
    library.catch(() => { library = null; }); // a later screen tries again
  }
  return library;
}

/** Charts drawn and not yet destroyed: a chart whose canvas left the page is destroyed. */
const drawn = new Set();
/** What each container shows, so a refresh with the same numbers draws nothing. */
const shown = new WeakMap();

function sweep() {
  for (const chart of drawn) {
    if (!chart.canvas || !chart.canvas.isConnected) {
      chart.destroy();
      drawn.delete(chart);
    }
  }
}

/**
 * Fills `container` with the charts of `numbers` (what signer_numbers answers). `perAppeal`
 * adds the chart of signers per appeal (the Dashboard over all appeals). `idPrefix` keeps the
 * ids of two sets of charts apart. Resolves once drawn (or once the tables stand in).
 */
export async function drawNumbers(container, numbers, { perAppeal = false, idPrefix = "chart" } = {}) {
  const key = JSON.stringify([numbers, perAppeal, document.documentElement.dir]);
  if (shown.get(container) === key) return;
  shown.set(container, key);
  sweep();

  // The weeks across the top; below, the countries beside the other (shorter) charts.
  const week = figure(weekChart(numbers.by_week || []), idPrefix);
  const country = figure(countryChart(numbers.by_country || []), idPrefix);
  const others = [
    sourceChart(numbers.by_source || []),
    eventChart(numbers.by_event || []),
    perAppeal ? appealChart(numbers.by_appeal || []) : null,
  ].filter(Boolean).map((c) => figure(c, idPrefix));
  const figures = [week, country, ...others];
  replace(container,
    week.node,
    el("div", { class: "chart-col" }, country.node),
    el("div", { class: "chart-col" }, others.map((f) => f.node)));
  await drawFigures(container, key, figures);
}

/**
 * Fills `container` with one bar chart for each of `specs`, in order. A spec is
 * { id, caption, keyLabel, valueLabel, labels, values (numbers, only for the bars' lengths),
 *   display (the table's and the tooltip's text of each value, e.g. formatted money),
 *   horizontal (else vertical bars across the whole width), muted? }. Same rules as the signer charts: loaded on first use, the
 * numbers in a table for screen readers, no animation, mirrored in right-to-left pages.
 */
export async function drawCharts(container, specs, { idPrefix = "chart" } = {}) {
  const key = JSON.stringify([specs, document.documentElement.dir]);
  if (shown.get(container) === key) return;
  shown.set(container, key);
  sweep();
  const figures = specs.map((spec) => figure(spec, idPrefix));
  replace(container, figures.map((f) => f.node));
  await drawFigures(container, key, figures);
}

/** Draws the figures' canvases once the library is there, or shows their tables instead. */
async function drawFigures(container, key, figures) {
  container.setAttribute("aria-busy", "true");
  try {
    const Chart = await loadChartLibrary();
    if (shown.get(container) !== key) return; // newer numbers arrived meanwhile
    const rtl = document.documentElement.dir === "rtl";
    for (const f of figures) {
      if (f.canvas) drawn.add(new Chart(f.canvas, config(f.spec, rtl)));
    }
  } catch (e) {
    // Without the library, the numbers still show: as the tables.
    console.error(e);
    for (const f of figures) f.node.classList.add("chart-failed");
    container.prepend(el("p", { class: "hint" }, t("charts.unavailable")));
  } finally {
    container.removeAttribute("aria-busy");
  }
}

/** A chart's figure: its caption, the canvas's box and the table of its numbers. */
function figure(spec, idPrefix) {
  const id = `${idPrefix}-${spec.id}`;
  // A described chart brings its own words; the signer charts take theirs from the catalog.
  const caption = spec.caption ?? t(`charts.${spec.id}`);
  const keyLabel = spec.keyLabel ?? t(`charts.${spec.id}.key`);
  const valueLabel = spec.valueLabel ?? t("charts.signers");
  const anything = spec.values.some((v) => v !== 0);
  const table = el("table", { class: "chart-table", id: `${id}-table` },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {},
      el("th", { scope: "col" }, keyLabel),
      el("th", { scope: "col" }, valueLabel))),
    el("tbody", {}, spec.labels.map((label, i) => el("tr", {},
      el("th", { scope: "row" }, spec.tableLabels ? spec.tableLabels[i] : label),
      el("td", {}, spec.display ? spec.display[i] : formatCount(spec.values[i]))))));
  if (spec.values.length === 0 || !anything) {
    return {
      spec,
      canvas: null,
      node: el("figure", { class: "chart", id },
        el("figcaption", {}, caption),
        el("p", { class: "hint" }, t("charts.empty"))),
    };
  }
  const canvas = el("canvas", { "aria-hidden": "true" });
  const box = el("div", { class: "chart-box" }, canvas);
  const height = spec.horizontal ? spec.labels.length * BAR + AXES : 240;
  box.style.blockSize = `${height}px`; // CSSOM, which the CSP allows (no style attribute)
  return {
    spec,
    canvas,
    node: el("figure", { class: `chart${spec.horizontal ? "" : " chart-wide"}`, id },
      el("figcaption", {}, caption), box, el("div", { class: "visually-hidden chart-numbers" }, table)),
  };
}

/** The Chart.js configuration of a bar chart, mirrored for right-to-left pages. */
function config(spec, rtl) {
  const css = getComputedStyle(document.documentElement);
  const green = css.getPropertyValue("--green").trim() || "#14532d";
  const muted = css.getPropertyValue("--muted").trim() || "#57534e";
  const value = {
    beginAtZero: true,
    ticks: { precision: spec.display ? undefined : 0 },
    grid: { color: css.getPropertyValue("--line").trim() || "#d6d3d1" },
  };
  const category = { grid: { display: false }, ticks: { autoSkip: !spec.horizontal, maxRotation: 0 } };
  // A long title (an event's, an appeal's) is shortened beside its bar; the tooltip and the
  // table keep it whole.
  if (spec.horizontal) {
    category.ticks.callback = function (v) {
      const label = String(this.getLabelForValue(v));
      return label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}\u2026` : label;
    };
  }
  // Horizontal bars grow from the inline start; in RTL, from the right, with the names there.
  const scales = spec.horizontal
    ? { x: { ...value, reverse: rtl }, y: { ...category, position: rtl ? "right" : "left" } }
    : { x: { ...category, reverse: rtl }, y: { ...value, position: rtl ? "right" : "left" } };
  return {
    type: "bar",
    data: {
      labels: spec.labels,
      datasets: [{
        label: spec.valueLabel ?? t("charts.signers"),
        data: spec.values,
        backgroundColor: spec.values.map((_, i) => (spec.muted && spec.muted[i] ? muted : green)),
        borderRadius: 3,
        maxBarThickness: spec.horizontal ? 20 : 28,
      }],
    },
    options: {
      indexAxis: spec.horizontal ? "y" : "x",
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      locale,
      scales,
      plugins: {
        legend: { display: false },
        tooltip: {
          rtl,
          textDirection: rtl ? "rtl" : "ltr",
          callbacks: {
            ...(spec.tableLabels ? { title: (items) => spec.tableLabels[items[0].dataIndex] } : {}),
            // Money shows as the exact formatted amount, not the bar's float.
            ...(spec.display ? { label: (item) => spec.display[item.dataIndex] } : {}),
          },
        },
      },
    },
  };
}

const byCount = (a, b) => b.count - a.count;

function countryChart(list) {
  const sorted = [...list].sort(byCount);
  const top = sorted.slice(0, TOP_COUNTRIES);
  const rest = sorted.slice(TOP_COUNTRIES);
  const labels = top.map((c) => (c.key ? countryName(c.key, locale) : t("appeal.no_country")));
  const values = top.map((c) => c.count);
  const muted = top.map((c) => !c.key);
  if (rest.length) {
    labels.push(t("charts.country.other", { count: rest.length }));
    values.push(rest.reduce((n, c) => n + c.count, 0));
    muted.push(true);
  }
  return { id: "country", horizontal: true, labels, values, muted };
}

/** Signers per week, every week from the first to the last (a week nobody signed shows 0). */
function weekChart(list) {
  const counts = new Map(list.map((w) => [w.key, w.count]));
  const keys = [...counts.keys()].sort();
  let weeks = keys;
  if (keys.length > 1) {
    const all = [];
    const day = new Date(`${keys[0]}T00:00:00Z`);
    const last = keys[keys.length - 1];
    while (all.length <= MAX_WEEKS) {
      const k = day.toISOString().slice(0, 10);
      all.push(k);
      if (k >= last) break;
      day.setUTCDate(day.getUTCDate() + 7);
    }
    if (all[all.length - 1] === last) weeks = all;
  }
  const years = new Set(weeks.map((k) => k.slice(0, 4)));
  const short = years.size > 1 ? { day: "numeric", month: "short", year: "2-digit" } : { day: "numeric", month: "short" };
  return {
    id: "week",
    horizontal: false,
    labels: weeks.map((k) => formatDay(k, short)),
    tableLabels: weeks.map((k) => t("charts.week.of", { day: formatDay(k) })),
    values: weeks.map((k) => counts.get(k) || 0),
  };
}

function sourceChart(list) {
  const sorted = [...list].sort(byCount);
  return {
    id: "source",
    horizontal: true,
    labels: sorted.map((s) => (has(`signers.source.${s.key}`) ? t(`signers.source.${s.key}`) : s.key)),
    values: sorted.map((s) => s.count),
  };
}

function eventChart(list) {
  const sorted = [...list].sort(byCount);
  return {
    id: "event",
    horizontal: true,
    labels: sorted.map((e) => (e.key ? e.label || e.key : t("charts.event.none"))),
    values: sorted.map((e) => e.count),
    muted: sorted.map((e) => !e.key),
  };
}

function appealChart(list) {
  const sorted = [...list].sort(byCount);
  return {
    id: "appeal",
    horizontal: true,
    labels: sorted.map((a) => a.label || a.key),
    values: sorted.map((a) => a.count),
  };
}
