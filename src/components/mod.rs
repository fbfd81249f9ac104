//! Reusable pieces of the interface, one component per file.

mod article_card;
mod byline;
mod error_page;
mod filter_chips;
mod loading;
mod masthead;
mod pager;
mod term_links;
mod translations;

pub use article_card::ArticleCard;
pub use byline::Byline;
pub use error_page::{ErrorPage, ErrorPanel};
pub use filter_chips::FilterChips;
pub use loading::Loading;
pub use masthead::Masthead;
pub use pager::Pager;
pub use term_links::TermLinks;
pub use translations::Translations;
