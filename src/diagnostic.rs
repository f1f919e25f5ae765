//! Problems found in an article or a feed, each naming where it is.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Nothing is wrong, but something was left out on purpose (a photo
    /// caption, a boilerplate line): shown on request, never fatal.
    Note,
    /// The output is still right, but something was changed or guessed.
    Warning,
    /// The article cannot be published.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        })
    }
}

/// One problem, with the file, line and column (1-based) it is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// A stable name for the kind of problem: kebab-case for article
    /// problems (`invalid-date`), the validator's class for feed problems.
    pub code: &'static str,
    /// The file it is in.
    pub path: PathBuf,
    /// The line, when the problem has one.
    pub line: Option<usize>,
    /// The column (in characters), when the problem has one.
    pub column: Option<usize>,
    /// What is wrong, lower-case, no final period.
    pub message: String,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(code: &'static str, path: &Path, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            path: path.to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// A warning about a whole file.
    pub fn warning(code: &'static str, path: &Path, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, path, message)
        }
    }

    /// A note about a whole file.
    pub fn note(code: &'static str, path: &Path, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Note,
            ..Self::error(code, path, message)
        }
    }

    /// The same problem, placed at a line and column.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A path for a one-line message: as `Path::display` writes it, but with
/// control characters (a newline in a file name) written as escapes such
/// as `\n`, so that one message stays one line.
pub fn show(path: &std::path::Path) -> ShownPath<'_> {
    ShownPath(path)
}

/// See [`show`].
#[derive(Debug, Clone, Copy)]
pub struct ShownPath<'a>(&'a std::path::Path);

impl fmt::Display for ShownPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.to_string_lossy();
        if !text.chars().any(char::is_control) {
            return f.write_str(&text);
        }
        for c in text.chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", show(&self.path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}[{}]: {}", self.severity, self.code, self.message)
    }
}
