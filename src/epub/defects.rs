//! Pins the epub-builder 0.8.3 defects that made quire write the package,
//! navigation and container itself. Each test asserts the defect is still
//! there; when an upgrade fixes one, its test fails and says which part of
//! `quire::epub` could go back to the crate.
