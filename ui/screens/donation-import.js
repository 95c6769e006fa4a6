// Importing donations from a CSV file (#donation-import): a petition platform's donation export
// or PayPal's, previewed before anything is written, like the answers' import: how the file was
// read and which format it looks like, what the import will do (new gifts, duplicates already
// here by their transaction id, refunds, failed payments left out), and every line rejected or
// warned about, by its line number. "Import" writes it all in one transaction.
import { t, has, formatCount, formatMoney } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { messageOf } from "../alert.js";
import { problemText } from "./import.js";

const SHOWN_PROBLEMS = 200;

/** A problem's words: by its catalog key when it has one, else the reason core wrote. */
function reasonOf(problem) {
  return problem.key ? problemText(problem) : problem.reason || "";
}

export async function render(view) {
  let encoding = null;
  // The fund the gifts go to, chosen before the file (none: unrestricted).
  const overview = await call("money_overview");
  const fund = el("select", { id: "donation-import-fund" },
    el("option", { value: "" }, t("money.fund.unrestricted")),
    overview.funds.map((f) => el("option", { value: f.id }, f.name)));
  const options = () => ({ encoding, fund: fund.value || null, who: "" });
  const choose = el("button", { type: "button", class: "primary", id: "donation-import-choose" }, t("donation.import.choose"));
  const status = el("p", { class: "hint", id: "donation-import-status", role: "status" });
  const preview = el("div", { id: "donation-import-preview" });
  replace(view,
    el("p", { class: "crumb" }, el("a", { href: "#money" }, t("money.back"))),
    el("h1", {}, t("donation.import.title")),
    el("p", { class: "hint" }, t("donation.import.lead")),
    el("section", { class: "panel" }, el("div", { class: "inline" },
      el("label", {}, t("donation.import.fund"), " ", fund), choose, status)),
    preview);

  let asked = 0;
  const show = (p) => {
    status.textContent = "";
    if (p.needs_encoding) {
      const pick = el("select", { id: "donation-import-encoding" },
        el("option", { value: "" }, t("rsvp_import.encoding.choose")),
        p.encodings.map((e) => el("option", { value: e }, e)));
      pick.addEventListener("change", () => { encoding = pick.value || null; again(); });
      replace(preview, el("section", { class: "panel" }, el("p", {}, t("rsvp_import.encoding")), pick));
      return;
    }
    const problems = (list, key, id) => (!list || list.length === 0 ? null : el("section", { class: "panel", id },
      el("h2", { class: "section-title" }, t(key, { count: list.length })),
      el("ul", { class: "problems" }, list.slice(0, SHOWN_PROBLEMS).map((pr) =>
        el("li", { "data-line": pr.line }, t("rsvp_import.line", { line: pr.line, reason: reasonOf(pr) })))),
      list.length > SHOWN_PROBLEMS ? el("p", { class: "hint" }, t("import.more", { count: list.length - SHOWN_PROBLEMS })) : null));
    const adding = p.will_add;
    const go = el("button", { type: "button", class: "primary", id: "donation-import-commit", disabled: adding === 0 }, t("donation.import.commit"));
    const done = el("p", { id: "donation-import-done", class: "saved", role: "status" });
    go.addEventListener("click", () => busy(go, async () => {
      const r = await call("donation_import_commit", { options: options() });
      done.textContent = t("donation.import.done", { added: r.added, duplicates: r.duplicates, refunds: r.refunded });
      done.append(" ", el("a", { href: "#money", id: "donation-import-to-money" }, t("donation.import.to_money")));
      go.disabled = true;
    }));
    const count = (key, value) => el("tr", { "data-count": key },
      el("th", { scope: "row" }, t(`donation.import.count.${key}`)), el("td", { class: "n" }, formatCount(value ?? 0)));
    const format = p.format && has(`donation.import.format.${p.format}`) ? t(`donation.import.format.${p.format}`) : t("donation.import.format.none");
    replace(preview,
      el("section", { class: "panel", id: "donation-import-summary", "data-new": adding, "data-format": p.format || "" },
        el("h2", { class: "section-title" }, p.file_name || ""),
        el("p", { class: "hint", id: "donation-import-format" }, format, p.encoding ? ` · ${p.encoding}` : ""),
        p.currency_assumed ? el("p", { id: "donation-import-currency" }, t("donation.import.currency", { currency: p.currency_assumed })) : null,
        el("table", { class: "counts", id: "donation-import-counts" }, el("tbody", {},
          count("read", p.rows_read),
          count("new", adding),
          count("duplicate", p.duplicates),
          count("refunds", p.refunds),
          count("skipped", p.skipped))),
        p.totals.length ? el("p", { id: "donation-import-totals" },
          t("donation.import.totals", { amounts: p.totals.map(([c, a]) => formatMoney(a, c)).join(" · ") })) : null,
        el("div", { class: "inline" }, go, done)),
      problems(p.rejected, "rsvp_import.rejected", "donation-import-rejected"),
      problems(p.warned, "donation.import.warned", "donation-import-warned"));
  };
  const again = () => {
    const request = ++asked;
    call("donation_import_preview", { options: options() })
      .then((p) => { if (request === asked) show(p); })
      .catch((e) => { status.textContent = messageOf(e); });
  };
  choose.addEventListener("click", () => busy(choose, async () => {
    encoding = null;
    // The chooser answers with the file's preview (null when cancelled).
    const chosen = await call("donation_import_choose_file", { title: t("donation.import.choose"), filter: t("money.csv_filter"), options: options() });
    if (chosen) show(chosen);
  }));
}
