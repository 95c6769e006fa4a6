// The first screen of a new database: start an empty campaign, or open the sample campaign.
import { t } from "../i18n.js";
import { call } from "../api.js";
import { el, replace } from "../dom.js";
import { clearError, showError } from "../alert.js";

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

  const form = el("form", { class: "choice", id: "start-form" },
    el("h2", {}, t("welcome.empty.title")),
    el("p", {}, t("welcome.empty.text")),
    el("label", { for: "campaign-name-input" }, t("welcome.empty.label")),
    nameInput,
    startButton,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(startButton, () => call("start_campaign", { name: nameInput.value }));
  });
  sampleButton.addEventListener("click", () => run(sampleButton, () => call("load_sample_campaign")));

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
      ),
    ),
  );
  nameInput.focus();
}
