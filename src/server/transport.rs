//! JSON-RPC over stdio: `Content-Length` framed messages, read on one thread and written on
//! another, so the main loop only ever sees whole messages.
//!
//! lsp-server's own stdio reader stops at the first frame it cannot parse; a language server
//! must not die of one bad message, so this reader answers it with a parse error and goes on
//! with the next frame. It stops only when the input ends.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::Message;

/// Something read from the client.
#[derive(Debug)]
pub enum Incoming {
    /// A whole message.
    Message(Message),
    /// A frame that is not a JSON-RPC message, and why.
    Invalid(String),
}

/// The two ends of a connection.
pub struct Connection {
    /// Messages from the client; disconnected when the input ends.
    pub receiver: Receiver<Incoming>,
    /// Messages to the client.
    pub sender: Sender<Message>,
}

/// The reader and writer threads.
pub struct Threads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for the writer to flush everything sent (after every `Sender` is dropped). The
    /// reader may stay blocked on an input the client never closes, so it is not waited for.
    pub fn join(self) -> io::Result<()> {
        drop(self.reader);
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

/// A connection over `input` and `output` (stdin and stdout in the real server).
pub fn connect(
    input: impl Read + Send + 'static,
    output: impl Write + Send + 'static,
) -> (Connection, Threads) {
    let (incoming, receiver) = crossbeam_channel::unbounded();
    let (sender, outgoing) = crossbeam_channel::unbounded::<Message>();
    let reader = thread::Builder::new()
        .name("plesk-lint reader".into())
        .spawn(move || {
            let mut input = io::BufReader::new(input);
            loop {
                match read_frame(&mut input) {
                    Ok(Some(Ok(message))) => {
                        if incoming.send(Incoming::Message(message)).is_err() {
                            break;
                        }
                    }
                    // JSON-RPC would answer with a null id, which lsp-server's ids cannot
                    // hold; the main loop logs it to the client instead.
                    Ok(Some(Err(why))) => {
                        if incoming.send(Incoming::Invalid(why)).is_err() {
                            break;
                        }
                    }
                    Ok(None) | Err(_) => break,
                }
            }
        })
        .expect("spawning the reader thread");
    let writer = thread::Builder::new()
        .name("plesk-lint writer".into())
        .spawn(move || {
            let mut output = io::BufWriter::new(output);
            for message in outgoing {
                message.write(&mut output)?;
            }
            output.flush()
        })
        .expect("spawning the writer thread");
    (Connection { receiver, sender }, Threads { reader, writer })
}

/// Reads one frame: `None` at the end of the input, `Some(Err)` for a frame whose body is
/// not a message (or whose header has no length, in which case the rest of the line-based
/// header is skipped).
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<Result<Message, String>>> {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    let mut saw_header = false;
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if saw_header {
                break;
            }
            // Blank lines between frames.
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(length) = length else {
        return Ok(Some(Err(
            "a frame without a valid Content-Length header".into()
        )));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body)?;
    Ok(Some(match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Ok(message),
        Err(error) => Err(format!("not a JSON-RPC message: {error}")),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_frames_are_reported_and_skipped() {
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{oops\r\nX: y\r\n\r\nContent-Length: {}\r\n\r\n{good}",
            good.len()
        );
        let mut input = io::Cursor::new(input.into_bytes());
        assert!(matches!(read_frame(&mut input), Ok(Some(Err(_)))));
        assert!(matches!(read_frame(&mut input), Ok(Some(Err(_)))));
        match read_frame(&mut input) {
            Ok(Some(Ok(Message::Notification(n)))) => assert_eq!(n.method, "exit"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(read_frame(&mut input), Ok(None)));
    }
}
