//! Print speed (`cargo bench -p desk-core --bench print`): the appeal as an ad with 50,000
//! signers in three columns, against Typst (the `typst` package from PyPI, run by
//! benches/typst_appeal.py) laying out the same names in the same layout with the same fonts,
//! in the same run; peak memory of each; and a flyer made from the sample campaign.
//!
//! Typst's Python comes from TYPST_PYTHON [default: target/typst-venv/bin/python3]; `make bench`
//! creates that virtualenv with the typst version it pins.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use desk_core::print::appeal_ad::{self, AppealAd};
use desk_core::print::document::{self, Kind, Request};
use desk_core::print::shape::Fonts;
use desk_core::print::words::Words;
use desk_core::print::{page, pdf};

const NAMES: usize = 50_000;
const RUNS: usize = 3;

const GIVEN: &[&str] = &[
    "Nahid",
    "José",
    "Jürgen",
    "Nguyễn Thị",
    "Αλέξανδρος",
    "Наталья",
    "李",
    "ناهید",
    "Sara",
    "Mehdi",
    "Lucía",
    "Олег",
    "Παναγιώτα",
    "Kwame",
    "Ayşe",
    "Fatemeh",
    "Dariush",
    "明",
];
const FAMILY: &[&str] = &[
    "Tehrani",
    "Martínez",
    "Groß",
    "Minh Khai",
    "Παπαδόπουλος",
    "Горбаневская",
    "明",
    "تهرانی",
    "Rahimi",
    "Okafor",
    "García",
    "Иванов",
    "Νικολάου",
    "Mensah",
    "Yılmaz",
    "محمدی",
    "Karimi",
    "王",
];

fn names() -> Vec<String> {
    (0..NAMES)
        .map(|i| {
            let g = GIVEN[i % GIVEN.len()];
            let f = FAMILY[(i / GIVEN.len() + i) % FAMILY.len()];
            format!("{g} {f} {}", i % 97)
        })
        .collect()
}

const BODY: &str = "We, the undersigned, call for the immediate and unconditional release of \
    every person imprisoned for their peaceful political activity, their writing, their faith \
    or their defence of human rights. No one should be held for speaking their mind. We ask the \
    authorities to open the prisons to independent observers, to end solitary confinement and to \
    let families visit. Until every prisoner of conscience is free, we will keep their names in \
    the light.";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The process's peak resident memory so far, in MB (Linux's VmHWM).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let names = names();
    let ad = AppealAd {
        title: "Free Them All".into(),
        body: BODY.into(),
        featured: Vec::new(),
        shown: names.clone(),
        others: 1234,
        other_countries: 12,
    };

    let mut ours = Vec::new();
    let mut layout = Vec::new();
    let mut pages = 0;
    let mut size = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        let fonts = Fonts::new();
        let laid = appeal_ad::pages(&fonts, &ad, page::LETTER, 3, &Words::new("en"));
        layout.push(started.elapsed());
        pages = laid.len();
        let bytes = pdf::write(&fonts, laid, &ad.title).unwrap();
        ours.push(started.elapsed());
        size = bytes.len();
        std::fs::write(dir.path().join("ours.pdf"), &bytes).unwrap();
    }
    let ours_peak = peak_mb();
    let ours = median(ours);
    println!(
        "campaign desk: {NAMES} names, {pages} pages, {:.1} MB file, median of {RUNS}: {:.2} s \
         (fonts and layout {:.2} s), peak memory {ours_peak:.0} MB",
        size as f64 / 1e6,
        ours.as_secs_f64(),
        median(layout).as_secs_f64()
    );

    let list = dir.path().join("names.txt");
    std::fs::write(&list, names.join("\n")).unwrap();
    let python = std::env::var("TYPST_PYTHON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../target/typst-venv/bin/python3"
        )
        .into()
    });
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/typst_appeal.py");
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fonts");
    let mut typst = Vec::new();
    let mut typst_peak = 0.0f64;
    for _ in 0..RUNS {
        let out = Command::new(&python)
            .arg(&script)
            .arg(&list)
            .arg(dir.path().join("typst.pdf"))
            .arg(&fonts)
            .arg("/usr/share/fonts/opentype/noto")
            .output()
            .expect("Typst's Python (make bench creates target/typst-venv)");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        typst.push(Duration::from_secs_f64(report["seconds"].as_f64().unwrap()));
        typst_peak = typst_peak.max(report["max_rss_mb"].as_f64().unwrap_or(f64::NAN));
    }
    let typst = median(typst);
    println!(
        "typst: median of {RUNS}: {:.2} s, peak memory {typst_peak:.0} MB",
        typst.as_secs_f64()
    );
    println!(
        "campaign desk takes {:.0}% of typst's time (goal: at most 50%) and {ours_peak:.0} MB (goal: under 250 MB)",
        100.0 * ours.as_secs_f64() / typst.as_secs_f64()
    );

    // A flyer from the sample campaign, data read from the store included.
    let mut store = desk_core::Store::open(dir.path().join("sample.db")).unwrap();
    desk_core::sample::load(&mut store).unwrap();
    let event = desk_core::events::lists(&store, chrono::Utc::now()).unwrap();
    let event = event
        .upcoming
        .iter()
        .chain(&event.past)
        .next()
        .unwrap()
        .event
        .id;
    let request = Request {
        event: Some(event),
        link: Some("https://example.org/e".into()),
        ..Request::new(Kind::Flyer)
    };
    let mut flyer = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        document::make(&store, &request, None, None, false, &|_| {}).unwrap();
        flyer.push(started.elapsed());
    }
    println!(
        "flyer: median of 20: {:.1} ms (goal: under 100 ms)",
        median(flyer).as_secs_f64() * 1e3
    );
}
