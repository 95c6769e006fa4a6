// Two frames (layout, then paint), then the one command: what the app's main.js does.
const marks = `modules ${Math.round(performance.now())}`;
requestAnimationFrame(() =>
  requestAnimationFrame(() =>
    window.__TAURI__.core.invoke("frontend_ready", { screen: "bare", pageMs: performance.now(), marks }),
  ),
);
