//! JSON documents written one finding at a time: the JSON, SARIF, GitLab and reviewdog
//! renderers built each whole document as a `serde_json::Value` first, about 16 KB a finding
//! in SARIF (2.1 GB for the 130,563 findings of a 930 KB file before they were capped per
//! packet). Here the array of findings is an iterator, each element built as it is written;
//! the output is byte for byte what the whole value wrote (keys in the same sorted order).

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// An array whose elements `items` makes as they are written.
pub(super) struct Array<F>(pub F);

impl<F, I> Serialize for Array<F>
where
    F: Fn() -> I,
    I: Iterator<Item = Value>,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// `object` with one more member, `key`, whose value is written from `value`: where
/// `serde_json` (sorted keys) would place it.
pub(super) struct With<'a, T> {
    pub object: &'a Map<String, Value>,
    pub key: &'static str,
    pub value: T,
}

impl<T: Serialize> Serialize for With<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.object.len() + 1))?;
        let mut written = false;
        for (key, value) in self.object {
            if !written && self.key < key.as_str() {
                map.serialize_entry(self.key, &self.value)?;
                written = true;
            }
            map.serialize_entry(key, value)?;
        }
        if !written {
            map.serialize_entry(self.key, &self.value)?;
        }
        map.end()
    }
}

/// The members of a JSON object (`json!({…})`); none for any other value.
pub(super) fn members(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(members) => members,
        _ => Map::new(),
    }
}

/// Writes `value` pretty-printed, then a newline.
pub(super) fn write_pretty(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pretty(value: &impl Serialize) -> String {
        let mut out = Vec::new();
        write_pretty(&mut out, value).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn the_written_document_is_the_whole_values() {
        let items = || (0..3).map(|i| json!({"b": i, "a": [i, "x"]}));
        let whole: Vec<Value> = items().collect();
        assert_eq!(pretty(&Array(items)), pretty(&whole));
        assert_eq!(pretty(&Array(std::iter::empty)), pretty(&json!([])));
        for key in ["a", "m", "z"] {
            let map = &members(json!({"b": 1, "y": {"c": 2}}));
            let mut complete = map.clone();
            complete.insert(key.to_string(), Value::Array(whole.clone()));
            let lazy = With {
                object: map,
                key,
                value: Array(items),
            };
            assert_eq!(pretty(&lazy), pretty(&Value::Object(complete)), "{key}");
        }
    }
}
