//! The rule the validator tests follow when a tool is missing
//! (`tests/common/mod.rs`), tested without depending on what this machine
//! has installed or on the environment of the run.

mod common;

use common::{on_path, require_tool, verdict, Verdict, SKIP_MISSING_TOOLS};
use std::ffi::OsStr;

fn os(s: &str) -> Option<&OsStr> {
    Some(OsStr::new(s))
}

#[test]
fn an_installed_tool_runs_whatever_the_environment() {
    for (skip, ci) in [(None, None), (os("1"), None), (os("1"), os("true"))] {
        assert_eq!(verdict("qpdf", true, skip, ci), Verdict::Run);
    }
}

#[test]
fn a_missing_tool_fails_by_default_and_says_how_to_fix_it() {
    let Verdict::Fail(why) = verdict("epubcheck", false, None, None) else {
        panic!("a missing tool must fail the test");
    };
    assert!(why.contains("`epubcheck` is not installed"), "{why}");
    assert!(why.contains("scripts/test"), "{why}");
    assert!(why.contains(&format!("{SKIP_MISSING_TOOLS}=1")), "{why}");
}

#[test]
fn only_the_value_1_opts_out() {
    for value in ["0", "", "yes", "true"] {
        assert!(
            matches!(verdict("qpdf", false, os(value), None), Verdict::Fail(_)),
            "{SKIP_MISSING_TOOLS}={value:?} must not skip"
        );
    }
    let Verdict::Skip(why) = verdict("qpdf", false, os("1"), None) else {
        panic!("{SKIP_MISSING_TOOLS}=1 skips");
    };
    assert!(why.contains("`qpdf` is not installed"), "{why}");
    assert!(why.contains("checked nothing"), "{why}");
}

#[test]
fn ci_ignores_the_opt_out() {
    let Verdict::Fail(why) = verdict("ace-cli", false, os("1"), os("true")) else {
        panic!("under CI a missing tool fails even with the opt-out");
    };
    assert!(why.contains("ignored under CI"), "{why}");
}

#[test]
fn a_tool_is_found_only_as_an_executable_file_on_the_path() {
    use std::os::unix::fs::PermissionsExt;
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let tool = b.path().join("validator");
    std::fs::write(&tool, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(a.path().join("plain"), "not a program").unwrap();
    std::fs::create_dir(a.path().join("folder")).unwrap();
    let path = std::env::join_paths([a.path(), b.path()]).unwrap();

    assert!(on_path("validator", Some(&path)));
    assert!(!on_path("plain", Some(&path)), "not executable");
    assert!(!on_path("folder", Some(&path)), "a folder");
    assert!(!on_path("absent", Some(&path)));
    assert!(!on_path("validator", None), "no PATH at all");
    assert!(on_path(&tool.to_string_lossy(), None), "a path to the file");
}

#[test]
fn require_tool_runs_a_tool_given_by_its_path() {
    let this_test = std::env::current_exe().unwrap();
    assert!(require_tool(&this_test.to_string_lossy()));
}
