//! `quire completions SHELL` and `quire man`: the command line described for
//! shells and for `man`, from the same definition clap parses
//! ([`crate::cli::Cli`]), so they never fall behind it.
//!
//! Both are printed by a command rather than generated at build time: a
//! build script would have to compile the command line a second time (and
//! every dependency it names), and an installed `quire` can always print
//! the page and completions of exactly its own version.

use crate::cli::Cli;
use anyhow::{Context, Result};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;

/// Writes the completion script for `shell` to `out`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<()> {
    let mut command = Cli::command();
    let name = command.get_name().to_string();
    // clap_complete panics when it cannot write (a closed pipe): it writes
    // to memory, and the error of writing that out is returned.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, name, &mut script);
    write_all(out, &script).context("writing the completions")
}

/// Writes a manual page in roff to `out`: `quire(1)`, or with a command's
/// name, that command's own page (`quire-build(1)`), which `quire(1)` lists.
pub fn man(command: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let mut quire = Cli::command().disable_help_subcommand(true);
    // Built, every command knows the options it shares and its page's name.
    quire.build();
    let page = match command {
        None => quire,
        Some(name) => quire
            .find_subcommand(name)
            .cloned()
            .with_context(|| format!("quire has no command `{name}`"))?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .source(format!("quire {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)
        .context("writing the manual page")?;
    write_all(out, &roff).context("writing the manual page")
}

fn write_all(out: &mut dyn Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(bytes)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(write: impl FnOnce(&mut Vec<u8>) -> Result<()>) -> String {
        let mut out = Vec::new();
        write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_shell_completes_every_command() {
        let commands: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        assert!(commands.len() >= 9, "{commands:?}");
        for shell in [
            Shell::Bash,
            Shell::Zsh,
            Shell::Fish,
            Shell::Elvish,
            Shell::PowerShell,
        ] {
            let script = text(|out| completions(shell, out));
            for command in &commands {
                assert!(script.contains(command.as_str()), "{shell}: {command}");
            }
        }
    }

    #[test]
    fn the_manual_page_is_roff_naming_every_command_and_each_has_its_own() {
        let page = text(|out| man(None, out));
        assert!(page.contains(".TH quire 1"), "{page}");
        assert!(!page.contains("quire\\-help"), "{page}");
        for command in Cli::command().get_subcommands() {
            let name = command.get_name();
            if name == "help" {
                continue;
            }
            assert!(
                page.contains(&format!("quire\\-{name}(1)")),
                "{name}: {page}"
            );
            let own = text(|out| man(Some(name), out));
            assert!(own.contains(&format!(".TH quire-{name} 1")), "{own}");
            assert!(own.contains(env!("CARGO_PKG_VERSION")), "{own}");
        }
        let build = text(|out| man(Some("build"), out));
        assert!(build.contains("\\-\\-open"), "{build}");
        assert!(
            build.contains("\\-\\-manuscript"),
            "shared options too: {build}"
        );
    }

    #[test]
    fn a_page_for_no_such_command_is_an_error() {
        let error = man(Some("buidl"), &mut Vec::new()).unwrap_err();
        assert_eq!(error.to_string(), "quire has no command `buidl`");
    }
}
