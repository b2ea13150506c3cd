//! SVG written as text, for the canvas. Each item of the scene is handed to the browser's
//! parser as one string (Yew's raw node) instead of being built element by element through the
//! virtual DOM: at 1,000 resources that is ~1,000 parser calls in place of ~5,000 elements,
//! ~20,000 attributes and ~1,500 text nodes, each its own call from wasm into the DOM.
//!
//! Everything that can come from a design (names, CIDRs, messages) goes through `attr` or
//! `text`, which escape it; this is the one place the canvas's markup is escaped.

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Markup(String);

impl Markup {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Starts an element: `<name`, with its class when there is one. Attributes follow; then
    /// `children` or `close`.
    pub fn open(&mut self, name: &'static str, class: &str) -> &mut Self {
        self.0.push('<');
        self.0.push_str(name);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self
    }

    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.attr_name(name);
        self.escaped(value);
        self.0.push('"');
        self
    }

    pub fn num(&mut self, name: &'static str, value: i32) -> &mut Self {
        self.attr_name(name);
        self.int(value);
        self.0.push('"');
        self
    }

    /// ` name="`: an attribute up to its value.
    fn attr_name(&mut self, name: &'static str) {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
    }

    /// Ends the start tag of an element that has children.
    pub fn children(&mut self) -> &mut Self {
        self.0.push('>');
        self
    }

    /// Ends an element that has no children.
    pub fn close(&mut self) -> &mut Self {
        self.0.push_str("/>");
        self
    }

    pub fn end(&mut self, name: &'static str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.escaped(text);
        self
    }

    pub fn int_text(&mut self, value: i32) -> &mut Self {
        self.int(value);
        self
    }

    /// Markup written in the code itself (never text from a design).
    pub fn fixed(&mut self, markup: &'static str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    pub fn append(&mut self, other: &Markup) -> &mut Self {
        self.0.push_str(&other.0);
        self
    }

    /// Characters that would end a text or a double-quoted value, or begin a tag or a
    /// character reference, written as references; all others as they are.
    fn escaped(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            self.0.push_str(&rest[..at]);
            self.0.push_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            });
            rest = &rest[at + 1..];
        }
        self.0.push_str(rest);
    }

    /// Decimal, without the formatting machinery.
    fn int(&mut self, value: i32) {
        if value < 0 {
            self.0.push('-');
        }
        let mut digits = [0u8; 10];
        let mut n = value.unsigned_abs();
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[i..] {
            self.0.push(char::from(d));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_open_a_tag_or_end_a_value() {
        let mut m = Markup::new();
        m.open("text", "label")
            .attr("aria-label", "x\" onload=\"alert(1)")
            .children()
            .text("</text><script>&amp;'")
            .end("text");
        assert_eq!(
            m.as_str(),
            "<text class=\"label\" aria-label=\"x&quot; onload=&quot;alert(1)\">\
             &lt;/text&gt;&lt;script&gt;&amp;amp;&#39;</text>"
        );
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut m = Markup::new();
        for v in [0, 7, -3, 1_000_000, i32::MIN, i32::MAX] {
            m.int_text(v).fixed(" ");
        }
        assert_eq!(m.as_str(), "0 7 -3 1000000 -2147483648 2147483647 ");
    }

    #[test]
    fn plain_text_is_kept_as_it_is() {
        let mut m = Markup::new();
        m.text("app-1 · 10.0.0.0/24 · λ");
        assert_eq!(m.as_str(), "app-1 · 10.0.0.0/24 · λ");
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_back_as_it_was(text in proptest::prelude::any::<String>()) {
            let mut m = Markup::new();
            m.text(&text);
            let out = m.as_str();
            proptest::prop_assert!(!out.contains(['<', '>', '"', '\'']));
            let back = out
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            proptest::prop_assert_eq!(back, text);
        }
    }
}
