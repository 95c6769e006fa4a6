// Where the data lives, and a check of the file; then the sections of their own modules: the
// passphrase and backups, table mode, the organization and receipts with the exchange rates, sharing with another laptop.
import { t, locale, LANGUAGES, chooseLanguage } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { showError } from "../alert.js";
import { renderShare } from "./share.js";
import { renderTableSettings } from "./table-settings.js";
import { renderMoneySettings } from "./money-settings.js";
import { renderSafetySettings } from "./safety-settings.js";

export async function render(view) {
  const info = await call("app_info");
  const share = el("section", { class: "share", id: "share", "aria-labelledby": "share-title" });
  const safety = el("section", { class: "share", id: "safety-settings", "aria-labelledby": "safety-settings-title" });
  const table = el("section", { class: "share", id: "table-settings", "aria-labelledby": "table-settings-title" });
  const money = el("section", { class: "share", id: "money-settings", "aria-labelledby": "money-settings-title" });
  const result = el("div", { id: "check-result", "aria-live": "polite" });
  const checkButton = el("button", { type: "button", id: "check-database" }, t("settings.check.button"));
  checkButton.addEventListener("click", async () => {
    checkButton.disabled = true;
    try {
      const report = await call("check_database");
      replace(result, report.problems.length === 0
        ? [el("p", { class: "ok" }, t("settings.check.ok")),
           report.audit_head
             ? el("p", { class: "hint", id: "audit-head" }, t("settings.check.audit", { count: report.audit_entries, head: report.audit_head }))
             : null]
        : [el("p", { class: "problem" }, t("settings.check.problems", { count: report.problems.length })),
           el("ul", {}, report.problems.map((p) => el("li", {}, p)))]);
    } catch (e) {
      showError(e);
    } finally {
      checkButton.disabled = false;
    }
  });

  replace(
    view,
    el("h1", {}, t("settings.title")),
    el("dl", { class: "facts" },
      el("dt", {}, t("settings.database")),
      el("dd", {},
        el("code", { id: "database-path", class: "path" }, info.database_path),
        el("p", { class: "hint" }, t("settings.database.hint")),
        checkButton,
        result,
      ),
      el("dt", {}, t("settings.schema")),
      el("dd", { id: "schema-version" }, String(info.schema_version)),
      el("dt", {}, t("settings.version")),
      el("dd", {}, info.version),
      el("dt", {}, el("label", { for: "window-language" }, t("settings.language"))),
      el("dd", {}, languageChoice()),
    ),
    safety,
    table,
    money,
    share,
  );
  await Promise.all([renderSafetySettings(safety), renderTableSettings(table), renderMoneySettings(money), renderShare(share)]);
}

/** The window's language, each named in itself; choosing one starts the window again in it. */
function languageChoice() {
  const select = el("select", { id: "window-language" },
    LANGUAGES.map((l) => el("option", { value: l.code, lang: l.code, dir: l.dir, selected: l.code === locale }, l.name)));
  select.addEventListener("change", () => chooseLanguage(select.value));
  return [select, el("p", { class: "hint" }, t("settings.language.hint"))];
}
