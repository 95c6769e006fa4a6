// The sections that later versions fill: an honest note of what will be there.
import { t } from "../i18n.js";
import { el, replace } from "../dom.js";

export function later(id) {
  return (view) => {
    replace(
      view,
      el("h1", {}, t(`nav.${id}`)),
      el("div", { class: "empty-state" },
        el("p", {}, t(`later.${id}`)),
        el("p", { class: "hint" }, t("later.note")),
      ),
    );
  };
}
