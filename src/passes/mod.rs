//! Generated matter (being written).
