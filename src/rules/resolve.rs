//! Name lookup and caching while compiling: which named model or value a name means from a
//! given file, in a given direction, and the compiled result shared by every later use.
//!
//! Lookup order (rules/README.md): the scope's direction table, then its shared table (each
//! over its layers, latest first), then `_shared.toml` the same way, then the built-ins.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use super::ast::{Body, Facet, Keyword, ValueExpr};
use super::compile::{ContentRule, ElementType, compile_body};
use super::files::Entry;
use super::syntax::{self, SyntaxError};
use super::value::ValueType;
use super::{Direction, RuleSet, RulesError, Scope};

/// What a name refers to.
pub enum TypeDef<'r> {
    /// A named model, with a resolver positioned in its entry.
    Model(Body, Resolver<'r>),
    /// A named value type, whose text parses (`Resolver::value` compiles it).
    Value,
    /// `any`, `empty`, or an `xs:` value type.
    Builtin(Arc<ElementType>),
}

/// What the compilation of one entry carries along. Compiled named types go to the rule set's
/// shared cache, locked only to look one up or to insert one, so that workers checking
/// packets in parallel compile different operations at the same time.
struct State {
    /// Named types being compiled, to report a type that contains itself.
    stack: Vec<(Scope, String)>,
}

/// How many named types may be in compilation at once, each inside the one before.
const MAX_CHAIN: usize = 128;

/// Resolves names for the entry being compiled.
pub struct Resolver<'r> {
    rules: &'r RuleSet,
    state: &'r RefCell<State>,
    direction: Direction,
    scope: Scope,
    entry: Entry,
}

/// Pops the type off the cycle stack when its compilation ends.
pub struct Guard<'r> {
    state: &'r RefCell<State>,
}

impl Drop for Guard<'_> {
    fn drop(&mut self) {
        self.state.borrow_mut().stack.pop();
    }
}

/// Compiles one operation, operator or packet entry.
pub fn compile_entry(
    rules: &RuleSet,
    scope: Scope,
    direction: Direction,
    entry: &Entry,
) -> Result<Arc<ElementType>, RulesError> {
    with_body(rules, scope, direction, entry, |resolver, body| {
        Ok(Arc::new(compile_body(resolver, body)?))
    })
}

/// Parses an entry's body and hands it, with a resolver positioned in the entry, to `work`.
fn with_body<T>(
    rules: &RuleSet,
    scope: Scope,
    direction: Direction,
    entry: &Entry,
    work: impl FnOnce(&mut Resolver, &Body) -> Result<T, RulesError>,
) -> Result<T, RulesError> {
    let state = RefCell::new(State { stack: Vec::new() });
    let mut resolver = Resolver {
        rules,
        state: &state,
        direction,
        scope,
        entry: entry.clone(),
    };
    let body = resolver.parse(syntax::parse_body(&entry.text))?;
    work(&mut resolver, &body)
}

/// The structure of one entry as a tree, for `explain`.
pub fn describe_entry(
    rules: &RuleSet,
    scope: Scope,
    direction: Direction,
    entry: &Entry,
) -> Result<Vec<super::tree::TreeNode>, RulesError> {
    with_body(rules, scope, direction, entry, super::tree::body_children)
}

/// An operator without an `[operator]` table holds any number of its operations.
pub fn compile_default_operator(
    rules: &RuleSet,
    scope: Scope,
    direction: Direction,
) -> Result<Arc<ElementType>, RulesError> {
    let name = match &scope {
        Scope::Operator(name) => name.to_string(),
        _ => String::new(),
    };
    let file = Arc::new(crate::source::SourceFile::new(
        format!("rules/{name}.toml [operator] (default)"),
        "OPERATIONS+",
    ));
    let entry = Entry {
        text: file.text.clone(),
        file,
        offset: 0,
    };
    compile_entry(rules, scope, direction, &entry)
}

impl<'r> Resolver<'r> {
    /// An error at `span` of the current model string.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> RulesError {
        let start = self.entry.offset + span.start;
        let end = self.entry.offset + span.end;
        RulesError::new(&self.entry.file, start..end, message.into())
    }

    fn parse<T>(&self, result: Result<T, SyntaxError>) -> Result<T, RulesError> {
        result.map_err(|e| {
            let mut error = self.error(e.span, e.message);
            error.help = e.help;
            error
        })
    }

    fn at(&self, scope: Scope, entry: Entry) -> Resolver<'r> {
        Resolver {
            rules: self.rules,
            state: self.state,
            direction: self.direction,
            scope,
            entry,
        }
    }

    /// Marks `name` as being compiled; an error if it already is (a type containing itself).
    pub fn enter(&self, name: &str, span: &Range<usize>) -> Result<Guard<'r>, RulesError> {
        let key = (self.scope.clone(), name.to_string());
        let mut state = self.state.borrow_mut();
        if state.stack.contains(&key) {
            return Err(self.error(span.clone(), format!("`{name}` contains itself")));
        }
        // Each named type compiles the next one recursively: a long chain would overflow the
        // stack (of a worker thread first). Real tables chain ten or so.
        if state.stack.len() >= MAX_CHAIN {
            return Err(self.error(
                span.clone(),
                format!("named types refer to each other more than {MAX_CHAIN} deep here"),
            ));
        }
        state.stack.push(key);
        Ok(Guard { state: self.state })
    }

    /// Finds the entry a name refers to, in lookup order; an error if a file on the way does
    /// not parse.
    fn find(&self, name: &str, models: bool) -> Result<Option<(Scope, Entry)>, RulesError> {
        let mut scopes = vec![self.scope.clone()];
        if self.scope != Scope::Shared {
            scopes.push(Scope::Shared);
        }
        for scope in scopes {
            let layers = self.rules.layers(&scope);
            for table in 0..2 {
                for layer in layers.iter().rev() {
                    let types = layer.file()?.types(self.direction)[table];
                    let map = if models { &types.models } else { &types.values };
                    if let Some(entry) = map.get(name) {
                        return Ok(Some((scope, entry.clone())));
                    }
                }
            }
        }
        Ok(None)
    }

    /// What `name` refers to.
    pub fn lookup(&self, name: &str, span: &Range<usize>) -> Result<TypeDef<'r>, RulesError> {
        match name {
            "any" => return Ok(TypeDef::Builtin(Arc::new(ElementType::any()))),
            "empty" => {
                return Ok(TypeDef::Builtin(Arc::new(ElementType::with_content(
                    ContentRule::Empty,
                ))));
            }
            _ => {}
        }
        if let Some(builtin) = ValueType::builtin(name) {
            return Ok(TypeDef::Builtin(Arc::new(ElementType::with_content(
                ContentRule::Text(builtin),
            ))));
        }
        if let Some((scope, entry)) = self.find(name, true)? {
            let resolver = self.at(scope, entry);
            let body = resolver.parse(syntax::parse_body(&resolver.entry.text))?;
            return Ok(TypeDef::Model(body, resolver));
        }
        if let Some((scope, entry)) = self.find(name, false)? {
            let resolver = self.at(scope, entry);
            resolver.parse(syntax::parse_value(&resolver.entry.text))?;
            return Ok(TypeDef::Value);
        }
        Err(self.error(
            span.clone(),
            format!("unknown type `{name}` (not a named model, a named value, or a built-in)"),
        ))
    }

    /// The compiled element type a name refers to.
    pub fn element_type(
        &mut self,
        name: &str,
        span: &Range<usize>,
    ) -> Result<Arc<ElementType>, RulesError> {
        // A named model compiled already is returned before its text is parsed again: the
        // shared types of a large operation are used dozens of times each.
        let builtin = matches!(name, "any" | "empty") || ValueType::is_builtin(name);
        if !builtin && let Some((scope, _)) = self.find(name, true)? {
            let key = (scope, self.direction, name.to_string());
            if let Some(found) = self.rules.cache().elements.get(&key) {
                return Ok(found.clone());
            }
        }
        match self.lookup(name, span)? {
            TypeDef::Builtin(ty) => Ok(ty),
            TypeDef::Value => {
                let value = self.value(name, span)?;
                Ok(Arc::new(ElementType::with_content(ContentRule::Text(
                    value,
                ))))
            }
            TypeDef::Model(body, mut inner) => {
                let key = (inner.scope.clone(), self.direction, name.to_string());
                if let Some(found) = self.rules.cache().elements.get(&key) {
                    return Ok(found.clone());
                }
                let _guard = inner.enter(name, span)?;
                let mut compiled = compile_body(&mut inner, &body)?;
                compiled.name = Some(name.into());
                // Another worker may have compiled the same type meanwhile: keep the first.
                let mut cache = self.rules.cache();
                Ok(cache
                    .elements
                    .entry(key)
                    .or_insert(Arc::new(compiled))
                    .clone())
            }
        }
    }

    /// The compiled value type a name refers to (for text and attributes).
    pub fn value(&mut self, name: &str, span: &Range<usize>) -> Result<Arc<ValueType>, RulesError> {
        if let Some(builtin) = ValueType::builtin(name) {
            return Ok(builtin);
        }
        let Some((scope, entry)) = self.find(name, false)? else {
            return Err(match self.find(name, true)? {
                Some(_) => self.error(
                    span.clone(),
                    format!(
                        "`{name}` is a model (element content), but a value type is needed here"
                    ),
                ),
                None => self.error(span.clone(), format!("unknown value type `{name}`")),
            });
        };
        let key = (scope.clone(), self.direction, name.to_string());
        if let Some(found) = self.rules.cache().values.get(&key) {
            return Ok(found.clone());
        }
        let mut inner = self.at(scope, entry);
        let expr = inner.parse(syntax::parse_value(&inner.entry.text))?;
        let _guard = inner.enter(name, span)?;
        let compiled = Arc::new(inner.compile_value(Some(name), &expr)?);
        let mut cache = self.rules.cache();
        Ok(cache.values.entry(key).or_insert(compiled).clone())
    }

    /// A named value type, narrowed by facets written in place when there are any.
    pub fn value_with_facets(
        &mut self,
        name: &str,
        span: &Range<usize>,
        facets: &[Facet],
    ) -> Result<Arc<ValueType>, RulesError> {
        if facets.is_empty() {
            return self.value(name, span);
        }
        self.inline_value(&ValueExpr::restricted(name, span, facets))
    }

    /// An anonymous value type written in place.
    pub fn inline_value(&mut self, expr: &ValueExpr) -> Result<Arc<ValueType>, RulesError> {
        Ok(Arc::new(self.compile_value(None, expr)?))
    }

    fn compile_value(
        &mut self,
        name: Option<&str>,
        expr: &ValueExpr,
    ) -> Result<ValueType, RulesError> {
        let mut failure = None;
        let result = ValueType::compile(name, expr, &mut |base, span| {
            self.value(base, span).map_err(|error| {
                failure = Some(error);
                SyntaxError {
                    message: String::new(),
                    span: span.clone(),
                    help: None,
                }
            })
        });
        match (result, failure) {
            (Ok(compiled), _) => Ok(compiled),
            (Err(_), Some(error)) => Err(error),
            (Err(error), None) => self.parse(Err(error)),
        }
    }

    /// The names a keyword stands for in this scope.
    pub fn keyword_names(
        &self,
        keyword: Keyword,
        span: &Range<usize>,
    ) -> Result<Vec<Arc<str>>, RulesError> {
        match (keyword, &self.scope) {
            (Keyword::Operations, Scope::Operator(operator)) => {
                Ok(self.rules.operations(operator, self.direction))
            }
            (Keyword::Operators, Scope::Packet) => Ok(self.rules.operators(self.direction)),
            (Keyword::Operations, _) => Err(self.error(
                span.clone(),
                "`OPERATIONS` is only meaningful in an operator's [operator] table",
            )),
            (Keyword::Operators, _) => Err(self.error(
                span.clone(),
                "`OPERATORS` is only meaningful in _packet.toml",
            )),
        }
    }
}
