//! The structure of an operation as a tree a person can read, for `plesk-lint explain`.
//!
//! Built from the syntax tree rather than the automaton, so that sequences, choices and
//! groups show as written; named models are expanded in place with their name shown.

use super::RulesError;
use super::ast::{Body, Content, Group, GroupKind, Occurs, Particle, TypeRef};
use super::resolve::{Resolver, TypeDef};

/// One line of the tree and the lines below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeNode {
    /// What this line says.
    pub label: String,
    /// What is nested under it.
    pub children: Vec<TreeNode>,
}

impl TreeNode {
    fn leaf(label: String) -> TreeNode {
        TreeNode {
            label,
            children: Vec::new(),
        }
    }

    /// Writes the tree with box-drawing guides.
    pub fn write(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(out, "{}", self.label)?;
        self.write_children(out, "")
    }

    fn write_children(&self, out: &mut dyn std::io::Write, prefix: &str) -> std::io::Result<()> {
        for (index, child) in self.children.iter().enumerate() {
            let last = index + 1 == self.children.len();
            let (branch, extend) = if last {
                ("└── ", "    ")
            } else {
                ("├── ", "│   ")
            };
            writeln!(out, "{prefix}{branch}{}", child.label)?;
            child.write_children(out, &format!("{prefix}{extend}"))?;
        }
        Ok(())
    }
}

/// Words for an occurrence.
pub(crate) fn occurrence(occurs: Occurs) -> String {
    match (occurs.min, occurs.max) {
        (1, Some(1)) => "required".into(),
        (0, Some(1)) => "optional".into(),
        (0, None) => "any number".into(),
        (1, None) => "one or more".into(),
        (min, None) => format!("{min} or more"),
        (min, Some(max)) => format!("{min} to {max}"),
    }
}

/// The children of an element with this body.
pub(crate) fn body_children(
    resolver: &mut Resolver,
    body: &Body,
) -> Result<Vec<TreeNode>, RulesError> {
    let mut nodes: Vec<TreeNode> = body
        .attributes
        .iter()
        .map(|a| {
            let need = if a.required { "required" } else { "optional" };
            TreeNode::leaf(format!("@{}  {}  {need}", a.name, a.ty))
        })
        .collect();
    match &body.content {
        Content::Empty => nodes.push(TreeNode::leaf("(empty)".into())),
        Content::Any => nodes.push(TreeNode::leaf("(any content)".into())),
        Content::Text { name, .. } => nodes.push(TreeNode::leaf(format!("#text  {name}"))),
        Content::Model(group) => nodes.extend(group_items(resolver, group)?),
    }
    Ok(nodes)
}

fn group_items(resolver: &mut Resolver, group: &Group) -> Result<Vec<TreeNode>, RulesError> {
    let mut nodes = Vec::new();
    for item in &group.items {
        nodes.extend(particle(resolver, item)?);
    }
    Ok(match group.kind {
        GroupKind::Sequence => nodes,
        GroupKind::Choice => vec![TreeNode {
            label: "one of:".into(),
            children: nodes,
        }],
        GroupKind::All => vec![TreeNode {
            label: "in any order:".into(),
            children: nodes,
        }],
    })
}

fn particle(resolver: &mut Resolver, particle: &Particle) -> Result<Vec<TreeNode>, RulesError> {
    Ok(match particle {
        Particle::Element(decl) => {
            let (type_label, children) = type_tree(resolver, &decl.ty)?;
            vec![TreeNode {
                label: format!("<{}>  {type_label}  {}", decl.name, occurrence(decl.occurs)),
                children,
            }]
        }
        Particle::Group(group) if group.occurs == Occurs::ONCE => group_items(resolver, group)?,
        Particle::Group(group) => {
            let once = Group {
                occurs: Occurs::ONCE,
                ..group.clone()
            };
            let mut children = group_items(resolver, &once)?;
            let occurs = occurrence(group.occurs);
            // `(a | b)?` reads better as one line than as a group holding a choice.
            if let [only] = children.as_mut_slice()
                && only.label == "one of:"
            {
                only.label = format!("one of ({occurs}):");
                return Ok(children);
            }
            vec![TreeNode {
                label: format!("all of ({occurs}):"),
                children,
            }]
        }
        Particle::Splice { name, span } => match resolver.lookup(name, span)? {
            TypeDef::Model(body, mut inner) => {
                let _guard = inner.enter(name, span)?;
                body_children(&mut inner, &body)?
            }
            _ => vec![TreeNode::leaf(format!("...{name}"))],
        },
        Particle::Keyword {
            keyword,
            occurs,
            span,
        } => {
            let names = resolver.keyword_names(*keyword, span)?;
            vec![TreeNode {
                label: format!("one of ({}):", occurrence(*occurs)),
                children: names
                    .iter()
                    .map(|n| TreeNode::leaf(format!("<{n}>")))
                    .collect(),
            }]
        }
        Particle::Wildcard { occurs, .. } => vec![TreeNode::leaf(format!(
            "any element  {}",
            occurrence(*occurs)
        ))],
    })
}

fn type_tree(resolver: &mut Resolver, ty: &TypeRef) -> Result<(String, Vec<TreeNode>), RulesError> {
    Ok(match ty {
        TypeRef::Named { name, span, .. } => match resolver.lookup(name, span)? {
            TypeDef::Model(body, mut inner) => {
                let _guard = inner.enter(name, span)?;
                (format!("({name})"), body_children(&mut inner, &body)?)
            }
            TypeDef::Value => (resolver.value(name, span)?.describe(), Vec::new()),
            TypeDef::Builtin(_) if name == "any" => ("any content".into(), Vec::new()),
            TypeDef::Builtin(_) if name == "empty" => ("empty".into(), Vec::new()),
            TypeDef::Builtin(_) => (resolver.value(name, span)?.describe(), Vec::new()),
        },
        TypeRef::Inline(body) => (String::new(), body_children(resolver, body)?),
        TypeRef::Value { expr, .. } => (resolver.inline_value(expr)?.describe(), Vec::new()),
    })
}
