//! The command-line tool, run as a process: exit codes, messages, output formats.

use crate::fixture::*;
use std::io::Write;
use std::process::{Command, Stdio};
use vpc_planner::model::document;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    run_with_stdin(args, None)
}

fn run_with_stdin(args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vpc-planner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start vpc-planner");
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
    }
    let out = child.wait_with_output().expect("run vpc-planner");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

fn examples() -> Vec<String> {
    files_in("static/examples", "json")
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

fn example(name: &str) -> String {
    examples()
        .into_iter()
        .find(|p| p.ends_with(name))
        .unwrap_or_else(|| panic!("no example {name}"))
}

/// The design as a file in `dir`.
fn design_file(dir: &TempDir, name: &str, design: &vpc_planner::model::Design) -> String {
    dir.file(name, &document::to_json_pretty(design))
        .display()
        .to_string()
}

#[test]
fn validate_examples_exit_0() {
    for path in examples() {
        let r = run(&["validate", &path]);
        assert_eq!(r.code, 0, "{path}: {}{}", r.stdout, r.stderr);
        assert!(r.stdout.contains("0 error(s)"), "{path}: {}", r.stdout);
        assert_eq!(r.stderr, "");
    }
}

#[test]
fn validate_design_with_an_error_exit_1() {
    let dir = TempDir::new("cli");
    let d = design(|d| {
        d.subnets
            .push(subnet("subnet-1", "vpc-1", "10.0.0.0/29", "us-east-1a"));
        d.subnets[0].name = "tiny".into();
        d.vpcs[0].cidr_blocks = vec!["172.17.0.0/16".into()];
    });
    let path = design_file(&dir, "bad.json", &d);
    let r = run(&["validate", &path]);
    assert_eq!(r.code, 1);
    insta::assert_snapshot!(r.stdout, @r#"
        warning[vpc.cidr_docker] main (vpc-1.cidr_blocks): 172.17.0.0/16 overlaps 172.17.0.0/16, which AWS services such as SageMaker and Cloud9 use for Docker; pick another range
        error[subnet.cidr_size] tiny (subnet-1.cidr): 10.0.0.0/29 is too small: the smallest subnet AWS allows is /28 (11 usable addresses)
        error[subnet.outside_vpc] tiny (subnet-1.cidr): 10.0.0.0/29 is outside VPC "main" (172.17.0.0/16)
        2 error(s), 1 warning(s)
        "#);
    // Warnings alone do not fail.
    let warn_only = design(|d| d.vpcs[0].cidr_blocks = vec!["172.17.0.0/16".into()]);
    let r = run(&["validate", &design_file(&dir, "warn.json", &warn_only)]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn validate_json_output() {
    let dir = TempDir::new("cli");
    let d = design(|d| {
        d.subnets
            .push(subnet("subnet-1", "vpc-1", "10.9.0.0/24", "us-east-1a"))
    });
    let r = run(&["validate", &design_file(&dir, "d.json", &d), "--json"]);
    assert_eq!(r.code, 1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("--json prints JSON");
    insta::assert_json_snapshot!(v, @r#"
        {
          "diagnostics": [
            {
              "code": "subnet.outside_vpc",
              "field": "cidr",
              "message": "10.9.0.0/24 is outside VPC \"main\" (10.0.0.0/16)",
              "severity": "error",
              "subject": "subnet-1"
            }
          ],
          "errors": 1,
          "warnings": 0
        }
        "#);
}

#[test]
fn missing_file_exit_2() {
    let r = run(&["validate", "/nonexistent/design.json"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    insta::assert_snapshot!(r.stderr, @"vpc-planner: cannot read /nonexistent/design.json: No such file or directory (os error 2)");
}

#[test]
fn invalid_json_exit_2_with_line_and_column() {
    let dir = TempDir::new("cli");
    let path = dir.file(
        "broken.json",
        "{\n  \"version\": 1,\n  \"region\": \"us-east-1\",\n  \"vpcs\": [,]\n}\n",
    );
    let r = run(&["validate", &path.display().to_string()]);
    assert_eq!(r.code, 2);
    let message = r.stderr.replace(&path.display().to_string(), "FILE");
    insta::assert_snapshot!(message, @"vpc-planner: FILE: the design is not valid: expected value (line 4, column 12)");
    // Valid JSON, wrong shape: also located.
    let path = dir.file(
        "shape.json",
        "{\"version\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"id\": 7}]}",
    );
    let r = run(&["validate", &path.display().to_string()]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr.replace(&path.display().to_string(), "FILE"), @"vpc-planner: FILE: the design is not valid: invalid type: integer `7`, expected a string (line 1, column 55)");
    // A design from a newer planner.
    let path = dir.file("newer.json", "{\"version\": 5, \"region\": \"us-east-1\"}");
    let r = run(&["terraform", &path.display().to_string()]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr.replace(&path.display().to_string(), "FILE"), @"vpc-planner: FILE: this design was made by a newer VPC Planner (format version 5; this one reads up to 4); reload the page to get the latest version");
}

#[test]
fn trace_prints_every_flow_or_one() {
    let classic = example("classic-private-endpoints.json");
    let r = run(&["trace", &classic]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.matches("\nflow ").count() + usize::from(r.stdout.starts_with("flow ")),
        4
    );
    assert!(r.stdout.ends_with("4 flow(s), 0 dropped\n"), "{}", r.stdout);
    // One flow by name, as JSON: the verdict and every hop.
    let r = run(&["trace", &classic, "--flow", "app-b to a SaaS API", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(out.as_array().map(|a| a.len()), Some(1));
    assert_eq!(out[0]["trace"]["verdict"]["kind"], "internet");
    assert_eq!(out[0]["trace"]["verdict"]["nat"], "nat-1");
    let hops: Vec<&str> = out[0]["trace"]["hops"]
        .as_array()
        .expect("hops")
        .iter()
        .filter_map(|h| h["at"].as_str())
        .collect();
    assert_eq!(hops.first(), Some(&"ec2-2"));
    assert!(
        hops.contains(&"nat-1") && hops.contains(&"igw-1"),
        "{hops:?}"
    );
    // An unknown flow is an input error that lists the flows there are.
    let r = run(&["trace", &classic, "--flow", "nope"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no flow is named nope; the design's flows: app-a to S3"),
        "{}",
        r.stderr
    );
}

#[test]
fn terraform_prints_hcl() {
    for path in examples() {
        let r = run(&["terraform", &path]);
        assert_eq!(r.code, 0, "{path}: {}", r.stderr);
        let text = std::fs::read_to_string(&path).expect("read");
        let design = document::from_json(&text).expect("load");
        assert_eq!(r.stdout, vpc_planner::model::terraform::export(&design));
        crate::terraform::parse(&r.stdout);
        let r = run(&["terraform", &path, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("--json prints JSON");
        assert_eq!(
            v["main.tf"].as_str(),
            Some(vpc_planner::model::terraform::export(&design).as_str())
        );
    }
}

#[test]
fn terraform_exits_0_even_with_errors() {
    // The export is still written, with a warning header.
    let dir = TempDir::new("cli");
    let path = design_file(
        &dir,
        "d.json",
        &design(|d| d.vpcs[0].cidr_blocks = vec!["nope".into()]),
    );
    let r = run(&["terraform", &path]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("# WARNING: the design has 1 problem;"),
        "{}",
        r.stdout
    );
}

#[test]
fn url_encode_then_decode_round_trip() {
    let dir = TempDir::new("cli");
    for (i, d) in [
        full(),
        base(),
        design(|d| d.vpcs[0].name = "x\"${y}\u{202E}🚀".repeat(500)),
    ]
    .iter()
    .enumerate()
    {
        let path = design_file(&dir, &format!("d{i}.json"), d);
        let link = run(&["url-encode", &path]);
        assert_eq!(link.code, 0, "{}", link.stderr);
        let link_path = dir.file(&format!("link{i}.txt"), &link.stdout);
        let back = run(&["url-decode", &link_path.display().to_string()]);
        assert_eq!(back.code, 0, "{}", back.stderr);
        assert_eq!(back.stdout, document::to_json_pretty(d) + "\n");
        // The link itself on the command line, and a whole URL with --base.
        let back = run(&["url-decode", link.stdout.trim()]);
        assert_eq!(document::from_json(&back.stdout).as_ref(), Ok(d));
        let url = run(&[
            "url-encode",
            &path,
            "--base",
            "https://example.org/planner/#old",
        ]);
        assert!(
            url.stdout.starts_with("https://example.org/planner/#v4."),
            "{}",
            url.stdout
        );
        let back = run(&["url-decode", url.stdout.trim()]);
        assert_eq!(document::from_json(&back.stdout).as_ref(), Ok(d));
    }
}

#[test]
fn url_encode_json_and_stdin() {
    let text = document::to_json_pretty(&full());
    let r = run_with_stdin(&["url-encode", "-", "--json"], Some(&text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("--json prints JSON");
    let link = v["link"].as_str().expect("link");
    assert_eq!(v["characters"].as_u64(), Some(link.len() as u64));
    let back = run_with_stdin(&["url-decode", "-"], Some(link));
    assert_eq!(document::from_json(&back.stdout), Ok(full()));
}

#[test]
fn url_decode_errors_exit_2() {
    let r = run(&["url-decode", "v1.bm90IGRlZmxhdGU"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr, @"vpc-planner: the link is incomplete or damaged; it may have been cut short when it was copied");
    let r = run(&["url-decode", "https://example.org/#v9.abc"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr, @"vpc-planner: this link was made by a newer VPC Planner (link format v9); reload the page to get the latest version");
}

#[test]
fn schema_prints_a_json_schema() {
    let r = run(&["schema"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("schema is JSON");
    assert!(
        v["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("json-schema.org")),
        "{}",
        v["$schema"]
    );
    assert_eq!(v["title"], "Design");
    let mut required: Vec<&str> = v["required"]
        .as_array()
        .expect("required")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    required.sort();
    assert_eq!(required, ["region", "version"]);
    for field in ["vpcs", "subnets", "route_tables", "nodes", "flows", "name"] {
        assert!(v["properties"][field].is_object(), "schema lacks {field}");
    }
    // The examples conform at least to the top level: no property the schema does not know.
    for path in examples() {
        let example: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        for key in example.as_object().expect("object").keys() {
            assert!(
                v["properties"][key].is_object(),
                "{path}: {key} not in the schema"
            );
        }
    }
}

#[test]
fn usage_and_argument_errors() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("vpc-planner:"), "{}", r.stdout);
    let no_args = run(&[]);
    assert_eq!(no_args.code, 2);
    assert!(no_args.stderr.contains("usage:"));
    for (args, first_line) in [
        (
            &["frobnicate", "x"][..],
            "vpc-planner: unknown command frobnicate",
        ),
        (
            &["validate", "--yaml"][..],
            "vpc-planner: unknown option --yaml",
        ),
        (
            &["validate", "a", "b"][..],
            "vpc-planner: unexpected argument b",
        ),
        (
            &["url-encode", "a", "--base"][..],
            "vpc-planner: --base needs a URL, e.g. --base https://example.org/",
        ),
        (
            &["validate"][..],
            "vpc-planner: a design FILE (or - for standard input) is needed",
        ),
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stderr.lines().next(), Some(first_line), "{args:?}");
    }
}

/// docs/design.schema.json is generated; it must be what `vpc-planner schema` prints now.
/// Regenerate with: cargo run --bin vpc-planner -- schema > docs/design.schema.json
#[test]
fn committed_schema_is_current() {
    let r = run(&["schema"]);
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/design.schema.json"
    ))
    .expect("docs/design.schema.json");
    assert!(
        committed == r.stdout,
        "docs/design.schema.json is stale: regenerate it with `cargo run --bin vpc-planner -- schema > docs/design.schema.json`"
    );
}

#[test]
fn dns_explains_an_answer_or_says_what_is_wrong() {
    let classic = example("classic-private-endpoints.json");
    let r = run(&[
        "dns",
        &classic,
        "--from",
        "app-a",
        "secretsmanager.us-east-1.amazonaws.com",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout, @"
    secretsmanager.us-east-1.amazonaws.com: 10.0.10.10 (secretsmanager), 10.0.11.10 (secretsmanager) (private)
       1. the Amazon DNS server of VPC prod at 10.0.0.2 (also 169.254.169.253) takes the query
       2. private DNS of interface endpoint secretsmanager answers with its network interfaces
    ");
    let r = run(&[
        "dns",
        &classic,
        "--from",
        "private-b",
        "s3.us-east-1.amazonaws.com",
        "--json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["answer"]["outcome"], "public");
    assert_eq!(v["answer"]["records"][0]["service"], "s3");
    let r = run(&["dns", &classic, "--from", "nowhere", "x.com"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr, @"vpc-planner: nowhere is not a subnet, VPC, workload or on-premises network of the design");
    let r = run(&["dns", &classic, "--from", "app-a", "bad name"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr, @"vpc-planner: bad name holds ' '; DNS names use letters, digits, hyphens and dots");
    let r = run(&["dns", &classic, "secretsmanager.us-east-1.amazonaws.com"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--from is needed"), "{}", r.stderr);
}

#[test]
fn terraform_split_writes_three_files_that_add_up_to_main_tf() {
    let classic = example("classic-private-endpoints.json");
    let dir = TempDir::new("split");
    let out = dir.0.join("tf");
    let r = run(&["terraform", &classic, "--split", &out.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let files: Vec<String> = r
        .stdout
        .lines()
        .map(|l| l.rsplit('/').next().unwrap_or(l).to_string())
        .collect();
    assert_eq!(files, ["main.tf", "variables.tf", "outputs.tf"]);
    let single = run(&["terraform", &classic]).stdout;
    let total: usize = files
        .iter()
        .map(|f| {
            std::fs::read_to_string(out.join(f))
                .expect("written")
                .matches("\nresource \"")
                .count()
        })
        .sum();
    assert_eq!(total, single.matches("\nresource \"").count());
    let r = run(&["terraform", &classic, "--split"]);
    assert_eq!(r.code, 2);
}

#[test]
fn import_reads_terraform_back_with_problems_on_stderr() {
    let classic = example("classic-private-endpoints.json");
    let original =
        document::from_json(&std::fs::read_to_string(&classic).expect("read")).expect("load");
    let dir = TempDir::new("import");
    let hcl = run(&["terraform", &classic]).stdout;
    let main_tf = dir.file("main.tf", &hcl).display().to_string();
    let r = run(&["import", &main_tf]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        document::from_json(&r.stdout).expect("design JSON"),
        original
    );
    // Standard input, and --json with the problems beside the design.
    let edited = format!("resource \"aws_instance\" \"web\" {{\n}}\n{hcl}");
    let r = run_with_stdin(&["import", "-", "--json"], Some(&edited));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "vpc-planner: line 1: resource \"aws_instance\" \"web\": resource type aws_instance is not one the planner imports; left out\n"
    );
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["problems"][0]["line"], 1);
    assert_eq!(
        document::from_json(&v["design"].to_string()).expect("design"),
        original
    );
    let r = run_with_stdin(&["import", "-"], Some("resource \"aws_vpc\" {\n  = 1\n"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("vpc-planner: not Terraform (HCL): line "),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

/// The README shows the usage text as `--help` prints it.
#[test]
fn readme_usage_is_the_cli_usage() {
    let readme = std::fs::read_to_string("README.md").expect("README");
    let help = run(&["--help"]).stdout;
    let start = readme
        .find("```\nvpc-planner: ")
        .expect("usage block in README")
        + 4;
    let end = start + readme[start..].find("```").expect("end of block");
    assert_eq!(&readme[start..end], help);
}

#[test]
fn generate_prints_a_design_of_the_asked_size_that_reads_back() {
    let r = run(&["generate", "--resources", "500", "--seed", "3"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d = vpc_planner::model::document::from_json(&r.stdout).expect("a design");
    let n = vpc_planner::model::generate::resource_count(&d);
    assert!((350..=650).contains(&n), "{n} resources");
    assert_eq!(
        run(&["generate", "--resources", "500", "--seed", "3"]).stdout,
        r.stdout
    );
    let bad = run(&["generate", "--resources", "lots"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("--resources must be a whole number"),
        "{}",
        bad.stderr
    );
}

#[test]
fn access_lists_each_request_with_the_deciding_statement() {
    let value: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/scenarios/access-flows/s3-policies-on-the-path.json")
            .expect("read"),
    )
    .expect("json");
    let design = document::from_json(&value["design"].to_string()).expect("design");
    let dir = TempDir::new("access");
    let path = design_file(&dir, "d.json", &design);
    let r = run(&["access", &path, "--flow", "app to reports"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("2. DENIED  s3:PutObject on arn:aws:s3:::reports/2026/a.csv"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("statement 2 (DenyWrites)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with("3 request(s), 2 denied\n"),
        "{}",
        r.stdout
    );
    let j = run(&["access", &path, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).expect("json");
    assert_eq!(v[1]["requests"][0]["access"]["allowed"], false);
    assert_eq!(v[1]["requests"][0]["access"]["deciding"][0]["statement"], 0);
    assert_eq!(run(&["access", &path, "--flow", "nope"]).code, 2);
}
