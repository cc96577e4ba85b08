//! The texts each value type accepts and rejects, computed once per run: generating strings
//! from patterns is not cheap, and the same types recur all over the API.

use std::collections::HashMap;
use std::sync::Arc;

use super::rng::Rng;
use crate::rules::value::ValueType;

/// Valid and invalid texts by value type.
#[derive(Debug, Default)]
pub struct ValueSamples {
    /// Keyed by the type's address; the `Arc` held here keeps that address from being reused.
    by_type: HashMap<usize, Samples>,
}

#[derive(Debug)]
struct Samples {
    _ty: Arc<ValueType>,
    valid: Vec<String>,
    invalid: Vec<String>,
}

impl ValueSamples {
    fn of(&mut self, ty: &Arc<ValueType>) -> &Samples {
        self.by_type
            .entry(Arc::as_ptr(ty) as usize)
            .or_insert_with(|| Samples {
                _ty: ty.clone(),
                valid: ty.valid_samples(),
                invalid: ty.invalid_samples(),
            })
    }

    /// A valid text: the typical one, or with `rng` any of the known valid ones.
    pub fn valid(&mut self, ty: &Arc<ValueType>, rng: Option<&mut Rng>) -> String {
        let valid = &self.of(ty).valid;
        match (rng, valid.len()) {
            (_, 0) => ty.sample(),
            (Some(rng), n) => valid[rng.below(n)].clone(),
            (None, _) => valid[0].clone(),
        }
    }

    /// Whether the type rejects anything we know of.
    pub fn can_be_invalid(&mut self, ty: &Arc<ValueType>) -> bool {
        !self.of(ty).invalid.is_empty()
    }

    /// One of the known invalid texts, if any.
    pub fn invalid(&mut self, ty: &Arc<ValueType>, rng: &mut Rng) -> Option<String> {
        let invalid = &self.of(ty).invalid;
        (!invalid.is_empty()).then(|| invalid[rng.below(invalid.len())].clone())
    }
}
