//! The OCF container: a ZIP file whose first entry is the uncompressed
//! `mimetype`, with every timestamp fixed so that the same book always gives
//! the same bytes.
//!
//! The ZIP is written here rather than with the `zip` crate: an EPUB needs
//! only stored and deflated entries, a local header before each and the
//! central directory at the end, and the crate set up a new deflate
//! compressor for every entry — 29 % of the instructions of the sample
//! ×100's EPUB (2,300 documents) went to zeroing compressors' tables. Here
//! each thread reuses one ([`crate::deflate`]) and the documents of a long
//! book are deflated in parallel.

use super::names::{PACKAGE, ROOT};
use crate::error::RenderError;
use crate::model::date;
use crate::Result;
use rayon::prelude::*;

/// The deflate setting of the entries: zlib's default level, raw deflate.
const DEFLATE: crate::deflate::Setting = crate::deflate::Setting {
    level: 6,
    zlib_header: false,
};

/// An EPUB container being written.
pub struct Container {
    /// The local headers and data of the entries written so far.
    out: Vec<u8>,
    /// Their central directory records.
    directory: Vec<u8>,
    /// How many entries there are.
    entries: u16,
    /// The MS-DOS time every entry carries.
    time: u16,
    /// The MS-DOS date every entry carries.
    date: u16,
}

/// An entry ready to write: its name, method, checksum, sizes and bytes.
struct Entry<'a> {
    path: &'a str,
    deflated: bool,
    crc: u32,
    size: u32,
    data: std::borrow::Cow<'a, [u8]>,
}

impl<'a> Entry<'a> {
    /// `data` under `path`, deflated when `compress` says so.
    fn new(path: &'a str, data: &'a [u8], compress: bool) -> Result<Entry<'a>> {
        let size = u32::try_from(data.len()).map_err(|_| too_large(path))?;
        let crc = crc32fast::hash(data);
        let data = if compress {
            let deflated = crate::deflate::deflate(data, DEFLATE)
                .map_err(|source| RenderError::Compress { source })?;
            std::borrow::Cow::Owned(deflated)
        } else {
            std::borrow::Cow::Borrowed(data)
        };
        Ok(Entry {
            path,
            deflated: compress,
            crc,
            size,
            data,
        })
    }
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
        // MS-DOS dates run from 1980 to 2107; before 1980, 1980-01-01 00:00.
        let (time, date) = if year < 1980 {
            (0, 1 << 5 | 1)
        } else {
            let year = u16::try_from(year.min(2107) - 1980).unwrap_or(127);
            (
                (hour as u16) << 11 | (minute as u16) << 5 | ((second as u16) / 2),
                (year << 9) | (month as u16) << 5 | day as u16,
            )
        };
        let mut container = Container {
            out: Vec::new(),
            directory: Vec::new(),
            entries: 0,
            time,
            date,
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
        let entry = Entry::new(path, data, compress)?;
        self.write(&entry)
    }

    /// Adds files in order, each as [`add`](Container::add) would (path,
    /// data, whether to deflate). A long book has thousands of documents:
    /// they are deflated in parallel, then written in order.
    pub fn add_all(&mut self, files: &[(String, &[u8], bool)]) -> Result<()> {
        let entries: Vec<Entry> = files
            .par_iter()
            .map(|(path, data, compress)| Entry::new(path, data, *compress))
            .collect::<Result<_>>()?;
        entries.iter().try_for_each(|entry| self.write(entry))
    }

    /// Writes an entry's local header and bytes, and its record in the
    /// central directory.
    fn write(&mut self, entry: &Entry) -> Result<()> {
        let offset = u32::try_from(self.out.len()).map_err(|_| too_large(entry.path))?;
        let stored = u32::try_from(entry.data.len()).map_err(|_| too_large(entry.path))?;
        let name = u16::try_from(entry.path.len()).map_err(|_| too_large(entry.path))?;
        self.entries = self
            .entries
            .checked_add(1)
            .ok_or_else(|| too_large(entry.path))?;
        let (version, method) = if entry.deflated { (20, 8) } else { (10, 0) };
        // Bit 11: the name is UTF-8 (set only when it is not ASCII).
        let flags: u16 = if entry.path.is_ascii() { 0 } else { 1 << 11 };
        let common = |out: &mut Vec<u8>| {
            for half in [version, flags, method, self.time, self.date] {
                out.extend_from_slice(&half.to_le_bytes());
            }
            for word in [entry.crc, stored, entry.size] {
                out.extend_from_slice(&word.to_le_bytes());
            }
            out.extend_from_slice(&name.to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // no extra field
        };
        self.out.extend_from_slice(b"PK\x03\x04");
        common(&mut self.out);
        self.out.extend_from_slice(entry.path.as_bytes());
        self.out.extend_from_slice(&entry.data);

        self.directory.extend_from_slice(b"PK\x01\x02");
        // Made by Unix (3), in the version the entry needs.
        self.directory
            .extend_from_slice(&(3 << 8 | version).to_le_bytes());
        common(&mut self.directory);
        // No comment, disk 0, no internal attributes; a regular file, rw-r--r--.
        self.directory.extend_from_slice(&[0; 6]);
        self.directory
            .extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
        self.directory.extend_from_slice(&offset.to_le_bytes());
        self.directory.extend_from_slice(entry.path.as_bytes());
        Ok(())
    }

    /// Finishes the ZIP and returns its bytes.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        let too_large = || too_large("the central directory");
        let start = u32::try_from(self.out.len()).map_err(|_| too_large())?;
        let size = u32::try_from(self.directory.len()).map_err(|_| too_large())?;
        self.out.append(&mut self.directory);
        self.out.extend_from_slice(b"PK\x05\x06");
        self.out.extend_from_slice(&[0; 4]); // disk 0, directory on disk 0
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&self.entries.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&start.to_le_bytes());
        self.out.extend_from_slice(&[0; 2]); // no comment
        Ok(self.out)
    }
}

/// The error for an entry (or a container) beyond what a ZIP without
/// the ZIP64 extension holds: 4 GiB, 65,535 entries.
fn too_large(path: &str) -> crate::Error {
    RenderError::ZipTooLarge {
        path: path.to_string(),
    }
    .into()
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
    fn the_zip_crate_reads_back_every_entry_with_its_method_name_and_bytes() {
        use std::io::Read;
        let chapter = "words in a chapter ".repeat(400);
        let mut container = Container::new(1_700_000_000).expect("container");
        container
            .add("EPUB/images/café.png", b"\x89PNG not deflated", false)
            .expect("add");
        container
            .add_all(&[("EPUB/ch-1.xhtml".into(), chapter.as_bytes(), true)])
            .expect("add all");
        let bytes = container.finish().expect("finish");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
        let names: Vec<&str> = archive.file_names().collect();
        assert_eq!(names.len(), 4);
        let expected: [(&str, &[u8], zip::CompressionMethod); 4] = [
            (
                "mimetype",
                b"application/epub+zip",
                zip::CompressionMethod::Stored,
            ),
            (
                "META-INF/container.xml",
                b"<?xml",
                zip::CompressionMethod::Deflated,
            ),
            (
                "EPUB/images/café.png",
                b"\x89PNG not deflated",
                zip::CompressionMethod::Stored,
            ),
            (
                "EPUB/ch-1.xhtml",
                chapter.as_bytes(),
                zip::CompressionMethod::Deflated,
            ),
        ];
        for (i, (name, start, method)) in expected.into_iter().enumerate() {
            let mut file = archive.by_index(i).expect("an entry");
            assert_eq!(file.name(), name);
            assert_eq!(file.compression(), method, "{name}");
            assert_eq!(
                file.last_modified().map(|t| (t.year(), t.month(), t.day())),
                Some((2023, 11, 14))
            );
            assert_eq!(file.unix_mode(), Some(0o100_644), "{name}");
            let mut data = Vec::new();
            file.read_to_end(&mut data)
                .expect("its bytes, checksum right");
            assert!(data.starts_with(start), "{name}");
        }
        assert!(chapter.len() > 4 * archive.by_index(3).unwrap().compressed_size() as usize);
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
