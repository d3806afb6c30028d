//! Text from files, made safe to print on a terminal. A terminal ID, a memo or a file name can carry escape
//! sequences (colours, a new window title, hyperlinks), bell characters or a right-to-left override that makes
//! `exe.txt` read as `txt.exe`. Everything the command line prints that came from a file goes through [`shown`]:
//! control characters and the invisible direction marks are written as `\u{1b}`-style escapes instead.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal as it is.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character and direction mark escaped (borrowed when there is none).
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if unsafe_char(c) {
                    format!("\\u{{{:x}}}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A multi-line text (an inspection) with each line made safe and the line breaks kept.
pub fn shown_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str(&shown(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_colours_titles_bells_and_direction_overrides() {
        assert_eq!(shown("T1"), "T1");
        assert_eq!(shown("\u{1b}]0;pwned\u{7}T1"), "\\u{1b}]0;pwned\\u{7}T1");
        assert_eq!(shown("\u{202e}txt.exe"), "\\u{202e}txt.exe");
        assert_eq!(shown("a\nb\tc"), "a\\u{a}b\\u{9}c");
        assert_eq!(shown("中文 ¥12.50"), "中文 ¥12.50");
        assert_eq!(shown_lines("a\u{1b}[31m\nb"), "a\\u{1b}[31m\nb");
    }
}
