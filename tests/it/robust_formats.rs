//! Issue 19, items 4 and 6 (the formats' side): GitLab's documented `location.lines.begin`,
//! the concise format's byte columns, and the vim compiler file with severities, run in a
//! real headless Neovim.

use std::path::PathBuf;

use crate::bin::{run, scratch};
use crate::robust::outcome;

/// Two findings after non-ASCII text: an error on line 2 and a warning on line 3.
const PACKET: &str = "<packet>\n<!-- é😀 --><sitex/>\n\
<!-- plesk-lint-disable-next-element too-many -->\n\
<site><get><filter/><dataset/></get></site></packet>\n";

#[test]
fn gitlab_issues_carry_lines_begin() {
    let dir = scratch("gitlab-lines");
    std::fs::write(dir.join("a.xml"), PACKET).expect("write");
    let (code, out) = outcome(&run(
        &dir,
        &["check", "--output-format", "gitlab", "a.xml"],
        &[],
        None,
    ));
    assert_eq!(code, 1, "{out}");
    let issues: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let lines: Vec<u64> = issues
        .as_array()
        .expect("an array")
        .iter()
        .map(|issue| {
            issue["location"]["lines"]["begin"]
                .as_u64()
                .expect("lines.begin")
        })
        .collect();
    // The misspelt operator, the operation it lacks, the unused suppression.
    assert_eq!(lines, [2, 2, 3], "{out}");
}

#[test]
fn concise_columns_count_characters_or_bytes() {
    let dir = scratch("byte-columns");
    std::fs::write(dir.join("a.xml"), PACKET).expect("write");
    let concise = |extra: &[&str]| {
        let mut args = vec!["check", "--output-format", "concise"];
        args.extend_from_slice(extra);
        args.push("a.xml");
        outcome(&run(&dir, &args, &[], None)).1
    };
    // `<!-- é😀 -->` is 11 characters and 15 bytes.
    assert!(concise(&[]).starts_with("a.xml:2:13: error: "));
    assert!(concise(&["--columns", "bytes"]).starts_with("a.xml:2:17: error: "));
    assert!(concise(&["--columns", "chars"]).starts_with("a.xml:2:13: error: "));
    let output = run(&dir, &["check", "--columns", "utf16", "a.xml"], &[], None);
    assert_eq!(output.status.code(), Some(2));
}

/// `editors/vim/compiler/plesk-lint.vim` in Neovim: `:compiler plesk-lint` and `:make` put
/// both findings in the quickfix list at the exact byte column, with their types.
#[test]
fn the_vim_compiler_file_reads_types_and_byte_columns() {
    let dir = scratch("vim");
    std::fs::write(dir.join("a.xml"), PACKET).expect("write");
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_plesk-lint"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("a directory").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dump = "call writefile(map(getqflist(), \
                {_, e -> e.lnum . ':' . e.col . ':' . e.type . ':' . e.text}), 'qf.txt')";
    let status = std::process::Command::new("nvim")
        .current_dir(&dir)
        .env("PATH", path)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "--cmd"])
        .arg(format!("set rtp^={}", repo.join("editors/vim").display()))
        .args([
            "a.xml",
            "-c",
            "compiler plesk-lint",
            "-c",
            "silent make",
            "-c",
            dump,
            "-c",
            "qa!",
        ])
        .status();
    match status {
        Ok(status) => assert!(status.success(), "nvim failed"),
        Err(error) => {
            println!("skipped: cannot run nvim: {error}");
            assert!(std::env::var_os("CI").is_none(), "nvim is needed in CI");
            return;
        }
    }
    let quickfix = std::fs::read_to_string(dir.join("qf.txt")).expect("the quickfix list");
    assert_eq!(
        quickfix,
        "2:17:e:unknown operator `<sitex>`: did you mean `<site>`? [unknown-operator]\n\
         2:17:e:missing one of `<add>` | `<cform_buttons_list>` | `<del>` | `<get>` | `<get-physical-hosting-descriptor>` | `<get_traffic>` | `<set>` | `<set_traffic>` inside `<sitex>` [missing-element]\n\
         3:1:w:unused suppression: no `too-many` finding here [unused-suppression]\n"
    );
}
