//! The release pieces agree with each other: the archives cargo-dist builds
//! (dist-workspace.toml), the names `cargo binstall` looks for (Cargo.toml) and the archive and
//! version the CI templates download. The workflows themselves are validated by actionlint and
//! check-jsonschema in .ci/run; this catches a renamed target or a version bump left half done.

use crate::support::root;

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn toml_file(path: &str) -> toml::Table {
    read(path).parse().unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The archive cargo-dist makes for `target`.
fn dist_archive(target: &str) -> String {
    let suffix = if target.contains("windows") {
        ".zip"
    } else {
        ".tar.xz"
    };
    format!("plesk-lint-{target}{suffix}")
}

#[test]
fn binstall_templates_and_dist_name_the_same_archives() {
    let dist = toml_file("dist-workspace.toml");
    let targets: Vec<&str> = dist["dist"]["targets"]
        .as_array()
        .expect("dist.targets")
        .iter()
        .map(|t| t.as_str().expect("a target"))
        .collect();
    for wanted in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&wanted), "{wanted} is not released");
    }

    let cargo = toml_file("Cargo.toml");
    let package = &cargo["package"];
    let version = package["version"].as_str().expect("version");
    let binstall = &package["metadata"]["binstall"];
    for target in &targets {
        let overrides = binstall.get("overrides").and_then(|o| o.get(*target));
        let field = |name: &str| {
            overrides
                .and_then(|o| o.get(name))
                .or_else(|| binstall.get(name))
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("binstall {name} for {target}"))
        };
        let suffix = match field("pkg-fmt") {
            "txz" => ".tar.xz",
            "zip" => ".zip",
            other => panic!("unexpected pkg-fmt {other}"),
        };
        let url = field("pkg-url")
            .replace(
                "{ repo }",
                package["repository"].as_str().expect("repository"),
            )
            .replace("{ version }", version)
            .replace("{ name }", "plesk-lint")
            .replace("{ target }", target)
            .replace("{ archive-suffix }", suffix);
        assert!(
            url.ends_with(&format!(
                "/releases/download/v{version}/{}",
                dist_archive(target)
            )),
            "{target}: {url}"
        );
        // Tarballs hold a directory named after the archive; Windows zips hold the files.
        let bin_dir = field("bin-dir");
        if target.contains("windows") {
            assert_eq!(bin_dir, "{ bin }{ binary-ext }");
        } else {
            assert_eq!(bin_dir, "{ name }-{ target }/{ bin }{ binary-ext }");
        }
    }

    for template in [
        "integrations/github-actions.yml",
        "integrations/gitlab-ci.yml",
    ] {
        let text = read(template);
        assert!(
            text.contains(&format!(
                "archive=\"{}\"",
                dist_archive("x86_64-unknown-linux-musl")
            )),
            "{template} does not download the static Linux archive"
        );
        assert!(
            text.contains(&format!("PLESK_LINT_VERSION: \"{version}\"")),
            "{template} does not install version {version}"
        );
        assert!(
            text.contains("sha256sum"),
            "{template} does not check the checksum"
        );
    }
}

/// The shipped binary carries no developer tools: the importers and the generator are
/// `cargo xtask` subcommands (xtask/), and the binary neither lists nor accepts them.
#[test]
fn the_shipped_binary_has_no_developer_tools() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_plesk-lint"))
            .args(args)
            .output()
            .expect("plesk-lint runs")
    };
    let help = String::from_utf8(run(&["--help"]).stdout).expect("UTF-8");
    for listed in ["check", "explain", "server"] {
        assert!(help.contains(&format!("  {listed} ")), "{help}");
    }
    for tool in ["import-xsd", "import-svg", "generate"] {
        assert!(!help.contains(tool), "{tool} in --help:\n{help}");
        let output = run(&[tool, "--help"]);
        assert_eq!(output.status.code(), Some(2), "`plesk-lint {tool}` runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("unrecognized subcommand"), "{stderr}");
    }
}
