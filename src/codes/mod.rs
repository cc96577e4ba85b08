//! The rule registry: every code, declared once with all that is known about it.
//!
//! Codes are the public vocabulary of the tool: they appear in every output format, in
//! configuration and suppressions, and `plesk-lint explain CODE` prints their documentation.
//! A code is never renamed or reused.
//!
//! Each code is one [`Rule`] constant in the file of its family (`envelope.rs`,
//! `structure.rs`, `values.rs`, `embedded.rs`, `suppression.rs`, `run.rs`) or, for a rule
//! beyond the schema, in the file of its logic (`src/lints/padding.rs`'s `RULE`): its name,
//! default severity, kind, summary, why/bad/good/fix documentation and what its automatic fix
//! does.
//! The `registry!` list below gives it its [`Code`] variant, one line per code, in
//! documentation order. Everything else is generated from these two: the code names and
//! their parsing (configuration, suppression comments, `--select`), `explain CODE`, the rule
//! metadata of the machine formats (SARIF `tool.driver.rules`, the statistics), the code
//! list of `plesk-lint explain --help`, and docs/diagnostics.md ([`reference_page`], held
//! equal to the committed page by a test).
//!
//! Adding a code: a `Rule` constant in its family's file (or its lint's), one line in the
//! list below, then
//! `UPDATE_EXPECT=1 cargo test --test it docs` regenerates docs/diagnostics.md.

pub mod embedded;
pub mod envelope;
mod page;
pub mod run;
pub mod structure;
pub mod suppression;
pub mod values;

pub use page::reference_page;

use crate::diagnostic::Severity;

/// Everything the tool knows about one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The kebab-case name, as written in output, configuration and suppressions.
    pub name: &'static str,
    /// The severity a finding has unless configured otherwise.
    pub severity: Severity,
    /// What kind of check reports it (the schema's, beyond it, about suppressions, a run error).
    pub kind: Kind,
    /// One line: what the rule catches.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A fragment that triggers it.
    pub bad: &'static str,
    /// The same fragment, fixed.
    pub good: &'static str,
    /// How to fix it by hand.
    pub fix: &'static str,
    /// The language of the bad and good fragments, for code blocks (`xml`, `toml`, `sh`).
    pub example_language: &'static str,
    /// What `--fix` does about it, when findings of this code can carry a fix.
    pub autofix: Option<Autofix>,
}

/// What kind of check reports a code. A walker pass names the codes it reports; the kind says
/// how the rest of the tool treats them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// What the Plesk server (libxml2 with the official schema) refuses: the differential
    /// tests expect xmllint to agree.
    Grammar,
    /// Deliberately beyond the schema: the official schema accepts every packet reported, so
    /// the differential tests expect xmllint to stay silent (`src/lints/`).
    BeyondSchema,
    /// About the suppression comments themselves (`src/suppress/`).
    Suppression,
    /// A reminder for a review, not a mistake (`hole-in-typed-value`): severity info, and off
    /// unless `select` names it.
    Note,
    /// A failed run (unreadable input, broken rules, bad configuration) rather than a finding
    /// about a packet: exit status 2, and neither configuration nor suppressions hide it.
    Run,
}

/// The automatic fix findings of a code can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Autofix {
    /// Whether `--fix` applies it, or only `--fix --unsafe-fixes`.
    pub fixable: Fixable,
    /// What it does, as `explain` prints it under "Fix".
    pub how: &'static str,
}

/// Whether the fixes of a code are safe (see [`crate::diagnostic::Applicability`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixable {
    /// Always safe: `--fix` applies them.
    Safe,
    /// Always unsafe: only `--fix --unsafe-fixes` applies them.
    Unsafe,
    /// Safe or unsafe depending on the finding (a rename by case is safe, a typo's is a guess).
    SafeOrUnsafe,
}

impl Fixable {
    /// Whether a fix of this applicability may be attached to a finding of the code.
    pub fn allows(self, applicability: crate::diagnostic::Applicability) -> bool {
        use crate::diagnostic::Applicability;
        matches!(
            (self, applicability),
            (Fixable::SafeOrUnsafe, _)
                | (Fixable::Safe, Applicability::Safe)
                | (Fixable::Unsafe, Applicability::Unsafe)
        )
    }
}

/// The defaults of a check of the grammar; each family's constants fill in the rest.
const GRAMMAR: Rule = Rule {
    name: "",
    severity: Severity::Error,
    kind: Kind::Grammar,
    summary: "",
    why: "",
    bad: "",
    good: "",
    fix: "",
    example_language: "xml",
    autofix: None,
};

/// The fix of an element misspelt (operator, operation or element): the did-you-mean.
const RENAME: Option<Autofix> = Some(Autofix {
    fixable: Fixable::SafeOrUnsafe,
    how: "Automatic when there is a did-you-mean: `plesk-lint check --fix` renames the start \
         and end tags. Safe when the names differ in case or `-`/`_` alone; a typo's \
         correction is a guess, applied only with `--fix --unsafe-fixes`. `--diff` shows \
         the change first without writing it.",
});

/// The defaults of a rule beyond the schema: a warning.
pub(crate) const BEYOND_SCHEMA: Rule = Rule {
    severity: Severity::Warning,
    kind: Kind::BeyondSchema,
    ..GRAMMAR
};

/// The defaults of a finding about a suppression comment: a warning.
const SUPPRESSION: Rule = Rule {
    severity: Severity::Warning,
    kind: Kind::Suppression,
    ..GRAMMAR
};

/// The defaults of a note: info, off unless selected.
const NOTE: Rule = Rule {
    severity: Severity::Info,
    kind: Kind::Note,
    ..GRAMMAR
};

/// The defaults of a run error.
const RUN: Rule = Rule {
    kind: Kind::Run,
    ..GRAMMAR
};

/// Declares [`Code`] from the list of `Variant => family::CONSTANT` lines.
macro_rules! registry {
    ($($variant:ident => $rule:path,)*) => {
        /// Every kind of finding; what each means is its [`Rule`] ([`Code::rule`]).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("[`", stringify!($rule), "`]")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: [Code; [$(stringify!($variant)),*].len()] = [$(Code::$variant),*];

            /// Everything known about the code.
            pub const fn rule(self) -> &'static Rule {
                match self {
                    $(Code::$variant => &$rule,)*
                }
            }

            /// The variant's name (`OutOfOrder`), which a test holds equal to the
            /// [`Code::pascal_name`] of the rule's name.
            pub const fn variant_name(self) -> &'static str {
                match self {
                    $(Code::$variant => stringify!($variant),)*
                }
            }
        }
    };
}

registry! {
    MalformedXml => envelope::MALFORMED_XML,
    NotAPacket => envelope::NOT_A_PACKET,
    UnknownOperator => envelope::UNKNOWN_OPERATOR,
    UnknownOperation => envelope::UNKNOWN_OPERATION,
    UnknownElement => structure::UNKNOWN_ELEMENT,
    UnexpectedElement => structure::UNEXPECTED_ELEMENT,
    OutOfOrder => structure::OUT_OF_ORDER,
    MissingElement => structure::MISSING_ELEMENT,
    TooMany => structure::TOO_MANY,
    ChoiceConflict => structure::CHOICE_CONFLICT,
    TextNotAllowed => structure::TEXT_NOT_ALLOWED,
    NbspIndentation => structure::NBSP_INDENTATION,
    InvalidValue => values::INVALID_VALUE,
    EmptyValue => values::EMPTY_VALUE,
    MustBeEmpty => values::MUST_BE_EMPTY,
    UnknownAttribute => values::UNKNOWN_ATTRIBUTE,
    MissingAttribute => values::MISSING_ATTRIBUTE,
    RulesError => run::RULES_ERROR,
    IoError => run::IO_ERROR,
    UnusedSuppression => suppression::UNUSED_SUPPRESSION,
    InvalidSuppression => suppression::INVALID_SUPPRESSION,
    ConfigError => run::CONFIG_ERROR,
    LegacyProtocol => envelope::LEGACY_PROTOCOL,
    InvalidVersion => envelope::INVALID_VERSION,
    MissingWrapper => structure::MISSING_WRAPPER,
    ConditionallyRequired => crate::lints::conditions::RULE,
    PaddedValue => crate::lints::padding::RULE,
    UnfilledPlaceholder => crate::lints::placeholder::RULE,
    HoleInTypedValue => embedded::HOLE_IN_TYPED_VALUE,
}

impl Code {
    /// The kebab-case name.
    pub const fn as_str(self) -> &'static str {
        self.rule().name
    }

    /// The code with this kebab-case name.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|code| code.as_str() == name)
    }

    /// Every code's name, in documentation order: what a misspelt code is matched against.
    pub fn names() -> impl Iterator<Item = &'static str> {
        Code::ALL.into_iter().map(Code::as_str)
    }

    /// Every code of one kind, in documentation order (the rules beyond the schema, the run
    /// errors, …).
    pub fn of_kind(kind: Kind) -> impl Iterator<Item = Code> {
        Code::ALL
            .into_iter()
            .filter(move |code| code.rule().kind == kind)
    }

    /// The severity a finding of this code has unless configured otherwise.
    pub const fn default_severity(self) -> Severity {
        self.rule().severity
    }

    /// Whether the code reports a failed run (unreadable input, broken rules, bad
    /// configuration) rather than a finding about a packet. Such codes make the run exit with
    /// status 2, and neither configuration nor suppression comments can hide them: hiding them
    /// would make an unchecked file look clean.
    pub fn is_run_error(self) -> bool {
        self.rule().kind == Kind::Run
    }

    /// Whether findings of this code are reported when the configuration selects no codes:
    /// every code but the notes, which only a `select` naming them turns on.
    pub fn enabled_by_default(self) -> bool {
        self.rule().kind != Kind::Note
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

    /// The position of the code in [`Code::ALL`] (SARIF's `ruleIndex`).
    pub fn index(self) -> usize {
        Code::ALL.iter().position(|code| *code == self).unwrap_or(0)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The code list for `--help`: each code with its default severity, in documentation order.
pub fn help_list() -> String {
    let width = Code::names().map(str::len).max().unwrap_or(0);
    let mut list = String::from("Rule codes (`plesk-lint explain CODE` explains one):\n");
    for code in Code::ALL {
        list.push_str(&format!(
            "  {:width$}  {}\n",
            code.as_str(),
            code.default_severity().as_str()
        ));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_complete_and_named_like_its_variant() {
        let mut names = std::collections::HashSet::new();
        for code in Code::ALL {
            let rule = code.rule();
            assert!(names.insert(rule.name), "{} declared twice", rule.name);
            assert_eq!(code.pascal_name(), code.variant_name(), "{}", rule.name);
            assert!(
                rule.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.name
            );
            for (field, text) in [
                ("summary", rule.summary),
                ("why", rule.why),
                ("bad", rule.bad),
                ("good", rule.good),
                ("fix", rule.fix),
            ] {
                assert!(!text.trim().is_empty(), "{}: empty {field}", rule.name);
            }
            assert_ne!(rule.bad, rule.good, "{}", rule.name);
            assert_eq!(Code::from_name(rule.name), Some(code));
            assert_eq!(
                code.index(),
                Code::ALL.iter().position(|c| *c == code).unwrap()
            );
        }
    }

    #[test]
    fn the_kind_decides_the_default_severity_of_what_is_not_the_grammar() {
        for code in Code::ALL {
            match code.rule().kind {
                Kind::BeyondSchema | Kind::Suppression => {
                    assert_eq!(code.default_severity(), Severity::Warning, "{code}")
                }
                Kind::Run => assert_eq!(code.default_severity(), Severity::Error, "{code}"),
                Kind::Note => assert_eq!(code.default_severity(), Severity::Info, "{code}"),
                Kind::Grammar => {}
            }
        }
    }
}
