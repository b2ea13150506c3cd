//! CIDR text as a user types or pastes it into a VPC's or a subnet's block: any text parses to
//! a block (whose text parses back to the same) or is an error, and a design holding it
//! validates, traces, prices and adds an AZ without a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vpc_planner::model::{cidr, cost, design::Design, document, lanes, routing, validate};

/// A small design with one VPC and two subnets whose blocks are the fuzzer's text.
const BASE: &str = r#"{"version":4,"region":"us-east-1",
 "vpcs":[{"id":"vpc-1","name":"a","cidr_blocks":["10.0.0.0/16"],"layout":{"x":0,"y":0,"w":400,"h":300}}],
 "subnets":[{"id":"s-1","name":"a","vpc":"vpc-1","cidr":"10.0.0.0/24","az":"us-east-1a","layout":{"x":20,"y":40,"w":160,"h":100}},
            {"id":"s-2","name":"b","vpc":"vpc-1","cidr":"10.0.1.0/24","az":"us-east-1b","layout":{"x":200,"y":40,"w":160,"h":100}}],
 "nodes":[{"id":"ec2","name":"ec2","at":{"x":60,"y":80},"kind":{"type":"ec2","subnet":"s-1"}},
          {"id":"s3","name":"s3","at":{"x":500,"y":80},"kind":{"type":"aws_service","service":"s3"}}],
 "flows":[{"id":"f","from":"ec2","to":"s3","gb_per_month":1}]}"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(net) = cidr::parse_v4(text) {
        assert_eq!(cidr::parse_v4(&net.to_string()), Ok(net), "a block's text does not parse back");
    }
    // The text split in three: the VPC's block and the two subnets'.
    let parts: Vec<&str> = text.splitn(3, '\n').collect();
    let Ok(mut design): Result<Design, _> = document::from_json(BASE) else { return };
    design.vpcs[0].cidr_blocks = vec![parts[0].to_string()];
    if let Some(p) = parts.get(1) {
        design.subnets[0].cidr = p.to_string();
    }
    if let Some(p) = parts.get(2) {
        design.subnets[1].cidr = p.to_string();
    }
    let _ = validate::validate(&design);
    let _ = cost::estimate(&design);
    let _ = routing::trace_all(&design);
    let _ = lanes::add_az(&design, "vpc-1");
});
