//! User text inside messages: quoted short, so a hostile 100,000-character name never floods one.

const MAX_QUOTED_CHARS: usize = 40;

/// How a message names an item it holds: its name, or its id when it has none, clipped. The
/// same words as looking the id up (`Design::name_of`) but without the lookup, which traces
/// made thousands of times per analysis.
pub fn name_or_id(name: &str, id: &str) -> String {
    clip(if name.is_empty() { id } else { name })
}

/// `text`, cut to a readable length with an ellipsis.
pub fn clip(text: &str) -> String {
    if text.chars().count() <= MAX_QUOTED_CHARS {
        text.to_string()
    } else {
        text.chars()
            .take(MAX_QUOTED_CHARS)
            .chain("…".chars())
            .collect()
    }
}
