// Declares every app command to Tauri's ACL. With an app manifest, a command reaches its handler
// only when a capability grants its `allow-…` permission; without one, app commands would skip
// the ACL entirely.

include!("app/command_names.rs");

fn main() {
    // tauri-build watches only its default paths; these feed the ACL and the embedded window, so
    // a change to any of them must rebuild the app.
    for path in [
        "src-tauri/capabilities",
        "src-tauri/app/command_names.rs",
        "ui",
        "icons",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("src-tauri/capabilities/*.json")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
