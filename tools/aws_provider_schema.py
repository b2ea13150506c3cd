#!/usr/bin/env python3
"""Extracts the argument schema of the AWS provider resources VPC Planner writes, from the jsii
assembly of the npm package @cdktf/provider-aws (generated from `terraform providers schema
-json` of hashicorp/aws; its package.json names the provider version). The result,
tests/data/aws-provider-schema.json, is what the Terraform tests check every export against.

usage: tools/aws_provider_schema.py PATH/TO/package/.jsii > tests/data/aws-provider-schema.json
(get the package with `npm pack @cdktf/provider-aws@21.22.1` and untar it; not run in CI)
"""
import json
import re
import sys

# Every resource and data source type the exporter can write.
TYPES = [
    "aws_vpc", "aws_vpc_ipv4_cidr_block_association", "aws_subnet", "aws_internet_gateway", "aws_eip", "aws_nat_gateway",
    "aws_route_table", "aws_default_route_table", "aws_route", "aws_route_table_association", "aws_vpc_endpoint",
    "aws_vpc_endpoint_route_table_association", "aws_security_group", "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule", "aws_network_acl", "aws_network_acl_rule", "aws_vpc_peering_connection",
    "aws_ec2_transit_gateway", "aws_ec2_transit_gateway_vpc_attachment", "aws_ec2_transit_gateway_route_table",
    "aws_ec2_transit_gateway_route_table_association", "aws_ec2_transit_gateway_route_table_propagation",
    "aws_ec2_transit_gateway_route", "aws_vpn_gateway", "aws_vpn_gateway_route_propagation", "aws_customer_gateway",
    "aws_vpn_connection", "aws_vpn_connection_route", "aws_route53_resolver_endpoint", "aws_route53_resolver_rule",
    "aws_route53_resolver_rule_association", "aws_route53_zone", "aws_route53_record", "aws_lb", "aws_lb_target_group", "aws_lb_listener", "aws_vpc_endpoint_service", "data.aws_prefix_list",
]
LINK = re.compile(r"/docs/(resources|data-sources)/([a-z0-9_]+)#([a-z0-9_]+)")


def main():
    jsii = json.load(open(sys.argv[1]))
    types = jsii["types"]

    def struct(fqn):
        out = {"arguments": {}, "blocks": {}}
        for p in types[fqn].get("properties", []):
            docs = p.get("docs", {})
            m = LINK.search(docs.get("summary", "") + " " + docs.get("remarks", ""))
            if not m:
                continue
            name = m.group(3)
            t = p["type"]
            inner = t.get("fqn") or (t.get("collection", {}).get("elementtype", {}).get("fqn"))
            union = t.get("union", {}).get("types", [])
            inner = inner or next((u.get("collection", {}).get("elementtype", {}).get("fqn") for u in union if u.get("collection")), None)
            if inner and types.get(inner, {}).get("kind") == "interface" and "block" in docs.get("summary", ""):
                out["blocks"][name] = struct(inner)
            else:
                out["arguments"][name] = {"required": not p.get("optional", False)}
        return out

    schema = {}
    for fqn, t in types.items():
        if not fqn.endswith("Config") or t.get("kind") != "interface":
            continue
        for p in t.get("properties", []):
            m = LINK.search(p.get("docs", {}).get("summary", "") + " " + p.get("docs", {}).get("remarks", ""))
            if m:
                # The registry's doc pages drop the provider's "aws_" prefix.
                key = ("data." if m.group(1) == "data-sources" else "") + "aws_" + m.group(2)
                if key in TYPES and key not in schema:
                    schema[key] = struct(fqn)
                break
    provider = json.load(open(sys.argv[1].replace(".jsii", "package.json"))).get("cdktf", {}).get("provider", {})
    missing = [t for t in TYPES if t not in schema]
    if missing:
        sys.exit(f"not found in the assembly: {missing}")
    json.dump({"provider": provider, "types": dict(sorted(schema.items()))}, sys.stdout, indent=1, sort_keys=True)
    print()


main()
