//! Reading a JSON number's text, as RFC 8259's grammar has it.
//!
//! The slicing here is at places just found, as the reader's module
//! ([`super`]) says.

use super::{Reader, SyntaxError};

impl<'a> Reader<'a> {
    /// Reads a number's text: `-`, digits without a leading zero, an
    /// optional fraction and exponent.
    pub(super) fn number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let digits = |at: &mut usize| {
            let from = *at;
            while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
                *at += 1;
            }
            *at > from
        };
        let mut at = start;
        if bytes.get(at) == Some(&b'-') {
            at += 1;
        }
        if bytes.get(at) == Some(&b'0') {
            at += 1;
        } else if !digits(&mut at) {
            self.at = at;
            return Err(self.error(format!("{} after `-`; expected a digit", self.found())));
        }
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            if !digits(&mut at) {
                self.at = at;
                return Err(self.error(format!(
                    "{} after a decimal point; expected a digit",
                    self.found()
                )));
            }
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            if !digits(&mut at) {
                self.at = at;
                return Err(
                    self.error(format!("{} in an exponent; expected a digit", self.found()))
                );
            }
        }
        self.at = at;
        Ok(&self.text[start..at])
    }
}
