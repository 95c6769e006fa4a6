// What the safety screens share: a backup's time and size as a reader reads them.
import { t } from "./i18n.js";

/** "3 Dec 2026, 14:30" in the laptop's own time. */
export function formatWhen(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** "1.2 MB", "640 KB". */
export function formatSize(bytes) {
  if (bytes >= 1_000_000) return t("safety.size.mb", { size: (bytes / 1_000_000).toFixed(1) });
  return t("safety.size.kb", { size: String(Math.max(1, Math.round(bytes / 1000))) });
}
