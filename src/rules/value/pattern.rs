//! XSD regular expressions (XML Schema 1.0 Part 2, appendix F), translated for the `regex`
//! crate, and strings generated from them for sample values.
//!
//! The dialects differ: XSD has no anchors (`^` and `$` are plain characters, and every
//! pattern matches the whole value), `\s` is only the four XML whitespace characters, `\w`
//! excludes punctuation, separators and others (`_` is punctuation), `\i` and `\c` are the XML
//! name characters, `\p{IsBlock}` names a Unicode block, and `[a-z-[aeiou]]` subtracts.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, PoisonError};

use regex::{Regex, RegexBuilder};

use super::lexical::name_class;

/// A compiled pattern facet.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    regex: Regex,
    tree: Branches,
}

/// Alternatives, each a sequence of pieces.
type Branches = Vec<Vec<Piece>>;

#[derive(Debug, Clone)]
struct Piece {
    atom: Atom,
    min: u32,
    max: Option<u32>,
}

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    /// A `regex` class expression, nestable inside another class.
    Class(String),
    Group(Branches),
}

/// XSD's Unicode categories, which `regex` spells the same.
const CATEGORIES: &str = "L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po Z Zs Zl Zp S Sm Sc Sk So C Cc Cf Co Cn";

/// The Unicode blocks `\p{IsName}` may name here; `regex` knows no blocks.
const BLOCKS: [(&str, &str); 15] = [
    ("BasicLatin", r"\x00-\x7F"),
    ("Latin-1Supplement", r"\x{80}-\x{FF}"),
    ("LatinExtended-A", r"\x{100}-\x{17F}"),
    ("LatinExtended-B", r"\x{180}-\x{24F}"),
    ("IPAExtensions", r"\x{250}-\x{2AF}"),
    ("Greek", r"\x{370}-\x{3FF}"),
    ("Cyrillic", r"\x{400}-\x{4FF}"),
    ("Armenian", r"\x{530}-\x{58F}"),
    ("Hebrew", r"\x{590}-\x{5FF}"),
    ("Arabic", r"\x{600}-\x{6FF}"),
    ("LatinExtendedAdditional", r"\x{1E00}-\x{1EFF}"),
    ("GeneralPunctuation", r"\x{2000}-\x{206F}"),
    ("Hiragana", r"\x{3040}-\x{309F}"),
    ("Katakana", r"\x{30A0}-\x{30FF}"),
    ("CJKUnifiedIdeographs", r"\x{4E00}-\x{9FFF}"),
];

/// The most compiled patterns kept for reuse ([`Pattern::new`]). The API's tables hold six
/// distinct patterns; a compiled one with Unicode classes is about 100 KB, so the 1,024 kept
/// before made the `rules_packet` fuzz target grow by 26 KB an input it had not seen, to
/// hundreds of megabytes (run over 5,000 inputs: 172 MB, now 65 MB, flat past 2,500).
const CACHED_PATTERNS: usize = 64;

impl Pattern {
    /// Compiles an XSD pattern; the error says what is wrong with it.
    pub fn new(source: &str) -> Result<Pattern, String> {
        // A pattern is a function of its text, and the API's few patterns recur in many value
        // types, both directions and both rule sets; one with Unicode classes (`\p{L}`) costs
        // a million instructions or more to compile, and compiling them again was a tenth of
        // compiling the whole API.
        // The cache is the one process-wide state of the library: a pure function's answers,
        // bounded, so that a process reading ever new rules files (the `rules_packet` fuzz
        // target, a language server whose `--rules` change) does not grow without end. The
        // API's tables hold a few dozen distinct patterns.
        static COMPILED: LazyLock<Mutex<HashMap<String, Pattern>>> = LazyLock::new(Mutex::default);
        let mut cache = COMPILED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(pattern) = cache.get(source) {
            return Ok(pattern.clone());
        }
        let pattern = Self::compile(source)?;
        if cache.len() >= CACHED_PATTERNS {
            cache.clear();
        }
        cache.insert(source.to_string(), pattern.clone());
        Ok(pattern)
    }

    fn compile(source: &str) -> Result<Pattern, String> {
        let mut parser = Parser {
            depth: 0,
            chars: source.chars().collect(),
            pos: 0,
        };
        let tree = parser
            .branches()
            .map_err(|e| format!("invalid pattern `{source}`: {e}"))?;
        if parser.pos < parser.chars.len() {
            return Err(format!("invalid pattern `{source}`: unmatched `)`"));
        }
        let translated = format!("^(?:{})$", to_regex(&tree));
        let regex = RegexBuilder::new(&translated)
            .size_limit(1 << 26)
            .build()
            .map_err(|e| format!("invalid pattern `{source}`: {e}"))?;
        Ok(Pattern {
            source: source.to_string(),
            regex,
            tree,
        })
    }

    /// The pattern as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the whole of `v` matches.
    pub fn is_match(&self, v: &str) -> bool {
        self.regex.is_match(v)
    }

    /// Strings the pattern matches: the first or last alternative of each choice, each
    /// repetition as close as it may be to a number of times from 0 to 256, so that one of
    /// them likely fits a length facet as well.
    pub fn samples(&self) -> Vec<String> {
        let mut classes = HashMap::new();
        let mut samples: Vec<String> = Vec::new();
        for last in [false, true] {
            for times in [
                0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 100, 128, 256,
            ] {
                let mut s = String::new();
                generate(&self.tree, times, last, &mut classes, &mut s);
                if !samples.contains(&s) {
                    samples.push(s);
                }
            }
        }
        samples
    }
}

fn to_regex(branches: &Branches) -> String {
    let branch = |pieces: &Vec<Piece>| pieces.iter().map(piece_regex).collect::<String>();
    branches.iter().map(branch).collect::<Vec<_>>().join("|")
}

fn piece_regex(piece: &Piece) -> String {
    let atom = match &piece.atom {
        Atom::Char(c) => regex::escape(c.encode_utf8(&mut [0; 4])),
        Atom::Class(class) => class.clone(),
        Atom::Group(branches) => format!("(?:{})", to_regex(branches)),
    };
    let quantifier = match (piece.min, piece.max) {
        (1, Some(1)) => String::new(),
        (0, Some(1)) => "?".into(),
        (0, None) => "*".into(),
        (1, None) => "+".into(),
        (min, None) => format!("{{{min},}}"),
        (min, Some(max)) if min == max => format!("{{{min}}}"),
        (min, Some(max)) => format!("{{{min},{max}}}"),
    };
    atom + &quantifier
}

/// Appends a string matching `branches` to `out`, repeating pieces about `times` times.
fn generate(
    branches: &Branches,
    times: u32,
    last: bool,
    classes: &mut HashMap<String, char>,
    out: &mut String,
) {
    let branch = if last {
        branches.last()
    } else {
        branches.first()
    };
    for piece in branch.into_iter().flatten() {
        let count = times.max(piece.min).min(piece.max.unwrap_or(u32::MAX));
        // A class's character is looked up once per piece, not once per repetition: with
        // nested groups repeated 256 times each, per-character lookups (a string clone and a
        // hash each) made one sample of a pattern type cost tens of milliseconds.
        let single = match &piece.atom {
            _ if count == 0 => None,
            Atom::Char(c) => Some(*c),
            Atom::Class(class) => Some(match classes.get(class) {
                Some(c) => *c,
                None => *classes
                    .entry(class.clone())
                    .or_insert_with(|| class_char(class)),
            }),
            Atom::Group(_) => None,
        };
        for _ in 0..count {
            if out.len() > 100_000 {
                return;
            }
            match (&piece.atom, single) {
                (_, Some(c)) => out.push(c),
                (Atom::Group(inner), None) => generate(inner, times, last, classes, out),
                _ => unreachable!("chars and classes have their character"),
            }
        }
    }
}

/// A character of the class, preferring plain ASCII letters and digits.
fn class_char(class: &str) -> char {
    let Ok(regex) = Regex::new(&format!("^{class}$")) else {
        return 'a';
    };
    let preferred = "aA0xX_-.:/ @";
    let candidates = preferred
        .chars()
        .chain((' '..='~').chain('\u{A0}'..='\u{3000}'));
    candidates
        .chain('\u{3001}'..='\u{FFFD}')
        .find(|c| regex.is_match(c.encode_utf8(&mut [0; 4])))
        .unwrap_or('a')
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    /// Groups and class subtractions open: the parser recurses into each, so a deeply
    /// nested pattern would overflow the stack of a worker thread.
    depth: usize,
}

/// How deep groups and class subtractions may nest (real patterns: three or four).
const MAX_DEPTH: usize = 64;

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek2(&self) -> Option<char> {
        self.chars.get(self.pos + 1).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        self.pos += usize::from(found);
        found
    }

    /// Runs `parse` one nesting level deeper, or fails past [`MAX_DEPTH`].
    fn deeper<T>(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<T, String>,
    ) -> Result<T, String> {
        if self.depth >= MAX_DEPTH {
            return Err(format!(
                "groups and classes nest more than {MAX_DEPTH} deep"
            ));
        }
        self.depth += 1;
        let result = parse(self);
        self.depth -= 1;
        result
    }

    /// `regExp ::= branch ( '|' branch )*`
    fn branches(&mut self) -> Result<Branches, String> {
        let mut branches = vec![self.branch()?];
        while self.eat('|') {
            branches.push(self.branch()?);
        }
        Ok(branches)
    }

    fn branch(&mut self) -> Result<Vec<Piece>, String> {
        let mut pieces = Vec::new();
        while self.peek().is_some_and(|c| c != '|' && c != ')') {
            let atom = self.atom()?;
            let (min, max) = self.quantifier()?;
            pieces.push(Piece { atom, min, max });
        }
        Ok(pieces)
    }

    fn atom(&mut self) -> Result<Atom, String> {
        Ok(match self.next().expect("called before a character") {
            '(' => {
                let inner = self.deeper(Self::branches)?;
                if !self.eat(')') {
                    return Err("unclosed `(`".into());
                }
                Atom::Group(inner)
            }
            '[' => Atom::Class(self.class()?),
            '\\' => self.escape()?,
            '.' => Atom::Class(r"[^\n\r]".into()),
            c @ ('?' | '*' | '+' | '{') => return Err(format!("`{c}` has nothing to repeat")),
            ']' => return Err("`]` without `[`: write `\\]` for the character".into()),
            c => Atom::Char(c),
        })
    }

    /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, or exactly once.
    fn quantifier(&mut self) -> Result<(u32, Option<u32>), String> {
        let bounds = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                self.pos += 1;
                let min = self.number().ok_or("expected a number after `{`")?;
                let max = if self.eat(',') {
                    self.number()
                } else {
                    Some(min)
                };
                if !self.eat('}') || max.is_some_and(|max| max < min) {
                    return Err(
                        "invalid quantifier: expected {n}, {n,} or {n,m} with n <= m".into(),
                    );
                }
                return Ok((min, max));
            }
            _ => return Ok((1, Some(1))),
        };
        self.pos += 1;
        Ok(bounds)
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        self.chars[start..self.pos]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    }

    /// After `\`: a single character, a multi-character class or a category.
    fn escape(&mut self) -> Result<Atom, String> {
        let c = self.next().ok_or("`\\` at the end of the pattern")?;
        let class = |s: String| Ok(Atom::Class(s));
        match c {
            'n' => Ok(Atom::Char('\n')),
            'r' => Ok(Atom::Char('\r')),
            't' => Ok(Atom::Char('\t')),
            '\\' | '|' | '.' | '?' | '*' | '+' | '(' | ')' | '{' | '}' | '-' | '[' | ']' | '^' => {
                Ok(Atom::Char(c))
            }
            's' => class(r"[ \t\n\r]".into()),
            'S' => class(r"[^ \t\n\r]".into()),
            'd' => class(r"\p{Nd}".into()),
            'D' => class(r"\P{Nd}".into()),
            'w' => class(r"[^\p{P}\p{Z}\p{C}]".into()),
            'W' => class(r"[\p{P}\p{Z}\p{C}]".into()),
            'i' | 'I' | 'c' | 'C' => {
                class(name_class(c.eq_ignore_ascii_case(&'c'), c.is_uppercase()))
            }
            'p' | 'P' => class(self.category(c == 'P')?),
            c => Err(format!("unknown escape `\\{c}`")),
        }
    }

    /// `{Name}` after `\p` or `\P`: a general category or `Is` and a block.
    fn category(&mut self, negated: bool) -> Result<String, String> {
        let start = self.pos + 1;
        if !self.eat('{') {
            return Err("expected `{` after `\\p`".into());
        }
        while self.next().ok_or("unclosed `\\p{`")? != '}' {}
        let name: String = self.chars[start..self.pos - 1].iter().collect();
        if let Some(block) = name.strip_prefix("Is") {
            let (_, range) = BLOCKS.iter().find(|(b, _)| *b == block).ok_or_else(|| {
                let known: Vec<_> = BLOCKS.iter().map(|(b, _)| *b).collect();
                format!(
                    "Unicode block `{name}` is not supported; known blocks: {}",
                    known.join(", ")
                )
            })?;
            return Ok(format!("[{}{range}]", if negated { "^" } else { "" }));
        }
        if !CATEGORIES.split(' ').any(|c| c == name) {
            return Err(format!("unknown Unicode category `{name}`"));
        }
        Ok(format!("\\{}{{{name}}}", if negated { 'P' } else { 'p' }))
    }

    /// After `[`: `^`? items, then optionally `-[...]` subtracted, then `]`.
    fn class(&mut self) -> Result<String, String> {
        let negated = self.eat('^');
        let mut items = String::new();
        let mut subtracted = None;
        loop {
            match self.peek() {
                None => return Err("unclosed `[`".into()),
                Some(']') if items.is_empty() => return Err("empty character class `[]`".into()),
                Some(']') => break,
                Some('-') if !items.is_empty() && self.peek2() == Some('[') => {
                    self.pos += 2;
                    subtracted = Some(self.deeper(Self::class)?);
                    if self.peek() != Some(']') {
                        return Err("a subtraction `-[...]` must end its class".into());
                    }
                    break;
                }
                Some(_) => items += &self.class_item()?,
            }
        }
        self.pos += 1;
        let base = format!("[{}{items}]", if negated { "^" } else { "" });
        Ok(match subtracted {
            Some(subtracted) => format!("[{base}--{subtracted}]"),
            None => base,
        })
    }

    /// A character, a range `a-z`, or a class escape, inside `[...]`.
    fn class_item(&mut self) -> Result<String, String> {
        let start = match self.class_char()? {
            Ok(c) => c,
            Err(class) => return Ok(class),
        };
        let is_range = self.peek() == Some('-') && !matches!(self.peek2(), Some(']' | '[') | None);
        if !is_range {
            return Ok(regex::escape(start.encode_utf8(&mut [0; 4])));
        }
        self.pos += 1;
        let Ok(end) = self.class_char()? else {
            return Err("a range cannot end in a class escape".into());
        };
        if end < start {
            return Err(format!("range `{start}-{end}` is out of order"));
        }
        let esc = |c: char| regex::escape(c.encode_utf8(&mut [0; 4]));
        Ok(format!("{}-{}", esc(start), esc(end)))
    }

    /// One character inside a class: `Ok(char)`, or `Err(class)` for an escape like `\d`.
    fn class_char(&mut self) -> Result<Result<char, String>, String> {
        match self.next().ok_or("unclosed `[`")? {
            '\\' => match self.escape()? {
                Atom::Char(c) => Ok(Ok(c)),
                Atom::Class(class) => Ok(Err(class)),
                Atom::Group(_) => unreachable!("an escape is never a group"),
            },
            '[' => Err("`[` inside a class must be escaped: `\\[`".into()),
            c => Ok(Ok(c)),
        }
    }
}
