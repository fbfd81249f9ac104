//! Text with the words a search matched in `<mark>`.

use broadsheet_core::search::Piece;
use leptos::prelude::*;

#[component]
pub fn Marked(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|p| {
            if p.mark {
                view! { <mark>{p.text}</mark> }.into_any()
            } else {
                p.text.into_any()
            }
        })
        .collect_view()
}
