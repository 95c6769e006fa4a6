// Starts the window: the welcome screen for a new database, else the campaign's frame.
import { t } from "./i18n.js";
import { call } from "./api.js";
import { afterPaint, el, replace } from "./dom.js";
import { installErrorHandlers, showError } from "./alert.js";
import { showFrame } from "./frame.js";
// The other first screens (welcome, unlock, damaged, table and door mode) are fetched only
// when the window opens on them: the campaign's frame is what most starts show.

// The page's steps to its first screen, in milliseconds since navigation, for the start-up
// report (benches/startup.sh prints them beside the first paint).
const marks = [`modules ${Math.round(performance.now())}`];
const mark = (step) => marks.push(`${step} ${Math.round(performance.now())}`);

installErrorHandlers();
boot();

async function boot() {
  document.title = t("app.name");
  const root = document.getElementById("root");
  replace(root, el("p", { class: "loading" }, t("app.loading")));
  try {
    // An encrypted database opens on the unlock screen; a damaged one on its own screen.
    const safety = await call("safety_status");
    mark("safety");
    if (safety.state !== "open") {
      const { showUnlock } = await import("./screens/unlock.js");
      const { showDamaged } = await import("./screens/damaged.js");
      const again = () => boot();
      const damaged = () => showDamaged(root, again).catch(showError);
      if (safety.state === "locked") showUnlock(root, again, damaged);
      else damaged();
      reportFirstPaint(safety.state);
      return;
    }
    const { campaign } = await call("campaign_status");
    // A window that was in table or door mode (reloaded, restarted) comes back to it.
    const table = campaign ? await call("table_mode_status") : null;
    const door = campaign && !table ? await call("door_mode_status") : null;
    mark("modes");
    let screen;
    if (door) {
      const { showDoor } = await import("./screens/door.js");
      showDoor(root, door, () => {
        location.hash = `#event/${door.event}`;
        showFrame(root, campaign).catch(() => {});
      });
      screen = "door";
    } else if (table) {
      const { showTable } = await import("./screens/table.js");
      showTable(root, table, () => {
        location.hash = `#appeal/${table.appeal}`;
        showFrame(root, campaign).catch(() => {});
      });
      screen = "table";
    } else if (campaign) {
      screen = await showFrame(root, campaign, safety);
    } else {
      const { showWelcome } = await import("./screens/welcome.js");
      showWelcome(root, (started) => showFrame(root, started).catch(() => {}));
      screen = "welcome";
    }
    mark("built");
    reportFirstPaint(screen);
  } catch (e) {
    // The frame shows its own errors; this catches a failure before it (the message is the
    // screen). No first paint is reported for a screen that failed.
    showError(e);
  } finally {
    root.removeAttribute("aria-busy");
  }
}

/** Tells the app once the first screen is on the glass, for the start-up benchmark. */
function reportFirstPaint(screen) {
  afterPaint(() => call("frontend_ready", { screen, pageMs: performance.now(), marks: marks.join(" ") }).catch(showError));
}
