//! The stable rule codes and their documentation.
//!
//! Codes are the public vocabulary of the tool: they appear in every output format, in
//! configuration and suppressions, and `plesk-lint explain CODE` prints the documentation kept
//! here. A code is never renamed or reused.

/// Every kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file is not well-formed XML.
    MalformedXml,
    /// The root element is not `<packet>`.
    NotAPacket,
    /// An element directly under `<packet>` is not an operator.
    UnknownOperator,
    /// An element directly under an operator is not one of its operations.
    UnknownOperation,
    /// An element the content model does not know at all.
    UnknownElement,
    /// A known element in a place where it cannot stand.
    UnexpectedElement,
    /// A known element in the wrong position among its siblings.
    OutOfOrder,
    /// A required element is absent.
    MissingElement,
    /// An element occurs more often than allowed.
    TooMany,
    /// More than one member of a one-of choice.
    ChoiceConflict,
    /// Text where only elements are allowed.
    TextNotAllowed,
    /// Indentation made of U+00A0 non-breaking spaces.
    NbspIndentation,
    /// A value that its type does not accept.
    InvalidValue,
    /// An empty value where the type needs one.
    EmptyValue,
    /// Content inside an element that must be empty.
    MustBeEmpty,
    /// An attribute the element does not declare.
    UnknownAttribute,
    /// A required attribute is absent.
    MissingAttribute,
    /// A rules table is itself wrong.
    RulesError,
    /// A file could not be read.
    IoError,
    /// A suppression comment that suppressed nothing.
    UnusedSuppression,
    /// A suppression comment that cannot be understood.
    InvalidSuppression,
    /// A configuration file or `--config` override is wrong.
    ConfigError,
    /// The packet declares a pre-1.6 protocol, checked against the oldest grammar known.
    LegacyProtocol,
    /// The packet's `version` is not a protocol version (`N.N.N.N`).
    InvalidVersion,
    /// Elements written without the wrapper element they belong in.
    MissingWrapper,
    /// A `<result>` lacks an element the documentation requires for its status.
    ConditionallyRequired,
    /// White space around a name, login or GUID that the server compares as written.
    PaddedValue,
    /// A template placeholder left unsubstituted in a value.
    UnfilledPlaceholder,
    // ---- hole-in-typed-value (issue 18): one variant, its name, severity, default-off ----
    /// A placeholder of a packet in a source file fills a value that must be of a type
    /// (off by default).
    HoleInTypedValue,
}

/// The documentation of one code, as `explain` prints it.
pub struct CodeDoc {
    /// One line: what the rule catches.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A packet fragment that triggers it.
    pub bad: &'static str,
    /// The same fragment, fixed.
    pub good: &'static str,
    /// How to fix it.
    pub fix: &'static str,
}

impl Code {
    /// Every code, in documentation order.
    pub const ALL: [Code; 29] = [
        Code::MalformedXml,
        Code::NotAPacket,
        Code::UnknownOperator,
        Code::UnknownOperation,
        Code::UnknownElement,
        Code::UnexpectedElement,
        Code::OutOfOrder,
        Code::MissingElement,
        Code::TooMany,
        Code::ChoiceConflict,
        Code::TextNotAllowed,
        Code::NbspIndentation,
        Code::InvalidValue,
        Code::EmptyValue,
        Code::MustBeEmpty,
        Code::UnknownAttribute,
        Code::MissingAttribute,
        Code::RulesError,
        Code::IoError,
        Code::UnusedSuppression,
        Code::InvalidSuppression,
        Code::ConfigError,
        Code::LegacyProtocol,
        Code::InvalidVersion,
        Code::MissingWrapper,
        Code::ConditionallyRequired,
        Code::PaddedValue,
        Code::UnfilledPlaceholder,
        Code::HoleInTypedValue,
    ];

    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MalformedXml => "malformed-xml",
            Code::NotAPacket => "not-a-packet",
            Code::UnknownOperator => "unknown-operator",
            Code::UnknownOperation => "unknown-operation",
            Code::UnknownElement => "unknown-element",
            Code::UnexpectedElement => "unexpected-element",
            Code::OutOfOrder => "out-of-order",
            Code::MissingElement => "missing-element",
            Code::TooMany => "too-many",
            Code::ChoiceConflict => "choice-conflict",
            Code::TextNotAllowed => "text-not-allowed",
            Code::NbspIndentation => "nbsp-indentation",
            Code::InvalidValue => "invalid-value",
            Code::EmptyValue => "empty-value",
            Code::MustBeEmpty => "must-be-empty",
            Code::UnknownAttribute => "unknown-attribute",
            Code::MissingAttribute => "missing-attribute",
            Code::RulesError => "rules-error",
            Code::IoError => "io-error",
            Code::UnusedSuppression => "unused-suppression",
            Code::InvalidSuppression => "invalid-suppression",
            Code::ConfigError => "config-error",
            Code::LegacyProtocol => "legacy-protocol",
            Code::InvalidVersion => "invalid-version",
            Code::MissingWrapper => "missing-wrapper",
            Code::ConditionallyRequired => "conditionally-required",
            Code::PaddedValue => "padded-value",
            Code::UnfilledPlaceholder => "unfilled-placeholder",
            Code::HoleInTypedValue => "hole-in-typed-value",
        }
    }

    /// The code with this kebab-case name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|code| code.as_str() == name)
    }

    /// The severity a finding of this code has unless configured otherwise.
    pub fn default_severity(self) -> crate::diagnostic::Severity {
        match self {
            Code::UnusedSuppression
            | Code::InvalidSuppression
            | Code::LegacyProtocol
            | Code::ConditionallyRequired
            | Code::PaddedValue
            | Code::UnfilledPlaceholder => crate::diagnostic::Severity::Warning,
            Code::HoleInTypedValue => crate::diagnostic::Severity::Info,
            _ => crate::diagnostic::Severity::Error,
        }
    }

    /// Whether findings of this code are reported when the configuration selects no codes.
    /// `hole-in-typed-value` is a reminder, not a mistake: only a `select` naming it turns it on.
    pub fn enabled_by_default(self) -> bool {
        !matches!(self, Code::HoleInTypedValue)
    }

    /// Whether the code reports a failed run (unreadable input, broken rules, bad
    /// configuration) rather than a finding about a packet. Such codes make the run exit with
    /// status 2, and neither configuration nor suppression comments can hide them: hiding them
    /// would make an unchecked file look clean.
    pub fn is_run_error(self) -> bool {
        matches!(self, Code::IoError | Code::RulesError | Code::ConfigError)
    }

    /// The name in PascalCase (`OutOfOrder`), as SARIF's `rule.name` wants a friendly
    /// identifier.
    pub fn pascal_name(self) -> String {
        self.as_str()
            .split('-')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect()
    }

    /// Where the documentation of this code lives on the web.
    pub fn docs_url(self) -> String {
        format!(
            "https://github.com/plesk-lint/plesk-lint/blob/main/docs/diagnostics.md#{}",
            self.as_str()
        )
    }

    /// The documentation `explain` prints.
    pub fn doc(self) -> CodeDoc {
        crate::code_docs::doc(self)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
