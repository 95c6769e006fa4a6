// The first screen of a new database: start an empty campaign, or open the sample campaign.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { clearError, showError } from "../alert.js";
import { arrivedTable, previewLead } from "../bundle-summary.js";

/** `onStarted(campaign)` is called once the database holds a campaign. */
export function showWelcome(root, onStarted) {
  const nameInput = el("input", {
    id: "campaign-name-input",
    type: "text",
    maxlength: "200",
    required: true,
    autocomplete: "off",
    placeholder: t("welcome.empty.placeholder"),
  });
  const startButton = el("button", { type: "submit", class: "primary", id: "start-empty" }, t("welcome.empty.button"));
  const sampleButton = el("button", { type: "button", id: "load-sample" }, t("welcome.sample.button"));
  const buttons = [startButton, sampleButton];

  async function run(button, work) {
    const label = button.textContent;
    buttons.forEach((b) => (b.disabled = true));
    button.textContent = t("welcome.working");
    clearError();
    try {
      onStarted(await work());
    } catch (e) {
      showError(e);
      buttons.forEach((b) => (b.disabled = false));
      button.textContent = label;
      // A name that was refused gets the focus back, to be corrected at once.
      if (button === startButton && e.code === "invalid") nameInput.focus();
    }
  }

  // A passphrase chosen here encrypts the file before the first name is written to it.
  const protect = el("input", { type: "checkbox", id: "protect" });
  const passphrase = el("input", { type: "password", id: "protect-passphrase", autocomplete: "new-password", maxlength: "500" });
  const again = el("input", { type: "password", id: "protect-again", autocomplete: "new-password", maxlength: "500" });
  const protectFields = el("div", { class: "protect-fields", id: "protect-fields", hidden: true },
    el("p", { class: "hint" }, t("welcome.protect.hint")),
    el("label", { for: "protect-passphrase" }, t("welcome.protect.passphrase")), passphrase,
    el("label", { for: "protect-again" }, t("welcome.protect.again")), again,
    el("p", { class: "problem", id: "protect-problem", role: "alert" }));
  protect.addEventListener("change", () => {
    protectFields.hidden = !protect.checked;
    if (protect.checked) passphrase.focus();
  });
  const form = el("form", { class: "choice", id: "start-form", autocomplete: "off" },
    el("h2", {}, t("welcome.empty.title")),
    el("p", {}, t("welcome.empty.text")),
    el("label", { for: "campaign-name-input" }, t("welcome.empty.label")),
    nameInput,
    el("label", { class: "check" }, protect, t("welcome.protect")),
    protectFields,
    startButton,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (protect.checked && passphrase.value !== again.value) {
      document.getElementById("protect-problem").textContent = t("welcome.protect.differ");
      again.focus();
      return;
    }
    run(startButton, async () => {
      if (protect.checked) {
        const status = await call("safety_status");
        if (!status.encrypted) {
          await call("set_encryption", { current: null, new: passphrase.value, repeated: again.value });
        }
        passphrase.value = "";
        again.value = "";
      }
      return call("start_campaign", { name: nameInput.value });
    });
  });
  sampleButton.addEventListener("click", () => run(sampleButton, () => call("load_sample_campaign")));

  // Join: the campaign's sync passphrase, a bundle from one of its laptops, a look, then join.
  const joinPassphrase = el("input", { id: "join-passphrase", type: "password", autocomplete: "off", maxlength: "200" });
  const joinButton = el("button", { type: "submit", id: "join-open" }, t("welcome.join.button"));
  const joinArea = el("div", { id: "join-area", "aria-live": "polite" });
  buttons.push(joinButton);
  const joinForm = el("form", { class: "choice", id: "join-form" },
    el("h2", {}, t("welcome.join.title")),
    el("p", {}, t("welcome.join.text")),
    el("label", { for: "join-passphrase" }, t("welcome.join.passphrase")),
    joinPassphrase,
    joinButton,
    joinArea,
  );
  joinForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    joinButton.disabled = true;
    clearError();
    try {
      const name = await call("choose_bundle", { title: t("share.open.dialog"), filter: t("share.dialog.filter") });
      if (!name) return;
      const passphrase = joinPassphrase.value || null;
      const preview = await call("preview_bundle", { passphrase });
      const apply = el("button", { type: "button", class: "primary", id: "join-apply" }, t("welcome.join.apply", { campaign: preview.campaign }));
      apply.addEventListener("click", () => run(apply, async () => {
        await call("apply_bundle", { passphrase });
        const { campaign } = await call("campaign_status");
        return campaign;
      }));
      replace(joinArea,
        el("div", { class: "preview", id: "join-preview" },
          el("p", { class: "file" }, t("share.open.file", { name })),
          previewLead(preview),
          arrivedTable(preview),
          preview.new_changes > 0 ? apply : null,
        ),
      );
      buttons.push(apply);
      joinArea.scrollIntoView({ block: "nearest" });
      if (preview.new_changes > 0) apply.focus();
    } catch (e) {
      showError(e);
      if (e.key === "bundle_wrong_passphrase" || e.key === "sync_passphrase_missing" || e.key === "sync_passphrase_short") joinPassphrase.focus();
    } finally {
      joinButton.disabled = false;
    }
  });

  replace(
    root,
    el("main", { class: "welcome", id: "welcome" },
      el("img", { src: "icon.svg", alt: "", class: "welcome-icon" }),
      el("h1", {}, t("welcome.title")),
      el("p", { class: "lead" }, t("welcome.lead")),
      el("div", { class: "choices" },
        form,
        el("section", { class: "choice" },
          el("h2", {}, t("welcome.sample.title")),
          el("p", {}, t("welcome.sample.text")),
          el("p", { class: "hint" }, t("welcome.sample.note")),
          sampleButton,
        ),
        joinForm,
      ),
    ),
  );
  nameInput.focus();
}
