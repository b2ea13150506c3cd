//! User text inside messages: quoted short, so a hostile 100,000-character name never floods one.

const MAX_QUOTED_CHARS: usize = 40;

/// How a message names an item it holds: its name, or its id when it has none, clipped. The
/// same words as looking the id up (`Design::name_of`) but without the lookup, which traces
/// made thousands of times per analysis.
pub fn name_or_id(name: &str, id: &str) -> String {
    clip(if name.is_empty() { id } else { name })
}

/// How a message names an item it has only the id of: `name_or_id` of the item with that id.
pub fn name_of_id(design: &crate::model::design::Design, id: &str) -> String {
    name_or_id(design.name_of(id).unwrap_or_default(), id)
}

/// `text`, cut to a readable length with an ellipsis.
pub fn clip(text: &str) -> String {
    // No more bytes than the limit is no more characters either; counting characters for
    // every name of every hop was 1% of an analysis.
    if text.len() <= MAX_QUOTED_CHARS || text.chars().count() <= MAX_QUOTED_CHARS {
        text.to_string()
    } else {
        text.chars()
            .take(MAX_QUOTED_CHARS)
            .chain("…".chars())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_by_characters_not_bytes() {
        let ascii = "x".repeat(MAX_QUOTED_CHARS);
        assert_eq!(clip(&ascii), ascii);
        assert_eq!(clip(&format!("{ascii}y")), format!("{ascii}…"));
        // Forty characters of two bytes each: 80 bytes, still short enough.
        let wide = "é".repeat(MAX_QUOTED_CHARS);
        assert_eq!(clip(&wide), wide);
        assert_eq!(clip(&format!("{wide}é")), format!("{wide}…"));
        assert_eq!(name_or_id("", "vpc-1"), "vpc-1");
        assert_eq!(name_or_id("prod", "vpc-1"), "prod");
    }
}
