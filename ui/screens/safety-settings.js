// Settings → Passphrase and backups: encryption turned on, changed or off (each rewrites the
// file, checked before it replaces the old one), when the window locks itself, and the
// backups: how many are kept, one now, one to a chosen file, and a restore that checks the
// backup first and keeps the current database aside.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { formatWhen, formatSize } from "../safety-parts.js";

export async function renderSafetySettings(section) {
  const status = await call("safety_status");
  replace(section,
    el("h2", { class: "section-title", id: "safety-settings-title" }, t("safety.title")),
    el("p", { class: "hint" }, t("safety.lead")),
    encryptionForm(section, status),
    status.encrypted ? lockForm(status) : null,
    backupsPart(section, status),
  );
}

function passwordField(id, autocomplete) {
  return el("input", { type: "password", id, autocomplete, maxlength: "500" });
}

function encryptionForm(section, status) {
  const current = status.encrypted ? passwordField("encryption-current", "current-password") : null;
  const fresh = passwordField("encryption-new", "new-password");
  const again = passwordField("encryption-again", "new-password");
  const state = el("p", { class: status.encrypted ? "ok" : "problem", id: "encryption-state", "aria-live": "polite" },
    t(status.encrypted ? "safety.encrypted" : "safety.not_encrypted"));
  const save = el("button", { type: "submit", class: "primary", id: "encryption-save" },
    t(status.encrypted ? "safety.change" : "safety.encrypt"));
  const off = status.encrypted ? el("button", { type: "button", id: "encryption-off" }, t("safety.off")) : null;
  const form = el("form", { class: "row-form", id: "encryption-form", autocomplete: "off" },
    el("h3", {}, t("safety.encryption")),
    state,
    current ? [el("label", { for: "encryption-current" }, t("safety.current")), current] : null,
    el("label", { for: "encryption-new" }, t(status.encrypted ? "safety.new" : "safety.passphrase")), fresh,
    el("label", { for: "encryption-again" }, t("safety.again")), again,
    el("p", { class: "hint" }, t("safety.passphrase.hint")),
    el("div", { class: "inline" }, save, off),
  );
  const rewrite = (button, args, said) => busy(button, async () => {
    button.textContent = t("safety.working");
    try {
      await call("set_encryption", args);
    } finally {
      for (const f of [current, fresh, again]) if (f) f.value = "";
    }
    await renderSafetySettings(section);
    document.getElementById("encryption-state").textContent = t(said);
  }).finally(() => {
    button.textContent = t(button === off ? "safety.off" : status.encrypted ? "safety.change" : "safety.encrypt");
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    rewrite(save, { current: current ? current.value : null, new: fresh.value, repeated: again.value },
      status.encrypted ? "safety.changed" : "safety.now_encrypted");
  });
  if (off) off.addEventListener("click", () => rewrite(off, { current: current.value, new: null, repeated: null }, "safety.now_plain"));
  return form;
}

function lockForm(status) {
  const minutes = el("input", { type: "number", id: "lock-minutes", min: "0", max: "240", step: "1", value: String(status.lock_minutes) });
  const saved = el("span", { class: "saved", id: "lock-saved", "aria-live": "polite" });
  const button = el("button", { type: "submit", id: "save-lock" }, t("safety.lock.save"));
  const form = el("form", { class: "row-form" },
    el("label", { for: "lock-minutes" }, t("safety.lock")),
    el("p", { class: "hint" }, t("safety.lock.hint")),
    el("div", { class: "inline" }, minutes, button, saved));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(button, async () => {
      await call("set_lock_minutes", { minutes: Number(minutes.value) });
      saved.textContent = t("safety.lock.saved");
    });
  });
  return form;
}

function backupsPart(section, status) {
  const keep = el("input", { type: "number", id: "backups-keep", min: "1", max: "100", step: "1", value: String(status.backups_keep) });
  const saved = el("span", { class: "saved", id: "backups-saved", "aria-live": "polite" });
  const keepButton = el("button", { type: "submit", id: "save-keep" }, t("safety.keep.save"));
  const keepForm = el("form", { class: "row-form" },
    el("label", { for: "backups-keep" }, t("safety.keep")),
    el("div", { class: "inline" }, keep, keepButton, saved));
  keepForm.addEventListener("submit", (event) => {
    event.preventDefault();
    busy(keepButton, async () => {
      await call("set_backups_keep", { keep: Number(keep.value) });
      await renderSafetySettings(section);
      document.getElementById("backups-saved").textContent = t("safety.keep.saved");
    });
  });

  const said = el("p", { class: "ok", id: "backup-said", "aria-live": "polite" });
  const now = el("button", { type: "button", id: "backup-now" }, t("safety.backup.now"));
  now.addEventListener("click", () => busy(now, async () => {
    const made = await call("backup_now");
    await renderSafetySettings(section);
    document.getElementById("backup-said").textContent = t("safety.backup.made", { name: made.name });
  }));
  const saveAs = el("button", { type: "button", id: "backup-save-as" }, t("safety.backup.save_as"));
  saveAs.addEventListener("click", () => busy(saveAs, async () => {
    const made = await call("save_backup_as", { title: t("safety.save.dialog"), filterName: t("safety.dialog.filter") });
    if (made) said.textContent = t("safety.backup.saved", { path: made.path });
  }));

  // A restore asks once more, in place, and for the backup's passphrase when it has one.
  const confirmArea = el("div", { id: "restore-confirm", "aria-live": "polite" });
  const ask = (label, name) => {
    const passphrase = status.encrypted || name === null ? passwordField("restore-passphrase", "off") : null;
    const yes = el("button", { type: "button", class: "danger", id: "restore-yes" }, t("safety.restore.yes"));
    const no = el("button", { type: "button", id: "restore-no" }, t("safety.restore.no"));
    no.addEventListener("click", () => replace(confirmArea));
    yes.addEventListener("click", () => busy(yes, async () => {
      const restored = await call("restore_backup", { name, passphrase: passphrase ? passphrase.value : null });
      await renderSafetySettings(section);
      document.getElementById("backup-said").textContent = t("safety.restored", { aside: restored.set_aside || "" });
    }));
    replace(confirmArea,
      el("div", { class: "preview" },
        el("p", {}, t("safety.restore.question", { backup: label })),
        passphrase ? [el("label", { for: "restore-passphrase" }, t("safety.restore.passphrase")), passphrase] : null,
        el("div", { class: "inline" }, yes, no)));
    (passphrase || yes).focus();
  };
  const rows = status.backups.map((b) => {
    const button = el("button", { type: "button", class: "small", "data-backup": b.name }, t("safety.restore"));
    button.addEventListener("click", () => ask(formatWhen(b.made_at), b.name));
    return el("tr", {},
      el("td", {}, formatWhen(b.made_at)),
      el("td", { class: "number" }, formatSize(b.bytes)),
      el("td", {}, button));
  });
  const fromFile = el("button", { type: "button", id: "restore-from-file" }, t("safety.restore.file"));
  fromFile.addEventListener("click", () => busy(fromFile, async () => {
    const name = await call("choose_backup_file", { title: t("safety.restore.dialog"), filterName: t("safety.dialog.filter") });
    if (name) ask(name, null);
  }));

  return el("div", { class: "row-form", id: "backups" },
    el("h3", {}, t("safety.backups")),
    el("p", { class: "hint" }, t("safety.backups.hint", { folder: status.backup_folder })),
    keepForm,
    el("div", { class: "inline" }, now, saveAs, fromFile),
    said,
    rows.length
      ? el("div", { class: "table-scroll", tabindex: "0" }, el("table", { class: "counts", id: "backup-table" },
          el("thead", {}, el("tr", {},
            el("th", { scope: "col" }, t("safety.backups.when")),
            el("th", { scope: "col" }, t("safety.backups.size")),
            el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("safety.restore"))))),
          el("tbody", {}, rows)))
      : el("p", { class: "hint", id: "no-backups" }, t("safety.backups.none")),
    confirmArea,
  );
}
