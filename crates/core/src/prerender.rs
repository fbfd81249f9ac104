//! The contract between the builder's static pages
//! (`crates/builder/src/site/pages.rs`), which put a page's content into the
//! reader's shell, and the reader (`src/prerender.rs`), which removes it once
//! its own page is ready. The style sheet (`public/styles.css`) names the
//! element too.

/// The id of the element holding the prerendered content.
pub const CONTENT_ID: &str = "prerender";
/// Its attribute naming the route it was made for (`/articles/<slug>`).
pub const ROUTE_ATTRIBUTE: &str = "data-route";
/// The attribute marking head tags the builder added (description).
pub const HEAD_ATTRIBUTE: &str = "data-prerender";
/// The comments around everything the builder added, so a rebuild of the
/// same folder removes it first.
pub const START: &str = "<!--prerender-->";
pub const END: &str = "<!--/prerender-->";
