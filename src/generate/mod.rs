//! A corpus of packets for differential testing: for every operation of both directions,
//! valid packets (the minimal one, and ones with optional parts, other choice branches and
//! repetitions) and mutants of them with one typical mistake each, whose line is recorded.
//!
//! Everything is derived from the compiled rules, so the corpus covers exactly what the rules
//! say; an independent validator (xmllint on the official schema) then tells whether the rules
//! say what the schema says. The output depends only on the rules and the seed.

mod build;
mod mutate;
mod rng;
mod tree;
mod values;
mod walk;
mod write;

use std::collections::HashSet;
use std::sync::Arc;

pub use mutate::{Mutation, UNKNOWN_NAME};
pub use write::{MANIFEST, write_corpus};

use build::Builder;
use rng::Rng;
use tree::{Element, render};
use values::ValueSamples;
use walk::{Coverage, Distances, Style};

use crate::rules::compile::ElementType;
use crate::rules::{Direction, RuleSet, RulesError};

/// The protocol version every generated packet declares.
pub const PROTOCOL_VERSION: &str = "1.6.3.0";

/// The pseudo-operator of the packet-level `<system>` response.
pub const PACKET_OPERATOR: &str = "packet";

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Seeds every random choice.
    pub seed: u64,
    /// Valid packets per operation: the minimal one, a thorough one, then random ones.
    /// Identical packets are written once.
    pub variants: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            seed: 1,
            variants: 4,
        }
    }
}

/// One generated packet.
#[derive(Debug, Clone)]
pub struct Packet {
    /// Path relative to the output directory: `request/site.set_traffic.v1.drop.xml`.
    pub file: String,
    /// Its grammar.
    pub direction: Direction,
    /// The operator (`packet` for the packet-level `<system>`).
    pub operator: Arc<str>,
    /// The operation (`system` for the packet-level `<system>`).
    pub operation: Arc<str>,
    /// `min`, `v1`, `v2`, …
    pub variant: String,
    /// The mistake, or `None` for a valid packet.
    pub mutation: Option<Mutation>,
    /// The 1-based line of the mutated element (mutants only); for a dropped element, the
    /// line it is missing from (see [`Mutation::Drop`]).
    pub line: Option<usize>,
    /// For a swap, the line of the other swapped element.
    pub other_line: Option<usize>,
    /// What the mutation did.
    pub detail: String,
    /// The packet.
    pub text: String,
}

/// The generated packets, in a fixed order, and the rules entries that did not compile.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Valid packets, each followed by its mutants.
    pub packets: Vec<Packet>,
    /// Operations that could not be generated.
    pub errors: Vec<RulesError>,
}

/// Generates the corpus for every operation of both directions.
pub fn corpus(rules: &RuleSet, options: Options) -> Corpus {
    let mut corpus = Corpus::default();
    let mut shared = Shared::default();
    for direction in [Direction::Request, Direction::Response] {
        for operator in rules.operators(direction) {
            for operation in rules.operations(&operator, direction) {
                match rules.operation_type(&operator, &operation, direction) {
                    Some(Ok(ty)) => {
                        let unit = Unit {
                            direction,
                            operator: operator.clone(),
                            operation: operation.clone(),
                            ty,
                        };
                        unit.generate(options, &mut shared, &mut corpus.packets);
                    }
                    Some(Err(error)) => corpus.errors.push(error),
                    None => {}
                }
            }
        }
    }
    match system_type(rules) {
        Ok(Some(ty)) => {
            let unit = Unit {
                direction: Direction::Response,
                operator: PACKET_OPERATOR.into(),
                operation: "system".into(),
                ty,
            };
            unit.generate(options, &mut shared, &mut corpus.packets);
        }
        Ok(None) => {}
        Err(error) => corpus.errors.push(error),
    }
    corpus
}

/// The type of the response packet's `<system>` element.
fn system_type(rules: &RuleSet) -> Result<Option<Arc<ElementType>>, RulesError> {
    let packet = rules.packet_type(Direction::Response)?;
    let crate::rules::compile::ContentRule::Children(automaton) = &packet.content else {
        return Ok(None);
    };
    Ok(automaton.positions.iter().find_map(|p| match &p.rule {
        crate::rules::automaton::ChildRule::Typed(ty) if p.name.as_deref() == Some("system") => {
            Some(ty.clone())
        }
        _ => None,
    }))
}

/// What every packet of a run shares: per-model and per-type computations.
#[derive(Default)]
struct Shared {
    distances: Distances,
    values: ValueSamples,
}

/// One operation in one direction, or the packet-level `<system>`.
struct Unit {
    direction: Direction,
    operator: Arc<str>,
    operation: Arc<str>,
    ty: Arc<ElementType>,
}

impl Unit {
    fn generate(&self, options: Options, shared: &mut Shared, out: &mut Vec<Packet>) {
        let mut coverage = Coverage::default();
        let mut seen = HashSet::new();
        for index in 0..options.variants.max(1) {
            let (variant, style) = match index {
                0 => ("min".to_string(), Style::Minimal),
                1 => ("v1".to_string(), Style::Thorough),
                n => (format!("v{n}"), Style::Random),
            };
            let unit_rng = |purpose: &str| {
                Rng::for_unit(
                    options.seed,
                    &[
                        self.direction.as_str(),
                        &self.operator,
                        &self.operation,
                        &variant,
                        purpose,
                    ],
                )
            };
            let mut builder = Builder {
                style,
                rng: unit_rng("build"),
                coverage: &mut coverage,
                distances: &mut shared.distances,
                values: &mut shared.values,
            };
            let body = builder.element(&self.operation, &self.ty);
            let root = self.envelope(body);
            let (text, _) = render(&root, &[]);
            if !seen.insert(text.clone()) {
                continue;
            }
            out.push(self.packet(&variant, None, [None, None], String::new(), text));
            let mut rng = unit_rng("mutate");
            for kind in Mutation::ALL {
                let Some(mutant) = mutate::mutate(&root, kind, &mut rng, &mut shared.values) else {
                    continue;
                };
                let anchors: Vec<_> = [Some(mutant.anchor), mutant.partner]
                    .into_iter()
                    .flatten()
                    .collect();
                let (text, lines) = render(&mutant.root, &anchors);
                let lines = [lines[0], lines.get(1).copied().flatten()];
                out.push(self.packet(&variant, Some(kind), lines, mutant.detail, text));
            }
        }
    }

    /// `<packet version=…>` around the operator around the operation (or around `<system>`).
    fn envelope(&self, body: Element) -> Element {
        let inner = if &*self.operator == PACKET_OPERATOR {
            body
        } else {
            Element::with_children(&self.operator, vec![body])
        };
        let mut packet = Element::with_children("packet", vec![inner]);
        packet.attributes.push(tree::Attribute {
            name: "version".into(),
            value: PROTOCOL_VERSION.into(),
            ty: crate::rules::value::ValueType::builtin("xs:string").expect("a built-in"),
        });
        packet
    }

    fn packet(
        &self,
        variant: &str,
        mutation: Option<Mutation>,
        [line, other_line]: [Option<usize>; 2],
        detail: String,
        text: String,
    ) -> Packet {
        let suffix = mutation.map_or(String::new(), |m| format!(".{}", m.as_str()));
        Packet {
            file: format!(
                "{}/{}.{}.{variant}{suffix}.xml",
                self.direction.as_str(),
                self.operator,
                self.operation
            ),
            direction: self.direction,
            operator: self.operator.clone(),
            operation: self.operation.clone(),
            variant: variant.to_string(),
            mutation,
            line,
            other_line,
            detail,
            text,
        }
    }
}
