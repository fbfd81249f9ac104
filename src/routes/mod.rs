//! One page per file.

mod article;
mod bookmarks;
mod home;
mod lazy;
mod list;
mod not_found;

pub use article::ArticlePage;
pub use bookmarks::BookmarksPage;
pub use home::Home;
pub use lazy::{LazyArticlePage, LazyBookmarksPage};
pub use list::ListPage;
pub use not_found::NotFound;
