//! An answer to a question that keeps changing (the search for the text
//! being typed): one at a time, each answer shown as it comes, and the
//! newest question asked next, the ones typed past in between skipped.
//!
//! Leptos's `LocalResource` does this too, but a question changed while
//! its answer was on its way could be left unasked for good (seen in
//! Chromium about one time in four when typing a word), so a list stayed
//! on the answer for its first letter. Here the rule is small and ours.

use std::future::Future;

use leptos::prelude::*;

/// The answer to the latest `question`, with the question it answers
/// (which trails `question` while the next answer is on its way); `None`
/// before the first.
pub fn latest_answer<Q, A, F>(
    question: Memo<Q>,
    answer: impl Fn(Q) -> F + Clone + 'static,
) -> ReadSignal<Option<(Q, A)>>
where
    Q: Clone + PartialEq + Send + Sync + 'static,
    A: Send + Sync + 'static,
    F: Future<Output = A> + 'static,
{
    let (answered, set_answered) = signal(None::<(Q, A)>);
    let asking = StoredValue::new(false);
    Effect::new(move |_| {
        question.track();
        // A question on its way asks the newest one when it is answered.
        if asking.try_update_value(|busy| std::mem::replace(busy, true)) != Some(false) {
            return;
        }
        let answer = answer.clone();
        leptos::task::spawn_local(async move {
            // Until the page that asked has gone, or the answer is current.
            while let Some(asked) = question.try_get_untracked() {
                let value = answer(asked.clone()).await;
                let current = question.try_with_untracked(|q| *q == asked);
                set_answered.try_set(Some((asked, value)));
                if current != Some(false) {
                    break;
                }
            }
            asking.try_set_value(false);
        });
    });
    answered
}
