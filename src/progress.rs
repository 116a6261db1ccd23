//! The progress bar of a build (and of `check`), drawn on stderr with
//! `indicatif`.
//!
//! It shows only to a person watching: when stderr is a terminal, neither
//! `--quiet` nor `--message-format json` was given, and the build has run
//! for [`DELAY`] (a quick build prints its lines and nothing else). It shows
//! the stage (`loading`, `EPUB`, `PDF: drawing pages`) and, where the
//! library counts them ([`quire::render::Progress`]), the steps done of all.
//! Anything printed while it runs goes through [`suspend`], which takes the
//! bar off the screen for the time of the print, so that no line is garbled.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quire::render::Progress;
use std::io::IsTerminal;
use std::sync::{mpsc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a build runs before its bar shows.
pub const DELAY: Duration = Duration::from_millis(500);

/// The bar on screen, if any, for [`suspend`].
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Whether a build draws a bar: only for a person at a terminal who asked
/// neither for silence nor for JSON.
fn wanted(stderr_is_terminal: bool, quiet: bool, json: bool) -> bool {
    stderr_is_terminal && !quiet && !json
}

/// Runs `print` with the progress bar, if one is drawn, off the screen.
pub fn suspend<R>(print: impl FnOnce() -> R) -> R {
    let bar = ACTIVE.lock().ok().and_then(|active| active.clone());
    match bar {
        Some(bar) => bar.suspend(print),
        None => print(),
    }
}

/// One build's progress: hidden at first, drawn on stderr once the build
/// has run for [`DELAY`] (if drawing is wanted), cleared when dropped.
pub struct Bar {
    bar: ProgressBar,
    /// Told when the build ends, so that a quick one never shows a bar.
    ended: Option<mpsc::Sender<()>>,
    /// The thread that shows the bar after [`DELAY`].
    shower: Option<JoinHandle<()>>,
    /// What is being built (`PDF`), which the library's stages are of.
    what: Mutex<String>,
}

impl Bar {
    /// A bar for a command starting now with the options `shared`: drawn
    /// if it runs long, and only if [`wanted`].
    pub fn for_command(shared: &crate::cli::Shared) -> Bar {
        let json = shared.message_format == crate::report::MessageFormat::Json;
        let terminal = std::io::stderr().is_terminal();
        Bar::start(wanted(terminal, shared.quiet, json))
    }

    /// A bar for a build starting now; `draw` says whether it may ever show
    /// (see [`wanted`]).
    pub fn start(draw: bool) -> Bar {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        let (ended, end) = mpsc::channel::<()>();
        let shower = draw.then(|| {
            if let Ok(mut active) = ACTIVE.lock() {
                *active = Some(bar.clone());
            }
            let bar = bar.clone();
            std::thread::spawn(move || {
                // Shown only if the build has not ended by then.
                if end.recv_timeout(DELAY) == Err(mpsc::RecvTimeoutError::Timeout) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(100));
                }
            })
        });
        Bar {
            bar,
            ended: Some(ended),
            shower,
            what: Mutex::new(String::new()),
        }
    }

    /// The build moves on to `what` (`loading`, `EPUB`, `PDF`): the bar
    /// says so, and names the library's stages after it (`PDF: drawing
    /// pages`).
    pub fn begin(&self, what: &str) {
        if let Ok(mut current) = self.what.lock() {
            *current = what.to_string();
        }
        self.show(what.to_string(), None);
    }

    /// Shows `message`, with a bar of `total` steps when known. The
    /// message and counts change before the look, so that no frame shows
    /// the new look with the old stage's counts.
    fn show(&self, message: String, total: Option<u64>) {
        self.bar.set_message(message);
        match total {
            Some(total) => self.bar.set_length(total),
            None => self.bar.unset_length(),
        }
        self.bar.set_position(0);
        let style = match total {
            Some(_) => ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len}")
                .map(|style| style.progress_chars("=> ")),
            None => ProgressStyle::with_template("{spinner} {msg}"),
        };
        if let Ok(style) = style {
            self.bar.set_style(style);
        }
    }
}

impl Progress for Bar {
    fn stage(&self, name: &str, total: Option<u64>) {
        let message = match self.what.lock() {
            Ok(what) if !what.is_empty() => format!("{what}: {name}"),
            _ => name.to_string(),
        };
        self.show(message, total);
    }

    fn advance(&self, steps: u64) {
        self.bar.inc(steps);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        drop(self.ended.take());
        if let Some(shower) = self.shower.take() {
            let _ = shower.join();
            if let Ok(mut active) = ACTIVE.lock() {
                *active = None;
            }
        }
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_is_drawn_only_at_a_terminal_without_quiet_or_json() {
        assert!(wanted(true, false, false));
        assert!(!wanted(false, false, false), "stderr piped or logged");
        assert!(!wanted(true, true, false), "--quiet");
        assert!(!wanted(true, false, true), "--message-format json");
    }

    #[test]
    fn the_library_s_stages_and_steps_move_the_bar() {
        let bar = Bar::start(false);
        bar.begin("loading");
        assert_eq!(bar.bar.message(), "loading");
        assert_eq!(bar.bar.length(), None);
        bar.begin("PDF");
        let progress: &dyn Progress = &bar;
        progress.stage("drawing pages", Some(12));
        progress.advance(1);
        progress.advance(4);
        assert_eq!(bar.bar.message(), "PDF: drawing pages");
        assert_eq!((bar.bar.position(), bar.bar.length()), (5, Some(12)));
        progress.stage("writing the PDF", None);
        assert_eq!((bar.bar.position(), bar.bar.length()), (0, None));
    }

    #[test]
    fn a_bar_not_wanted_is_never_drawn_nor_made_active() {
        let bar = Bar::start(false);
        std::thread::sleep(DELAY + Duration::from_millis(100));
        assert!(bar.bar.is_hidden());
        assert!(bar.shower.is_none());
        assert!(ACTIVE.lock().unwrap().is_none());
        // Printing goes straight through.
        assert_eq!(suspend(|| 42), 42);
    }
}
