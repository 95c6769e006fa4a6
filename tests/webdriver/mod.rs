//! A small WebDriver client for the end-to-end tests: just the calls they make, over plain HTTP
//! to `tauri-driver` on loopback.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long to wait for something to appear. Generous: a debug build on a busy two-core machine.
const PATIENCE: Duration = Duration::from_secs(45);
/// The key under which WebDriver returns an element reference (W3C WebDriver, "web element identifier").
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Session {
    driver: Child,
    agent: ureq::Agent,
    url: String,
    /// tauri-driver's log, where the app's standard error ends up too.
    log: std::path::PathBuf,
}

impl Session {
    /// Starts `tauri-driver`, and through it the app on the database `db`.
    pub fn start(app: &str, db: &Path) -> Session {
        let port = free_port();
        // The driver's log goes to a file: a pipe would be held open by its children.
        let log_path =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("tauri-driver-{port}.log"));
        let log = std::fs::File::create(&log_path).unwrap();
        // The window's web storage (its language, remembered names) beside the database: each
        // test's window starts as on a new laptop, and a window opened again on the same file
        // finds what the first one kept.
        let web_data = db
            .parent()
            .expect("a database in a folder")
            .join("web-data");
        let driver = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &free_port().to_string()])
            .env("XDG_DATA_HOME", &web_data)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("tauri-driver must be installed: `make test` installs it (cargo install tauri-driver)");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let mut session = Session {
            driver,
            agent,
            url: base.clone(),
            log: log_path,
        };

        let deadline = Instant::now() + PATIENCE;
        while session.agent.get(format!("{base}/status")).call().is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not start on port {port}"
            );
            sleep(Duration::from_millis(100));
        }
        let created = session.request(
            "POST",
            "/session",
            Some(
                json!({ "capabilities": { "alwaysMatch": { "tauri:options": {
                    "application": app,
                    "args": ["--db", db.to_str().unwrap()],
                }}}}),
            ),
        );
        let id = created["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        session.url = format!("{base}/session/{id}");
        session
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        match self.try_request(method, path, body) {
            Ok(value) => value,
            Err(failure) => panic!("{failure}"),
        }
    }

    /// A request whose refusal is the caller's to handle: the answer's value, or what failed.
    fn try_request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.url);
        let response = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .send_json(body.unwrap_or_else(|| json!({}))),
        };
        let mut response = response.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let reply: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        if status.is_success() {
            Ok(reply["value"].clone())
        } else {
            Err(format!("{method} {path} answered {status}: {reply}"))
        }
    }

    /// The element matching `css`, if there is one now.
    pub fn find(&self, css: &str) -> Option<String> {
        let url = format!("{}/element", self.url);
        let mut response = self
            .agent
            .post(&url)
            .send_json(json!({ "using": "css selector", "value": css }))
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        let found = response.status().is_success();
        let reply: Value = response.body_mut().read_json().unwrap_or(Value::Null);
        found.then(|| reply["value"][ELEMENT].as_str().unwrap().to_owned())
    }

    /// Waits until an element matches `css` and returns it.
    pub fn wait_for(&self, css: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(element) = self.find(css) {
                return element;
            }
            if Instant::now() > deadline {
                let alert =
                    self.execute("return document.getElementById('alert-text')?.textContent");
                panic!("nothing matched {css}; the error banner says {alert}");
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// The last `lines` lines of the driver's log (the app's own errors among them).
    pub fn log_tail(&self, lines: usize) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let all: Vec<&str> = text.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// The text of the element matching `css`. A screen that redraws between finding the
    /// element and reading it (a preview answering a change) is read once more.
    pub fn text(&self, css: &str) -> String {
        for _ in 0..5 {
            let element = self.wait_for(css);
            match self.try_request("GET", &format!("/element/{element}/text"), None) {
                Ok(text) => return text.as_str().unwrap().to_owned(),
                Err(failure) if failure.contains("stale element reference") => {
                    sleep(Duration::from_millis(100));
                }
                Err(failure) => panic!("{failure}"),
            }
        }
        panic!("{css} kept being redrawn while read");
    }

    pub fn attribute(&self, css: &str, name: &str) -> Option<String> {
        let element = self.wait_for(css);
        self.request("GET", &format!("/element/{element}/attribute/{name}"), None)
            .as_str()
            .map(str::to_owned)
    }

    /// Clicks the element matching `css`. A screen that redraws between finding the element
    /// and clicking it (a list answering a search) is clicked once more, on the new element.
    pub fn click(&self, css: &str) {
        for _ in 0..5 {
            let element = self.wait_for(css);
            match self.try_request("POST", &format!("/element/{element}/click"), None) {
                Ok(_) => return,
                Err(failure) if failure.contains("stale element reference") => {
                    sleep(Duration::from_millis(100));
                }
                Err(failure) => panic!("{failure}"),
            }
        }
        panic!("{css} kept being redrawn while clicked");
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let element = self.wait_for(css);
        self.request("POST", &format!("/element/{element}/clear"), None);
        self.request(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    /// Presses keys as a person would, into whatever has the focus (WebDriver actions). Each
    /// char is one key: WebDriver's codes name the special ones (TAB, ENTER, CONTROL below).
    pub fn keys(&self, keys: &str) {
        let mut actions = Vec::new();
        for c in keys.chars() {
            actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
            actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
        }
        self.request(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// Presses `key` while holding Control (Ctrl+Z).
    pub fn ctrl(&self, key: char) {
        self.chord(CONTROL, key);
    }

    /// Presses `key` while holding Alt (Alt+3).
    pub fn alt(&self, key: char) {
        self.chord(ALT, key);
    }

    fn chord(&self, modifier: char, key: char) {
        let actions = json!([
            { "type": "keyDown", "value": modifier.to_string() },
            { "type": "keyDown", "value": key.to_string() },
            { "type": "keyUp", "value": key.to_string() },
            { "type": "keyUp", "value": modifier.to_string() },
        ]);
        self.request(
            "POST",
            "/actions",
            Some(json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] })),
        );
    }

    /// As `execute`, but a page being replaced (a reload) answers `None` rather than failing.
    pub fn execute_across_reload(&self, script: &str) -> Option<Value> {
        match self.try_request(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        ) {
            Ok(value) => Some(value),
            Err(failure) if failure.contains("no such frame") || failure.contains("unload") => None,
            Err(failure) => panic!("{failure}"),
        }
    }

    pub fn execute(&self, script: &str) -> Value {
        self.request(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }

    /// Saves what the window shows as a PNG.
    pub fn screenshot(&self, path: &Path) {
        // Wait two frames, so that what the DOM says is what has been painted.
        self.request(
            "POST",
            "/execute/async",
            Some(json!({
                "script": "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                "args": [],
            })),
        );
        self.check_accessibility(path);
        let png = capture_window(self.app_pid());
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
    }

    /// The app's process: the one named campaign-desk among tauri-driver's descendants (the
    /// driver starts WebKitWebDriver, which starts the app).
    fn app_pid(&self) -> u32 {
        let driver = self.driver.id();
        let descends = |mut pid: u32| {
            while let Some((ppid, _)) = parent_and_name(pid) {
                if ppid == driver {
                    return true;
                }
                if ppid <= 1 {
                    break;
                }
                pid = ppid;
            }
            false
        };
        processes()
            .find(|&pid| {
                parent_and_name(pid).is_some_and(|(_, name)| name == "campaign-desk")
                    && descends(pid)
            })
            .expect("the app's process under tauri-driver")
    }

    /// The value of the environment variable `name` in the app's WebKit web process, as it
    /// started (what the app gave WebKit, not what the test's own environment says).
    pub fn web_process_variable(&self, name: &str) -> Option<String> {
        let app = self.app_pid();
        // The kernel keeps 15 characters of a name: WebKitWebProcess is "WebKitWebProces".
        let web = processes()
            .find(|&pid| {
                parent_and_name(pid)
                    .is_some_and(|(ppid, n)| ppid == app && n.starts_with("WebKitWebProc"))
            })
            .expect("the app's WebKit web process");
        let environ = std::fs::read(format!("/proc/{web}/environ")).unwrap();
        environ.split(|&b| b == 0).find_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (key, value) = entry.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
    }
}

/// Every process's id.
fn processes() -> impl Iterator<Item = u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
}

/// A process's parent and name, from /proc (None once it is gone).
fn parent_and_name(pid: u32) -> Option<(u32, String)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "pid (comm) state ppid ...": the name may hold spaces and parentheses, so split at the
    // last ')'.
    let (head, rest) = stat.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_owned();
    let ppid = rest.split_whitespace().nth(1)?.parse().ok()?;
    Some((ppid, name))
}

/// What the app's window shows, as the X server has it (the pixels a person sees), as a PNG:
/// xwd (x11-apps) of the process's visible window, converted by netpbm. Taken from the X server
/// rather than through WebDriver, whose screenshot waits for a presentation update that
/// WebKit's shared-memory renderer, the app's choice (lib.rs), does not always send.
fn capture_window(pid: u32) -> Vec<u8> {
    let found = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--pid", &pid.to_string()])
        .output()
        .expect("xdotool");
    let windows = String::from_utf8_lossy(&found.stdout);
    let window = windows
        .lines()
        .next()
        .unwrap_or_else(|| panic!("no visible window of process {pid}"))
        .trim()
        .to_owned();
    let out = Command::new("sh")
        .args([
            "-c",
            "xwd -silent -id \"$1\" | xwdtopnm 2>/dev/null | pnmtopng 2>/dev/null",
            "capture",
            &window,
        ])
        .output()
        .expect("xwd, xwdtopnm and pnmtopng (x11-apps, netpbm)");
    assert!(out.status.success(), "capturing window {window} failed");
    out.stdout
}

/// axe-core, vendored for the tests only (tests/vendor/axe-core/README.md).
const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");

/// What the checker judges: WCAG 2.1 A and AA, and Deque's best practices.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  resultTypes: ['violations'],
}).then(
  (results) => done(results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
    }))),
  (error) => done([{ id: 'axe-failed', impact: 'critical', help: String(error), nodes: [] }]),
);
"#;

impl Session {
    /// Runs axe-core on what the window shows now and fails on any serious or critical
    /// violation, naming the screen by its screenshot. Every screen a test photographs is
    /// checked, in whatever language the test has chosen.
    fn check_accessibility(&self, screen: &Path) {
        let loaded = self.execute("return typeof window.axe === 'object'");
        if loaded != Value::Bool(true) {
            self.execute(&format!("{AXE}\n;return true;"));
        }
        let violations = self.request(
            "POST",
            "/execute/async",
            Some(json!({ "script": AXE_RUN, "args": [] })),
        );
        let violations = violations.as_array().cloned().unwrap_or_default();
        if violations.is_empty() {
            return;
        }
        let mut told = String::new();
        for v in &violations {
            told.push_str(&format!("\n- {} ({}): {}", v["id"], v["impact"], v["help"]));
            for node in v["nodes"].as_array().into_iter().flatten() {
                told.push_str(&format!(
                    "\n    {}",
                    node.as_str().unwrap_or_default().replace('\n', " ")
                ));
            }
        }
        let name = screen.file_name().unwrap_or_default().to_string_lossy();
        panic!("the accessibility checker (axe-core) finds on {name}:{told}");
    }
}

/// Closes the window and stops the driver, also when a test fails.
impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.agent.delete(&self.url).call();
        // SIGTERM, not SIGKILL: tauri-driver then stops WebKitWebDriver, which would otherwise
        // outlive it.
        let terminated = Command::new("kill")
            .args(["-TERM", &self.driver.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if !terminated {
            let _ = self.driver.kill();
        }
        let _ = self.driver.wait();
    }
}

/// WebDriver's codes for special keys.
pub const TAB: char = '\u{E004}';
pub const ENTER: char = '\u{E007}';
pub const CONTROL: char = '\u{E009}';
pub const ALT: char = '\u{E00A}';
pub const F1: char = '\u{E031}';

/// A port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
