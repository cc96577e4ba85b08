//! Turning a parsed body into a checkable element type: resolving named types and splices,
//! unrolling repetitions, and building the automaton.
//!
//! Named types are compiled once per scope and direction and shared through `Arc`; an
//! operation's whole subtree compiles the first time a packet uses it.

use std::sync::Arc;

use super::RulesError;
use super::ast::{Body, Content, ElementDecl, Group, GroupKind, Occurs, Particle, TypeRef};
use super::automaton::{Automaton, ChildRule, Decl, Position, Re};
use super::resolve::{Resolver, TypeDef};
use super::value::ValueType;

/// Repetition bounds above this are not unrolled (the schema's largest is 11).
const MAX_UNROLL: u32 = 64;

/// The most positions one content model may compile to. The largest model of the API has a
/// few hundred; bounds that nest multiply (`(((a{1,64}){1,64}){1,64}){1,64}` would be 16
/// million), so a rules file gets an error instead of minutes and gigabytes of compiling.
const MAX_POSITIONS: usize = 4096;

/// What an element must look like.
#[derive(Debug, Clone)]
pub struct ElementType {
    /// The named type it came from, for messages and `explain`.
    pub name: Option<Arc<str>>,
    /// Declared attributes.
    pub attributes: Vec<AttributeRule>,
    /// What it contains.
    pub content: ContentRule,
    /// It may be `xsi:nil="true"` and empty.
    pub nillable: bool,
    /// An empty element is checked as if it held this text (XSD `default=`).
    pub default: Option<Arc<str>>,
}

/// A declared attribute.
#[derive(Debug, Clone)]
pub struct AttributeRule {
    /// The attribute name.
    pub name: Arc<str>,
    /// It must be present.
    pub required: bool,
    /// Its value type.
    pub value: Arc<ValueType>,
}

/// What an element contains.
#[derive(Debug, Clone)]
pub enum ContentRule {
    /// Anything at all: not checked.
    Any,
    /// Nothing at all.
    Empty,
    /// A text value.
    Text(Arc<ValueType>),
    /// Child elements in an order the automaton accepts.
    Children(Automaton),
    /// Child elements in any order, each at most once (xs:all).
    All(Vec<AllMember>),
}

/// A member of an unordered group.
#[derive(Debug, Clone)]
pub struct AllMember {
    /// The element name.
    pub name: Arc<str>,
    /// It must be present.
    pub required: bool,
    /// Its type.
    pub ty: Arc<ElementType>,
}

impl ElementType {
    /// An element whose content is not checked.
    pub fn any() -> ElementType {
        ElementType::with_content(ContentRule::Any)
    }

    /// An element with this content and nothing else.
    pub fn with_content(content: ContentRule) -> ElementType {
        ElementType {
            name: None,
            attributes: Vec::new(),
            content,
            nillable: false,
            default: None,
        }
    }
}

/// Compiles `body` in the resolver's scope.
pub fn compile_body(resolver: &mut Resolver, body: &Body) -> Result<ElementType, RulesError> {
    let mut builder = Builder::default();
    builder.add_attributes(resolver, body)?;
    let content = match &body.content {
        Content::Empty => ContentRule::Empty,
        Content::Any => ContentRule::Any,
        Content::Text { name, span, facets } => {
            ContentRule::Text(resolver.value_with_facets(name, span, facets)?)
        }
        Content::Model(group) if group.kind == GroupKind::All => {
            ContentRule::All(all_members(resolver, group)?)
        }
        Content::Model(group) => {
            let root = Context {
                choices: Vec::new(),
                repeat: Some(1),
                alternatives: None,
            };
            let re = builder.group(resolver, group, &root)?;
            // A model without a single element position (`...NoneType`) accepts nothing.
            if builder.positions.is_empty() {
                ContentRule::Empty
            } else {
                ContentRule::Children(Automaton::build(
                    &re,
                    builder.positions,
                    builder.decls,
                    builder.choice_names,
                ))
            }
        }
    };
    Ok(ElementType {
        name: None,
        attributes: builder.attributes,
        content,
        nillable: false,
        default: None,
    })
}

/// Compiles an element's type reference.
pub fn compile_type(resolver: &mut Resolver, ty: &TypeRef) -> Result<Arc<ElementType>, RulesError> {
    match ty {
        TypeRef::Named {
            name,
            span,
            nillable,
        } => {
            let compiled = resolver.element_type(name, span)?;
            if *nillable && !compiled.nillable {
                let mut copy = (*compiled).clone();
                copy.nillable = true;
                return Ok(Arc::new(copy));
            }
            Ok(compiled)
        }
        TypeRef::Inline(body) => Ok(Arc::new(compile_body(resolver, body)?)),
        TypeRef::Value { expr, nillable } => {
            let mut ty = ElementType::with_content(ContentRule::Text(resolver.inline_value(expr)?));
            ty.nillable = *nillable;
            Ok(Arc::new(ty))
        }
    }
}

fn all_members(resolver: &mut Resolver, group: &Group) -> Result<Vec<AllMember>, RulesError> {
    let mut members = Vec::new();
    for item in &group.items {
        let Particle::Element(decl) = item else {
            return Err(resolver.error(
                particle_span(item),
                "only elements can be members of an unordered (`&`) group",
            ));
        };
        members.push(AllMember {
            name: decl.name.as_str().into(),
            required: decl.occurs.min > 0 && group.occurs.min > 0,
            ty: compile_decl_type(resolver, decl)?,
        });
    }
    Ok(members)
}

/// The type of a declared element, with its `default`, if any (in a sequence, a choice or an
/// xs:all alike).
fn compile_decl_type(
    resolver: &mut Resolver,
    decl: &ElementDecl,
) -> Result<Arc<ElementType>, RulesError> {
    let ty = compile_type(resolver, &decl.ty)?;
    Ok(match &decl.default {
        Some(default) => {
            let mut copy = (*ty).clone();
            copy.default = Some(default.as_str().into());
            Arc::new(copy)
        }
        None => ty,
    })
}

fn particle_span(particle: &Particle) -> std::ops::Range<usize> {
    match particle {
        Particle::Element(decl) => decl.name_span.clone(),
        Particle::Group(group) => group.span.clone(),
        Particle::Splice { span, .. }
        | Particle::Keyword { span, .. }
        | Particle::Wildcard { span, .. } => span.clone(),
    }
}

/// Collects positions, declarations and attributes while turning particles into `Re`.
#[derive(Default)]
struct Builder {
    positions: Vec<Position>,
    decls: Vec<Decl>,
    choice_names: Vec<Vec<Arc<str>>>,
    attributes: Vec<AttributeRule>,
}

/// The enclosing context of a particle: the one-of choices it is a branch of, and how often
/// the enclosing groups may repeat.
#[derive(Clone)]
struct Context {
    choices: Vec<(u32, u32)>,
    repeat: Option<u32>,
    /// The choice this particle is directly a branch of, repeatable or not.
    alternatives: Option<u32>,
}

impl Builder {
    fn add_attributes(&mut self, resolver: &mut Resolver, body: &Body) -> Result<(), RulesError> {
        for attribute in &body.attributes {
            let value =
                resolver.value_with_facets(&attribute.ty, &attribute.ty_span, &attribute.facets)?;
            self.attributes.push(AttributeRule {
                name: attribute.name.as_str().into(),
                required: attribute.required,
                value,
            });
        }
        Ok(())
    }

    fn group(
        &mut self,
        resolver: &mut Resolver,
        group: &Group,
        context: &Context,
    ) -> Result<Re, RulesError> {
        let inner = Context {
            repeat: multiply(context.repeat, group.occurs.max),
            ..context.clone()
        };
        self.repeat(
            resolver,
            &group.span,
            group.occurs,
            &inner,
            &mut |b, r, ctx| b.group_once(r, group, ctx),
        )
    }

    fn group_once(
        &mut self,
        resolver: &mut Resolver,
        group: &Group,
        context: &Context,
    ) -> Result<Re, RulesError> {
        match group.kind {
            GroupKind::Sequence => {
                let mut inner = context.clone();
                if group.items.len() > 1 {
                    inner.alternatives = None;
                }
                let mut items = Vec::with_capacity(group.items.len());
                for item in &group.items {
                    items.push(self.particle(resolver, item, &inner)?);
                }
                Ok(Re::Seq(items))
            }
            GroupKind::Choice => {
                let exclusive = context.repeat == Some(1);
                let id = self.choice_names.len() as u32;
                self.choice_names
                    .push(group.items.iter().map(first_name).collect());
                let mut branches = Vec::with_capacity(group.items.len());
                for (index, item) in group.items.iter().enumerate() {
                    let mut inner = context.clone();
                    inner.alternatives = Some(id);
                    if exclusive {
                        inner.choices.push((id, index as u32));
                    }
                    branches.push(self.particle(resolver, item, &inner)?);
                }
                Ok(Re::Alt(branches))
            }
            GroupKind::All => Err(resolver.error(
                group.span.clone(),
                "an unordered (`&`) group must be the whole model of a type",
            )),
        }
    }

    fn particle(
        &mut self,
        resolver: &mut Resolver,
        particle: &Particle,
        context: &Context,
    ) -> Result<Re, RulesError> {
        match particle {
            Particle::Element(decl) => self.element(resolver, decl, context),
            Particle::Group(group) => self.group(resolver, group, context),
            Particle::Splice { name, span } => self.splice(resolver, name, span, context),
            Particle::Keyword {
                keyword,
                occurs,
                span,
            } => {
                let names = resolver.keyword_names(*keyword, span)?;
                let rule = match keyword {
                    super::ast::Keyword::Operations => ChildRule::Operation,
                    super::ast::Keyword::Operators => ChildRule::Operator,
                };
                let inner = Context {
                    repeat: multiply(context.repeat, occurs.max),
                    ..context.clone()
                };
                self.repeat(resolver, span, *occurs, &inner, &mut |b, _, ctx| {
                    let id = b.choice_names.len() as u32;
                    b.choice_names.push(names.clone());
                    let alternatives = names
                        .iter()
                        .enumerate()
                        .map(|(index, name)| {
                            let mut branch = ctx.clone();
                            branch.alternatives = Some(id);
                            if ctx.repeat == Some(1) {
                                branch.choices.push((id, index as u32));
                            }
                            b.position(name.clone(), rule.clone(), None, &branch)
                        })
                        .collect();
                    Ok(Re::Alt(alternatives))
                })
            }
            Particle::Wildcard { occurs, span } => {
                let inner = Context {
                    repeat: multiply(context.repeat, occurs.max),
                    ..context.clone()
                };
                self.repeat(resolver, span, *occurs, &inner, &mut |b, _, ctx| {
                    Ok(b.position("*".into(), ChildRule::Wildcard, None, ctx))
                })
            }
        }
    }

    fn element(
        &mut self,
        resolver: &mut Resolver,
        decl: &ElementDecl,
        context: &Context,
    ) -> Result<Re, RulesError> {
        let ty = compile_decl_type(resolver, decl)?;
        let inner = Context {
            repeat: multiply(context.repeat, decl.occurs.max),
            ..context.clone()
        };
        let decl_index = self.decls.len() as u32;
        self.decls.push(Decl {
            name: decl.name.as_str().into(),
            max: inner.repeat,
            choices: inner.choices.clone(),
            alternatives: inner.alternatives,
        });
        self.repeat(
            resolver,
            &decl.name_span,
            decl.occurs,
            &inner,
            &mut |b, _, ctx| {
                let name: Arc<str> = decl.name.as_str().into();
                Ok(b.position(name, ChildRule::Typed(ty.clone()), Some(decl_index), ctx))
            },
        )
    }

    fn splice(
        &mut self,
        resolver: &mut Resolver,
        name: &str,
        span: &std::ops::Range<usize>,
        context: &Context,
    ) -> Result<Re, RulesError> {
        let (body, mut inner_resolver) = match resolver.lookup(name, span)? {
            TypeDef::Model(body, scoped) => (body, scoped),
            _ => {
                return Err(resolver.error(
                    span.clone(),
                    format!("`...{name}` needs a named model, and `{name}` is not one"),
                ));
            }
        };
        let inner_resolver = &mut inner_resolver;
        let _guard = inner_resolver.enter(name, span)?;
        self.add_attributes(inner_resolver, &body)?;
        match &body.content {
            Content::Empty => Ok(Re::Empty),
            Content::Model(group) if group.kind != GroupKind::All => {
                self.group(inner_resolver, group, context)
            }
            _ => Err(resolver.error(
                span.clone(),
                format!("`{name}` has text or unordered content and cannot be spliced"),
            )),
        }
    }

    /// Adds one position and returns it as `Re`. Wildcards and keyword alternatives get a
    /// declaration of their own.
    fn position(
        &mut self,
        name: Arc<str>,
        rule: ChildRule,
        decl: Option<u32>,
        context: &Context,
    ) -> Re {
        let decl = decl.unwrap_or_else(|| {
            self.decls.push(Decl {
                name: name.clone(),
                max: context.repeat,
                choices: context.choices.clone(),
                alternatives: context.alternatives,
            });
            self.decls.len() as u32 - 1
        });
        let wildcard = matches!(rule, ChildRule::Wildcard);
        self.positions.push(Position {
            name: (!wildcard).then_some(name),
            rule,
            decl,
        });
        Re::Pos(self.positions.len() as u32)
    }

    /// Unrolls `occurs` around `build`, calling it once per copy so every copy gets fresh
    /// positions: `x{2,4}` is `x, x, (x, (x)?)?`, which stays deterministic when `x` is.
    fn repeat(
        &mut self,
        resolver: &mut Resolver,
        span: &std::ops::Range<usize>,
        occurs: Occurs,
        context: &Context,
        build: &mut dyn FnMut(&mut Builder, &mut Resolver, &Context) -> Result<Re, RulesError>,
    ) -> Result<Re, RulesError> {
        if occurs.min > MAX_UNROLL || occurs.max.is_some_and(|max| max > MAX_UNROLL) {
            return Err(resolver.error(
                span.clone(),
                format!("repetition bounds above {MAX_UNROLL} are not supported"),
            ));
        }
        if occurs == Occurs::ONCE {
            return build(self, resolver, context);
        }
        // Checked before every copy, so growth stops within one copy of the limit.
        let mut copy = |b: &mut Builder, resolver: &mut Resolver| {
            if b.positions.len() > MAX_POSITIONS {
                return Err(resolver.error(
                    span.clone(),
                    format!(
                        "this model unrolls to more than {MAX_POSITIONS} element positions; \
                         nested repetition bounds multiply"
                    ),
                ));
            }
            build(b, resolver, context)
        };
        let mut items = Vec::new();
        for _ in 0..occurs.min {
            items.push(copy(self, resolver)?);
        }
        match occurs.max {
            None => items.push(Re::Star(Box::new(copy(self, resolver)?))),
            Some(max) => {
                let mut tail = Re::Empty;
                for _ in occurs.min..max {
                    let copy = copy(self, resolver)?;
                    tail = Re::Opt(Box::new(match tail {
                        Re::Empty => copy,
                        rest => Re::Seq(vec![copy, rest]),
                    }));
                }
                items.push(tail);
            }
        }
        Ok(Re::Seq(items))
    }
}

fn multiply(outer: Option<u32>, inner: Option<u32>) -> Option<u32> {
    Some(outer?.saturating_mul(inner?))
}

/// The element name that starts a choice branch, for "only one of" messages.
fn first_name(particle: &Particle) -> Arc<str> {
    match particle {
        Particle::Element(decl) => decl.name.as_str().into(),
        Particle::Group(group) => group.items.first().map_or("()".into(), first_name),
        Particle::Splice { name, .. } => format!("...{name}").into(),
        Particle::Keyword { keyword, .. } => match keyword {
            super::ast::Keyword::Operations => "any operation".into(),
            super::ast::Keyword::Operators => "any operator".into(),
        },
        Particle::Wildcard { .. } => "*".into(),
    }
}
