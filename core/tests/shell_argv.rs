//! Quoted words and built command lines run through a real /bin/sh reach each program as
//! exactly the intended arguments.

mod shim;

use std::process::Command as Process;

use proptest::prelude::*;
use runbook_core::shell::{quote, Command};
use shim::{call, install_shims, nasty_word, run_line, sorted, Scratch};

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn quoted_words_reach_the_program_unchanged(words in prop::collection::vec(nasty_word(), 1..6)) {
        let script = format!("printf '%s\\0' {}", words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" "));
        let out = Process::new("/bin/sh").arg("-c").arg(&script).env_clear().output().unwrap();
        prop_assert!(out.status.success(), "sh failed on {script:?}");
        let mut got: Vec<String> = out.stdout.split(|b| *b == 0).map(|a| String::from_utf8(a.to_vec()).unwrap()).collect();
        prop_assert_eq!(got.pop(), Some(String::new()));
        prop_assert_eq!(got, words);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn builder_keeps_argv_and_fences_dashed_operands(
        value in nasty_word(), first in nasty_word(), joined in nasty_word(), second in nasty_word(), file in "[a-z]{1,8}[ $'*]?",
    ) {
        let root = Scratch::new("builder");
        let bin = install_shims(&root.0);
        let line = Command::new("argv")
            .opt("--ctx", &value)
            .arg(&first)
            .flag("-x")
            .opt_eq("--since", &joined)
            .arg(&second)
            .stdout_to(&file)
            .pipe(Command::new("tail").flag("-n").arg("1"));
        let calls = run_line(&root.0, &bin, &line.to_string(), "", "");
        let since = format!("--since={joined}");
        let mut argv = vec!["argv", "--ctx", value.as_str()];
        if first.starts_with('-') {
            argv.extend(["-x", since.as_str(), "--", first.as_str(), second.as_str()]);
        } else if second.starts_with('-') {
            argv.extend([first.as_str(), "-x", since.as_str(), "--", second.as_str()]);
        } else {
            argv.extend([first.as_str(), "-x", since.as_str(), second.as_str()]);
        }
        prop_assert_eq!(calls, sorted(vec![call(&argv), call(&["tail", "-n", "1"])]));
        prop_assert!(root.0.join(&file).exists(), "redirect target {file:?} not created");
    }
}
