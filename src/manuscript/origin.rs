//! Where the lines of an imported text come from, so that messages name
//! the file and line the author wrote.

use crate::error::Location;
use std::path::Path;

/// Where each line of an imported source's text comes from: runs of lines,
/// each continuing a file from one of its lines, so that a message about
/// line `n` of the text names the file and line the author wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOrigin {
    /// The runs, by their first line of the text (1-based, ascending; the
    /// first starts at line 1).
    pub runs: Vec<Run>,
}

/// Lines of an imported text that continue one file from one of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The run's first line in the text (1-based).
    pub text_line: usize,
    /// The file it comes from, relative to the manuscript folder.
    pub file: String,
    /// That line's number in the file (1-based).
    pub line: usize,
}

impl TextOrigin {
    /// The origin of a text whose every line is known: `lines[i]` is the
    /// index into `files` and the 1-based line that line `i + 1` of the text
    /// comes from. Consecutive lines of one file make one run.
    pub fn from_lines(files: &[String], lines: &[(usize, usize)]) -> TextOrigin {
        let mut runs: Vec<Run> = Vec::new();
        for (i, &(file, line)) in lines.iter().enumerate() {
            let Some(name) = files.get(file) else {
                continue;
            };
            let continues = runs
                .last()
                .is_some_and(|run| run.file == *name && run.line + (i + 1 - run.text_line) == line);
            if !continues {
                runs.push(Run {
                    text_line: i + 1,
                    file: name.clone(),
                    line,
                });
            }
        }
        TextOrigin { runs }
    }

    /// The file the text begins in.
    pub fn first_file(&self) -> Option<&str> {
        self.runs.first().map(|r| r.file.as_str())
    }

    /// The file and line that line `line` of the text comes from.
    pub fn place(&self, line: usize) -> Option<(&str, usize)> {
        let index = self.runs.partition_point(|r| r.text_line <= line);
        let run = &self.runs[index.checked_sub(1)?];
        Some((run.file.as_str(), run.line + (line - run.text_line)))
    }

    /// Moves `location`, a place in the text shown under `dir`, to the file
    /// and line it comes from.
    pub fn relocate(&self, dir: &Path, location: &mut Location) {
        match location.line.and_then(|line| self.place(line)) {
            Some((file, line)) => {
                location.file = dir.join(file);
                location.line = Some(line);
            }
            None => {
                if let Some(file) = self.first_file() {
                    location.file = dir.join(file);
                }
            }
        }
    }
}
