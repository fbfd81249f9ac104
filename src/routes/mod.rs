//! One page per file.

mod article;
mod home;
mod list;
mod not_found;

pub use article::ArticlePage;
pub use home::Home;
pub use list::ListPage;
pub use not_found::NotFound;
