//! GOPRIVATE / GONOPROXY / GONOSUMDB matching checked against Go itself: a small Go program
//! calls `golang.org/x/mod/module.MatchPrefixPatterns` (the copy the go command vendors in
//! GOROOT, so no download is needed) on the same inputs as `doctor::goenv::match_prefix_patterns`.

#[path = "proxies/support.rs"]
mod support;

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

#[test]
fn private_module_patterns_match_exactly_as_go_matches_them() {
    let Some(go) = support::which("go") else {
        assert!(support::may_skip("go"), "go is required");
        return;
    };
    let oracle = support::GoOracle::new(&go, &[("src/cmd/vendor/golang.org/x/mod", "golang.org/x/mod")], PROGRAM);
    let mut pairs = Vec::new();
    for g in GLOBS {
        for t in TARGETS {
            pairs.push((*g, *t));
        }
    }
    let input: String = pairs.iter().map(|(g, t)| format!("{g}\t{t}\n")).collect();
    let answers = oracle.ask(&input);
    let mismatches: Vec<String> = pairs
        .iter()
        .zip(&answers)
        .filter(|((g, t), go_says)| match_prefix_patterns(g, t) != **go_says)
        .map(|((g, t), go_says)| format!("globs {g:?} target {t:?}: go says {go_says}"))
        .collect();
    assert!(mismatches.is_empty(), "{} of {} differ:\n{}", mismatches.len(), pairs.len(), mismatches.join("\n"));
    assert!(answers.iter().filter(|a| **a).count() > 40, "too few matches to mean anything");
}
