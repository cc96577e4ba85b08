use std::time::Instant;
use plesk_lint::rules::RuleSet;
fn main() {
    let t = Instant::now();
    let (rules, errors) = RuleSet::load(&[] as &[std::path::PathBuf]);
    let load = t.elapsed();
    assert!(errors.is_empty());
    let t = Instant::now();
    let e = rules.verify();
    let verify = t.elapsed();
    let dir = std::env::args().nth(1).unwrap();
    let (inputs, _) = plesk_lint::input::collect(&[dir.into()], None);
    let texts: Vec<String> = inputs.iter().map(|i| String::from_utf8(i.read().unwrap()).unwrap()).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let t = Instant::now();
    let mut n = 0;
    for text in &texts { n += plesk_lint::check::check_text(&rules, text, None).diagnostics.len(); }
    let check = t.elapsed();
    let t = Instant::now();
    for text in &texts { let d = roxmltree::Document::parse(text).unwrap(); std::hint::black_box(d); }
    let parse = t.elapsed();
    println!("load {load:?} verify {verify:?} ({} errors) check {} files {bytes} bytes {check:?} ({n} diags) parse {parse:?}", e.len(), texts.len());
}
