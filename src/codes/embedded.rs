//! Notes about packets read from source files (`src/embedded/`): reminders for a review, off
//! unless `select` names them.

use super::{NOTE, Rule};

/// `hole-in-typed-value`
pub const HOLE_IN_TYPED_VALUE: Rule = Rule {
    name: "hole-in-typed-value",
    summary: "Off by default: a placeholder of a packet in a source file (`$id`, `{$x}`, `%d`, `{{ id }}`) fills a value that must be of a type (an integer, a date, one of a list), so its value cannot be checked.",
    why: "plesk-lint reports no value finding at a placeholder: it cannot know what the program puts there. Where the element needs a typed value, the program must produce one, or the server answers \"Error 1014: Parser error: Request is invalid … `''` is not a valid value of the atomic type `int`\" (an unset variable). This note lists those places for a review; it is off unless `select` (in `plesk-lint.toml` or `--select`) names it.",
    bad: "<site><get><filter><id>$id</id></filter><dataset><gen_info/></dataset></get></site>",
    good: "<site><get><filter><id>$id</id></filter><dataset><gen_info/></dataset></get></site>\n<!-- with $id = (int) $id before the packet is built -->",
    fix: "Make sure the program fills the value with what the help says (cast or validate it before building the packet); the note stays, as a reminder of where the program must be right.",
    ..NOTE
};
