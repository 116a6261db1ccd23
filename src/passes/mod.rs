//! Generated matter: passes over the model that run after parsing and before
//! any back end, in this order:
//!
//! 1. [`ids`]: every heading gets an anchor id, unique within its part.
//! 2. [`links`]: every internal link's anchor is checked to exist.
//! 3. [`faq`]: the FAQ file becomes the "Frequently Asked Questions" appendix.
//! 4. [`resources`]: every external link, merged with the declared resources,
//!    becomes the resources page.
//! 5. [`toc`]: the table of contents, from the finished parts.
//! 6. [`matter`]: the generated words (labels, title page, copyright page).

pub mod faq;
pub mod ids;
pub mod links;
pub mod matter;
pub mod resources;
pub mod toc;
