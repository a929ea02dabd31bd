//! GOPRIVATE / GONOPROXY / GONOSUMDB matching checked against Go itself: a small Go program
//! calls `golang.org/x/mod/module.MatchPrefixPatterns` (the copy the go command vendors in
//! GOROOT, so no download is needed) on the same inputs as `doctor::goenv::match_prefix_patterns`.

#[path = "proxies/support.rs"]
mod support;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use trustaudit::doctor::goenv::match_prefix_patterns;

const GLOBS: &[&str] = &[
    "",
    "*",
    "*/",
    "github.com",
    "github.com/",
    "github.com/acme",
    "github.com/acme/",
    "github.com/*",
    "github.com/*/tool",
    "*.corp.example",
    "*.corp.example/team",
    "git.corp.example,github.com/acme",
    ",,github.com/acme,,",
    "github.com/a?me",
    "github.com/[a-c]*",
    "github.com/[^a-c]*",
    "github.com/[",
    "github.com/\\acme",
    "github.com/acme\\",
    "GitHub.com/acme",
    "github.com/acme/tool/v2",
    "*/*/*",
    "corp.example",
    "*corp.example",
    "[",
    "github.com/acme,[",
    "github.com/[]a]*",
    "github.com/[a-]",
];

const TARGETS: &[&str] = &[
    "github.com",
    "github.com/acme",
    "github.com/acme/tool",
    "github.com/acme/tool/v2",
    "github.com/acmeco/tool",
    "github.com/beta/tool",
    "github.com/zeta/x",
    "github.com/]eta/x",
    "github.com/-",
    "git.corp.example/team/repo",
    "corp.example/x",
    "x.corp.example",
    "corp.example",
    "golang.org/x/mod",
    "GitHub.com/acme/tool",
    "",
];

const PROGRAM: &str = r#"package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/module"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		globs, target, _ := strings.Cut(in.Text(), "\t")
		fmt.Println(module.MatchPrefixPatterns(globs, target))
	}
}
"#;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

#[test]
fn private_module_patterns_match_exactly_as_go_matches_them() {
    let Some(go) = support::which("go") else {
        assert!(support::may_skip("go"), "go is required");
        return;
    };
    let goroot = Command::new(&go).args(["env", "GOROOT"]).output().unwrap();
    let goroot = String::from_utf8_lossy(&goroot.stdout).trim().to_owned();
    let vendored = Path::new(&goroot).join("src/cmd/vendor/golang.org/x/mod");
    assert!(vendored.join("module/module.go").is_file(), "{} has no x/mod", vendored.display());

    let dir = tempfile::tempdir().unwrap();
    let xmod = dir.path().join("xmod");
    copy_dir(&vendored, &xmod);
    support::write_file(&xmod, "go.mod", b"module golang.org/x/mod\n\ngo 1.22\n");
    let main = dir.path().join("check");
    std::fs::create_dir_all(&main).unwrap();
    support::write_file(
        &main,
        "go.mod",
        b"module patterncheck\n\ngo 1.22\n\nrequire golang.org/x/mod v0.0.0\n\nreplace golang.org/x/mod => ../xmod\n",
    );
    support::write_file(&main, "main.go", PROGRAM.as_bytes());

    let mut pairs = Vec::new();
    for g in GLOBS {
        for t in TARGETS {
            pairs.push((*g, *t));
        }
    }
    let input: String = pairs.iter().map(|(g, t)| format!("{g}\t{t}\n")).collect();
    let mut child = Command::new(&go)
        .args(["run", "-mod=mod", "."])
        .current_dir(&main)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::var_os("HOME").unwrap_or_default())
        .env("GOPROXY", "off")
        .env("GOSUMDB", "off")
        .env("GOFLAGS", "")
        .env("GOTOOLCHAIN", "local")
        .env("GOPATH", dir.path().join("gopath"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let answers: Vec<bool> = String::from_utf8_lossy(&out.stdout).lines().map(|l| l == "true").collect();
    assert_eq!(answers.len(), pairs.len());
    let mismatches: Vec<String> = pairs
        .iter()
        .zip(&answers)
        .filter(|((g, t), go_says)| match_prefix_patterns(g, t) != **go_says)
        .map(|((g, t), go_says)| format!("globs {g:?} target {t:?}: go says {go_says}"))
        .collect();
    assert!(mismatches.is_empty(), "{} of {} differ:\n{}", mismatches.len(), pairs.len(), mismatches.join("\n"));
    assert!(answers.iter().filter(|a| **a).count() > 40, "too few matches to mean anything");
}
