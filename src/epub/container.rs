//! The OCF container: a ZIP file whose first entry is the uncompressed
//! `mimetype`, with every timestamp fixed so that the same book always gives
//! the same bytes.

use super::names::{PACKAGE, ROOT};
use crate::error::RenderError;
use crate::model::date;
use crate::{Error, Result};
use rayon::prelude::*;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// An EPUB container being written.
pub struct Container {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    time: DateTime,
}

impl Container {
    /// Starts a container whose entries all carry the time `modified`
    /// (seconds since the epoch, clamped to the years ZIP can express).
    pub fn new(modified: i64) -> Result<Container> {
        let date::DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
        } = date::DateTime::from_epoch(modified);
        let time = if year < 1980 {
            DateTime::default()
        } else {
            let year = u16::try_from(year.min(2107)).unwrap_or(2107);
            DateTime::from_date_and_time(
                year,
                month as u8,
                day as u8,
                hour as u8,
                minute as u8,
                second as u8,
            )
            .unwrap_or_default()
        };
        let mut container = Container {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
            time,
        };
        container.add("mimetype", b"application/epub+zip", false)?;
        let container_xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
             <rootfiles>\n<rootfile full-path=\"{ROOT}/{PACKAGE}\" media-type=\"application/oebps-package+xml\"/>\n\
             </rootfiles>\n</container>\n"
        );
        container.add("META-INF/container.xml", container_xml.as_bytes(), true)?;
        Ok(container)
    }

    /// Adds a file; `compress` chooses deflate over storing.
    pub fn add(&mut self, path: &str, data: &[u8], compress: bool) -> Result<()> {
        let method = if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(self.time)
            .unix_permissions(0o644);
        self.zip
            .start_file(path, options)
            .map_err(|source| RenderError::ZipEntry {
                path: path.to_string(),
                source,
            })?;
        self.zip.write_all(data).map_err(|source| {
            Error::render(RenderError::ZipWrite {
                path: path.to_string(),
                source,
            })
        })
    }

    /// Adds files in order, each as [`add`](Container::add) would (path,
    /// data, whether to deflate). A long book has thousands of documents:
    /// they are deflated in parallel, in batches each written as a ZIP of
    /// its own, and the batches merged in order, entry by entry as they are,
    /// which gives the same bytes as adding the files one by one.
    pub fn add_all(&mut self, files: &[(String, &[u8], bool)]) -> Result<()> {
        const BATCH: usize = 32;
        let time = self.time;
        let batches: Vec<Vec<u8>> = files
            .par_chunks(BATCH)
            .map(|batch| {
                let mut part = Container {
                    zip: ZipWriter::new(Cursor::new(Vec::new())),
                    time,
                };
                for (path, data, compress) in batch {
                    part.add(path, data, *compress)?;
                }
                part.finish()
            })
            .collect::<Result<_>>()?;
        for batch in batches {
            let archive =
                ZipArchive::new(Cursor::new(batch)).map_err(|source| RenderError::ZipBatch {
                    step: "read back",
                    source,
                })?;
            self.zip
                .merge_archive(archive)
                .map_err(|source| RenderError::ZipBatch {
                    step: "merge",
                    source,
                })?;
        }
        Ok(())
    }

    /// Finishes the ZIP and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        let cursor = self
            .zip
            .finish()
            .map_err(|source| RenderError::ZipFinish { source })?;
        Ok(cursor.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mimetype_comes_first_uncompressed_without_extra_fields() {
        let bytes = Container::new(1_700_000_000)
            .and_then(Container::finish)
            .expect("container");
        // Local file header: signature, then at 8 the method (0 = stored),
        // at 26 the name length, at 28 the extra length, at 30 the name.
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0);
        assert_eq!(u16::from_le_bytes([bytes[28], bytes[29]]), 0);
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], b"application/epub+zip");
    }

    #[test]
    fn same_input_gives_same_bytes() {
        let build = || {
            let mut c = Container::new(1_700_000_000).expect("container");
            c.add("EPUB/a.xhtml", b"<a/>", true).expect("add");
            c.finish().expect("finish")
        };
        assert_eq!(build(), build());
    }

    #[test]
    fn files_added_together_give_the_bytes_of_files_added_one_by_one() {
        let data: Vec<Vec<u8>> = (0..75)
            .map(|i| format!("<p>document {i} {}</p>", "words ".repeat(i)).into_bytes())
            .collect();
        let files: Vec<(String, &[u8], bool)> = data
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("EPUB/part-{i}.xhtml"), d.as_slice(), i % 7 != 3))
            .collect();
        let mut one_by_one = Container::new(1_700_000_000).expect("container");
        for (path, data, compress) in &files {
            one_by_one.add(path, data, *compress).expect("add");
        }
        let mut together = Container::new(1_700_000_000).expect("container");
        together.add_all(&files).expect("add all");
        let (a, b) = (
            one_by_one.finish().expect("a"),
            together.finish().expect("b"),
        );
        assert_eq!(a.len(), b.len());
        assert!(a == b, "the bytes differ");
    }
}
