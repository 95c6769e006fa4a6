//! The window's start-up module graph: index.html preloads exactly the modules main.js
//! imports statically, directly or through others, so that the browser fetches them at once
//! instead of discovering them a level of the chain at a time. A module added to the chain
//! and not to the list, or one left in the list after it went lazy, fails here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn ui() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

/// The modules `file` imports with a static `import … from "…"`, as paths under ui/.
fn static_imports(file: &str) -> Vec<String> {
    let source = std::fs::read_to_string(ui().join(file)).unwrap();
    let dir = Path::new(file).parent().unwrap_or(Path::new(""));
    let mut found = Vec::new();
    let mut statement: Option<String> = None;
    for line in source.lines() {
        let line = line.trim_start();
        if statement.is_none() && line.starts_with("import ") && !line.starts_with("import(") {
            statement = Some(String::new());
        }
        if let Some(text) = statement.as_mut() {
            text.push_str(line);
            if let Some((_, rest)) = text.split_once(" from \"") {
                let target = rest.split('"').next().unwrap();
                found.push(normalize(&dir.join(target)));
                statement = None;
            }
        }
    }
    found
}

/// "screens/../i18n.js" → "i18n.js".
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for part in path.components() {
        match part.as_os_str().to_str().unwrap() {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other.to_owned()),
        }
    }
    parts.join("/")
}

#[test]
fn index_preloads_every_module_of_the_start_up_chain_and_no_other() {
    let mut chain = BTreeSet::new();
    let mut todo = vec!["main.js".to_owned()];
    while let Some(file) = todo.pop() {
        for module in static_imports(&file) {
            if chain.insert(module.clone()) {
                todo.push(module);
            }
        }
    }
    assert!(chain.contains("i18n.js") && chain.contains("screens/dashboard.js"));
    assert!(
        !chain.contains("screens/settings.js") && !chain.contains("messages/fa.js"),
        "screens other than the Dashboard, and other languages, are fetched when needed: {chain:?}"
    );

    let index = std::fs::read_to_string(ui().join("index.html")).unwrap();
    let preloaded: BTreeSet<String> = index
        .split("<link rel=\"modulepreload\" href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        preloaded, chain,
        "index.html's modulepreload links against main.js's imports"
    );
}
