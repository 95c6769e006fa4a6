// The Keyboard page: every shortcut of the window, where it works, and the text size. The
// keys themselves are handled where they act (keyboard.js for the frame's, and the signer
// list, the sheet and the door for theirs); this page only lists them.
import { t, locale } from "../i18n.js";
import { el, replace } from "../dom.js";
import { SECTION_IDS } from "../frame.js";

/** Each group's shortcuts: the keys as pressed, and what they do (catalog keys). */
const GROUPS = [
  ["window", ["help", "sections", "larger", "smaller", "normal", "tab", "press"]],
  ["signers", ["to_list", "move", "page", "ends", "open"]],
  ["sheet", ["save_row", "undo_row"]],
  ["door", ["choose", "check_in", "clear", "undo_check_in"]],
];

export function render(view) {
  replace(view,
    el("h1", { id: "keyboard-title" }, t("keyboard.title")),
    el("p", { class: "hint" }, t("keyboard.intro")),
    GROUPS.map(([group, items]) => el("section", { class: "panel keyboard-group", "aria-labelledby": `keyboard-${group}` },
      el("h2", { id: `keyboard-${group}`, class: "section-title" }, t(`keyboard.group.${group}`)),
      el("table", { class: "keyboard-table" },
        el("thead", {}, el("tr", {},
          el("th", { scope: "col" }, t("keyboard.keys")),
          el("th", { scope: "col" }, t("keyboard.does")))),
        el("tbody", {}, items.map((item) => el("tr", { "data-shortcut": item },
          el("td", {}, el("kbd", {}, t(`keyboard.${item}.keys`))),
          el("td", {}, t(`keyboard.${item}`, item === "sections" ? { sections: sectionNames() } : {})))))))),
  );
}

/** The sections' names as the navigation shows them, listed in the reader's language. */
function sectionNames() {
  const names = SECTION_IDS.map((s) => t(`nav.${s}`));
  return new Intl.ListFormat(locale, { style: "long", type: "unit" }).format(names);
}
