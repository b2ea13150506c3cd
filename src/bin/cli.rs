//! `vpc-planner`: the model on the command line. Thin: parse arguments, read input, call
//! the model, print.

use std::io::Read;
use std::process::ExitCode;
use vpc_planner::model::{Severity, cost, dns, document, routing, share, terraform, validate};

const USAGE: &str = "\
vpc-planner: check AWS VPC designs and turn them into Terraform and share links

usage:
  vpc-planner validate FILE [--json]      list the design's problems (exit 1 if any error)
  vpc-planner trace FILE [--flow NAME] [--json]
                                          print every flow's path hop by hop and its verdict
                                          (private, internet, or dropped and why)
  vpc-planner dns FILE --from PLACE NAME [--json]
                                          what NAME resolves to from PLACE (a subnet, VPC,
                                          workload or on-premises network, by name or id),
                                          and why
  vpc-planner access FILE [--flow NAME] [--json]
                                          each flow's requests judged by the endpoint and
                                          resource policies on its path, and which statement
                                          decided
  vpc-planner cost FILE [--json]          the monthly cost per category, resource and flow, each
                                          line with its formula, and advice that saves money
  vpc-planner terraform FILE [--json] [--split DIR]
                                          print main.tf for the design, or write main.tf,
                                          variables.tf and outputs.tf into DIR
  vpc-planner import MAIN_TF [--json]     read Terraform back into a design: print its JSON, and
                                          on standard error what was left out (exit 1 if any)
  vpc-planner url-encode FILE [--json] [--base URL]
                                          print the share-link fragment (or the whole link)
  vpc-planner url-decode FILE|LINK [--json]
                                          print the design inside a share link
  vpc-planner schema                      print the JSON Schema of the design format
  vpc-planner generate [--resources N] [--seed S]
                                          print a generated landing-zone design of about N
                                          resources (default 100; for benchmarks and tests)

FILE is a design JSON file, MAIN_TF a Terraform file; either may be - for standard input.
exit status: 0 ok, 1 the design has errors, 2 the input could not be read";

#[derive(Debug)]
struct Args {
    command: String,
    input: Option<String>,
    json: bool,
    base: Option<String>,
    flow: Option<String>,
    from: Option<String>,
    name: Option<String>,
    split: Option<String>,
    resources: Option<usize>,
    seed: Option<u64>,
}

fn parse_args(raw: Vec<String>) -> Result<Args, String> {
    let mut command = None;
    let mut input = None;
    let mut json = false;
    let mut base = None;
    let mut flow = None;
    let mut from = None;
    let mut name = None;
    let mut split = None;
    let mut resources = None;
    let mut seed = None;
    let mut it = raw.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--base" => {
                base = Some(
                    it.next()
                        .ok_or("--base needs a URL, e.g. --base https://example.org/")?,
                )
            }
            "--flow" => flow = Some(it.next().ok_or("--flow needs a flow's name or id")?),
            "--split" => {
                split = Some(it.next().ok_or(
                    "--split needs a directory to write main.tf, variables.tf and outputs.tf into",
                )?)
            }
            "--from" => {
                from = Some(
                    it.next()
                        .ok_or("--from needs a subnet, VPC, workload or on-premises network")?,
                )
            }
            "--resources" => {
                let n = it
                    .next()
                    .ok_or("--resources needs a number, e.g. --resources 1000")?;
                resources = Some(
                    n.parse::<usize>()
                        .ok()
                        .filter(|n| (1..=100_000).contains(n))
                        .ok_or(format!(
                            "--resources must be a whole number from 1 to 100000, not {n}"
                        ))?,
                );
            }
            "--seed" => {
                let n = it.next().ok_or("--seed needs a number")?;
                seed = Some(
                    n.parse::<u64>()
                        .map_err(|_| format!("--seed must be a whole number, not {n}"))?,
                );
            }
            a if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ if command.is_none() => command = Some(arg),
            _ if input.is_none() => input = Some(arg),
            _ if command.as_deref() == Some("dns") && name.is_none() => name = Some(arg),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    let command = command.ok_or_else(String::new)?;
    Ok(Args {
        command,
        input,
        json,
        base,
        flow,
        from,
        name,
        split,
        resources,
        seed,
    })
}

fn read_input(path: Option<&str>) -> Result<String, String> {
    let path = path.ok_or("a design FILE (or - for standard input) is needed")?;
    if path == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))
}

fn load(path: Option<&str>) -> Result<vpc_planner::model::Design, String> {
    let text = read_input(path)?;
    document::from_json(&text).map_err(|e| format!("{}: {e}", path.unwrap_or("-")))
}

fn json_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The flow `--flow` names (by id or name), or every flow.
fn chosen_flows<'d>(
    design: &'d vpc_planner::model::Design,
    flow: Option<&str>,
) -> Result<Vec<&'d vpc_planner::model::design::Flow>, String> {
    let Some(f) = flow else {
        return Ok(design.flows.iter().collect());
    };
    let chosen: Vec<_> = design
        .flows
        .iter()
        .filter(|x| x.id == f || x.name == f)
        .collect();
    if chosen.is_empty() {
        let known = design
            .flows
            .iter()
            .map(|x| {
                if x.name.is_empty() {
                    x.id.clone()
                } else {
                    x.name.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        return Err(format!("no flow is named {f}; the design's flows: {known}"));
    }
    Ok(chosen)
}

fn run(args: Args) -> Result<ExitCode, String> {
    let input = args.input.as_deref();
    match args.command.as_str() {
        "validate" => {
            let design = load(input)?;
            let diagnostics = validate::validate(&design);
            let errors = validate::errors(&diagnostics);
            if args.json {
                let out = serde_json::json!({ "errors": errors, "warnings": diagnostics.len() - errors, "diagnostics": diagnostics });
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for d in &diagnostics {
                    let sev = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    let who = design
                        .name_of(&d.subject)
                        .filter(|n| !n.is_empty())
                        .unwrap_or(&d.subject);
                    println!(
                        "{sev}[{}] {} ({}.{}): {}",
                        d.code, who, d.subject, d.field, d.message
                    );
                }
                println!(
                    "{errors} error(s), {} warning(s)",
                    diagnostics.len() - errors
                );
            }
            Ok(if errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        "trace" => {
            let design = load(input)?;
            let flows = chosen_flows(&design, args.flow.as_deref())?;
            let traces: Vec<_> = flows.iter().map(|f| routing::trace(&design, f)).collect();
            if args.json {
                let out: Vec<_> = traces
                    .iter()
                    .map(|t| serde_json::json!({ "summary": t.summary(&design), "trace": t }))
                    .collect();
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for t in &traces {
                    println!("{}", t.describe(&design));
                }
                let dropped = traces.iter().filter(|t| t.verdict.is_dropped()).count();
                println!("{} flow(s), {dropped} dropped", traces.len());
            }
            Ok(ExitCode::SUCCESS)
        }
        "dns" => {
            let design = load(input)?;
            let place = args.from.as_deref().ok_or("--from is needed: where the question is asked (a subnet, VPC, workload or on-premises network)")?;
            let name = args.name.as_deref().ok_or(
                "a NAME to resolve is needed, e.g. secretsmanager.us-east-1.amazonaws.com",
            )?;
            let asker = dns::asker(&design, place).map_err(|e| e.to_string())?;
            let answer = dns::resolve(&design, asker, name).map_err(|e| e.to_string())?;
            if args.json {
                let out =
                    serde_json::json!({ "summary": answer.summary(&design), "answer": answer });
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                print!("{}", answer.describe(&design));
            }
            Ok(ExitCode::SUCCESS)
        }
        "access" => {
            let design = load(input)?;
            let flows = chosen_flows(&design, args.flow.as_deref())?;
            let traces: Vec<_> = flows.iter().map(|f| routing::trace(&design, f)).collect();
            if args.json {
                let out: Vec<_> = flows.iter().zip(&traces).map(|(f, t)| serde_json::json!({ "flow": f.id, "route": t.verdict, "requests": t.access })).collect();
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                for (f, t) in flows.iter().zip(&traces) {
                    let name = if f.name.is_empty() { &f.id } else { &f.name };
                    println!("flow {name}: {}", t.summary(&design));
                    if f.requests.is_empty() {
                        println!(
                            "   no requests (add principal, action and resource to check policies)"
                        );
                    } else if t.access.is_empty() {
                        println!("   its requests never arrive: the flow is dropped");
                    }
                    for c in &t.access {
                        let r = &f.requests[c.request];
                        println!(
                            "  {:>2}. {} {} on {} by {}: {}",
                            c.request + 1,
                            if c.access.allowed {
                                "ALLOWED"
                            } else {
                                "DENIED "
                            },
                            r.action,
                            r.resource,
                            r.principal,
                            c.access.reason
                        );
                    }
                }
                let (all, denied) = traces.iter().fold((0, 0), |(a, d), t| {
                    (
                        a + t.access.len(),
                        d + t.access.iter().filter(|c| !c.access.allowed).count(),
                    )
                });
                println!("{all} request(s), {denied} denied");
            }
            Ok(ExitCode::SUCCESS)
        }
        "cost" => {
            let design = load(input)?;
            let traces = routing::trace_all(&design);
            let estimate = cost::estimate_with(&design, &traces);
            let advice = cost::advice::advise_with(&design, &traces, &estimate);
            if args.json {
                let out = serde_json::json!({ "estimate": estimate, "by_category": estimate.by_category(), "by_resource": estimate.by_resource(), "advice": advice });
                println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
            } else {
                print!("{}", cost_text(&design, &estimate, &advice));
            }
            Ok(ExitCode::SUCCESS)
        }
        "terraform" if args.split.is_some() => {
            let design = load(input)?;
            let dir = std::path::Path::new(args.split.as_deref().unwrap_or("."));
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            for (file, text) in terraform::export_split(&design) {
                let path = dir.join(file);
                std::fs::write(&path, text)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                println!("{}", path.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        "terraform" => {
            let design = load(input)?;
            let hcl = terraform::export(&design);
            if args.json {
                println!("{{\"main.tf\": {}}}", json_string(&hcl));
            } else {
                print!("{hcl}");
            }
            Ok(ExitCode::SUCCESS)
        }
        "import" => {
            let text = read_input(input)?;
            let imported =
                terraform::import(&text).map_err(|e| format!("not Terraform (HCL): {e}"))?;
            if args.json {
                let problems: Vec<serde_json::Value> =
                    imported.problems.iter().map(|p| serde_json::json!({ "block": p.block, "line": p.line, "message": p.message })).collect();
                let design: serde_json::Value =
                    serde_json::from_str(&document::to_json_pretty(&imported.design))
                        .unwrap_or_default();
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &serde_json::json!({ "design": design, "problems": problems })
                    )
                    .unwrap_or_default()
                );
            } else {
                println!("{}", document::to_json_pretty(&imported.design));
            }
            for p in &imported.problems {
                eprintln!("vpc-planner: {p}");
            }
            Ok(if imported.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        "url-encode" => {
            let design = load(input)?;
            let fragment = share::encode(&design);
            let text = match &args.base {
                Some(base) => format!("{}#{fragment}", base.split('#').next().unwrap_or(base)),
                None => fragment,
            };
            if args.json {
                println!(
                    "{{\"link\": {}, \"characters\": {}}}",
                    json_string(&text),
                    text.len()
                );
            } else {
                println!("{text}");
            }
            Ok(ExitCode::SUCCESS)
        }
        "url-decode" => {
            let path = input.ok_or("a FILE holding a share link, or the link itself, is needed")?;
            let text = if path == "-" || std::path::Path::new(path).exists() {
                read_input(Some(path))?
            } else {
                path.to_string()
            };
            let text = text.trim();
            let fragment = text.split_once('#').map(|(_, f)| f).unwrap_or(text);
            let design = share::decode(fragment).map_err(|e| e.to_string())?;
            println!("{}", document::to_json_pretty(&design));
            Ok(ExitCode::SUCCESS)
        }
        "generate" => {
            if let Some(extra) = input {
                return Err(format!("generate reads no file (got {extra})"));
            }
            let size = vpc_planner::model::generate::Size::about(args.resources.unwrap_or(100));
            println!(
                "{}",
                document::to_json_pretty(&vpc_planner::model::generate::generate(
                    args.seed.unwrap_or(1),
                    size
                ))
            );
            Ok(ExitCode::SUCCESS)
        }
        "schema" => {
            let schema = schemars::schema_for!(vpc_planner::model::Design);
            println!(
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other}")),
    }
}

fn cost_text(
    design: &vpc_planner::model::Design,
    e: &cost::Estimate,
    advice: &[cost::advice::Advice],
) -> String {
    let mut out = format!(
        "Monthly estimate in {} ({} hours a month, USD): {}\n",
        e.region,
        cost::number(e.hours_per_month),
        cost::usd(e.total)
    );
    for (c, sum) in e.by_category() {
        out.push_str(&format!("  {:>12}  {}\n", cost::usd(sum), c.label()));
    }
    out.push_str("\nLines:\n");
    for l in &e.lines {
        let source = l
            .source
            .as_deref()
            .map(|s| format!(" [{s}]"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:>12}  {}: {}{source}\n",
            cost::usd(l.monthly),
            l.what,
            l.formula()
        ));
    }
    if !design.flows.is_empty() {
        out.push_str("\nFlows:\n");
        let totals = e.flow_totals();
        for f in &design.flows {
            let name = if f.name.is_empty() {
                f.id.as_str()
            } else {
                f.name.as_str()
            };
            out.push_str(&format!("  {:>12}  {name}\n", cost::usd(totals.of(&f.id))));
        }
    }
    if !advice.is_empty() {
        out.push_str("\nAdvice:\n");
        for a in advice {
            out.push_str(&format!(
                "  {:>12}  {}: {}\n",
                cost::usd(a.saving),
                a.title,
                a.detail
            ));
        }
    }
    if !e.missing.is_empty() {
        out.push_str(&format!(
            "\nNot in the price catalogue (left out of the total): {}\n",
            e.missing.join("; ")
        ));
    }
    out
}

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match parse_args(raw) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("vpc-planner: {message}\n");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("vpc-planner: {message}");
            ExitCode::from(2)
        }
    }
}
