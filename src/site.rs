//! Writing a rendered site (`quire html`): every file into a temporary
//! folder beside the target, then the folders swapped, so that a failed
//! build never leaves half a site and a reader of the old one never sees a
//! mix of the two.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Writes `files` (paths relative to the site, `/`-separated) as the
/// folder `path`, replacing whatever was there only once all are written.
pub fn write(path: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    let temp = beside(path, "tmp")?;
    let old = beside(path, "old")?;
    let _ = std::fs::remove_dir_all(&temp);
    let written = fill(&temp, files).and_then(|()| swap(&temp, path, &old));
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    written
}

/// A hidden name for this process beside `path` (`.NAME.PID.SUFFIX`), in
/// the same folder (created if missing), so that a rename onto `path`
/// never crosses file systems.
pub fn beside(path: &Path, suffix: &str) -> Result<PathBuf> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(parent.join(format!(".{name}.{}.{suffix}", std::process::id())))
}

/// Writes every file below `folder`.
fn fill(folder: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    for (relative, bytes) in files {
        let relative = Path::new(relative);
        if !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            bail!("the site names a file outside it: {}", relative.display());
        }
        let file = folder.join(relative);
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&file, bytes).with_context(|| format!("writing {}", file.display()))?;
    }
    Ok(())
}

/// Puts the folder `new` in place of `path`: the previous one is moved
/// aside first (and put back if the move fails), then removed.
fn swap(new: &Path, path: &Path, old: &Path) -> Result<()> {
    let had_one = path.exists();
    if had_one {
        let _ = std::fs::remove_dir_all(old);
        std::fs::rename(path, old).with_context(|| format!("moving {} aside", path.display()))?;
    }
    if let Err(error) = std::fs::rename(new, path) {
        if had_one {
            let _ = std::fs::rename(old, path);
        }
        return Err(error).with_context(|| format!("writing {}", path.display()));
    }
    if had_one {
        let _ = std::fs::remove_dir_all(old);
        let _ = std::fs::remove_file(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_new_site_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("html");
        write(&path, &site(&[("index.html", "1"), ("old.html", "x")])).unwrap();
        write(&path, &site(&[("index.html", "2"), ("css/a.css", "c")])).unwrap();
        assert_eq!(
            std::fs::read_to_string(path.join("index.html")).unwrap(),
            "2"
        );
        assert_eq!(
            std::fs::read_to_string(path.join("css/a.css")).unwrap(),
            "c"
        );
        assert!(!path.join("old.html").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary folder is left beside the site");
    }

    #[test]
    fn a_failed_write_leaves_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("html");
        write(&path, &site(&[("index.html", "1")])).unwrap();
        assert!(write(&path, &site(&[("index.html", "2"), ("../evil", "x")])).is_err());
        assert_eq!(
            std::fs::read_to_string(path.join("index.html")).unwrap(),
            "1"
        );
        assert!(!dir.path().join("evil").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
