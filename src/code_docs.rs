//! The documentation of every rule code: what it catches, why it matters, a bad and a good
//! example, and the fix. Kept apart from `codes.rs` because it is prose, not logic.
//!
//! [`reference_page`] renders all of it as docs/diagnostics.md, the page every finding's
//! documentation link points into; a test keeps the committed page equal to it, so a code
//! added to the registry appears there without anyone writing Markdown.

use std::fmt::Write;

use crate::codes::{Code, CodeDoc};

/// docs/diagnostics.md: every code of [`Code::ALL`], in that order, with its documentation.
pub fn reference_page() -> String {
    let mut page = String::new();
    page.push_str(
        "<!-- Generated from the rule registry (src/codes.rs, src/code_docs.rs); do not edit.\n     \
         Regenerate: PLESK_LINT_BLESS=1 cargo test --test it docs -->\n\
         # Diagnostics reference\n\n\
         Every finding carries one of these codes. Codes are stable: a code is never renamed or\n\
         reused. `plesk-lint explain CODE` prints the same text in the terminal, and every machine\n\
         format links each finding to its section below. Severities can be changed and codes\n\
         turned off in [the configuration](configuration.md); the three run errors (`io-error`,\n\
         `rules-error`, `config-error`) cannot: they mean a file was not checked, and the run\n\
         exits with 2.\n\n\
         | Code | Default severity | What it catches |\n\
         | --- | --- | --- |\n",
    );
    for code in Code::ALL {
        let _ = writeln!(
            page,
            "| [`{code}`](#{code}) | {} | {} |",
            code.default_severity().as_str(),
            code.doc().summary.replace('|', "\\|")
        );
    }
    for code in Code::ALL {
        let doc = code.doc();
        let language = match code {
            Code::RulesError | Code::ConfigError => "toml",
            Code::IoError => "sh",
            _ => "xml",
        };
        let run_error = if code.is_run_error() {
            " A run error: the run exits with 2, and neither configuration nor suppression \
             comments can hide it."
        } else {
            ""
        };
        let _ = write!(
            page,
            "\n## {code}\n\n*Default severity: {}.*{run_error} {}\n\n{}\n\n\
             Bad:\n\n```{language}\n{}\n```\n\nGood:\n\n```{language}\n{}\n```\n\n\
             Fix: {}\n",
            code.default_severity().as_str(),
            doc.summary,
            doc.why,
            doc.bad,
            doc.good,
            doc.fix
        );
    }
    page
}

/// The documentation of `code`.
pub fn doc(code: Code) -> CodeDoc {
    match code {
        Code::MalformedXml => CodeDoc {
            summary: "The file is not well-formed XML, so nothing else can be checked.",
            why: "The Plesk server rejects the whole packet before looking at any operation.",
            bad: "?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet>",
            good: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet>",
            fix: "Repair the XML at the reported position (a lost `<`, a mismatched end tag, an unescaped `&`).",
        },
        Code::NotAPacket => CodeDoc {
            summary: "The root element is not `<packet>`.",
            why: "Every XML-RPC request and response is wrapped in exactly one `<packet>` element.",
            bad: "<webspace><get>...</get></webspace>",
            good: "<packet><webspace><get>...</get></webspace></packet>",
            fix: "Wrap the operators in `<packet>`.",
        },
        Code::LegacyProtocol => CodeDoc {
            summary: "The packet declares a protocol older than 1.6.0.0: checked against the oldest grammar plesk-lint has, its findings are warnings.",
            why: "The server checks such a packet against the pre-Plesk 10 schema (`client`, `domain`, ...), which plesk-lint has no tables for; those protocols are only kept for old integrations. Most of a modern operator's structure was the same, so the oldest grammar plesk-lint has still catches swapped or misspelt elements, as warnings.",
            bad: "<packet version=\"1.5.2.0\"><domain><get>...</get></domain></packet>",
            good: "<packet version=\"1.6.3.0\"><webspace><get>...</get></webspace></packet>",
            fix: "Move to a 1.6 protocol: declare its version and use the modern operators the message names.",
        },
        Code::MissingWrapper => CodeDoc {
            summary: "Elements written straight into their parent without the wrapper element they belong in.",
            why: "The server rejects the first of them as unexpected; the real mistake is one missing wrapper, such as `<gen_info>` around a customer's fields.",
            bad: "<add><pname>John</pname><login>jdoe</login><passwd>secret</passwd></add>",
            good: "<add><gen_info><pname>John</pname><login>jdoe</login><passwd>secret</passwd></gen_info></add>",
            fix: "Wrap the elements in the element the message names (an unsafe fix does it: check the result).",
        },
        Code::InvalidVersion => CodeDoc {
            summary: "The packet's `version` is not a protocol version: four numbers separated by dots.",
            why: "The server picks the grammar by the version and refuses a packet whose version it cannot read (`abc`, an empty value, `1.6.3`), although the schema types it as a string.",
            bad: "<packet version=\"1.6.3\">",
            good: "<packet version=\"1.6.3.0\">",
            fix: "Declare the protocol the packet was written for, in full (`1.6.9.1`), or leave `version` out.",
        },
        Code::ConditionallyRequired => CodeDoc {
            summary: "A `<result>` lacks an element the Plesk documentation requires when its `<status>` is `ok` or `error` (rules/hand/conditions.toml).",
            why: "The schema makes these elements optional, so the official schema accepts the response, but the documentation promises them: a failed `reseller-plan/get` result carries `errcode` and `errtext`, a successful one `id`, `name` and `guid`. A response without them (a mock server, a recorded fixture, a proxy) misleads the code that reads it. Goes beyond the schema on purpose; `plesk-lint explain OPERATOR/OPERATION` lists the requirements with their source.",
            bad: "<reseller-plan><get><result>\n  <status>error</status>\n</result></get></reseller-plan>",
            good: "<reseller-plan><get><result>\n  <status>error</status>\n  <errcode>1013</errcode>\n  <errtext>There is no such a service plan</errtext>\n</result></get></reseller-plan>",
            fix: "Add the element the message names to the result, or fix the code that builds the response.",
        },
        Code::PaddedValue => CodeDoc {
            summary: "White space around the value of a name, login, domain name or GUID, which the server compares as written (rules/hand/values.toml).",
            why: "Plesk's `string` type collapses white space, so the official schema accepts `<login> jdoe </login>`, but the server looks up ` jdoe `: the filter matches nothing, or a new object gets a name no one can type. Goes beyond the schema on purpose.",
            bad: "<filter><login> jdoe\n</login></filter>",
            good: "<filter><login>jdoe</login></filter>",
            fix: "Remove the white space; the fix does it (safe: the value itself is kept).",
        },
        Code::UnfilledPlaceholder => CodeDoc {
            summary: "A template placeholder (`{$x}`, `${x}`, `#{x}`, `{{ x }}`, `%(x)s`, `<?php … ?>`; in names, logins and GUIDs also `$x`, `%s`, `{UPPER_CASE}`) left in a value.",
            why: "A packet built from a template whose variables were never substituted sends the placeholder as data, or, where it breaks the XML, gets \"Error 1014: Parser error\". Passwords, keys and free text (descriptions, messages) are never searched, and the forms legitimate values also take only in identifiers: Plesk's own PHP settings hold `{WEBSPACEROOT}`.",
            bad: "<webspace><get><filter><name>{$domain}</name></filter></get></webspace>",
            good: "<webspace><get><filter><name>example.com</name></filter></get></webspace>",
            fix: "Substitute the value before sending the packet (check the template engine's variable names and escaping).",
        },
        // ---- hole-in-typed-value (issue 18) ----
        Code::HoleInTypedValue => CodeDoc {
            summary: "Off by default: a placeholder of a packet in a source file (`$id`, `{$x}`, `%d`, `{{ id }}`) fills a value that must be of a type (an integer, a date, one of a list), so its value cannot be checked.",
            why: "plesk-lint reports no value finding at a placeholder: it cannot know what the program puts there. Where the element needs a typed value, the program must produce one, or the server answers \"Error 1014: Parser error: Request is invalid … `''` is not a valid value of the atomic type `int`\" (an unset variable). This note lists those places for a review; it is off unless `select` (in `plesk-lint.toml` or `--select`) names it.",
            bad: "<site><get><filter><id>$id</id></filter><dataset><gen_info/></dataset></get></site>",
            good: "<site><get><filter><id>$id</id></filter><dataset><gen_info/></dataset></get></site>\n<!-- with $id = (int) $id before the packet is built -->",
            fix: "Make sure the program fills the value with what the help says (cast or validate it before building the packet); the note stays, as a reminder of where the program must be right.",
        },
        Code::UnknownOperator => CodeDoc {
            summary: "An element directly under `<packet>` is not an operator of the API.",
            why: "The server answers with a schema error and runs none of the packet's operations.",
            bad: "<packet><webspaces><get>...</get></webspaces></packet>",
            good: "<packet><webspace><get>...</get></webspace></packet>",
            fix: "Use one of the operators `plesk-lint explain --list` lists; the message suggests the closest.",
        },
        Code::UnknownOperation => CodeDoc {
            summary: "An element directly under an operator is not one of that operator's operations.",
            why: "Operations are per operator: `set_traffic` exists under `site` and `webspace`, not under `mail`.",
            bad: "<mail><set_traffic>...</set_traffic></mail>",
            good: "<site><set_traffic>...</set_traffic></site>",
            fix: "Use an operation of this operator, or move the operation under the operator the message names.",
        },
        Code::UnknownElement => CodeDoc {
            summary: "An element that the content model of its parent does not know at all.",
            why: "Misspelled names, hyphen/underscore confusion and wrong case are silently fatal: the server rejects the packet.",
            bad: "<url-components><dom-id>true</dom-id></url-components>",
            good: "<url-components><dom_id>true</dom_id></url-components>",
            fix: "Rename the element as the did-you-mean suggests, or remove it.",
        },
        Code::UnexpectedElement => CodeDoc {
            summary: "A known element that cannot stand where it is (for example after the content is already complete).",
            why: "The server rejects elements its schema does not allow at that position.",
            bad: "<set_traffic>...<pop3_imap_out>0</pop3_imap_out><dom_id>1</dom_id></set_traffic>",
            good: "<set_traffic><dom_id>1</dom_id>...<pop3_imap_out>0</pop3_imap_out></set_traffic>",
            fix: "Remove the element, or move it where the content model allows it.",
        },
        Code::OutOfOrder => CodeDoc {
            summary: "A known element in the wrong position among its siblings.",
            why: "Plesk content models are sequences: the same elements in another order are rejected.",
            bad: "<set_traffic><date>2005-12-12</date><dom_id>1</dom_id>...",
            good: "<set_traffic><dom_id>1</dom_id><date>2005-12-12</date>...",
            fix: "Move the element where the message says it belongs; the fix does it.",
        },
        Code::MissingElement => CodeDoc {
            summary: "A required element is absent.",
            why: "The server rejects the packet; xmllint reports the next element as 'not expected' instead.",
            bad: "<set_traffic><dom_id>1</dom_id><smtp_in>0</smtp_in>...",
            good: "<set_traffic><dom_id>1</dom_id><date>2005-12-12</date><smtp_in>0</smtp_in>...",
            fix: "Insert the element at the reported place, with a value of the type the message names.",
        },
        Code::TooMany => CodeDoc {
            summary: "An element occurs more often than its content model allows.",
            why: "Most Plesk fields occur once; a repeated one is rejected, not merged.",
            bad: "<set_traffic><dom_id>1</dom_id><dom_id>2</dom_id>...",
            good: "<set_traffic><dom_id>1</dom_id>...",
            fix: "Remove the extra occurrence, or send a second operation.",
        },
        Code::ChoiceConflict => CodeDoc {
            summary: "More than one member of a choice that allows only one of them.",
            why: "The documentation often lists such members as independent optionals; the schema accepts only one.",
            bad: "<add-plan-item><filter/><owner-id>1</owner-id><owner-login>a</owner-login>...",
            good: "<add-plan-item><filter/><owner-id>1</owner-id>...",
            fix: "Keep one member of the choice and remove the others.",
        },
        Code::TextNotAllowed => CodeDoc {
            summary: "Text inside an element whose content is only other elements.",
            why: "Placeholders such as `...` copied from the documentation make the packet invalid.",
            bad: "<descriptor>...</descriptor>",
            good: "<descriptor><property>...</property></descriptor>",
            fix: "Remove the text.",
        },
        Code::NbspIndentation => CodeDoc {
            summary: "Indentation made of U+00A0 non-breaking spaces, as copied from the documentation's samples.",
            why: "XML does not count U+00A0 as white space, so every indented line is text where only elements are allowed.",
            bad: "<packet>\n\u{a0}\u{a0}<webspace>",
            good: "<packet>\n  <webspace>",
            fix: "Replace the non-breaking spaces with ordinary spaces; the fix does it for the whole file.",
        },
        Code::InvalidValue => CodeDoc {
            summary: "A value its type does not accept.",
            why: "The server validates values against the schema's types: a date must be YYYY-MM-DD, a long must be an integer.",
            bad: "<date>12/12/2005</date>",
            good: "<date>2005-12-12</date>",
            fix: "Write the value in the form the message names.",
        },
        Code::EmptyValue => CodeDoc {
            summary: "An empty element where its type needs a value.",
            why: "An empty `<smtp_in/>` is not a number; the server rejects it.",
            bad: "<smtp_in/>",
            good: "<smtp_in>0</smtp_in>",
            fix: "Give the element a value, or remove it if it is optional.",
        },
        Code::MustBeEmpty => CodeDoc {
            summary: "Content inside an element that must be empty (a flag such as `<limits/>`).",
            why: "Flag elements carry meaning by their presence; the schema rejects any content.",
            bad: "<limits>true</limits>",
            good: "<limits/>",
            fix: "Remove the content.",
        },
        Code::UnknownAttribute => CodeDoc {
            summary: "An attribute the element does not declare.",
            why: "The schema declares almost no attributes; any other is rejected.",
            bad: "<packet versoin=\"1.6.3.0\">",
            good: "<packet version=\"1.6.3.0\">",
            fix: "Remove or rename the attribute.",
        },
        Code::MissingAttribute => CodeDoc {
            summary: "A required attribute is absent.",
            why: "The server rejects the element.",
            bad: "<current-object>site</current-object>",
            good: "<current-object type=\"domain\">site</current-object>",
            fix: "Add the attribute.",
        },
        Code::RulesError => CodeDoc {
            summary: "A rules table (built in or from `--rules DIR`) is itself wrong.",
            why: "A broken rule cannot check anything; the affected element is not checked.",
            bad: "request = 'dom_id int'",
            good: "request = 'dom_id: int'",
            fix: "Correct the rules file at the reported position (see rules/README.md for the format).",
        },
        Code::IoError => CodeDoc {
            summary: "A file or directory could not be read.",
            why: "An unread file is an unchecked file; the run exits with code 2.",
            bad: "plesk-lint check missing.xml",
            good: "plesk-lint check packet.xml",
            fix: "Check the path and its permissions.",
        },
        Code::UnusedSuppression => CodeDoc {
            summary: "A `plesk-lint-disable…` comment names a code that it never suppressed.",
            why: "Stale suppressions hide the next real finding of that code in the same place; removing them keeps suppressions meaningful.",
            bad: "<!-- plesk-lint-disable-next-element out-of-order -->\n<dom_id>1</dom_id>  <!-- nothing out of order here -->",
            good: "<dom_id>1</dom_id>",
            fix: "Remove the code from the comment, or the whole comment when it names no other code.",
        },
        Code::InvalidSuppression => CodeDoc {
            summary: "A comment starting with `plesk-lint-` is not a directive plesk-lint understands.",
            why: "A misspelt directive or code suppresses nothing, so the findings it was meant to hide fail the run anyway.",
            bad: "<!-- plesk-lint-disable-next-element out-of-ordr -->",
            good: "<!-- plesk-lint-disable-next-element out-of-order -->",
            fix: "Use `plesk-lint-disable-next-element`, `plesk-lint-disable`, `plesk-lint-enable` or `plesk-lint-disable-file`, each followed by the codes it applies to (`plesk-lint explain CODE` lists what a code means).",
        },
        Code::ConfigError => CodeDoc {
            summary: "A `plesk-lint.toml` file or a `--config KEY=VALUE` override is wrong.",
            why: "plesk-lint does not guess what a broken configuration meant; it stops with exit code 2 before checking anything with it.",
            bad: "[severity]\nout-of-order = \"fatal\"",
            good: "[severity]\nout-of-order = \"warning\"",
            fix: "Correct the file at the reported position; the keys are described in docs/configuration.md.",
        },
    }
}
