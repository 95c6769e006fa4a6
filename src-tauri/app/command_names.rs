// The commands the window may call. Shared by build.rs (which declares them to the ACL) and the
// tests (which check that the capability grants exactly these). A command added to
// `generate_handler!` must be added here and to src-tauri/capabilities/main.json.

/// Every app command, by the name the window invokes.
pub const COMMANDS: &[&str] = &[
    "campaign_status",
    "start_campaign",
    "load_sample_campaign",
    "dashboard_stats",
    "app_info",
    "check_database",
    "frontend_ready",
    "sync_status",
    "set_laptop_name",
    "set_sync_passphrase",
    "save_bundle",
    "choose_bundle",
    "preview_bundle",
    "apply_bundle",
    "sync_conflicts",
    "review_conflict",
    "list_appeals",
    "appeal_page",
    "create_appeal",
    "save_appeal_words",
    "set_appeal_details",
    "set_appeal_status",
    "appeal_text",
    "find_signers",
    "set_prominence",
    "event_choices",
    "person_page",
    "withdraw_consent",
    "open_sheet",
    "next_sheet_number",
    "sign_sheet_row",
    "take_back_row",
    "kiosk_settings",
    "set_pin",
    "set_idle_seconds",
    "table_mode_status",
    "start_table_mode",
    "leave_table_mode",
    "table_words",
    "table_sign",
    "import_choose_file",
    "import_preview",
    "import_commit",
    "export_signers",
    "people_page",
    "people_count",
    "save_person",
    "duplicate_queue",
    "merge_people",
    "mark_different",
    "undo_merge",
    "signer_numbers",
];

/// Commands that open a native dialog and wait for a person: the end-to-end tests drive them
/// in the real window; the mock runtime has no one to answer them.
#[allow(dead_code)] // not needed by build.rs, which includes this file
pub const DIALOG_COMMANDS: &[&str] = &[
    "save_bundle",
    "choose_bundle",
    "import_choose_file",
    "export_signers",
];
