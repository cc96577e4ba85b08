//! The lints' data: `rules/hand/*.toml`, embedded in the binary and read once.
//!
//! Hand-written files beside the generated tables (which the importer owns) and the overrides
//! (which replace generated entries). Each entry cites where it comes from; `explain
//! OPERATOR/OPERATION` prints the conditional requirements with their source.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

/// The embedded files, by name, for messages about a broken file.
const FILES: [(&str, &str); 2] = [
    (
        "rules/hand/conditions.toml",
        include_str!("../../rules/hand/conditions.toml"),
    ),
    (
        "rules/hand/values.toml",
        include_str!("../../rules/hand/values.toml"),
    ),
];

/// One documented requirement: `element` must be in every `<result>` at `at` whose `<status>`
/// is `status`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// `OPERATOR/OPERATION/result`.
    pub at: String,
    /// The status that makes the element required (`ok` or `error`).
    pub status: String,
    /// The required child of `<result>`.
    pub element: String,
    /// The documentation page.
    pub source: String,
    /// The documentation's words.
    pub quote: String,
}

/// A list of element names with the reason they are listed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Elements {
    #[serde(default)]
    source: String,
    #[serde(default)]
    elements: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    require: Vec<Requirement>,
    #[serde(default)]
    identifiers: Option<Elements>,
    #[serde(default)]
    placeholder: Option<Elements>,
}

/// Everything the lints know.
#[derive(Debug, Default)]
pub struct LintRules {
    /// Conditional requirements, in file order.
    pub requirements: Vec<Requirement>,
    /// Elements whose value the server compares as written.
    pub identifiers: HashSet<String>,
    /// Where the identifiers list comes from.
    pub identifiers_source: String,
    /// Elements never searched for placeholders.
    pub placeholder_skip: HashSet<String>,
}

impl LintRules {
    /// The embedded rules. A broken embedded file is a bug of this crate, caught by the test
    /// `lints::embedded_rules_read`; at run time it reads as no rules rather than a crash.
    pub fn builtin() -> &'static LintRules {
        static RULES: OnceLock<LintRules> = OnceLock::new();
        RULES.get_or_init(|| LintRules::read(&FILES).unwrap_or_default())
    }

    /// Reads rules files given as (name, text); the error names the file and says what is
    /// wrong.
    pub fn read(files: &[(&str, &str)]) -> Result<LintRules, String> {
        let mut rules = LintRules::default();
        for (name, text) in files {
            let file: File = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            for requirement in &file.require {
                let parts: Vec<&str> = requirement.at.split('/').collect();
                if parts.len() != 3 || parts[2] != "result" {
                    return Err(format!(
                        "{name}: `at = '{}'`: expected OPERATOR/OPERATION/result",
                        requirement.at
                    ));
                }
                if !matches!(requirement.status.as_str(), "ok" | "error") {
                    return Err(format!(
                        "{name}: `status = '{}'`: expected `ok` or `error`",
                        requirement.status
                    ));
                }
            }
            rules.requirements.extend(file.require);
            if let Some(identifiers) = file.identifiers {
                rules.identifiers.extend(identifiers.elements);
                rules.identifiers_source = identifiers.source;
            }
            if let Some(placeholder) = file.placeholder {
                rules.placeholder_skip.extend(placeholder.skip);
            }
        }
        Ok(rules)
    }

    /// The requirements on the results of `operator/operation`.
    pub fn requirements_of<'a>(
        &'a self,
        operator: &'a str,
        operation: &'a str,
    ) -> impl Iterator<Item = &'a Requirement> + 'a {
        self.requirements.iter().filter(move |r| {
            r.at.strip_prefix(operator)
                .and_then(|rest| rest.strip_prefix('/'))
                .and_then(|rest| rest.strip_prefix(operation))
                == Some("/result")
        })
    }

    /// Whether a value lint can find anything in `text`: a cheap scan that spares the walk of
    /// most clean packets every value lint (and the visit of what the schema does not reach).
    /// Every value lint's trigger is here: white space after a `>` or before a `</` that is not
    /// indentation between tags; a placeholder's `$`, `%`, `{` or `<?php` (escaped as
    /// `&lt;?php`).
    pub fn values_worth_parsing(text: &str) -> bool {
        let bytes = text.as_bytes();
        if memchr::memchr3(b'$', b'{', b'%', bytes).is_some() || text.contains("&lt;?") {
            return true;
        }
        // A text between a `>` and the next `<` that is neither empty, nor all white space
        // (indentation), nor free of white space at its ends: a padded value.
        let space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        for gt in memchr::memchr_iter(b'>', bytes) {
            let rest = &bytes[gt + 1..];
            let segment = &rest[..memchr::memchr(b'<', rest).unwrap_or(rest.len())];
            if let (Some(first), Some(last)) = (segment.first(), segment.last())
                && (space(first) || space(last))
                && !segment.iter().all(space)
            {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::{FILES, LintRules};

    #[test]
    fn embedded_files_read() {
        let rules = LintRules::read(&FILES).expect("rules/hand reads");
        assert!(!rules.requirements.is_empty());
        assert!(rules.identifiers.contains("login") && rules.identifiers.contains("guid"));
        assert!(rules.placeholder_skip.contains("password"));
        assert!(!rules.identifiers_source.is_empty());
    }

    #[test]
    fn a_broken_file_is_named_with_what_is_wrong() {
        let at = "[[require]]\nat = 'reseller-plan/get'\nstatus = 'ok'\nelement = 'id'\n\
                  source = 's'\nquote = 'q'\n";
        let error = LintRules::read(&[("x.toml", at)]).unwrap_err();
        assert!(
            error.starts_with("x.toml: `at = 'reseller-plan/get'`"),
            "{error}"
        );
        let status = at
            .replace("reseller-plan/get", "reseller-plan/get/result")
            .replace("'ok'", "'fine'");
        let error = LintRules::read(&[("x.toml", &status)]).unwrap_err();
        assert!(error.contains("expected `ok` or `error`"), "{error}");
        let unknown = "[[require]]\nwhen = 'x'\n";
        assert!(
            LintRules::read(&[("y.toml", unknown)])
                .unwrap_err()
                .starts_with("y.toml: ")
        );
    }

    #[test]
    fn clean_pretty_printed_packets_are_not_linted_for_values() {
        let pretty = "<packet>\n  <site>\n    <get>\n      <filter>\n        <name>a.example</name>\n      </filter>\n    </get>\n  </site>\n</packet>\n";
        let worth = LintRules::values_worth_parsing;
        assert!(!worth(pretty));
        assert!(worth(&pretty.replace(">a.example<", "> a.example<")));
        assert!(worth(&pretty.replace(">a.example<", ">a.example\n<")));
        assert!(worth(&pretty.replace("a.example", "{$d}")));
    }
}
