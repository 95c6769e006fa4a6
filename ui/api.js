// The one place that talks to the Rust side. Every failure becomes an AppError with the
// `{ code, message, key, args }` the commands send: screens show it through the catalog
// (alert.js) and act on the code.

export class AppError extends Error {
  constructor(code, message, key = null, args = {}) {
    super(message);
    this.code = code;
    this.key = key;
    this.args = args;
  }
}

function invoke() {
  const core = window.__TAURI__ && window.__TAURI__.core;
  if (!core) throw new AppError("no_ipc", "");
  return core.invoke;
}

export async function call(command, args = {}) {
  try {
    return await invoke()(command, args);
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e && typeof e === "object" && typeof e.message === "string" && typeof e.code === "string") {
      throw new AppError(e.code, e.message, e.key || null, e.args || {});
    }
    // Refusals from Tauri itself (for example the ACL) arrive as plain strings.
    throw new AppError("internal", String(e));
  }
}
