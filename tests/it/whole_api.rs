//! Differential testing over the whole API: `plesk_lint::generate` writes valid packets and
//! mutants for every operation of both directions; xmllint on the official schema set (both
//! schemas, on every packet) and plesk-lint's library check judge each one, and their verdicts
//! (error findings or none) must agree twice:
//!
//! - told the packet's direction (`--kind`), plesk-lint agrees with the schema of that
//!   direction, and for a mutant xmllint rejects reports a finding on the mutated line;
//! - not told (as users run it), plesk-lint reads the direction the packet shows (a `<result>`
//!   below an operator or a `<system>` operator: response; anything else: request) and agrees
//!   with the schema of that direction, on the verdict and the line. A mutant that dropped its
//!   `<result>` shows a request, and gets the request schema's verdict; a packet that shows a
//!   request but that the response schema also accepts (operations all empty) has findings
//!   whose first help says it is a valid response.
//!
//! Known, explained differences are listed in tests/whole_api_differences.toml, counted apart
//! and printed, never dropped silently; an entry that explains nothing fails the test, so the
//! list cannot go stale. Skips visibly without the schema set (`PLESK_XSD`) or xmllint; in CI that fails.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use plesk_lint::diagnostic::Severity;
use plesk_lint::generate::{self, Mutation, Options, Packet};
use plesk_lint::rules::Direction;

use crate::differential::{schema_dir, xmllint_available, xmllint_valid};
use crate::support::{root, rules};

/// The corpus: fixed, so a run is reproducible; `--seed` of `cargo xtask generate` explores
/// others.
const OPTIONS: Options = Options {
    seed: 1,
    variants: 4,
};

/// How many unexplained differences get xmllint's own message in the summary.
const MESSAGES: usize = 40;

/// The explained differences, by what they are about.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Differences {
    /// Verdict differences: key → reason.
    #[serde(default)]
    verdict: BTreeMap<String, String>,
    /// Mutants both reject, where plesk-lint's findings miss the mutated line: key → reason.
    #[serde(default)]
    line: BTreeMap<String, String>,
}

/// What plesk-lint said about one packet.
#[derive(Clone)]
struct Ours {
    valid: bool,
    direction: Option<Direction>,
    /// (line, message) of every error.
    errors: Vec<(usize, String)>,
    /// Whether the first finding's help says the packet is also a valid response.
    says_ambiguous: bool,
}

/// plesk-lint's two verdicts on one packet: told its direction, and not told.
struct Verdicts {
    told: Ours,
    free: Ours,
}

/// One packet plesk-lint and xmllint judge differently (or, for `line`, where plesk-lint's
/// findings miss the mutated line).
struct Difference<'a> {
    packet: &'a Packet,
    ours: &'a Ours,
    xmllint_valid: bool,
    line_only: bool,
}

#[test]
fn whole_api_agrees_with_xmllint() {
    let Some(schemas) = schema_dir() else { return };
    if !xmllint_available() {
        return;
    }
    let started = Instant::now();
    let corpus = generate::corpus(rules(), OPTIONS);
    assert!(
        corpus.errors.is_empty(),
        "broken rules: {:?}",
        corpus.errors
    );
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("whole-api");
    std::fs::remove_dir_all(&dir).ok();
    generate::write_corpus(&corpus, &dir).expect("corpus written");
    let packets = &corpus.packets;

    // xmllint runs once per schema (in chunks) while plesk-lint checks the packets on two
    // threads.
    let (theirs, verdicts) = std::thread::scope(|scope| {
        let xmllint = scope.spawn(|| Theirs {
            request: xmllint_accepts(&schemas, &dir, packets, Direction::Request),
            response: xmllint_accepts(&schemas, &dir, packets, Direction::Response),
        });
        let (first, second) = packets.split_at(packets.len() / 2);
        let helper = scope.spawn(|| first.iter().map(verdicts).collect::<Vec<Verdicts>>());
        let rest: Vec<Verdicts> = second.iter().map(verdicts).collect();
        let mut verdicts = helper.join().expect("checking thread");
        verdicts.extend(rest);
        (xmllint.join().expect("xmllint thread"), verdicts)
    });
    let ours: Vec<Ours> = verdicts.iter().map(|v| v.told.clone()).collect();
    let theirs_told: BTreeSet<PathBuf> = packets
        .iter()
        .map(|p| dir.join(&p.file))
        .zip(packets)
        .filter(|(file, p)| theirs.of(p.direction).contains(file))
        .map(|(file, _)| file)
        .collect();
    let theirs_told = &theirs_told;

    let mut tally = Tally::default();
    let differences = compare(packets, &ours, theirs_told, &dir, &mut tally);
    let listed = differences_file();
    let sorted = sort_out(&differences, &listed, &mut tally);
    let (explained, unexplained, stale) = (sorted.explained, sorted.unexplained, sorted.stale);

    // One xmllint run per packet: only for the first few, to say what xmllint saw.
    let shown = unexplained.iter().take(MESSAGES).map(|d| d.packet);
    let messages = xmllint_messages(&schemas, &dir, shown);
    let free = compare_free(packets, &verdicts, &theirs, &dir, &listed);
    let report = summary(
        &tally,
        &explained,
        &listed,
        &unexplained,
        &messages,
        &stale,
        started,
    );
    let report = format!("{report}{}", free.summary());
    println!("{report}");

    let valid = &tally.by_class["valid"];
    let mutants = tally.mutants();
    let failures = [
        (valid.agree + valid.explained < valid.tried)
            .then(|| "valid packets: not 100% agreement".to_string()),
        (mutants.agreement() < 0.995).then(|| {
            format!(
                "mutants: {:.2}% agreement, below 99.5%",
                100.0 * mutants.agreement()
            )
        }),
        (mutants.line_rate() < 0.99).then(|| {
            format!(
                "mutants: {:.2}% line hits, below 99%",
                100.0 * mutants.line_rate()
            )
        }),
        (!stale.is_empty()).then(|| format!("stale entries: {}", stale.join(", "))),
        (!free.failures.is_empty()).then(|| {
            format!(
                "without --kind: {} packet(s) differ from the schema of the direction they show",
                free.failures.len()
            )
        }),
        (ratio(free.line_hits, free.rejected) < 0.99)
            .then(|| "without --kind: line hits below 99%".to_string()),
    ];
    let failures: Vec<String> = failures.into_iter().flatten().collect();
    if failures.is_empty() {
        std::fs::remove_dir_all(&dir).ok();
    }
    assert!(
        failures.is_empty(),
        "{}\n(corpus kept in {})\n{report}",
        failures.join("\n"),
        dir.display()
    );
}

/// The comparison without `--kind`: plesk-lint's verdict against the schema of the direction
/// each packet shows.
#[derive(Default)]
struct Free {
    tried: usize,
    shown_response: usize,
    agree: usize,
    /// Verdict differences the told comparison explains too (same direction, same verdicts).
    explained: usize,
    /// Mutants of the shown direction that xmllint rejects, and those with a finding on the
    /// mutated line (or a listed line miss).
    rejected: usize,
    line_hits: usize,
    /// Packets shown as requests that the response schema accepts too, with findings.
    ambiguous: usize,
    /// Every failure, described.
    failures: Vec<String>,
}

fn compare_free(
    packets: &[Packet],
    verdicts: &[Verdicts],
    theirs: &Theirs,
    dir: &Path,
    listed: &Differences,
) -> Free {
    let mut free = Free::default();
    for (packet, verdicts) in packets.iter().zip(verdicts) {
        let ours = &verdicts.free;
        let file = dir.join(&packet.file);
        let shown = shown_direction(&packet.text);
        free.tried += 1;
        if shown == Direction::Response {
            free.shown_response += 1;
        }
        let mut fail = |what: String| {
            free.failures.push(format!(
                "{}: {what} [{}]",
                packet.file,
                if packet.detail.is_empty() {
                    "valid"
                } else {
                    &packet.detail
                }
            ))
        };
        if ours.direction != Some(shown) {
            fail(format!(
                "shows a {}, read as {}",
                shown.as_str(),
                ours.direction.map_or("?", Direction::as_str)
            ));
        }
        let xmllint_valid = theirs.of(shown).contains(&file);
        let same_as_told = shown == packet.direction;
        let listed_key = keys(packet)
            .into_iter()
            .find(|key| listed.verdict.contains_key(key));
        if ours.valid == xmllint_valid {
            free.agree += 1;
        } else if same_as_told && listed_key.is_some() {
            free.explained += 1;
        } else {
            fail(format!(
                "plesk-lint {} without --kind, xmllint {} as a {}",
                verdict(ours.valid),
                verdict(xmllint_valid),
                shown.as_str()
            ));
        }
        if same_as_told && packet.mutation.is_some() && !xmllint_valid && listed_key.is_none() {
            free.rejected += 1;
            if hits_line(ours, packet) {
                free.line_hits += 1;
            }
        }
        let ambiguous = shown == Direction::Request
            && !ours.valid
            && theirs.of(Direction::Response).contains(&file);
        free.ambiguous += usize::from(ambiguous);
        if ambiguous != ours.says_ambiguous && listed_key.is_none() {
            fail(format!(
                "the response schema {} it, but the help {} it is a valid response",
                if ambiguous { "accepts" } else { "rejects" },
                if ours.says_ambiguous {
                    "says"
                } else {
                    "does not say"
                }
            ));
        }
    }
    free
}

impl Free {
    fn summary(&self) -> String {
        let mut out = format!(
            "without --kind: {} packets ({} show a response), {} agree with the schema of the \
             direction they show, {} explained as above, {} line hits of {} rejected mutants, \
             {} read as requests that are also valid responses (said in the help)\n",
            self.tried,
            self.shown_response,
            self.agree,
            self.explained,
            self.line_hits,
            self.rejected,
            self.ambiguous
        );
        for failure in &self.failures {
            let _ = writeln!(out, "  {failure}");
        }
        out
    }
}

/// Counts agreements and line hits into `tally`; the packets judged differently, and the
/// rejected mutants whose mutated line has no finding.
fn compare<'a>(
    packets: &'a [Packet],
    ours: &'a [Ours],
    theirs: &BTreeSet<PathBuf>,
    dir: &Path,
    tally: &mut Tally,
) -> Vec<Difference<'a>> {
    let mut differences = Vec::new();
    for (packet, ours) in packets.iter().zip(ours) {
        let xmllint_valid = theirs.contains(&dir.join(&packet.file));
        let counts = tally.by_class.entry(class(packet)).or_default();
        counts.tried += 1;
        let mut differ = |line_only| {
            differences.push(Difference {
                packet,
                ours,
                xmllint_valid,
                line_only,
            })
        };
        if ours.valid == xmllint_valid {
            counts.agree += 1;
        } else {
            differ(false);
        }
        if packet.mutation.is_some() && !xmllint_valid {
            counts.rejected += 1;
            if hits_line(ours, packet) {
                counts.line_hits += 1;
            } else if !ours.valid {
                differ(true);
            }
        }
    }
    differences
}

/// Whether plesk-lint reports an error on the mutated line (either line of a swap).
fn hits_line(ours: &Ours, packet: &Packet) -> bool {
    let lines = [packet.line, packet.other_line];
    ours.errors
        .iter()
        .any(|(line, _)| lines.contains(&Some(*line)))
}

/// `valid` or the mutation kind.
fn class(packet: &Packet) -> &'static str {
    packet.mutation.map_or("valid", Mutation::as_str)
}

/// The differences sorted out against the list.
struct Sorted<'d, 'a> {
    /// By (line-only, key): the differences each entry explains.
    explained: BTreeMap<(bool, String), Vec<&'d Difference<'a>>>,
    unexplained: Vec<&'d Difference<'a>>,
    /// Entries that explain nothing.
    stale: Vec<String>,
}

/// Matches every difference with the most specific entry that explains it, counting the
/// explained ones into `tally`.
fn sort_out<'d, 'a>(
    differences: &'d [Difference<'a>],
    listed: &Differences,
    tally: &mut Tally,
) -> Sorted<'d, 'a> {
    let mut sorted = Sorted {
        explained: BTreeMap::new(),
        unexplained: Vec::new(),
        stale: Vec::new(),
    };
    for difference in differences {
        let table = if difference.line_only {
            &listed.line
        } else {
            &listed.verdict
        };
        let key = keys(difference.packet)
            .into_iter()
            .find(|key| table.contains_key(key));
        let Some(key) = key else {
            sorted.unexplained.push(difference);
            continue;
        };
        sorted
            .explained
            .entry((difference.line_only, key))
            .or_default()
            .push(difference);
        let counts = tally
            .by_class
            .get_mut(class(difference.packet))
            .expect("counted by compare");
        if difference.line_only {
            counts.line_explained += 1;
        } else {
            counts.explained += 1;
            // A mutant whose verdict difference is explained has no line to hit.
            if difference.packet.mutation.is_some() && !difference.xmllint_valid {
                counts.line_explained += 1;
            }
        }
    }
    let entries = (listed.verdict.keys().map(|k| (false, k.clone())))
        .chain(listed.line.keys().map(|k| (true, k.clone())));
    sorted.stale = entries
        .filter(|entry| !sorted.explained.contains_key(entry))
        .map(|(line, key)| format!("[{}] {key:?}", if line { "line" } else { "verdict" }))
        .collect();
    sorted
}

/// plesk-lint's verdicts on a packet: told its direction, and not told (as `plesk-lint
/// check` runs); the second check is skipped where it reads the packet as told.
fn verdicts(packet: &Packet) -> Verdicts {
    let free = check_as(packet, None);
    let told = if free.direction == Some(packet.direction) {
        free.clone()
    } else {
        check_as(packet, Some(packet.direction))
    };
    Verdicts { told, free }
}

/// plesk-lint's verdict with the direction given or detected.
fn check_as(packet: &Packet, direction: Option<Direction>) -> Ours {
    let outcome = crate::support::check(&packet.text, direction);
    assert!(
        outcome.rules_errors.is_empty(),
        "broken rules met checking {}: {:?}",
        packet.file,
        outcome.rules_errors
    );
    let errors: Vec<(usize, String)> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let start = d.primary.span.start.min(packet.text.len());
            let line = packet.text[..start].matches('\n').count() + 1;
            (line, format!("{} [{}]", d.message, d.code.as_str()))
        })
        .collect();
    let says_ambiguous = outcome.diagnostics.first().is_some_and(|d| {
        d.help
            .as_deref()
            .is_some_and(|h| h.contains(plesk_lint::check::AMBIGUOUS_HELP))
    });
    Ours {
        valid: errors.is_empty(),
        direction: outcome.direction,
        errors,
        says_ambiguous,
    }
}

/// What xmllint accepts under each schema.
struct Theirs {
    request: BTreeSet<PathBuf>,
    response: BTreeSet<PathBuf>,
}

impl Theirs {
    /// The files the schema of `direction` accepts.
    fn of(&self, direction: Direction) -> &BTreeSet<PathBuf> {
        match direction {
            Direction::Request => &self.request,
            Direction::Response => &self.response,
        }
    }
}

/// The files xmllint accepts against the schema of `direction`.
fn xmllint_accepts<'a>(
    schemas: &Path,
    dir: &Path,
    packets: impl IntoIterator<Item = &'a Packet>,
    direction: Direction,
) -> BTreeSet<PathBuf> {
    let schema = match direction {
        Direction::Request => "agent_input.xsd",
        Direction::Response => "agent_output.xsd",
    };
    let files: Vec<PathBuf> = packets.into_iter().map(|p| dir.join(&p.file)).collect();
    xmllint_valid(&schemas.join(schema), &files)
}

/// The direction a packet shows, read independently of plesk-lint: a `<result>` below an
/// operator or a `<system>` operator makes a response.
fn shown_direction(text: &str) -> Direction {
    let Ok(document) = roxmltree::Document::parse(text) else {
        return Direction::Request;
    };
    let response = document
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .any(|operator| {
            operator.tag_name().name() == "system"
                || operator
                    .descendants()
                    .skip(1)
                    .any(|n| n.is_element() && n.tag_name().name() == "result")
        });
    if response {
        Direction::Response
    } else {
        Direction::Request
    }
}

/// xmllint's first complaint about each packet (for the few that need explaining).
fn xmllint_messages<'a>(
    schemas: &Path,
    dir: &Path,
    packets: impl Iterator<Item = &'a Packet>,
) -> BTreeMap<String, String> {
    let mut messages = BTreeMap::new();
    for packet in packets {
        let schema = match packet.direction {
            Direction::Request => "agent_input.xsd",
            Direction::Response => "agent_output.xsd",
        };
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(schemas.join(schema))
            .arg(dir.join(&packet.file))
            .output()
            .expect("xmllint runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr.lines().next().unwrap_or("").to_string();
        let prefix = format!("{}:", dir.join(&packet.file).display());
        let first = first.strip_prefix(&prefix).unwrap_or(&first).to_string();
        messages.insert(packet.file.clone(), first);
    }
    messages
}

/// The keys a difference may be listed under, most specific first: `response server/get swap`,
/// `response server/get`, `swap`.
fn keys(packet: &Packet) -> Vec<String> {
    let operation = format!(
        "{} {}/{}",
        packet.direction.as_str(),
        packet.operator,
        packet.operation
    );
    let class = packet.mutation.map_or("valid", Mutation::as_str);
    let mut keys = Vec::new();
    keys.push(format!("{operation} {class}"));
    keys.push(operation);
    keys.push(class.to_string());
    keys
}

fn differences_file() -> Differences {
    let path = root().join("tests/whole_api_differences.toml");
    let text = std::fs::read_to_string(&path).expect("tests/whole_api_differences.toml exists");
    toml::from_str(&text).expect("whole_api_differences.toml has [verdict] and [line] tables")
}

/// Counts per class (`valid` or a mutation kind).
#[derive(Debug, Default)]
struct Tally {
    by_class: BTreeMap<&'static str, Counts>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tried: usize,
    agree: usize,
    /// Verdict differences listed with a reason.
    explained: usize,
    /// Mutants xmllint rejects.
    rejected: usize,
    /// Of those, with a plesk-lint finding on the mutated line.
    line_hits: usize,
    /// Line misses listed with a reason, and rejected mutants whose verdict difference is.
    line_explained: usize,
}

impl Counts {
    /// Agreement among the packets whose difference is not explained.
    fn agreement(&self) -> f64 {
        ratio(self.agree, self.tried - self.explained)
    }

    /// Line hits among the rejected mutants whose miss is not explained (a verdict
    /// difference counts as a miss).
    fn line_rate(&self) -> f64 {
        ratio(self.line_hits, self.rejected - self.line_explained)
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

impl Tally {
    fn mutants(&self) -> Counts {
        let mut sum = Counts::default();
        for (_, c) in self.by_class.iter().filter(|(class, _)| **class != "valid") {
            sum.tried += c.tried;
            sum.agree += c.agree;
            sum.explained += c.explained;
            sum.rejected += c.rejected;
            sum.line_hits += c.line_hits;
            sum.line_explained += c.line_explained;
        }
        sum
    }
}

fn summary(
    tally: &Tally,
    explained: &BTreeMap<(bool, String), Vec<&Difference>>,
    listed: &Differences,
    unexplained: &[&Difference],
    messages: &BTreeMap<String, String>,
    stale: &[String],
    started: Instant,
) -> String {
    let mut out = String::new();
    let total: usize = tally.by_class.values().map(|c| c.tried).sum();
    let _ = writeln!(
        out,
        "whole API: {total} packets tried against xmllint in {:.1}s (seed {}, {} variants)",
        started.elapsed().as_secs_f64(),
        OPTIONS.seed,
        OPTIONS.variants
    );
    let _ = writeln!(
        out,
        "  {:<14} {:>6} {:>7} {:>9} {:>9} {:>10} {:>9}",
        "class", "tried", "agree", "explained", "rejected", "line hits", "explained"
    );
    let mutants = tally.mutants();
    let rows = tally
        .by_class
        .iter()
        .map(|(class, c)| (*class, *c))
        .chain([("all mutants", mutants)]);
    for (class, c) in rows {
        let _ = writeln!(
            out,
            "  {class:<14} {:>6} {:>7} {:>9} {:>9} {:>10} {:>9}",
            c.tried, c.agree, c.explained, c.rejected, c.line_hits, c.line_explained
        );
    }
    let _ = writeln!(
        out,
        "  mutants: {:.2}% agreement, {:.2}% line hits (explained differences left out)",
        100.0 * mutants.agreement(),
        100.0 * mutants.line_rate()
    );
    for ((line_only, key), list) in explained {
        let table = if *line_only {
            &listed.line
        } else {
            &listed.verdict
        };
        let _ = writeln!(
            out,
            "explained [{}] {key}: {} packet(s): {}",
            if *line_only { "line" } else { "verdict" },
            list.len(),
            table[key]
        );
        for difference in list {
            let _ = writeln!(out, "    {}", describe(difference));
        }
    }
    let _ = writeln!(out, "unexplained: {}", unexplained.len());
    for difference in unexplained {
        let _ = writeln!(out, "  {}", describe(difference));
        if let Some(message) = messages.get(&difference.packet.file) {
            let _ = writeln!(out, "      xmllint: {message}");
        }
        for (line, message) in &difference.ours.errors {
            let _ = writeln!(out, "      plesk-lint: line {line}: {message}");
        }
    }
    for entry in stale {
        let _ = writeln!(out, "stale entry (explains nothing): {entry}");
    }
    out
}

fn describe(difference: &Difference) -> String {
    let packet = difference.packet;
    let what = if difference.line_only {
        format!(
            "no finding on line {}{}",
            packet.line.map_or("?".into(), |l| l.to_string()),
            packet
                .other_line
                .map_or(String::new(), |l| format!(" or {l}"))
        )
    } else {
        format!(
            "plesk-lint {} (as {}), xmllint {}",
            verdict(difference.ours.valid),
            difference.ours.direction.map_or("?", Direction::as_str),
            verdict(difference.xmllint_valid)
        )
    };
    let detail = if packet.detail.is_empty() {
        String::new()
    } else {
        format!(" [{}]", packet.detail)
    };
    format!("{}: {what}{detail}", packet.file)
}

fn verdict(valid: bool) -> &'static str {
    if valid { "valid" } else { "invalid" }
}

/// Found by the whole-API comparison: a `default` is honoured in an xs:all (`&`) too, where
/// server's set-admin-alias declares `status?: boolean default "true"`.
#[test]
fn defaults_apply_to_members_of_unordered_groups() {
    let packet = |status: &str| {
        format!(
            "<packet><server><set-admin-alias><filter><login>a</login></filter>\
             <data>{status}<email>a@example.com</email></data></set-admin-alias></server></packet>"
        )
    };
    let errors = |text: &str| {
        crate::support::check(text, Some(Direction::Request))
            .diagnostics
            .len()
    };
    assert_eq!(errors(&packet("<status/>")), 0);
    assert_eq!(errors(&packet("<status>maybe</status>")), 1);
}

/// Issue 13: a request stays a request however broken; an empty operation that is also a valid
/// response is read as a request whose first finding says so; a `<result>` makes a response
/// even where the request model takes any content.
#[test]
fn direction_is_what_the_packet_shows() {
    let check = |text: &str| crate::support::check(text, None);
    let empty = check("<packet><dns><get_rec/></dns></packet>");
    assert_eq!(empty.direction, Some(Direction::Request));
    let help = empty.diagnostics[0].help.as_deref().unwrap_or("");
    assert!(help.contains(plesk_lint::check::AMBIGUOUS_HELP), "{help}");
    let broken = check(
        "<packet><customer><add><gen_info><pname>a</pname><logn>b</logn>\
         <passwd>c</passwd><emial>d</emial></gen_info></add></customer></packet>",
    );
    assert_eq!(broken.direction, Some(Direction::Request));
    assert_eq!(broken.diagnostics.len(), 2, "{:?}", broken.diagnostics);
    let help = broken.diagnostics[0].help.as_deref().unwrap_or("");
    assert!(!help.contains(plesk_lint::check::AMBIGUOUS_HELP), "{help}");
    let response = check(
        "<packet><server><reboot><result><stauts>ok</stauts></result></reboot></server></packet>",
    );
    assert_eq!(response.direction, Some(Direction::Response));
    assert_eq!(response.diagnostics.len(), 1);
}

/// Issue 13: on every generated mutant, applying every safe fix removes the findings they were
/// attached to and adds none (a move that only moves the mistake would fail here).
#[test]
fn safe_fixes_of_every_mutant_converge() {
    let corpus = generate::corpus(rules(), OPTIONS);
    let mut failures = Vec::new();
    let mut fixed = 0;
    for packet in corpus.packets.iter().filter(|p| p.mutation.is_some()) {
        match crate::fixtures::safe_fixes_converge(&packet.text, Some(packet.direction)) {
            Ok(true) => fixed += 1,
            Ok(false) => {}
            Err(why) => failures.push(format!("{} [{}]: {why}", packet.file, packet.detail)),
        }
    }
    println!(
        "safe fixes: {fixed} mutants fixed, {} diverge",
        failures.len()
    );
    assert!(fixed >= 1000, "only {fixed} mutants have safe fixes");
    assert!(
        failures.is_empty(),
        "{} mutants:\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
