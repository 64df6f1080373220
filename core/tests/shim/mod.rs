//! Runs shell lines with a real /bin/sh where every program is a PATH shim that records its
//! argv (and, for kubectl, its stdin), so tests see exactly what each program would receive
//! and nothing real is ever called.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;

const SHIMMED: [&str; 12] = [
    "kubectl",
    "curl",
    "jq",
    "grep",
    "tail",
    "base64",
    "sha256sum",
    "cut",
    "awk",
    "stty",
    "tr",
    "argv",
];

/// A scratch folder under Cargo's per-test temp dir, removed when dropped.
pub struct Scratch(pub PathBuf);

impl Scratch {
    pub fn new(tag: &str) -> Scratch {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("shell-argv-{}-{tag}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn write_executable(path: &Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    fs::write(path, body).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// Each shim writes its name and arguments, NUL-separated, to `$ARGV_DIR/<pid>`. kubectl and
/// base64 also save their stdin; kubectl answers `config current-context` with `$SHIM_CONTEXT`.
pub fn install_shims(root: &Path) -> PathBuf {
    let bin = root.join("bin");
    fs::create_dir_all(&bin).unwrap();
    for name in SHIMMED {
        let extra = match name {
            "kubectl" => "/bin/cat > \"$f.stdin\"\nif [ \"$1\" = config ]; then printf '%s\\n' \"$SHIM_CONTEXT\"; fi\n",
            "base64" => "/bin/cat > \"$f.stdin\"\n",
            _ => "",
        };
        let record = format!("f=\"$ARGV_DIR/$$\"\nprintf '%s\\0' {name} \"$@\" > \"$f\"\n");
        write_executable(&bin.join(name), &format!("#!/bin/sh\n{record}{extra}"));
    }
    fs::create_dir_all(root.join("scripts")).unwrap();
    write_executable(
        &root.join("scripts/instantly-debug-bundle.sh"),
        "#!/bin/sh\nprintf '%s\\0' instantly-debug-bundle.sh \"$@\" > \"$ARGV_DIR/$$\"\n",
    );
    bin
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Call {
    pub argv: Vec<String>,
    pub stdin: Option<String>,
}

pub fn call(argv: &[&str]) -> Call {
    Call {
        argv: argv.iter().map(|s| s.to_string()).collect(),
        stdin: None,
    }
}

/// Runs `line` with `sh -c` in `root` (PATH = shims only) and returns the calls it made, sorted.
pub fn run_line(root: &Path, bin: &Path, line: &str, stdin: &str, current_context: &str) -> Vec<Call> {
    let calls_dir = Scratch::new("calls");
    let mut child = Process::new("/bin/sh")
        .arg("-c")
        .arg(line)
        .current_dir(root)
        .env_clear()
        .env("PATH", bin)
        .env("ARGV_DIR", &calls_dir.0)
        .env("SHIM_CONTEXT", current_context)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        // The line may exit without reading its input; a closed pipe is fine then.
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait().unwrap();
    let mut calls = Vec::new();
    for entry in fs::read_dir(&calls_dir.0).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some() {
            continue;
        }
        let raw = fs::read(&path).unwrap();
        let argv = raw
            .strip_suffix(b"\0")
            .unwrap_or(&raw)
            .split(|b| *b == 0)
            .map(|a| String::from_utf8(a.to_vec()).unwrap())
            .collect();
        let stdin = fs::read(path.with_extension("stdin"))
            .ok()
            .map(|b| String::from_utf8(b).unwrap());
        calls.push(Call { argv, stdin });
    }
    calls.sort();
    calls
}

pub fn sorted(mut calls: Vec<Call>) -> Vec<Call> {
    calls.sort();
    calls
}

/// Words full of shell syntax, option look-alikes, Unicode and control characters.
pub fn nasty_word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-a-z'\"$`\\\\()*?\\[\\]{}~!#&;|<> \t\n=%@:,./é中🙂]{0,12}",
        "-[-a-z=]{0,6}",
        any::<String>().prop_map(|s| s.replace('\0', "")),
        Just(String::new()),
    ]
}
