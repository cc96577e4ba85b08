//! Engine benchmarks (criterion): the costs `scripts/bench.sh` measures end to end, taken
//! apart in-process, without process start, file system or rendering.
//!
//! - `startup`: loading the rule set, and a first check on it (what one invocation pays
//!   before it can report on one small packet: parse three rules files, compile one
//!   operation).
//! - `small`: one small packet on warm rules (the editor's re-check).
//! - `corpus`: every packet the generator makes for the whole API (valid ones and mutants),
//!   checked sequentially and with `batch::map_ordered` on 2 threads, next to roxmltree
//!   parsing the same texts (the floor).
//! - `big`: one `customer/get` response with many results (the shape of
//!   `scripts/big-response.py`), at two sizes, next to parsing it: cost must grow linearly.
//!
//! `cargo bench --bench engine`; `cargo bench --bench engine -- corpus` for one group.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use plesk_lint::batch;
use plesk_lint::check::Outcome;
use plesk_lint::engine::{self, Options as CheckOptions};
use plesk_lint::generate::{self, Options};
use plesk_lint::rules::Direction;
use plesk_lint::source::SourceFile;
use plesk_lint::versions::Versions;

mod packets;
use packets::{SMALL, big_response};

fn load() -> Versions {
    let (versions, errors) = Versions::load(&[] as &[PathBuf]);
    assert!(errors.is_empty(), "the embedded rules load");
    versions
}

/// The one check the CLI runs, pieces of a large packet on the cores.
fn check_text(versions: &Versions, text: &str, kind: Option<Direction>) -> Outcome {
    engine::check(versions, text, &CheckOptions::kind(kind).on_all_cores())
}

fn parse(text: &str) -> usize {
    roxmltree::Document::parse(text).map_or(0, |d| d.descendants().count())
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.bench_function("load", |b| b.iter(load));
    group.bench_function("load_and_first_check", |b| {
        b.iter(|| {
            check_text(&load(), black_box(SMALL), None)
                .diagnostics
                .len()
        })
    });
    group.bench_function("compile_whole_api", |b| {
        b.iter_batched(
            load,
            |versions| versions.newest().rules.verify().len(),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn small(c: &mut Criterion) {
    let rules = load();
    assert!(check_text(&rules, SMALL, None).diagnostics.is_empty());
    let mut group = c.benchmark_group("small");
    group.throughput(Throughput::Bytes(SMALL.len() as u64));
    group.bench_function("check_warm", |b| {
        b.iter(|| check_text(&rules, black_box(SMALL), None).diagnostics.len())
    });
    group.bench_function("parse_only", |b| b.iter(|| parse(black_box(SMALL))));
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let rules = load();
    let options = Options {
        seed: 1,
        variants: 2,
    };
    let texts: Vec<String> = generate::corpus(&rules.named("2015").expect("2015").rules, options)
        .packets
        .into_iter()
        .map(|p| p.text)
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("corpus");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("check_{}_packets", texts.len()), |b| {
        b.iter(|| {
            let found = texts
                .iter()
                .map(|t| check_text(&rules, t, None).diagnostics.len());
            found.sum::<usize>()
        })
    });
    let sources: Vec<Arc<str>> = texts.iter().map(|t| Arc::from(t.as_str())).collect();
    for threads in [1, 2] {
        group.bench_function(format!("batch_{threads}_threads"), |b| {
            b.iter(|| {
                let read = |t: &Arc<str>| Ok(Ok(SourceFile::new("p.xml", &**t)));
                let checked = batch::check_each(&sources, threads, read, |_| {
                    (&rules, CheckOptions::default())
                });
                checked.len()
            })
        });
    }
    group.bench_function("parse_only", |b| {
        b.iter(|| texts.iter().map(|t| parse(t)).sum::<usize>())
    });
    group.finish();
}

fn big(c: &mut Criterion) {
    let rules = load();
    let mut group = c.benchmark_group("big");
    group.sample_size(10);
    for results in [2_000, 20_000] {
        let text = big_response(results);
        let outcome = check_text(&rules, &text, Some(Direction::Response));
        assert!(
            outcome.diagnostics.is_empty(),
            "{:?}",
            outcome.diagnostics.first()
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("check_{results}_results"), |b| {
            b.iter(|| check_text(&rules, &text, None).diagnostics.len())
        });
        group.bench_function(format!("parse_{results}_results"), |b| {
            b.iter(|| parse(&text))
        });
    }
    group.finish();
}

criterion_group!(benches, startup, small, corpus, big);
criterion_main!(benches);
