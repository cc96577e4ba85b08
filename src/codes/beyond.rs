//! The rules beyond the schema (`src/lints/`, data in `rules/hand/`): what the documentation
//! requires and the server does with values the schema accepts. Default severity warning; the
//! official schema accepts every packet they report.

use super::{Autofix, BEYOND_SCHEMA, Fixable, Rule};

/// `conditionally-required`
pub const CONDITIONALLY_REQUIRED: Rule = Rule {
    name: "conditionally-required",
    summary: "A `<result>` lacks an element the Plesk documentation requires when its `<status>` is `ok` or `error` (rules/hand/conditions.toml).",
    why: "The schema makes these elements optional, so the official schema accepts the response, but the documentation promises them: a failed `reseller-plan/get` result carries `errcode` and `errtext`, a successful one `id`, `name` and `guid`. A response without them (a mock server, a recorded fixture, a proxy) misleads the code that reads it. Goes beyond the schema on purpose; `plesk-lint explain OPERATOR/OPERATION` lists the requirements with their source.",
    bad: "<reseller-plan><get><result>\n  <status>error</status>\n</result></get></reseller-plan>",
    good: "<reseller-plan><get><result>\n  <status>error</status>\n  <errcode>1013</errcode>\n  <errtext>There is no such a service plan</errtext>\n</result></get></reseller-plan>",
    fix: "Add the element the message names to the result, or fix the code that builds the response.",
    ..BEYOND_SCHEMA
};

/// `padded-value`
pub const PADDED_VALUE: Rule = Rule {
    name: "padded-value",
    summary: "White space around the value of a name, login, domain name or GUID, which the server compares as written (rules/hand/values.toml).",
    why: "Plesk's `string` type collapses white space, so the official schema accepts `<login> jdoe </login>`, but the server looks up ` jdoe `: the filter matches nothing, or a new object gets a name no one can type. Goes beyond the schema on purpose.",
    bad: "<filter><login> jdoe\n</login></filter>",
    good: "<filter><login>jdoe</login></filter>",
    fix: "Remove the white space; the fix does it (safe: the value itself is kept).",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe: `plesk-lint check --fix` removes it; `--diff` shows the change first.",
    }),
    ..BEYOND_SCHEMA
};

/// `unfilled-placeholder`
pub const UNFILLED_PLACEHOLDER: Rule = Rule {
    name: "unfilled-placeholder",
    summary: "A template placeholder (`{$x}`, `${x}`, `#{x}`, `{{ x }}`, `%(x)s`, `<?php … ?>`; in names, logins and GUIDs also `$x`, `%s`, `{UPPER_CASE}`) left in a value.",
    why: "A packet built from a template whose variables were never substituted sends the placeholder as data, or, where it breaks the XML, gets \"Error 1014: Parser error\". Passwords, keys and free text (descriptions, messages) are never searched, and the forms legitimate values also take only in identifiers: Plesk's own PHP settings hold `{WEBSPACEROOT}`.",
    bad: "<webspace><get><filter><name>{$domain}</name></filter></get></webspace>",
    good: "<webspace><get><filter><name>example.com</name></filter></get></webspace>",
    fix: "Substitute the value before sending the packet (check the template engine's variable names and escaping).",
    ..BEYOND_SCHEMA
};
