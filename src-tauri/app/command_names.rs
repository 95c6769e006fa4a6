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
];
