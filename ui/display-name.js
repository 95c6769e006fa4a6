// How a signer's name appears in print for each display choice, as the signing forms preview
// it: "Nahid Tehrani", "Nahid T., Berlin", "N. T.", or not at all. (The print issue's PDF
// lists follow the same rules in Rust.)

/** The first letter of `word` as a person reads it (a whole grapheme, not half a surrogate). */
function initial(word) {
  const first = [...new Intl.Segmenter().segment(word.trim())][0];
  return first ? first.segment : "";
}

/** The name as printed, or "" when it is not shown (`hidden`) or nothing is typed yet. */
export function displayName(choice, given, family, city) {
  given = given.trim();
  family = family.trim();
  city = city.trim();
  if (!given && !family) return "";
  switch (choice) {
    case "full":
      return [given, family].filter(Boolean).join(" ");
    case "name_city": {
      const name = given ? [given, family && `${initial(family)}.`].filter(Boolean).join(" ") : family;
      return city ? `${name}, ${city}` : name;
    }
    case "initials":
      return [given, family].filter(Boolean).map((w) => `${initial(w)}.`).join(" ");
    default:
      return "";
  }
}
