// The bare window's one command, declared to Tauri's ACL as the app declares its own.
fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["frontend_ready"])),
    )
    .expect("tauri-build failed");
}
