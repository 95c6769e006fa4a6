// Settings → "Share with another laptop": this laptop's name, the campaign's sync passphrase,
// saving a bundle for another laptop, opening one from another laptop, and reviewing what the
// merge decided. Files are chosen in the native dialogs (the Rust side opens them).
import { t, formatCount } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { clearError, showError } from "../alert.js";
import { busy } from "../busy.js";
import { appliedSummary, arrivedTable, formatStamp, previewLead } from "../bundle-summary.js";

/** Renders the section into `section` (an element of the Settings page). */
export async function renderShare(section) {
  const [status, review] = await Promise.all([call("sync_status"), call("sync_conflicts")]);
  replace(section,
    el("h2", { class: "section-title", id: "share-title" }, t("share.title")),
    el("p", { class: "hint" }, t("share.lead")),
    laptopForm(status),
    passphraseForm(status),
    savePanel(status),
    openPanel(section),
    othersList(status),
    reviewList(review.conflicts, section),
  );
}

function laptopForm(status) {
  const input = el("input", { type: "text", id: "laptop-name", maxlength: "60", value: status.laptop.name, autocomplete: "off" });
  const saved = el("span", { class: "saved", id: "laptop-name-saved", "aria-live": "polite" });
  const button = el("button", { type: "submit", id: "save-laptop-name" }, t("share.laptop.save"));
  const form = el("form", { class: "row-form" },
    el("label", { for: "laptop-name" }, t("share.laptop.label")),
    el("p", { class: "hint" }, t("share.laptop.hint")),
    el("div", { class: "inline" }, input, button, saved),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, async () => {
      const laptop = await call("set_laptop_name", { name: input.value });
      input.value = laptop.name;
      saved.textContent = t("share.saved");
    });
  });
  return form;
}

function passphraseForm(status) {
  const input = el("input", { type: "password", id: "sync-passphrase", autocomplete: "new-password", maxlength: "200" });
  const state = el("p", { class: "hint", id: "passphrase-state", "aria-live": "polite" },
    t(status.passphrase_saved ? "share.passphrase.saved" : "share.passphrase.none"));
  const button = el("button", { type: "submit", id: "save-passphrase" }, t("share.passphrase.save"));
  const form = el("form", { class: "row-form" },
    el("label", { for: "sync-passphrase" }, t("share.passphrase.label")),
    el("p", { class: "hint" }, t("share.passphrase.hint")),
    el("div", { class: "inline" }, input, button),
    state,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, async () => {
      await call("set_sync_passphrase", { passphrase: input.value });
      input.value = "";
      state.textContent = t("share.passphrase.saved");
    });
  });
  return form;
}

function savePanel(status) {
  const choice = el("select", { id: "bundle-for" },
    el("option", { value: "" }, t("share.save.everyone")),
    status.others.map((o) => el("option", { value: o.id }, o.name)),
  );
  const result = el("div", { id: "save-result", "aria-live": "polite" });
  const button = el("button", { type: "button", class: "primary", id: "save-bundle" }, t("share.save.button"));
  button.addEventListener("click", () =>
    busy(button, async () => {
      replace(result);
      const saved = await call("save_bundle", { laptop: choice.value || null, title: t("share.save.dialog"), filter: t("share.dialog.filter") });
      if (!saved) return;
      replace(result, el("p", { class: "ok" }, t("share.save.done", {
        count: saved.records,
        size: formatCount(Math.ceil(saved.bytes / 1024)),
        path: saved.path,
      })));
      result.scrollIntoView({ block: "nearest" });
    }),
  );
  return el("div", { class: "panel" },
    el("h3", {}, t("share.save.title")),
    el("p", { class: "hint" }, t("share.save.hint")),
    el("label", { for: "bundle-for" }, t("share.save.for")),
    el("div", { class: "inline" }, choice, button),
    result,
  );
}

function openPanel(section) {
  const area = el("div", { id: "open-area", "aria-live": "polite" });
  const button = el("button", { type: "button", id: "open-bundle" }, t("share.open.button"));
  button.addEventListener("click", () =>
    busy(button, async () => {
      replace(area);
      const name = await call("choose_bundle", { title: t("share.open.dialog"), filter: t("share.dialog.filter") });
      if (name) await showPreview(area, name, null, section);
    }),
  );
  return el("div", { class: "panel" },
    el("h3", {}, t("share.open.title")),
    el("p", { class: "hint" }, t("share.open.hint")),
    button,
    area,
  );
}

/** The preview of the chosen bundle, with Apply; on a passphrase error, a field to retry. */
async function showPreview(area, name, passphrase, section) {
  let preview;
  try {
    preview = await call("preview_bundle", { passphrase });
  } catch (e) {
    showError(e);
    if (e.key === "bundle_wrong_passphrase" || e.key === "sync_passphrase_missing") {
      const input = el("input", { type: "password", id: "bundle-passphrase", autocomplete: "off" });
      const retry = el("button", { type: "submit", id: "retry-preview" }, t("share.open.retry"));
      const form = el("form", { class: "row-form" },
        el("label", { for: "bundle-passphrase" }, t("share.passphrase.label")),
        el("div", { class: "inline" }, input, retry),
      );
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        busy(retry, () => showPreview(area, name, input.value, section));
      });
      replace(area, el("p", {}, t("share.open.file", { name })), form);
      input.focus();
    }
    return;
  }
  clearError();
  const apply = el("button", { type: "button", class: "primary", id: "apply-bundle" }, t("share.open.apply"));
  const cancel = el("button", { type: "button", id: "cancel-bundle" }, t("share.open.cancel"));
  cancel.addEventListener("click", () => replace(area));
  apply.addEventListener("click", () =>
    busy(apply, async () => {
      const applied = await call("apply_bundle", { passphrase });
      await renderShare(section);
      const again = section.querySelector("#open-area");
      replace(again, appliedSummary(applied));
      again.scrollIntoView({ block: "start" });
    }),
  );
  replace(area,
    el("div", { class: "preview", id: "bundle-preview" },
      el("p", { class: "file" }, t("share.open.file", { name })),
      previewLead(preview),
      arrivedTable(preview),
      preview.new_changes > 0 ? el("div", { class: "inline" }, apply, cancel) : cancel,
    ),
  );
  area.scrollIntoView({ block: "nearest" });
  (preview.new_changes > 0 ? apply : cancel).focus();
}

function othersList(status) {
  if (status.others.length === 0) {
    return el("div", { class: "panel" }, el("h3", {}, t("share.others.title")), el("p", { class: "hint", id: "no-others" }, t("share.others.none")));
  }
  return el("div", { class: "panel" },
    el("h3", {}, t("share.others.title")),
    el("ul", { class: "others", id: "other-laptops" },
      status.others.map((o) => el("li", { "data-laptop": o.id },
        el("strong", {}, o.name),
        " ",
        el("span", { class: "hint" }, o.heard_at
          ? t("share.others.heard", { count: o.received, when: formatStamp(o.heard_at), missing: o.missing ?? 0 })
          : t("share.others.through", { count: o.received })),
      )),
    ),
  );
}

/** A version of a row in a few words: a name, an amount, an answer. */
function describe(version) {
  if (!version) return t("review.none");
  const name = [version.given_name, version.family_name].filter(Boolean).join(" ");
  const parts = [];
  if (name) parts.push(name);
  if (version.city) parts.push(version.city);
  if (version.email) parts.push(version.email);
  if (version.amount_minor !== undefined) parts.push(`${version.currency} ${version.amount_minor}`);
  if (version.note) parts.push(version.note);
  if (version.status) parts.push(version.status);
  if (version.display) parts.push(version.display);
  if (version.title && !name) parts.push(version.title);
  return parts.join(" · ") || version.id || t("review.none");
}

function reviewList(conflicts, section) {
  const heading = el("h3", { id: "review-title" }, t("review.title", { count: conflicts.length }));
  if (conflicts.length === 0) {
    return el("div", { class: "panel" }, heading, el("p", { class: "hint", id: "no-conflicts" }, t("review.empty")));
  }
  return el("div", { class: "panel" },
    heading,
    el("p", { class: "hint" }, t("review.hint")),
    el("ul", { class: "conflicts", id: "conflicts" },
      conflicts.map((c) => {
        const done = el("button", { type: "button", class: "small", "data-review": String(c.id) }, t("review.done"));
        done.addEventListener("click", () =>
          busy(done, async () => {
            await call("review_conflict", { id: c.id });
            await renderShare(section);
          }),
        );
        return el("li", { class: c.money ? "conflict money" : "conflict", "data-kind": c.kind },
          el("p", { class: "what" },
            el("strong", {}, t(`review.kind.${c.kind}`)),
            c.money ? el("span", { class: "badge" }, t("review.treasurer")) : null,
          ),
          el("p", { class: "hint" }, t("review.when", { when: formatStamp(c.found_at), laptop: c.from ?? t("review.this_laptop") })),
          el("dl", { class: "versions" },
            el("dt", {}, t("review.kept")), el("dd", {}, describe(c.kept)),
            el("dt", {}, t("review.other")), el("dd", {}, describe(c.other)),
          ),
          done,
        );
      }),
    ),
  );
}
