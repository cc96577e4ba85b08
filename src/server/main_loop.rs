//! The main loop: the handshake, the dispatch of every request and notification, scheduling
//! checks and publishing their results.
//!
//! The server never dies of what the client sends: a request before `initialize` gets the
//! protocol's error, an unknown method `MethodNotFound`, parameters that do not parse
//! `InvalidParams`, a notification about a document that is not open is logged and ignored,
//! and a panic in a handler is caught, logged to the client, and answered with an internal
//! error while the loop goes on.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::checker::{self, Done, Job, Scheduler};
use super::config::{Config, Options};
use super::documents::{Document, Documents};
use super::encoding::Encoding;
use super::transport::{Connection, Incoming};
use super::{actions, completion, hover, uri};
use crate::config::ConfigError;
use crate::rules::Direction;
use crate::source::SourceFile;

/// Runs until `exit` or the end of the input; the exit code.
pub fn run(connection: Connection) -> u8 {
    let (jobs, job_receiver) = crossbeam_channel::unbounded();
    let (done_sender, done) = crossbeam_channel::unbounded();
    let worker = checker::spawn(job_receiver, done_sender);
    let mut server = Server {
        sender: connection.sender,
        jobs,
        documents: Documents::default(),
        config: Config::default(),
        scheduler: Scheduler::default(),
        encoding: Encoding::Utf16,
        snippets: false,
        watch: false,
        state: State::Uninitialized,
        next_id: 0,
    };
    let code = server.run(&connection.receiver, &done);
    drop(server);
    // The worker ends with its job channel; a check still running is not waited for.
    drop(worker);
    code
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShutDown,
}

struct Server {
    sender: Sender<Message>,
    jobs: Sender<Job>,
    documents: Documents,
    config: Config,
    scheduler: Scheduler,
    encoding: Encoding,
    snippets: bool,
    /// The client registers file watchers for us.
    watch: bool,
    state: State,
    next_id: i32,
}

/// What a document is checked with.
struct Setup {
    settings: Arc<crate::config::Settings>,
    versions: Arc<crate::versions::Versions>,
    /// The name findings are reported under (its path, or its URI).
    name: String,
}

/// Why a request failed.
struct Failure(ErrorCode, String);

type Answer = Result<Value, Failure>;

impl Server {
    fn run(&mut self, incoming: &Receiver<Incoming>, done: &Receiver<Done>) -> u8 {
        loop {
            let timer = match self.scheduler.next_deadline() {
                Some(at) => crossbeam_channel::at(at),
                None => crossbeam_channel::never(),
            };
            select! {
                recv(incoming) -> message => match message {
                    Ok(Incoming::Message(message)) => {
                        if let Some(code) = self.guarded(message) {
                            return code;
                        }
                    }
                    Ok(Incoming::Invalid(why)) => self.log(MessageType::ERROR, &why),
                    // The input ended without `exit`.
                    Err(_) => return u8::from(self.state != State::ShutDown),
                },
                recv(done) -> result => {
                    if let Ok(result) = result {
                        self.finished(result);
                    }
                }
                recv(timer) -> _ => {}
            }
            self.start_due_checks();
        }
    }

    /// Handles one message, catching a panic. `Some(code)` when the server should exit.
    fn guarded(&mut self, message: Message) -> Option<u8> {
        let id = match &message {
            Message::Request(request) => Some(request.id.clone()),
            _ => None,
        };
        let method = match &message {
            Message::Request(r) => r.method.clone(),
            Message::Notification(n) => n.method.clone(),
            Message::Response(_) => String::new(),
        };
        match catch_unwind(AssertUnwindSafe(|| self.handle(message))) {
            Ok(exit) => exit,
            Err(panic) => {
                let why = super::panic_message(&*panic);
                self.log(
                    MessageType::ERROR,
                    &format!("plesk-lint server: `{method}` failed: {why}; the server goes on"),
                );
                if let Some(id) = id {
                    self.send(Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("internal error: {why}"),
                    ));
                }
                None
            }
        }
    }

    fn handle(&mut self, message: Message) -> Option<u8> {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => return self.notification(notification),
            // Answers to our own requests (registering the watcher) need no action.
            Message::Response(_) => {}
        }
        None
    }

    fn request(&mut self, request: Request) {
        let Request { id, method, params } = request;
        let answer = match (self.state, method.as_str()) {
            (State::Uninitialized, req::Initialize::METHOD) => self.initialize(params),
            (State::Uninitialized, _) => Err(Failure(
                ErrorCode::ServerNotInitialized,
                format!("`{method}` before `initialize`"),
            )),
            (State::ShutDown, _) => Err(Failure(
                ErrorCode::InvalidRequest,
                format!("`{method}` after `shutdown`"),
            )),
            (State::Running, req::Initialize::METHOD) => Err(Failure(
                ErrorCode::InvalidRequest,
                "`initialize` sent twice".into(),
            )),
            (State::Running, req::Shutdown::METHOD) => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, req::HoverRequest::METHOD) => {
                parse(params).and_then(|p| self.hover(p))
            }
            (State::Running, req::Completion::METHOD) => {
                parse(params).and_then(|p| self.completion(p))
            }
            (State::Running, req::CodeActionRequest::METHOD) => {
                parse(params).and_then(|p| self.code_action(p))
            }
            // For the tests (debug builds only): a handler that panics.
            #[cfg(debug_assertions)]
            (State::Running, "plesk-lint/panic") => panic!("a panic the client asked for"),
            (State::Running, _) => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("unknown method `{method}`"),
            )),
        };
        let response = match answer {
            Ok(result) => Response::new_ok(id, result),
            Err(Failure(code, message)) => Response::new_err(id, code as i32, message),
        };
        self.send(response);
    }

    fn notification(&mut self, notification: Notification) -> Option<u8> {
        let Notification { method, params } = notification;
        if method == note::Exit::METHOD {
            return Some(u8::from(self.state != State::ShutDown));
        }
        if self.state != State::Running {
            return None;
        }
        let result = match method.as_str() {
            note::Initialized::METHOD => {
                self.register_watcher();
                Ok(())
            }
            note::DidOpenTextDocument::METHOD => parse(params).map(|p| self.did_open(p)),
            note::DidChangeTextDocument::METHOD => parse(params).map(|p| self.did_change(p)),
            note::DidCloseTextDocument::METHOD => parse(params).map(|p| self.did_close(p)),
            note::DidSaveTextDocument::METHOD => parse(params).map(|p| self.did_save(p)),
            note::DidChangeConfiguration::METHOD => {
                parse(params).map(|p: DidChangeConfigurationParams| self.set_options(&p.settings))
            }
            note::DidChangeWatchedFiles::METHOD => {
                parse(params).map(|p: DidChangeWatchedFilesParams| {
                    let paths: Vec<PathBuf> = p
                        .changes
                        .iter()
                        .filter_map(|c| uri::to_path(&c.uri))
                        .collect();
                    self.files_changed(&paths);
                })
            }
            note::DidChangeWorkspaceFolders::METHOD => {
                parse(params).map(|p: DidChangeWorkspaceFoldersParams| self.folders_changed(p))
            }
            // Requests are answered in order as they come, so there is nothing to cancel.
            _ => Ok(()),
        };
        if let Err(Failure(_, why)) = result {
            self.log(MessageType::WARNING, &format!("`{method}`: {why}"));
        }
        None
    }

    fn initialize(&mut self, params: Value) -> Answer {
        let params: InitializeParams = match serde_json::from_value(params) {
            Ok(params) => params,
            Err(error) => {
                self.log(
                    MessageType::WARNING,
                    &format!("initialize parameters not understood ({error}); using defaults"),
                );
                InitializeParams::default()
            }
        };
        let capabilities = &params.capabilities;
        self.encoding = Encoding::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        self.snippets = capabilities
            .text_document
            .as_ref()
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.snippet_support)
            .unwrap_or(false);
        self.watch = capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)]
        let folders: Vec<PathBuf> = match &params.workspace_folders {
            Some(folders) => folders
                .iter()
                .filter_map(|f| uri::to_path(&f.uri))
                .collect(),
            None => params.root_uri.iter().filter_map(uri::to_path).collect(),
        };
        self.config.set_folders(folders);
        if let Some(options) = &params.initialization_options {
            self.set_options(options);
        }
        self.state = State::Running;
        let result = InitializeResult {
            capabilities: self.capabilities(),
            server_info: Some(ServerInfo {
                name: "plesk-lint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        serde_json::to_value(result).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                        include_text: Some(false),
                    })),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["<".into(), "/".into()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
                resolve_provider: Some(false),
                ..CodeActionOptions::default()
            })),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..ServerCapabilities::default()
        }
    }

    /// Asks the client to tell us when a configuration file changes.
    fn register_watcher(&mut self) {
        if !self.watch {
            return;
        }
        self.next_id += 1;
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "plesk-lint-configuration".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: Some(json!({
                    "watchers": [{ "globPattern": format!("**/{}", crate::config::FILE_NAME) }]
                })),
            }],
        };
        let id = RequestId::from(format!("plesk-lint-{}", self.next_id));
        self.send(Request::new(
            id,
            req::RegisterCapability::METHOD.into(),
            params,
        ));
    }

    /// New editor settings; `null` (a client saying "something changed" without sending
    /// the settings) keeps the current ones.
    fn set_options(&mut self, settings: &Value) {
        if settings.is_null() {
            return;
        }
        let (options, problems) = Options::from_json(settings);
        for problem in problems {
            self.show(
                MessageType::WARNING,
                &format!("plesk-lint settings: {problem}"),
            );
        }
        self.config.set_options(options);
        self.recheck_all();
    }

    fn files_changed(&mut self, paths: &[PathBuf]) {
        let rules = paths.iter().any(|p| {
            p.extension().is_some_and(|e| e == "toml")
                && p.file_name().is_some_and(|n| n != crate::config::FILE_NAME)
        });
        if rules {
            self.config.reload_rules();
        } else {
            self.config.reload();
        }
        self.recheck_all();
    }

    fn folders_changed(&mut self, params: DidChangeWorkspaceFoldersParams) {
        let mut folders = self.config.folders().to_vec();
        let removed: Vec<PathBuf> = params
            .event
            .removed
            .iter()
            .filter_map(|f| uri::to_path(&f.uri))
            .collect();
        folders.retain(|f| !removed.contains(f));
        folders.extend(
            params
                .event
                .added
                .iter()
                .filter_map(|f| uri::to_path(&f.uri)),
        );
        self.config.set_folders(folders);
        self.recheck_all();
    }

    fn recheck_all(&mut self) {
        let now = Instant::now();
        for uri in self.documents.uris() {
            self.scheduler.schedule(uri, now);
        }
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let document = Document::new(item.text, item.version, item.language_id);
        self.documents.open(item.uri.clone(), document);
        self.scheduler.schedule(item.uri, Instant::now());
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let Some(document) = self.documents.get_mut(&uri) else {
            self.log(
                MessageType::WARNING,
                &format!("a change to `{}`, which is not open", uri.as_str()),
            );
            return;
        };
        document.apply(
            params.content_changes,
            params.text_document.version,
            self.encoding,
        );
        let at = Instant::now() + self.config.options.debounce;
        self.scheduler.schedule(uri, at);
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.documents.close(&uri);
        self.scheduler.forget(&uri);
        self.publish(uri, Vec::new(), None);
    }

    fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        if let Some(path) = uri::to_path(&params.text_document.uri)
            && path.extension().is_some_and(|e| e == "toml")
        {
            self.files_changed(&[path]);
        }
    }

    /// Starts the checks whose time has come.
    fn start_due_checks(&mut self) {
        for uri in self.scheduler.take_due(Instant::now()) {
            match self.job(&uri) {
                Some(job) => {
                    if self.jobs.send(job).is_err() {
                        self.log(MessageType::ERROR, "the check thread is gone");
                        self.scheduler.finished(&uri);
                    }
                }
                None => self.scheduler.finished(&uri),
            }
        }
    }

    /// What the current version of `uri` is checked with: its settings and rule sets, and
    /// the name it is reported under. `None` (after publishing what there is to say) when the
    /// document is gone, excluded, or its configuration is broken.
    fn setup(&mut self, uri: &Uri) -> Option<Setup> {
        let version = self.documents.get(uri)?.version;
        let path = uri::to_path(uri);
        let resolved = match self.config.settings_for(path.as_deref()) {
            Ok(resolved) => resolved,
            Err(error) => {
                self.config_error(uri, version, &error);
                return None;
            }
        };
        if let Some(path) = &path
            && resolved.settings.exclude.matches(path, &resolved.root)
        {
            self.publish(uri.clone(), Vec::new(), Some(version));
            return None;
        }
        let (versions, errors) = self.config.versions(&resolved.settings.rules);
        for error in errors {
            self.show(
                MessageType::ERROR,
                &format!("rules file {}: {}", error.file.name, error.message),
            );
        }
        let name = path.map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        Some(Setup {
            settings: resolved.settings,
            versions,
            name,
        })
    }

    /// The check job of the current version of `uri` (see [`Server::setup`]).
    fn job(&mut self, uri: &Uri) -> Option<Job> {
        let setup = self.setup(uri)?;
        let document = self.documents.get(uri)?;
        Some(Job {
            uri: uri.clone(),
            version: document.version,
            source: Arc::new(SourceFile::new(setup.name, document.text().to_string())),
            settings: setup.settings,
            versions: setup.versions,
            encoding: self.encoding,
        })
    }

    /// A broken configuration: said on the document's first line, pointing at the mistake.
    fn config_error(&mut self, uri: &Uri, version: i32, error: &ConfigError) {
        let file = PathBuf::from(&error.file.name);
        let file = if file.is_absolute() {
            file
        } else {
            self.config
                .folders()
                .first()
                .map_or(file.clone(), |folder| folder.join(&file))
        };
        let converter = super::diagnostics::Converter::new(&error.file.text, self.encoding);
        let related = uri::from_path(&file).map(|config_uri| {
            vec![DiagnosticRelatedInformation {
                location: Location::new(config_uri, converter.range(&error.span)),
                message: error.message.clone(),
            }]
        });
        let diagnostic = lsp_types::Diagnostic {
            range: Range::default(),
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String("config-error".into())),
            source: Some(super::diagnostics::SOURCE.into()),
            message: format!(
                "not checked: the configuration is broken: {}: {}",
                error.file.name, error.message
            ),
            related_information: related,
            ..lsp_types::Diagnostic::default()
        };
        self.publish(uri.clone(), vec![diagnostic], Some(version));
    }

    /// A check ended: publish it if it is of the current version, drop it otherwise.
    fn finished(&mut self, done: Done) {
        self.scheduler.finished(&done.uri);
        match done.result {
            Ok((checked, diagnostics)) => {
                let Some(document) = self.documents.get_mut(&done.uri) else {
                    return;
                };
                if document.version != checked.version {
                    return;
                }
                let version = checked.version;
                document.checked = Some(checked);
                self.publish(done.uri, diagnostics, Some(version));
            }
            Err(why) => self.log(
                MessageType::ERROR,
                &format!("checking `{}` failed: {why}", done.uri.as_str()),
            ),
        }
    }

    /// Makes sure `uri` has findings for its current version, checking now if needed; what
    /// it is checked with.
    fn current(&mut self, uri: &Uri) -> Option<Setup> {
        if self.documents.get(uri)?.current().is_none() {
            let job = self.job(uri)?;
            let checked = checker::check(&job);
            self.documents.get_mut(uri)?.checked = Some(checked);
        }
        self.setup(uri)
    }

    fn hover(&mut self, params: HoverParams) -> Answer {
        let position = params.text_document_position_params;
        let uri = position.text_document.uri;
        let Some((job, offset, direction)) = self.located(&uri, position.position) else {
            return Ok(Value::Null);
        };
        let document = self.documents.get(&uri).ok_or_else(not_open)?;
        let found = hover::hover(
            &job.versions,
            job.settings.api_version,
            direction,
            document.text(),
            offset,
        );
        let Some((markdown, span)) = found else {
            return Ok(Value::Null);
        };
        let range = span.map(|span| {
            Range::new(
                document
                    .index()
                    .position(document.text(), span.start, self.encoding),
                document
                    .index()
                    .position(document.text(), span.end, self.encoding),
            )
        });
        let hover = Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: markdown,
            }),
            range,
        };
        to_value(hover)
    }

    /// The setup of an open document, the byte offset of `position` and the direction the
    /// document is read in (request or response): what hover and completion start from.
    fn located(&mut self, uri: &Uri, position: Position) -> Option<(Setup, usize, Direction)> {
        let setup = self.setup(uri)?;
        let document = self.documents.get(uri)?;
        let offset = document
            .index()
            .offset(document.text(), position, self.encoding);
        let direction =
            checker::direction(&setup.settings, document.checked.as_ref(), document.text());
        Some((setup, offset, direction))
    }

    fn completion(&mut self, params: CompletionParams) -> Answer {
        let position = params.text_document_position;
        let uri = position.text_document.uri;
        let Some((job, offset, direction)) = self.located(&uri, position.position) else {
            return Ok(Value::Null);
        };
        let document = self.documents.get(&uri).ok_or_else(not_open)?;
        let candidates = completion::complete(
            &job.versions,
            job.settings.api_version,
            direction,
            document.text(),
            offset,
            self.snippets,
        );
        let index = document.index();
        let items: Vec<CompletionItem> = candidates
            .into_iter()
            .enumerate()
            .map(|(rank, candidate)| {
                let range = Range::new(
                    index.position(document.text(), candidate.range.start, self.encoding),
                    index.position(document.text(), candidate.range.end, self.encoding),
                );
                CompletionItem {
                    label: candidate.label,
                    kind: Some(match candidate.kind {
                        completion::Kind::Element => CompletionItemKind::FIELD,
                        completion::Kind::Value => CompletionItemKind::ENUM_MEMBER,
                        completion::Kind::Attribute => CompletionItemKind::PROPERTY,
                    }),
                    detail: candidate.detail,
                    // The model's order: what must come next first.
                    sort_text: Some(format!("{rank:04}")),
                    insert_text_format: Some(if candidate.snippet {
                        InsertTextFormat::SNIPPET
                    } else {
                        InsertTextFormat::PLAIN_TEXT
                    }),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                        range,
                        candidate.text,
                    ))),
                    ..CompletionItem::default()
                }
            })
            .collect();
        to_value(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items,
        }))
    }

    fn code_action(&mut self, params: CodeActionParams) -> Answer {
        let uri = params.text_document.uri.clone();
        let Some(job) = self.current(&uri) else {
            return Ok(Value::Null);
        };
        let document = self.documents.get(&uri).ok_or_else(not_open)?;
        let Some(checked) = document.current() else {
            return Ok(Value::Null);
        };
        let mut recheck = |text: String| {
            let again = Job {
                uri: uri.clone(),
                version: checked.version,
                source: Arc::new(SourceFile::new(job.name.clone(), text)),
                settings: job.settings.clone(),
                versions: job.versions.clone(),
                encoding: self.encoding,
            };
            checker::check(&again).diagnostics.to_vec()
        };
        let found = actions::actions(&uri, &params, checked, self.encoding, &mut recheck);
        to_value(found)
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(
            note::PublishDiagnostics::METHOD.into(),
            params,
        ));
    }

    /// A line in the client's log (and on stderr, which editors keep in their log too).
    fn log(&self, typ: MessageType, message: &str) {
        eprintln!("plesk-lint server: {message}");
        self.send(Notification::new(
            note::LogMessage::METHOD.into(),
            LogMessageParams {
                typ,
                message: message.into(),
            },
        ));
    }

    /// A message the user sees.
    fn show(&self, typ: MessageType, message: &str) {
        self.log(typ, message);
        self.send(Notification::new(
            note::ShowMessage::METHOD.into(),
            ShowMessageParams {
                typ,
                message: message.into(),
            },
        ));
    }

    fn send(&self, message: impl Into<Message>) {
        // The writer is gone only when the process is going down.
        let _ = self.sender.send(message.into());
    }
}

fn parse<P: DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params).map_err(|e| Failure(ErrorCode::InvalidParams, e.to_string()))
}

fn to_value(value: impl serde::Serialize) -> Answer {
    serde_json::to_value(value).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
}

fn not_open() -> Failure {
    Failure(ErrorCode::InvalidParams, "the document is not open".into())
}
