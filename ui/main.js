// Starts the window: the welcome screen for a new database, else the campaign's frame.
import { t } from "./i18n.js";
import { call } from "./api.js";
import { el, replace } from "./dom.js";
import { installErrorHandlers, showError } from "./alert.js";
import { showWelcome } from "./screens/welcome.js";
import { showFrame } from "./frame.js";

installErrorHandlers();
boot();

async function boot() {
  document.title = t("app.name");
  const root = document.getElementById("root");
  replace(root, el("p", { class: "loading" }, t("app.loading")));
  let screen = "error";
  try {
    const { campaign } = await call("campaign_status");
    if (campaign) {
      screen = await showFrame(root, campaign);
    } else {
      showWelcome(root, (started) => showFrame(root, started));
      screen = "welcome";
    }
  } catch (e) {
    showError(e);
  } finally {
    root.removeAttribute("aria-busy");
  }
  reportFirstPaint(screen);
}

/** Tells the app once the first screen is on the glass (two frames: layout, then paint). */
function reportFirstPaint(screen) {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => call("frontend_ready", { screen }).catch(showError)),
  );
}
