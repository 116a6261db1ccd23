//! `--open`: shows the books a build has just written in a viewer.
//!
//! The viewer is the program named by `QUIRE_VIEWER` when it is set (run
//! with the file as its one argument, never through a shell), otherwise the
//! system's viewer for the file's type (`xdg-open`, `open`, `start`, through
//! the `open` crate). Either is started in the background: quire does not
//! wait for it. A viewer that cannot be started is a warning; the books are
//! written all the same.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The environment variable naming the program that opens the books.
pub const VIEWER: &str = "QUIRE_VIEWER";

/// How a file is opened.
#[derive(Debug, PartialEq, Eq)]
pub enum Viewer {
    /// With the system's viewer for its type.
    System,
    /// With this program.
    Program(PathBuf),
}

/// The viewer `QUIRE_VIEWER` (its value, if set) asks for; an empty value
/// is unset.
pub fn viewer(variable: Option<OsString>) -> Viewer {
    match variable {
        Some(program) if !program.is_empty() => Viewer::Program(PathBuf::from(program)),
        _ => Viewer::System,
    }
}

/// Opens each of `targets` (files written, or the address `quire serve`
/// serves at) with the viewer the environment asks for, warning about each
/// one that cannot be opened.
pub fn open<T: AsRef<OsStr>>(targets: &[T]) {
    let viewer = viewer(std::env::var_os(VIEWER));
    for target in targets {
        let path = Path::new(target.as_ref());
        if let Err(error) = open_one(&viewer, path) {
            let how = match &viewer {
                Viewer::System => "the system's viewer".to_string(),
                Viewer::Program(program) => format!("{VIEWER}={}", program.display()),
            };
            log::warn!("could not open {} with {how}: {error}", path.display());
        }
    }
}

fn open_one(viewer: &Viewer, path: &Path) -> std::io::Result<()> {
    log::debug!("opening {}", path.display());
    match viewer {
        Viewer::System => open::that_detached(path),
        Viewer::Program(program) => std::process::Command::new(program)
            .arg(path)
            .stdin(std::process::Stdio::null())
            .spawn()
            .map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_names_a_program_and_unset_or_empty_means_the_system_s() {
        assert_eq!(viewer(None), Viewer::System);
        assert_eq!(viewer(Some(OsString::new())), Viewer::System);
        assert_eq!(
            viewer(Some(OsString::from("/usr/bin/zathura"))),
            Viewer::Program(PathBuf::from("/usr/bin/zathura"))
        );
        // A value with spaces is a program's name, not a shell command.
        assert_eq!(
            viewer(Some(OsString::from("my viewer --fullscreen"))),
            Viewer::Program(PathBuf::from("my viewer --fullscreen"))
        );
    }

    #[test]
    fn a_program_that_does_not_exist_is_an_error_not_a_panic() {
        let missing = Viewer::Program(PathBuf::from("/nonexistent/quire-viewer"));
        assert!(open_one(&missing, Path::new("book.pdf")).is_err());
    }
}
