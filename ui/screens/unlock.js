// The unlock screen: the campaign's data is encrypted, and nothing of it is in the page until
// the passphrase opens it. A wrong passphrase is said in place; a damaged file goes to the
// damaged screen, which offers the newest good backup.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { clearError, messageOf } from "../alert.js";

/** `onOpen()` once the database is open; `onDamaged()` when the file turned out damaged. */
export function showUnlock(root, onOpen, onDamaged, { locked = false } = {}) {
  const field = el("input", {
    id: "unlock-passphrase",
    type: "password",
    autocomplete: "current-password",
    required: true,
    maxlength: "500",
    "aria-describedby": "unlock-problem",
  });
  const button = el("button", { type: "submit", class: "primary", id: "unlock-button" }, t("unlock.button"));
  const problem = el("p", { class: "problem", id: "unlock-problem", role: "alert" });
  const form = el("form", { class: "unlock-form", id: "unlock-form", autocomplete: "off" },
    el("label", { for: "unlock-passphrase" }, t("unlock.label")),
    field,
    button,
    problem,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    button.disabled = true;
    button.textContent = t("unlock.working");
    problem.textContent = "";
    const passphrase = field.value;
    field.value = "";
    try {
      await call("unlock", { passphrase });
      onOpen();
    } catch (e) {
      if (e.code === "damaged") {
        onDamaged();
        return;
      }
      problem.textContent = e.code === "wrong_passphrase" ? t("unlock.wrong") : messageOf(e);
      button.disabled = false;
      button.textContent = t("unlock.button");
      field.focus();
    }
  });
  replace(root,
    el("main", { class: "unlock", id: "unlock" },
      el("img", { src: "icon.svg", alt: "", class: "welcome-icon" }),
      el("h1", {}, t(locked ? "unlock.title.locked" : "unlock.title")),
      el("p", { class: "lead" }, t("unlock.lead")),
      form,
      el("p", { class: "hint" }, t("unlock.hint")),
    ),
  );
  field.focus();
}
