//! `plesk-lint server` at the protocol level: the built binary is spawned and spoken to in
//! JSON-RPC over its stdin and stdout, as an editor does. Then the same with a real editor:
//! headless Neovim (tests/nvim/e2e.lua).

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::lsp_wire::{read_message, spawn_server, write_message};

const TIMEOUT: Duration = Duration::from_secs(20);

/// A server process and the messages it sent that nobody has looked at yet.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    pending: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = spawn_server();
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            pending: Vec::new(),
            next_id: 0,
        }
    }

    /// A server after `initialize` (with these client capabilities and options) and
    /// `initialized`; the `initialize` result.
    fn initialized(capabilities: Value, options: Value, root: Option<&Path>) -> (Client, Value) {
        let mut client = Client::start();
        let root_uri = root.map(file_uri);
        let folders = root_uri
            .as_ref()
            .map(|uri| json!([{ "uri": uri, "name": "root" }]));
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": folders,
                "capabilities": capabilities,
                "initializationOptions": options,
            }),
        );
        let result = result.get("result").cloned().expect("initialize succeeds");
        client.notify("initialized", json!({}));
        (client, result)
    }

    fn send(&mut self, message: Value) {
        write_message(&mut self.stdin, &message);
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("written");
        self.stdin.flush().expect("flushed");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The first message (already received or coming) that `wanted` accepts.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.pending.iter().position(&wanted) {
            return self.pending.remove(index);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(message) if wanted(&message) => return message,
                Ok(message) => self.pending.push(message),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no awaited message within {TIMEOUT:?}; received: {:#?}",
                    self.pending
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the server closed its output; received: {:#?}",
                        self.pending
                    )
                }
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .expect("a list")
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "xml", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }

    /// `shutdown`, `exit`, and the exit status.
    fn stop(mut self) -> i32 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        wait_exit(&mut self.child)
    }
}

fn wait_exit(child: &mut Child) -> i32 {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().expect("waitable") {
            return status.code().unwrap_or(-1);
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(10));
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display()).replace(' ', "%20")
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("plesk-lint-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `<pop3_imap_in>` after `<pop3_imap_out>`, on a line that starts with a comment holding
/// an emoji (2 UTF-16 units, 4 bytes, 1 character) and an é.
const OUT_OF_ORDER: &str = "<packet version=\"1.6.3.0\">
<webspace>
<set_traffic>
<dom_id>1</dom_id>
<date>2024-01-01</date>
<smtp_in>1</smtp_in>
<smtp_out>1</smtp_out>
<pop3_imap_out>1</pop3_imap_out>
<!--\u{1f600}\u{e9}--><pop3_imap_in>1</pop3_imap_in>
</set_traffic>
</webspace>
</packet>
";

/// The column of `<pop3_imap_in>`'s name on line 8 in each encoding: after `<!--😀é--><`.
const COLUMN_UTF16: u64 = 4 + 2 + 1 + 3 + 1;
const COLUMN_UTF8: u64 = 4 + 4 + 2 + 3 + 1;
const COLUMN_UTF32: u64 = 4 + 1 + 1 + 3 + 1;

#[test]
fn diagnostics_follow_the_unsaved_text_with_utf16_columns() {
    let (mut client, init) = Client::initialized(json!({}), Value::Null, None);
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(init["capabilities"]["textDocumentSync"]["change"], 2);
    let uri = "untitled:packet-1";
    client.open(uri, OUT_OF_ORDER);
    let found = client.diagnostics(uri, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d["code"], "out-of-order");
    assert_eq!(d["source"], "plesk-lint");
    assert_eq!(d["severity"], 1);
    assert_eq!(
        d["range"]["start"],
        json!({ "line": 8, "character": COLUMN_UTF16 })
    );
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .is_some_and(|href| href.contains("out-of-order")),
        "{d}"
    );
    // Where it belongs: after `<smtp_out>` on line 6.
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    assert_eq!(related["location"]["range"]["start"]["line"], 6);
    // Swap the two lines with incremental edits (the version jumps, as Neovim's may).
    let line7 = "<pop3_imap_out>1</pop3_imap_out>";
    let line8 = "<!--\u{1f600}\u{e9}--><pop3_imap_in>1</pop3_imap_in>";
    let utf16 = |s: &str| s.encode_utf16().count();
    client.change(
        uri,
        5,
        json!([
            { "range": { "start": { "line": 8, "character": 0 },
                         "end": { "line": 8, "character": utf16(line8) } },
              "text": line7 },
            { "range": { "start": { "line": 7, "character": 0 },
                         "end": { "line": 7, "character": utf16(line7) } },
              "text": line8 },
        ]),
    );
    let found = client.diagnostics(uri, 5);
    assert_eq!(found, Vec::<Value>::new());
    assert_eq!(client.stop(), 0);
}

#[test]
fn columns_in_utf8_or_utf32_when_the_client_offers_them() {
    for (offered, expected, column) in [
        (json!(["utf-32", "utf-16"]), "utf-32", COLUMN_UTF32),
        (json!(["utf-16", "utf-8"]), "utf-8", COLUMN_UTF8),
    ] {
        let capabilities = json!({ "general": { "positionEncodings": offered } });
        let (mut client, init) = Client::initialized(capabilities, Value::Null, None);
        assert_eq!(init["capabilities"]["positionEncoding"], expected);
        client.open("untitled:p", OUT_OF_ORDER);
        let found = client.diagnostics("untitled:p", 1);
        assert_eq!(
            found[0]["range"]["start"]["character"], column,
            "{expected}"
        );
        // Edits arrive in that encoding too: delete `<!--😀é-->` by its columns.
        client.change(
            "untitled:p",
            2,
            json!([{ "range": { "start": { "line": 8, "character": 0 },
                                "end": { "line": 8, "character": column - 1 } },
                     "text": "" }]),
        );
        let found = client.diagnostics("untitled:p", 2);
        assert_eq!(
            found[0]["range"]["start"],
            json!({ "line": 8, "character": 1 })
        );
        assert_eq!(client.stop(), 0);
    }
}

/// A documentation-style typo: `dom-id` for `dom_id`.
const TYPO: &str = "<packet>
  <webspace>
    <set_traffic>
      <dom-id>1134</dom-id>
      <date>2024-01-01</date>
      <smtp_in>1</smtp_in>
      <smtp_out>1</smtp_out>
      <pop3_imap_in>1</pop3_imap_in>
      <pop3_imap_out>1</pop3_imap_out>
    </set_traffic>
  </webspace>
</packet>
";

/// Applies LSP text edits (UTF-16, one document) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let mut at = start;
        for c in text[start..].chars() {
            if units >= character || c == '\n' {
                break;
            }
            units += c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut text = text.to_string();
    for (start, end, new) in spans {
        text.replace_range(start..end, new);
    }
    text
}

#[test]
fn the_quickfix_and_fix_all_leave_a_clean_packet() {
    let (mut client, _) = Client::initialized(json!({}), Value::Null, None);
    let uri = "untitled:typo";
    client.open(uri, TYPO);
    let found = client.diagnostics(uri, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "unknown-element");
    // Sent back as an editor rebuilds it: without `data`, columns of its own.
    let mut sent = found[0].clone();
    sent.as_object_mut().unwrap().remove("data");
    sent["range"]["start"]["character"] = json!(0);
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 0 } },
            "context": { "diagnostics": [sent], "only": ["quickfix"] },
        }),
    );
    let actions = response["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 2, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "quickfix");
    assert_eq!(actions[0]["isPreferred"], true);
    assert_eq!(actions[0]["diagnostics"][0]["code"], "unknown-element");
    // The last resort: a suppression comment on its own line, indented like the element.
    assert_eq!(
        actions[1]["title"],
        "Suppress `unknown-element` for this element"
    );
    let edits = actions[1]["edit"]["changes"][uri]
        .as_array()
        .expect("edits");
    let suppressed = apply(TYPO, edits);
    assert!(
        suppressed.contains(
            "\n      <!-- plesk-lint-disable-next-element unknown-element -->\n      <dom-id>"
        ),
        "{suppressed}"
    );
    client.change(uri, 2, json!([{ "text": suppressed }]));
    assert_eq!(client.diagnostics(uri, 2), Vec::<Value>::new());
    client.change(uri, 3, json!([{ "text": TYPO }]));
    assert_eq!(client.diagnostics(uri, 3).len(), 1);
    let edits = actions[0]["edit"]["changes"][uri]
        .as_array()
        .expect("edits");
    let fixed = apply(TYPO, edits);
    assert!(fixed.contains("<dom_id>1134</dom_id>"), "{fixed}");
    client.change(uri, 4, json!([{ "text": fixed }]));
    assert_eq!(client.diagnostics(uri, 4), Vec::<Value>::new());

    // Fix all: a typo and an order mistake at once, in one source action.
    let both = TYPO.replace(
        "<pop3_imap_in>1</pop3_imap_in>\n      <pop3_imap_out>1</pop3_imap_out>",
        "<pop3_imap_out>1</pop3_imap_out>\n      <pop3_imap_in>1</pop3_imap_in>",
    );
    client.change(uri, 5, json!([{ "text": both }]));
    assert_eq!(client.diagnostics(uri, 5).len(), 2);
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": ["source.fixAll"] },
        }),
    );
    let actions = response["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], "source.fixAll.plesk-lint");
    let edits = actions[0]["edit"]["changes"][uri]
        .as_array()
        .expect("edits");
    let fixed = apply(&both, edits);
    client.change(uri, 6, json!([{ "text": fixed }]));
    assert_eq!(client.diagnostics(uri, 6), Vec::<Value>::new());
    assert_eq!(client.stop(), 0);
}

#[test]
fn hover_names_the_type_and_completion_follows_the_model() {
    let capabilities = json!({ "textDocument": { "completion": { "completionItem": { "snippetSupport": true } } } });
    let (mut client, init) = Client::initialized(capabilities, Value::Null, None);
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    let uri = "untitled:hover";
    let text = "<packet version=\"1.6.3.0\">\n<webspace>\n<set_traffic>\n<dom_id>1</dom_id>\n\n</set_traffic>\n</webspace>\n</packet>\n";
    client.open(uri, text);
    client.diagnostics(uri, 1);
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 3 } }),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .expect("markdown");
    assert!(value.contains("`<dom_id>`"), "{value}");
    assert!(value.contains("integer"), "{value}");
    assert!(value.contains("required"), "{value}");
    assert!(value.contains("webspace/set_traffic"), "{value}");
    assert!(value.contains("1.6.9.1"), "{value}");
    assert_eq!(
        hover["result"]["range"]["start"],
        json!({ "line": 3, "character": 1 })
    );
    // The operation: its explain tree, in order.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 2 } }),
    );
    let value = hover["result"]["contents"]["value"]
        .as_str()
        .expect("markdown");
    let dom_id = value.find("<dom_id>").expect("dom_id in the tree");
    let date = value.find("<date>").expect("date in the tree");
    assert!(dom_id < date, "{value}");
    // Nothing to say on text.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 3, "character": 8 } }),
    );
    assert_eq!(hover["result"], Value::Null);

    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 0 } }),
    );
    let items = completion["result"]["items"].as_array().expect("items");
    assert_eq!(items[0]["label"], "date", "{items:#?}");
    assert_eq!(items[0]["textEdit"]["newText"], "<date>$0</date>");
    assert_eq!(items[0]["insertTextFormat"], 2);
    // After `<` typed: the name and the rest of the tag, replacing from after the `<`.
    client.change(
        uri,
        2,
        json!([{ "range": { "start": { "line": 4, "character": 0 }, "end": { "line": 4, "character": 0 } }, "text": "<d" }]),
    );
    let completion = client.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 2 } }),
    );
    let items = completion["result"]["items"].as_array().expect("items");
    assert_eq!(items[0]["label"], "date");
    assert_eq!(items[0]["textEdit"]["newText"], "date>$0</date>");
    assert_eq!(
        items[0]["textEdit"]["range"],
        json!({ "start": { "line": 4, "character": 1 }, "end": { "line": 4, "character": 2 } })
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn the_server_survives_bad_input_and_requests_out_of_order() {
    let mut client = Client::start();
    // Before `initialize`: the protocol's error.
    let response = client.request("textDocument/hover", json!({}));
    assert_eq!(response["error"]["code"], -32002);
    // A frame that is not JSON, then one without a length: logged, not fatal.
    client.send_raw(b"Content-Length: 7\r\n\r\n{broken");
    client.send_raw(b"X-Nothing: 1\r\n\r\n");
    let response = client.request("initialize", json!({ "capabilities": {} }));
    assert!(response["result"]["capabilities"].is_object(), "{response}");
    client.notify("initialized", json!({}));
    let log = client.wait(|m| m["method"] == "window/logMessage");
    assert!(
        log["params"]["message"].as_str().unwrap().contains("JSON"),
        "{log}"
    );
    // A change to a document never opened, unknown methods, parameters of the wrong shape.
    client.change("untitled:never", 2, json!([{ "text": "<packet/>" }]));
    let response = client.request("workspace/unknownThing", json!({}));
    assert_eq!(response["error"]["code"], -32601);
    let response = client.request("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(response["error"]["code"], -32602);
    let response = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "untitled:never" }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(response["result"], Value::Null);
    // A handler that panics (a request only debug builds know): an internal error, a log
    // line, and the server goes on.
    if cfg!(debug_assertions) {
        let response = client.request("plesk-lint/panic", json!({}));
        assert_eq!(response["error"]["code"], -32603, "{response}");
        let log = client.wait(|m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains("panic"))
        });
        assert_eq!(log["params"]["type"], 1);
    }
    // Texts no parser likes, and positions past the end.
    let uri = "untitled:junk";
    client.open(uri, "\u{feff}<packet><\u{0}&amp;<![CDATA[");
    assert_eq!(client.diagnostics(uri, 1)[0]["code"], "malformed-xml");
    for (line, character) in [(0, 99), (99, 0), (0, 3)] {
        let position = json!({ "line": line, "character": character });
        let params = json!({ "textDocument": { "uri": uri }, "position": position });
        assert!(
            client
                .request("textDocument/hover", params.clone())
                .get("result")
                .is_some()
        );
        assert!(
            client
                .request("textDocument/completion", params)
                .get("result")
                .is_some()
        );
    }
    client.change(
        uri,
        2,
        json!([{ "range": { "start": { "line": 7, "character": 50 }, "end": { "line": 0, "character": 0 } }, "text": "x" }]),
    );
    client.diagnostics(uri, 2);
    // Closing forgets the document and clears its diagnostics.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    let cleared = client
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    // `exit` without `shutdown`: exit code non-zero, as the protocol says.
    client.notify("exit", Value::Null);
    assert_ne!(wait_exit(&mut client.child), 0);
}

#[test]
fn the_configuration_applies_and_reloads() {
    let dir = scratch("config");
    let config = dir.join("plesk-lint.toml");
    std::fs::write(&config, "ignore = [\"out-of-order\"]\n").unwrap();
    let packet = dir.join("packet.xml");
    std::fs::write(&packet, OUT_OF_ORDER).unwrap();
    let uri = file_uri(&packet);
    // The editor's settings apply over the file: unknown-element becomes a warning.
    let options = json!({ "severity": { "unknown-element": "warning" } });
    let (mut client, _) = Client::initialized(json!({}), options, Some(&dir));
    let with_typo = OUT_OF_ORDER.replace("dom_id", "dom-id");
    client.open(&uri, &with_typo);
    let found = client.diagnostics(&uri, 1);
    let codes: Vec<&Value> = found.iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&json!("unknown-element")], "{found:#?}");
    assert_eq!(found[0]["severity"], 2);
    // The file changes; the editor's watcher says so.
    std::fs::write(&config, "ignore = []\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&config), "type": 2 }] }),
    );
    let found = client.diagnostics(&uri, 1);
    assert_eq!(found.len(), 2, "{found:#?}");
    // New settings from the editor.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "plesk-lint": { "select": ["out-of-order"] } } }),
    );
    let found = client.diagnostics(&uri, 1);
    let codes: Vec<&Value> = found.iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&json!("out-of-order")], "{found:#?}");
    // A broken file: said on the packet, pointing into the file.
    std::fs::write(&config, "ignore = [\"no-such-code\"]\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&config), "type": 2 }] }),
    );
    let found = client.diagnostics(&uri, 1);
    assert_eq!(found[0]["code"], "config-error", "{found:#?}");
    assert_eq!(
        found[0]["relatedInformation"][0]["location"]["uri"],
        file_uri(&config)
    );
    assert_eq!(client.stop(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_burst_of_changes_publishes_the_last_version_last() {
    let (mut client, _) = Client::initialized(json!({}), Value::Null, None);
    let uri = "untitled:burst";
    client.open(uri, OUT_OF_ORDER);
    for version in 2..=30 {
        // Alternate between the broken and a fixed text.
        let text = if version % 2 == 0 { TYPO } else { OUT_OF_ORDER };
        client.change(uri, version, json!([{ "text": text }]));
    }
    let last = client.diagnostics(uri, 30);
    assert_eq!(last[0]["code"], "unknown-element");
    // Every publication before it was of an older version, in order.
    let published: Vec<i64> = client
        .pending
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(published.windows(2).all(|w| w[0] < w[1]), "{published:?}");
    assert_eq!(client.stop(), 0);
}

/// The end-to-end test: headless Neovim with its built-in client runs tests/nvim/e2e.lua.
#[test]
fn neovim_drives_the_server_end_to_end() {
    let version = Command::new("nvim").arg("--version").output();
    if !version.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: nvim not installed");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the Neovim end-to-end test: apt-get install neovim"
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch("nvim");
    let packet = dir.join("packet.xml");
    std::fs::copy(root.join("tests/nvim/packet.xml"), &packet).expect("fixture copied");
    let output = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-i", "NONE", "-u"])
        .arg(root.join("tests/nvim/e2e.lua"))
        .arg(&packet)
        .env("PLESK_LINT_BIN", env!("CARGO_BIN_EXE_plesk-lint"))
        .env("PLESK_LINT_E2E_LOG", dir.join("log.txt"))
        .env("XDG_STATE_HOME", &dir)
        .env("XDG_CACHE_HOME", &dir)
        .stdin(Stdio::null())
        .output()
        .expect("nvim runs");
    let log = std::fs::read_to_string(dir.join("log.txt")).unwrap_or_default();
    assert!(
        output.status.success() && log.lines().last() == Some("e2e: all passed"),
        "Neovim end-to-end test failed (status {:?})\nlog:\n{log}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The end-to-end test with Emacs: eglot with the documented setup (editors/emacs) runs
/// tests/emacs/e2e.el in batch mode.
#[test]
fn emacs_eglot_drives_the_server_end_to_end() {
    let found = Command::new("emacs")
        .args([
            "--batch",
            "-q",
            "--eval",
            "(kill-emacs (if (require 'eglot nil t) 0 1))",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !found.is_ok_and(|s| s.success()) {
        eprintln!("skipped: emacs with eglot not installed");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the Emacs end-to-end test: apt-get install emacs-nox elpa-eglot"
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch("emacs");
    let packet = dir.join("packet.xml");
    std::fs::copy(root.join("tests/nvim/packet.xml"), &packet).expect("fixture copied");
    let output = Command::new("emacs")
        .args(["--batch", "-q", "-l"])
        .arg(root.join("tests/emacs/e2e.el"))
        .env("PATH", path_with_binary())
        .env("HOME", &dir)
        .env("PLESK_LINT_E2E_PACKET", &packet)
        .env("PLESK_LINT_E2E_LOG", dir.join("log.txt"))
        .stdin(Stdio::null())
        .output()
        .expect("emacs runs");
    let log = std::fs::read_to_string(dir.join("log.txt")).unwrap_or_default();
    assert!(
        output.status.success() && log.lines().last() == Some("e2e: all passed"),
        "Emacs end-to-end test failed (status {:?})\nlog:\n{log}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// PATH with the built binary's directory first: the documented setups start `plesk-lint`.
fn path_with_binary() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_plesk-lint"))
        .parent()
        .expect("a directory");
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&rest)))
        .expect("a PATH")
}

/// The end-to-end test with Vim and ALE, through the documented linter file
/// (editors/vim/ale_linters): tests/vim/e2e.vim in silent Ex mode.
#[test]
fn vim_ale_drives_the_server_end_to_end() {
    let ale = std::env::var_os("PLESK_LINT_ALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/vim-ale"));
    let vim = Command::new("vim").arg("--version").output();
    if !vim.is_ok_and(|o| o.status.success()) || !ale.join("plugin/ale.vim").is_file() {
        eprintln!("skipped: vim or ALE not installed");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the Vim end-to-end test: apt-get install vim-nox vim-ale"
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch("vim");
    let packet = dir.join("packet.xml");
    std::fs::copy(root.join("tests/nvim/packet.xml"), &packet).expect("fixture copied");
    let output = Command::new("vim")
        .args(["-N", "-i", "NONE", "-n", "-es", "-u"])
        .arg(root.join("tests/vim/e2e.vim"))
        .arg(&packet)
        .env("PATH", path_with_binary())
        .env("HOME", &dir)
        .env("PLESK_LINT_ALE", &ale)
        .env("PLESK_LINT_E2E_LOG", dir.join("log.txt"))
        .stdin(Stdio::null())
        .output()
        .expect("vim runs");
    let log = std::fs::read_to_string(dir.join("log.txt")).unwrap_or_default();
    assert!(
        output.status.success() && log.lines().last() == Some("e2e: all passed"),
        "Vim end-to-end test failed (status {:?})\nlog:\n{log}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Helix is not in Debian's packages, so its setup is checked as far as it can be without
/// it: editors/helix/languages.toml is valid TOML, attaches the server to XML, and the
/// command line it names starts a server that completes the handshake.
#[test]
fn the_helix_setup_starts_a_working_server() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("editors/helix/languages.toml")).expect("read");
    let config: toml::Table = toml::from_str(&text).expect("valid TOML");
    let server = &config["language-server"]["plesk-lint"];
    let xml = config["language"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["name"].as_str() == Some("xml")))
        .expect("an xml language entry");
    assert!(
        xml["language-servers"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s.as_str() == Some("plesk-lint")))
    );
    let args: Vec<&str> = server["args"]
        .as_array()
        .expect("args")
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    let mut child = Command::new(server["command"].as_str().expect("a command"))
        .args(&args)
        .env("PATH", path_with_binary())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the configured command starts");
    let mut stdin = child.stdin.take().expect("piped");
    let initialize = json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "capabilities": {}, "initializationOptions": server.get("config").map(|c| {
            serde_json::to_value(c).expect("JSON")
        }) } });
    write_message(&mut stdin, &initialize);
    drop(stdin);
    let mut out = String::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_string(&mut out)
        .expect("read");
    assert!(out.contains("\"capabilities\""), "{out}");
    let _ = child.wait();
}

/// A packet in a PHP heredoc is checked like the CLI checks it (src/embedded), with the
/// finding at the host file's line and column.
#[test]
fn packets_in_source_files_are_checked_in_host_coordinates() {
    let dir = scratch("embedded");
    let path = dir.join("client.php");
    let text = "<?php\n$xml = <<<XML\n<packet version=\"1.6.3.0\">\n<webspace><get><filter/><dataset><hostng/></dataset></get></webspace>\n</packet>\nXML;\n";
    let (mut client, _) = Client::initialized(json!({}), Value::Null, None);
    let uri = file_uri(&path);
    client.open(&uri, text);
    let found = client.diagnostics(&uri, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["code"], "unknown-element", "{found:#?}");
    // `hostng` on the fourth line of the PHP file (0-based 3), after `<webspace><get><filter/><dataset><`.
    assert_eq!(
        found[0]["range"]["start"],
        json!({ "line": 3, "character": 34 })
    );
}
