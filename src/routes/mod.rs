//! One page per file.

mod article;
mod list;
mod not_found;

pub use article::ArticlePage;
pub use list::ListPage;
pub use not_found::NotFound;
