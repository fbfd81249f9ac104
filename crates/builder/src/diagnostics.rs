//! Problems found in sources, reported as `file:line: severity: message`.

use std::fmt;
use std::path::Path;

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The article is still built.
    Warning,
    /// The article is skipped (or, with `--strict`, the build fails).
    Error,
}

/// One problem in one source file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub file: String,
    /// 1-based line.
    pub line: u32,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &Path, line: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(file, line, Severity::Error, message)
    }

    pub fn warning(file: &Path, line: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(file, line, Severity::Warning, message)
    }

    fn new(file: &Path, line: u32, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.display().to_string(),
            line: line.max(1),
            severity,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}:{}: {level}: {}", self.file, self.line, self.message)
    }
}
