//! Screenshots of the real app: launches the `posrecon` binary on the bundled sample data under Xvfb with the
//! software renderer (ICED_BACKEND=tiny-skia), once per screen (home, import check, review, detail, charts),
//! waits until the picture is steady, and saves `target/screenshots/<name>.png` with ImageMagick's `import`.
//! Fails when the app exits early, or a screenshot is missing or blank. Needs xvfb-run and ImageMagick
//! (`.ci/run` installs them).
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::kit::root;

/// Waits up to this many seconds for the picture to settle.
const MAX_WAIT_SECS: u32 = 120;

/// Runs the app under Xvfb and writes the screenshot. The app creates `$READY` once its screen is up (files
/// read and reconciled); from then on the loop takes a screenshot a second and stops once two in a row are
/// identical, 4 s or more after that (the first frame of a screen can take a moment in a debug build). Exits 3 when the app exits early, 4 when it never gets ready.
const SCRIPT: &str = r#"
rm -f "$READY"
POSRECON_READY_FILE="$READY" "$POSRECON_BIN" "$@" >"$OUT.log" 2>&1 &
app=$!
prev=""
since_ready=0
for i in $(seq 1 "$MAX_WAIT"); do
    sleep 1
    if ! kill -0 "$app" 2>/dev/null; then echo "the app exited early:"; cat "$OUT.log"; exit 3; fi
    [ -e "$READY" ] || continue
    since_ready=$((since_ready + 1))
    import -window root "$OUT.tmp.png" 2>/dev/null || continue
    sum=$(identify -format '%#' "$OUT.tmp.png" 2>/dev/null)
    if [ "$since_ready" -ge 4 ] && [ -n "$sum" ] && [ "$sum" = "$prev" ]; then break; fi
    prev=$sum
done
if [ ! -e "$READY" ]; then echo "the app did not get ready in $MAX_WAIT s:"; cat "$OUT.log"; kill "$app"; exit 4; fi
mv "$OUT.tmp.png" "$OUT"
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit 0
"#;

/// A private copy of the binary, so that a build running at the same time cannot swap it mid-test.
fn binary(folder: &Path) -> PathBuf {
    let copy = folder.join("posrecon-under-test");
    std::fs::copy(env!("CARGO_BIN_EXE_posrecon"), &copy).expect("copy the posrecon binary");
    copy
}

fn shoot(binary: &Path, name: &str, screen: Option<&str>, language: &str, files: &[PathBuf]) -> PathBuf {
    let home = root().join("target").join("screenshots").join(format!("home-{name}"));
    let _ = std::fs::remove_dir_all(&home);
    shoot_in(&home, binary, name, screen, language, files)
}

/// One X server at a time: `xvfb-run -a` picks its display number racily when two start together.
static ONE_DISPLAY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// As [`shoot`], with the app's home (`POSRECON_HOME`: prefs, workspace) prepared by the caller.
fn shoot_in(
    home: &Path,
    binary: &Path,
    name: &str,
    screen: Option<&str>,
    language: &str,
    files: &[PathBuf],
) -> PathBuf {
    let _one_at_a_time = ONE_DISPLAY.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let folder = root().join("target").join("screenshots");
    let out = folder.join(format!("{name}.png"));
    let _ = std::fs::remove_file(&out);
    let mut command = Command::new("xvfb-run");
    command
        .args(["-a", "-s", "-screen 0 1280x820x24", "bash", "-c", SCRIPT, "posrecon"])
        .args(if files.is_empty() {
            vec![]
        } else {
            std::iter::once("open".into())
                .chain(files.iter().map(|f| f.display().to_string()))
                .collect::<Vec<_>>()
        })
        .env("POSRECON_BIN", binary)
        .env("OUT", &out)
        .env("READY", folder.join(format!("{name}.ready")))
        .env("MAX_WAIT", MAX_WAIT_SECS.to_string())
        .env("ICED_BACKEND", "tiny-skia")
        .env("POSRECON_HOME", home)
        .env("LANG", language)
        .env("LC_ALL", language)
        .env_remove("WAYLAND_DISPLAY");
    match screen {
        Some(screen) => command.env("POSRECON_SCREEN", screen),
        None => command.env_remove("POSRECON_SCREEN"),
    };
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run xvfb-run (install xvfb, xauth and imagemagick): {e}"));
    assert!(
        output.status.success(),
        "{name}: the app did not run: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.is_file(), "{name}: no screenshot was written");
    out
}

/// A screenshot is blank when it is (nearly) one colour.
fn assert_not_blank(path: &Path) {
    let output = Command::new("identify")
        .args(["-format", "%k %[fx:standard_deviation]"])
        .arg(path)
        .output()
        .expect("run identify");
    let text = String::from_utf8_lossy(&output.stdout).to_string();
    let mut parts = text.split_whitespace();
    let colours: u64 = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
    let spread: f64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    assert!(
        colours > 50 && spread > 0.02,
        "{}: looks blank ({colours} colours, spread {spread})",
        path.display()
    );
}

fn sample() -> Vec<PathBuf> {
    let folder = root().join("sample-data");
    vec![folder.join("terminal-log.csv"), folder.join("bank-statement.xlsx")]
}

#[test]
fn screenshots_of_every_screen() {
    let files = sample();
    for file in &files {
        assert!(
            file.is_file(),
            "{} is missing: the sample data must be generated first",
            file.display()
        );
    }
    let folder = root().join("target").join("screenshots");
    std::fs::create_dir_all(&folder).expect("create target/screenshots");
    let binary = binary(&folder);
    let shots = [
        ("home", None, "zh_CN.UTF-8", vec![]),
        ("import-check", Some("import"), "zh_CN.UTF-8", files.clone()),
        ("review", Some("review"), "zh_CN.UTF-8", files.clone()),
        ("detail", Some("detail"), "en_US.UTF-8", files.clone()),
        ("charts", Some("charts"), "en_US.UTF-8", files.clone()),
    ];
    for (name, screen, language, files) in shots {
        let path = shoot(&binary, name, screen, language, &files);
        assert_not_blank(&path);
    }
}

/// The history screen (gui::screen::history) of a workspace the owner worked on from the command line: the sample
/// imported, a flag accepted and a note written with `posrecon workspace decide`; the app opens that workspace
/// on start (no files given) and shows its audit log.
#[test]
fn screenshot_of_the_workspace_history() {
    let files = sample();
    let folder = root().join("target").join("screenshots");
    std::fs::create_dir_all(&folder).expect("create target/screenshots");
    let home = folder.join("home-history");
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).expect("create the app's home");
    // Its own copy, taken first, used for every step: another build may replace the binary meanwhile.
    let binary = binary(&home);
    let workspace = home.join("workspace.posrecon");
    let workspace = workspace.to_str().expect("utf-8 path");
    let (terminal, bank) = (files[0].display().to_string(), files[1].display().to_string());
    let posrecon = |args: &[&str]| {
        let output = Command::new(&binary).args(args).output().expect("run posrecon");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    posrecon(&[
        "workspace",
        "--workspace",
        workspace,
        "import",
        "--terminal",
        &terminal,
        "--bank",
        &bank,
    ]);
    // The rows to decide on, from the report (so a change to the sample data does not break this test).
    let report = home.join("report.json");
    posrecon(&[
        "workspace",
        "--workspace",
        workspace,
        "reconcile",
        "--json",
        report.to_str().unwrap_or_default(),
    ]);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).expect("report")).expect("JSON report");
    let rows = report["rows"].as_array().cloned().unwrap_or_default();
    let at = |row: &serde_json::Value| format!("{}:{}", row["file"].as_str().unwrap_or_default(), row["line"]);
    let flagged = rows
        .iter()
        .find(|r| r["side"] == "terminal" && r["flags"][0]["rule"].is_string())
        .expect("a flagged sale");
    let statement_row = rows.iter().find(|r| r["side"] == "bank").expect("a bank row");
    let rule = flagged["flags"][0]["rule"].as_str().unwrap_or_default();
    posrecon(&[
        "workspace",
        "--workspace",
        workspace,
        "decide",
        "accept",
        &at(flagged),
        "--rule",
        rule,
    ]);
    posrecon(&[
        "workspace",
        "--workspace",
        workspace,
        "decide",
        "note",
        &at(statement_row),
        "已致电银行，11-05 补回手续费差额",
    ]);
    let path = shoot_in(&home, &binary, "history", Some("history"), "zh_CN.UTF-8", &[]);
    assert_not_blank(&path);
}
