// The damaged database's screen: what happened in plain words, that the file is kept as it is,
// and the way back: the newest backups, newest first, or a backup file from elsewhere. The
// backup is checked in full before anything is replaced; the damaged file is set aside.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { busy } from "../busy.js";
import { formatWhen, formatSize } from "../safety-parts.js";

/** `onRestored()` once a backup is in place and open. */
export async function showDamaged(root, onRestored) {
  const status = await call("safety_status");
  const passphrase = status.encrypted
    ? el("input", { type: "password", id: "damaged-passphrase", autocomplete: "off", maxlength: "500" })
    : null;
  const done = el("p", { class: "ok", id: "damaged-done", "aria-live": "polite" });
  const restore = (button, name) => busy(button, async () => {
    const restored = await call("restore_backup", { name, passphrase: passphrase ? passphrase.value : null });
    done.textContent = t("damaged.restored", { aside: restored.set_aside || "" });
    onRestored();
  });
  const rows = status.backups.map((b, i) => {
    const button = el("button", { type: "button", class: i === 0 ? "primary" : "", "data-backup": b.name }, t("damaged.restore"));
    button.addEventListener("click", () => restore(button, b.name));
    return el("li", { class: "backup-row" },
      el("span", {}, t(i === 0 ? "damaged.newest" : "damaged.older", { when: formatWhen(b.made_at), size: formatSize(b.bytes) })),
      button);
  });
  const fromFile = el("button", { type: "button", id: "damaged-from-file" }, t("damaged.from_file"));
  fromFile.addEventListener("click", () => busy(fromFile, async () => {
    const name = await call("choose_backup_file", { title: t("safety.restore.dialog"), filterName: t("safety.dialog.filter") });
    if (name) await restore(fromFile, null);
  }));
  replace(root,
    el("main", { class: "unlock damaged", id: "damaged" },
      el("h1", {}, t("damaged.title")),
      el("p", { class: "lead" }, t("damaged.lead")),
      el("p", { class: "hint", id: "damaged-cause" }, t("damaged.cause", { cause: status.damage || "" })),
      passphrase ? [el("label", { for: "damaged-passphrase" }, t("damaged.passphrase")), passphrase] : null,
      rows.length
        ? el("ul", { class: "backup-list", id: "damaged-backups" }, rows)
        : el("p", { id: "damaged-none" }, t("damaged.none", { folder: status.backup_folder })),
      fromFile,
      done,
    ),
  );
}
