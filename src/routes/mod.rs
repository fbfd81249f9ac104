//! One page per file.

mod article;
mod bookmarks;
mod home;
mod list;
mod not_found;

pub use article::ArticlePage;
pub use bookmarks::BookmarksPage;
pub use home::Home;
pub use list::ListPage;
pub use not_found::NotFound;
