//! Golden files: `tests/golden/<name>` holds the exact expected text. A mismatch prints a
//! line diff; `UPDATE_GOLDEN=1 cargo test` rewrites the files after a deliberate change.

use std::path::PathBuf;

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

pub fn assert_golden(name: &str, actual: &str) {
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the generated text (- expected, + actual):\n{}\nRun with UPDATE_GOLDEN=1 if the change is intended.",
            path.display(),
            line_diff(&expected, actual)
        );
    }
}

/// A unified-style diff of two texts by longest common subsequence of lines, with
/// unchanged lines shown only around changes.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.split('\n').collect();
    let b: Vec<&str> = actual.split('\n').collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut rows: Vec<(char, usize, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            rows.push((' ', i + 1, a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            rows.push(('-', i + 1, a[i]));
            i += 1;
        } else {
            rows.push(('+', j + 1, b[j]));
            j += 1;
        }
    }
    let near_change = |k: usize| {
        rows[k.saturating_sub(2)..(k + 3).min(rows.len())]
            .iter()
            .any(|r| r.0 != ' ')
    };
    let mut out = String::new();
    let mut skipped = false;
    for (k, (mark, line_no, text)) in rows.iter().enumerate() {
        if near_change(k) {
            out.push_str(&format!("{mark}{line_no:>4} | {text:?}\n"));
            skipped = false;
        } else if !skipped {
            out.push_str("     ...\n");
            skipped = true;
        }
    }
    out
}
