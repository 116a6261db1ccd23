//! Importers: books written for other tools, read into the same sources as
//! a quire manuscript, so that nothing tool-specific reaches the model.

pub mod pandoc;
