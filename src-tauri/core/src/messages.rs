//! Messages for people: a key into the message catalogs plus the values it needs. The window
//! looks the key up in its own catalog (ui/messages/*.js, under `error.<key>`), so a translated
//! window translates errors too; the CLI prints the English below. A test keeps the English here
//! and in ui/messages/en.js the same.

use std::fmt;

use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// English text of every message key, and the labels of the fields a message may name
/// (`field.<name>`). `{name}` marks a value.
pub const ENGLISH: &[(&str, &str)] = &[
    ("required", "{field} is required"),
    (
        "too_long",
        "{field} is too long: {count} characters, at most {max} allowed",
    ),
    (
        "control_character",
        "{field} contains an invisible control character (U+{code}); please retype it",
    ),
    (
        "not_country_code",
        "\u{201c}{value}\u{201d} is not a two-letter country code such as DE or IR",
    ),
    (
        "not_currency_code",
        "\u{201c}{value}\u{201d} is not a three-letter currency code such as USD or EUR",
    ),
    (
        "nameless_person",
        "A person needs a given name or a family name",
    ),
    (
        "bad_email",
        "\u{201c}{value}\u{201d} does not look like an email address",
    ),
    (
        "unknown_time_zone",
        "\u{201c}{value}\u{201d} is not a known time zone",
    ),
    ("ends_before_start", "An event cannot end before it starts"),
    (
        "capacity_not_positive",
        "Capacity must be a positive number of people",
    ),
    (
        "time_skipped",
        "{time} does not exist in {zone} (the clocks skip it); please choose another time",
    ),
    (
        "guests_out_of_range",
        "People coming with them must be between 0 and {max}",
    ),
    (
        "arrived_out_of_range",
        "The people arriving must be between 1 and {max}",
    ),
    (
        "ends_without_start",
        "An event with an end needs a start too",
    ),
    (
        "announced_without_start",
        "An announced or cancelled event needs a start; choose \u{201c}date to be announced\u{201d} until it is known",
    ),
    (
        "bad_local_time",
        "{field}: \u{201c}{value}\u{201d} is not a date and time such as 2027-01-09 13:00",
    ),
    (
        "bad_event_status",
        "\u{201c}{value}\u{201d} is not an event status (draft, announced, cancelled, tba)",
    ),
    (
        "too_many_lines",
        "{field} has too many lines: at most {max}",
    ),
    (
        "bad_link",
        "\u{201c}{value}\u{201d} is not a web link starting with https://",
    ),
    (
        "bad_price_kind",
        "\u{201c}{value}\u{201d} is neither a suggested donation nor a ticket",
    ),
    (
        "bad_amount",
        "{field}: \u{201c}{value}\u{201d} is not an amount in {currency} such as 12.50",
    ),
    ("amount_zero", "{field} must be more than zero"),
    (
        "too_precise",
        "{field}: {value} has more decimals than {currency} has",
    ),
    (
        "amount_absurd",
        "{field}: {value} is more than this app accepts for one entry",
    ),
    (
        "reason_required",
        "Please give a reason: it is kept in the audit trail",
    ),
    ("who_required", "Please say who you are: it is kept in the audit trail"),
    ("already_voided", "This entry was already voided"),
    (
        "cash_box_closed",
        "This count is closed; correct it with a new count instead",
    ),
    (
        "cash_box_open",
        "This event already has an open cash box in {currency}",
    ),
    ("same_counter", "Two different people must count the cash"),
    (
        "count_needed",
        "Give the counted total or the count of each note and coin",
    ),
    (
        "receipt_prefix_fixed",
        "Receipts exist already: their numbering cannot change",
    ),
    (
        "receipts_elsewhere",
        "Receipts are numbered on the laptop \u{201c}{laptop}\u{201d}, so the series stays unbroken; issue it there",
    ),
    ("fund_not_found", "This fund is no longer there"),
    ("expense_not_found", "This expense is no longer there"),
    ("cash_box_not_found", "This cash box is no longer there"),
    ("receipt_not_found", "This receipt is no longer there"),
    (
        "in_kind_has_no_value",
        "A gift in kind is recorded with its description, not a value",
    ),
    ("in_kind_needs_description", "Describe the gift in kind"),
    ("fee_too_large", "The fee cannot be more than the gift"),
    (
        "returned_too_large",
        "What was given in return cannot be worth more than the payment",
    ),
    (
        "bad_method",
        "\u{201c}{value}\u{201d} is not a way of paying this app knows",
    ),
    (
        "bad_gift_kind",
        "\u{201c}{value}\u{201d} is neither a gift nor a sale",
    ),
    (
        "bad_tax_status",
        "\u{201c}{value}\u{201d} is not a tax status (tax-exempt or not)",
    ),
    (
        "bad_tax_rules",
        "\u{201c}{value}\u{201d} is not a set of acknowledgement rules this app knows",
    ),
    (
        "cash_box_counted",
        "This event's cash box in {currency} was counted already: correct that count instead",
    ),
    (
        "bad_rate",
        "\u{201c}{value}\u{201d} is not an exchange rate (a positive number such as 1.08)",
    ),
    (
        "fund_slug_taken",
        "Another fund already has the short name \u{201c}{value}\u{201d}",
    ),
    (
        "date_out_of_range",
        "{field}: {value} is too far in the past or the future",
    ),
    (
        "denomination_bad",
        "\u{201c}{value}\u{201d} is not a note or coin of {currency}",
    ),
    (
        "transaction_exists",
        "A gift with transaction id {value} is recorded already",
    ),
    (
        "already_corrected",
        "This count was corrected already: correct the latest count",
    ),
    ("receipt_voided", "This receipt was voided; issue a new one instead"),
    ("receipt_exists", "This gift has a receipt already: issue a copy of it"),
    (
        "voided_no_receipt",
        "A voided gift gets no receipt",
    ),
    (
        "sale_no_receipt",
        "A sale is not a gift: it gets no donation receipt",
    ),
    (
        "period_backwards",
        "The period ends before it begins: put the earlier day first",
    ),
    (
        "bad_year",
        "\u{201c}{value}\u{201d} is not a year to print a summary for",
    ),
    ("donor_conflict", "Choose a known person or type a new donor, not both"),
    (
        "home_currency_needed",
        "Choose the home currency first: rates say what a currency is worth in it",
    ),
    (
        "rate_of_home",
        "The home currency needs no rate",
    ),
    (
        "import_bad_money_status",
        "\u{201c}{value}\u{201d} is not a payment status we know (completed, refunded, failed, pending...)",
    ),
    (
        "import_not_a_donation",
        "Not a gift received ({value}): left out",
    ),
    ("import_failed_payment", "A payment that did not go through ({value}): left out"),
    ("import_pending_payment", "A payment still pending: left out until it completes"),
    (
        "import_refund_unknown",
        "A refund of transaction {value}, which is not in this campaign: left out",
    ),
    ("import_no_amount", "No amount on this line"),
    ("import_no_transaction", "No transaction id on this line"),
    ("import_no_date", "No date on this line"),
    ("import_not_donations", "This file is neither a platform's donation export nor a PayPal activity download"),
    ("amount_too_large", "The total is too large to add up"),
    ("event_not_found", "This event no longer exists"),
    ("rsvp_not_found", "This answer no longer exists"),
    (
        "bad_rsvp_status",
        "\u{201c}{value}\u{201d} is not an answer (going, maybe, not going, waitlisted, cancelled)",
    ),
    ("not_checked_in", "This person has not been checked in"),
    (
        "event_has_no_appeal",
        "This event collects no appeal: choose one on the event's page first",
    ),
    (
        "event_without_date",
        "This event has no date yet, so it cannot go in a calendar",
    ),
    ("not_in_door_mode", "The door is not open for an event"),
    (
        "import_bad_rsvp_status",
        "\u{201c}{value}\u{201d} is not an answer we know (going, maybe, not going, waitlist, cancelled, checked in, no show...)",
    ),
    (
        "import_bad_party",
        "\u{201c}{value}\u{201d} is not a number of people; counted as one",
    ),
    ("goal_not_positive", "A fund's goal must be more than zero"),
    ("amount_not_positive", "A donation must be more than zero"),
    (
        "fee_out_of_range",
        "The fee must be between zero and the amount given",
    ),
    ("campaign_exists", "This database already holds a campaign"),
    ("campaign_not_saved", "The campaign was not saved"),
    (
        "sample_needs_empty_database",
        "This database already has data; the sample campaign only loads into an empty one",
    ),
    ("bad_id", "\u{201c}{value}\u{201d} is not a record id"),
    (
        "email_taken",
        "Someone with the email \u{201c}{value}\u{201d} is already in the campaign; the same email is the same person",
    ),
    ("person_not_found", "This person is no longer in the campaign"),
    (
        "erase_needs_yes",
        "Erasing a person cannot be undone: add --yes to confirm",
    ),
    ("signature_not_found", "This signature is no longer there"),
    ("appeal_not_found", "This appeal is no longer in the campaign"),
    (
        "appeal_slug_not_found",
        "There is no appeal with the short name \u{201c}{value}\u{201d}",
    ),
    (
        "appeal_not_open",
        "This appeal is not open for signing; an organizer can open it on the appeal's page",
    ),
    (
        "slug_taken",
        "Another appeal already has the short name \u{201c}{value}\u{201d}; choose another",
    ),
    (
        "bad_slug",
        "\u{201c}{value}\u{201d} cannot be a short name: use lower-case letters a to z, digits and single hyphens, such as free-them-all",
    ),
    (
        "not_language_code",
        "\u{201c}{value}\u{201d} is not a language code such as en, fa or es",
    ),
    ("bad_status", "\u{201c}{value}\u{201d} is not a status: draft, open or closed"),
    ("bad_goal", "A goal of {value} signers is not possible: give a whole number from 1"),
    (
        "bad_display",
        "\u{201c}{value}\u{201d} is not a way to show a name: full, name-city, initials or hidden",
    ),
    (
        "bad_source",
        "\u{201c}{value}\u{201d} is not a way of signing: table, paper, online, import or manual",
    ),
    ("bad_sheet_number", "Sheet number {value} is not possible: give a whole number from 1"),
    ("bad_sheet_rows", "{value} rows on one sheet is not possible"),
    ("bad_sheet_row", "A row number is a whole number from 1"),
    ("bad_display_order", "Display order {value} is not possible: give a whole number from 0"),
    (
        "choose_display",
        "Choose how your name may appear",
    ),
    ("bad_pin", "A PIN has 4 to 12 digits"),
    ("no_pin", "Set an organizer PIN in Settings first"),
    ("wrong_pin", "That PIN is not right; the next try is possible in {count} s"),
    ("pin_wait", "Wait {count} s before the next try"),
    (
        "bad_idle_seconds",
        "The idle time is from {min} to {max} seconds",
    ),
    ("table_mode_off", "Table mode is not on"),
    ("file_unreadable", "The file {path} cannot be read: {cause}"),
    ("file_unwritable", "The file {path} cannot be written: {cause}"),
    (
        "folder_exists",
        "{path} exists already: choose a new name for the folder of receipts",
    ),
    ("donation_not_found", "This donation is no longer there"),
    ("conflict_not_found", "This merge decision is no longer waiting for review"),
    (
        "nothing_to_share",
        "There is nothing to share yet: start or join a campaign first",
    ),
    (
        "unknown_laptop",
        "No laptop called \u{201c}{value}\u{201d} has sent a bundle here",
    ),
    (
        "ambiguous_laptop",
        "More than one laptop matches \u{201c}{value}\u{201d}; give more of its id",
    ),
    (
        "sync_passphrase_missing",
        "The campaign's sync passphrase is needed: type it in, or give --sync-passphrase-file or CAMPAIGN_DESK_SYNC_PASSPHRASE",
    ),
    (
        "sync_passphrase_short",
        "The sync passphrase must have at least 8 characters",
    ),
    (
        "bundle_write_failed",
        "The bundle could not be saved to {path}: {cause}",
    ),
    ("bundle_missing", "There is no bundle at {path}"),
    ("bundle_unreadable", "The bundle {path} cannot be read: {cause}"),
    (
        "not_a_bundle",
        "{path} is not a Campaign Desk bundle",
    ),
    (
        "bundle_wrong_passphrase",
        "The bundle {path} does not open with this sync passphrase (or it is not a Campaign Desk bundle); check the passphrase with the laptop that made it",
    ),
    (
        "bundle_damaged",
        "The bundle {path} is damaged; ask for a new one",
    ),
    (
        "bundle_newer_format",
        "The bundle {path} was made by a newer Campaign Desk; update Campaign Desk on this laptop",
    ),
    (
        "bundle_newer_schema",
        "This bundle from \u{201c}{laptop}\u{201d} was made by a newer Campaign Desk (data version {theirs}, this one has {ours}): update Campaign Desk on this laptop, then open the bundle again",
    ),
    (
        "bundle_older_schema",
        "This bundle from \u{201c}{laptop}\u{201d} was made by an older Campaign Desk (data version {theirs}, this one has {ours}): update Campaign Desk on \u{201c}{laptop}\u{201d}, then save a new bundle there",
    ),
    (
        "bundle_other_campaign",
        "This bundle belongs to the campaign \u{201c}{theirs}\u{201d}, and this laptop keeps \u{201c}{ours}\u{201d}; nothing was changed",
    ),
    (
        "bundle_gap",
        "This bundle leaves out changes from \u{201c}{laptop}\u{201d} that this laptop has not received yet; ask for a bundle made for every laptop and open that one",
    ),
    (
        "bundle_clone",
        "This bundle and this laptop hold different changes under the same numbers of \u{201c}{laptop}\u{201d}: a database file was copied or restored, and both copies went on writing. Nothing was changed. To set up another laptop, join from a bundle instead of copying the file",
    ),
    (
        "bundle_over_database",
        "A bundle cannot be saved over the campaign's own database ({path}); choose another file",
    ),
    (
        "bundle_changed",
        "The bundle changed on the disk after you looked at it; open it again to see what it brings now",
    ),
    (
        "no_bundle_chosen",
        "Choose a bundle to open first",
    ),
    (
        "bad_date",
        "{field}: \u{201c}{value}\u{201d} is not a date; write it as 2026-11-22",
    ),
    ("unknown_sort", "The list cannot be sorted by \u{201c}{value}\u{201d}"),
    (
        "stale_cursor",
        "The list changed its order while you scrolled; it starts again from the top",
    ),
    (
        "merge_same_person",
        "Choose two different people to merge",
    ),
    (
        "bad_merge_choice",
        "\u{201c}{value}\u{201d} is not a choice for a merge; choose the value of one of the two people",
    ),
    (
        "merge_not_found",
        "That merge is no longer on record",
    ),
    (
        "merge_undone",
        "This merge was undone already, or the person it merged away is back",
    ),
    (
        "merge_record_damaged",
        "This merge's record cannot be read, so it cannot be undone here",
    ),
    ("no_import_chosen", "Choose a file to import first"),
    (
        "import_too_large",
        "This file is {size} MB; files up to {max} MB can be imported at once: split it in parts",
    ),
    (
        "locked",
        "The database is busy in another Campaign Desk window or command; try again in a moment",
    ),
    ("database", "The database reported a problem: {detail}"),
    (
        "disk_full",
        "The disk is full, so this was not saved. Everything saved before is safe: free some space (empty the trash, move photos or old backups away) and try again",
    ),
    (
        "read_only",
        "The database cannot be written to: its file or its disk has become read-only. Everything saved before is safe; reading goes on. Check the disk (a USB stick may be full or failing) and restart Campaign Desk",
    ),
    ("open_failed", "Cannot open the database {path}: {cause}"),
    (
        "needs_passphrase",
        "The database {path} is encrypted: its passphrase is needed to open it (scripts give it with --passphrase-file FILE or the variable CAMPAIGN_DESK_PASSPHRASE)",
    ),
    (
        "wrong_passphrase",
        "That passphrase does not open {path}. Nothing was changed; check it and try again (capital letters and the keyboard's language count)",
    ),
    (
        "damaged",
        "The database {path} is damaged ({cause}). Campaign Desk will not write to it: restore the newest good backup, and keep the damaged file for someone who can look at it",
    ),
    ("passphrase_missing", "Type a passphrase"),
    (
        "passphrase_file_unreadable",
        "The passphrase file {path} cannot be read: {cause}",
    ),
    (
        "passphrase_short",
        "A passphrase needs at least {min} characters: a few words you will remember are best",
    ),
    (
        "passphrase_control",
        "A passphrase cannot contain line breaks or other invisible characters",
    ),
    (
        "passphrases_differ",
        "The two passphrases are not the same; type the new one twice alike",
    ),
    ("not_encrypted", "This database is not encrypted"),
    ("already_encrypted", "This database is encrypted already; change its passphrase instead"),
    (
        "rewrite_failed",
        "The database could not be rewritten ({cause}); it is as it was, nothing was lost",
    ),
    (
        "backup_failed",
        "The backup could not be written to {path} ({cause}); the database itself is unchanged",
    ),
    (
        "backup_unusable",
        "{path} cannot be restored: {cause}. The database was not touched",
    ),
    ("no_backup_chosen", "Choose a backup first"),
    (
        "backup_keep_range",
        "Keep between {min} and {max} automatic backups",
    ),
    (
        "idle_lock_range",
        "Lock after between {min} and {max} minutes, or never (0)",
    ),
    (
        "lock_in_table_mode",
        "Table mode and the door stay open for visitors; leave them with the PIN first",
    ),
    (
        "store_locked",
        "Campaign Desk is locked: type the passphrase to go on",
    ),
    (
        "import_needs_encoding",
        "The file is not UTF-8 text: choose the encoding it was saved in, such as {suggestions}",
    ),
    (
        "import_unknown_encoding",
        "\u{201c}{value}\u{201d} is not an encoding Campaign Desk knows; try windows-1252, windows-1256 or utf-16le",
    ),
    (
        "import_undecodable",
        "The file cannot be read as {encoding}; choose another encoding",
    ),
    ("import_unreadable", "The file cannot be read as CSV: {detail}"),
    ("import_empty", "The file is empty: it has no header line"),
    (
        "import_no_name_column",
        "No column holds a name: map a column to the given name, the family name or the full name",
    ),
    ("import_no_name", "This line has no name, so it was not imported"),
    (
        "import_bad_email",
        "\u{201c}{value}\u{201d} does not look like an email address; the signer is kept without it",
    ),
    (
        "import_unknown_country",
        "\u{201c}{value}\u{201d} is not a country Campaign Desk knows; the signer is kept without a country, with the value in the notes",
    ),
    (
        "import_bad_display",
        "\u{201c}{value}\u{201d} is not a way to show a name; the import's choice ({display}) was used",
    ),
    (
        "import_bad_date",
        "\u{201c}{value}\u{201d} is not a date Campaign Desk reads; the time of the import was used",
    ),
    (
        "import_failed",
        "Nothing was imported: line {line} could not be saved ({detail})",
    ),
    ("export_failed", "The signer list could not be written: {cause}"),
    (
        "export_write_failed",
        "The signer list could not be saved to {path}: {cause}",
    ),
    (
        "bad_paper_size",
        "\u{201c}{value}\u{201d} is not a paper size: letter, a4, tabloid, or width x height in millimetres such as 250x380mm (50 to 1200)",
    ),
    (
        "bad_print_language",
        "\u{201c}{value}\u{201d} is not a language documents print in: en, fa or es",
    ),
    ("print_failed", "The document could not be made: {cause}"),
    ("photo_not_png_or_jpeg", "The photo must be a PNG or JPEG picture"),
    ("photo_damaged", "The photo could not be read: the file may be damaged"),
    ("field.event", "Event"),
    ("field.appeal", "Appeal"),
    ("field.campaign_name", "Campaign name"),
    ("field.given_name", "Given name"),
    ("field.family_name", "Family name"),
    ("field.email", "Email"),
    ("field.phone", "Phone"),
    ("field.city", "City"),
    ("field.region", "Region"),
    ("field.postal_code", "Postal code"),
    ("field.country", "Country"),
    ("field.organization", "Organization"),
    ("field.title", "Title"),
    ("field.notes", "Notes"),
    ("field.appeal_title", "Appeal title"),
    ("field.appeal_text", "Appeal text"),
    ("field.statement", "Statement"),
    ("field.consent_wording", "Consent wording"),
    ("field.contact_wording", "Contact consent wording"),
    ("field.entered_by", "Typed by"),
    ("field.search", "Search"),
    ("field.signed_from", "Signed from"),
    ("field.signed_to", "Signed until"),
    ("field.event_title", "Event title"),
    ("field.description", "Description"),
    ("field.venue", "Venue"),
    ("field.address", "Address"),
    ("field.link", "Link"),
    ("field.contact_phone", "Contact phone"),
    ("field.contact_email", "Contact email"),
    ("field.fund_name", "Fund name"),
    ("field.purpose", "Purpose"),
    ("field.reference", "Reference"),
    ("field.note", "Note"),
    ("field.subtitle", "Subtitle"),
    ("field.starts", "Starts"),
    ("field.ends", "Ends"),
    ("field.cosponsors", "Co-sponsors"),
    ("field.program", "Program"),
    ("field.causes", "Featured prisoners or causes"),
    ("field.price", "Price"),
    ("field.ticket_value", "Value of what a ticket buys"),
    ("field.gift", "Gift"),
    ("field.laptop_name", "Laptop name"),
    ("field.sync_passphrase", "Sync passphrase"),
    ("field.passphrase", "Passphrase"),
    ("field.from", "From"),
    ("field.to", "To"),
    ("field.amount", "Amount"),
    ("field.fee", "Fee"),
    ("field.returned_value", "Value of goods or services given in return"),
    ("field.received_on", "Date received"),
    ("field.paid_on", "Date paid"),
    ("field.payee", "Paid to"),
    ("field.category", "Category"),
    ("field.transaction_id", "Transaction id"),
    ("field.in_kind", "Gift in kind"),
    ("field.source_code", "Source code"),
    ("field.float", "Opening float"),
    ("field.counted", "Cash counted"),
    ("field.counted_by", "Counted by"),
    ("field.second_counter", "Second counter"),
    ("field.reason", "Reason"),
    ("field.goal", "Goal"),
    ("field.deadline", "Deadline"),
    ("field.donor_name", "Donor's name"),
    ("field.slug", "Short name"),
    ("field.rate", "Exchange rate"),
    ("field.org_name", "Organization name"),
    ("field.org_address", "Organization address"),
    ("field.tax_id", "Tax id"),
    ("field.receipt_wording", "Receipt wording"),
    ("field.receipt_prefix", "Receipt number prefix"),
    ("field.currency", "Currency"),
    ("field.who", "Your name"),
    ("field.method", "Method"),
    ("field.denomination", "Note or coin"),
];

/// A message key with its values. The value named `field` is itself a key (`field.<value>`), so
/// the field's label is translated with the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        debug_assert!(
            english(key).is_some(),
            "message key {key} has no English text"
        );
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// Adds the value for `{name}`.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn key(&self) -> &'static str {
        self.key
    }
}

fn english(key: &str) -> Option<&'static str> {
    ENGLISH
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
}

impl Message {
    /// The text in a language whose catalog `text_of` reads: it is given `error.<key>` for the
    /// message and `field.<name>` for a field's label. `None` when the catalog lacks the
    /// message; a field label it lacks is given in English.
    pub fn render(&self, text_of: impl Fn(&str) -> Option<String>) -> Option<String> {
        let mut text = text_of(&format!("error.{}", self.key))?;
        for (name, value) in &self.args {
            let value = match *name {
                "field" => {
                    let key = format!("field.{value}");
                    text_of(&key)
                        .or_else(|| english(&key).map(str::to_owned))
                        .unwrap_or_else(|| value.clone())
                }
                _ => value.clone(),
            };
            text = text.replace(&format!("{{{name}}}"), &value);
        }
        Some(text)
    }
}

impl fmt::Display for Message {
    /// The English text, for logs and the CLI in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self
            .render(|key| english(key.strip_prefix("error.").unwrap_or(key)).map(str::to_owned))
            .unwrap_or_else(|| self.key.to_owned());
        f.write_str(&text)
    }
}

/// `{ "key": "required", "args": { "field": "campaign_name" } }`
impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Args<'a>(&'a [(&'static str, String)]);
        impl Serialize for Args<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (name, value) in self.0 {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
        let mut s = serializer.serialize_struct("Message", 2)?;
        s.serialize_field("key", self.key)?;
        s.serialize_field("args", &Args(&self.args))?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_with_values_and_field_labels() {
        let m = Message::new("too_long")
            .with("field", "campaign_name")
            .with("count", 201)
            .with("max", 200);
        assert_eq!(
            m.to_string(),
            "Campaign name is too long: 201 characters, at most 200 allowed"
        );
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(
            json,
            serde_json::json!({ "key": "too_long", "args": { "field": "campaign_name", "count": "201", "max": "200" } })
        );
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<_> = ENGLISH.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ENGLISH.len());
    }
}
