//! User text inside messages: quoted short, so a hostile 100,000-character name never floods one.

const MAX_QUOTED_CHARS: usize = 40;

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
