//! Reusable pieces of the interface, one component per file.

mod article_card;
mod byline;
mod date_range;
mod edition_banner;
mod error_page;
mod facet_group;
mod facet_panel;
mod filter_chips;
mod loading;
mod marked;
mod masthead;
mod offline_controls;
mod pager;
mod search_box;
mod sort_select;
mod term_links;
mod translations;

pub use article_card::ArticleCard;
pub use byline::Byline;
pub use date_range::DateRangeInputs;
pub use edition_banner::EditionBanner;
pub use error_page::{ErrorPage, ErrorPanel};
pub use facet_group::FacetGroup;
pub use facet_panel::FacetPanel;
pub use filter_chips::{quoted, FilterChips};
pub use loading::Loading;
pub use marked::Marked;
pub use masthead::Masthead;
pub use offline_controls::OfflineControls;
pub use pager::Pager;
pub use search_box::SearchBox;
pub use sort_select::SortSelect;
pub use term_links::TermLinks;
pub use translations::Translations;
