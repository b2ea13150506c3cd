//! Share links and the JSON document: arbitrary designs survive both round trips bit for
//! bit; every broken link is a clear error, never a panic and never a wrong design.

use crate::fixture::*;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;
use vpc_planner::model::design::*;
use vpc_planner::model::document::{self, LoadError};
use vpc_planner::model::share::{
    self, LINK_PREFIX, MAX_INFLATED_BYTES, ShareError, V1_PREFIX, V2_PREFIX, V3_PREFIX,
};

// ---- strategies -------------------------------------------------------------------------

/// Any string: arbitrary Unicode (control characters included), hostile fixed strings, and
/// text that looks like what users type.
fn text() -> impl Strategy<Value = String> {
    let hostile: Vec<String> = hostile_names()
        .into_iter()
        .filter(|s| s.len() < 1000)
        .collect();
    prop_oneof![
        4 => any::<String>(),
        2 => proptest::sample::select(hostile),
        2 => "[a-z0-9-]{0,12}",
        1 => "[0-9./:a-f]{0,20}",
    ]
}

fn rect() -> impl Strategy<Value = Rect> {
    (any::<i32>(), any::<i32>(), any::<i32>(), any::<i32>()).prop_map(|(x, y, w, h)| Rect {
        x,
        y,
        w,
        h,
    })
}

fn point() -> impl Strategy<Value = Point> {
    (any::<i32>(), any::<i32>()).prop_map(|(x, y)| Point { x, y })
}

/// Volumes as a design holds them (rounded to a millionth of a GB, 0 to an exabyte), with the
/// awkward ones made likely: zero, the smallest step, the largest volume, long decimal
/// expansions, and arbitrary bit patterns brought into range.
fn volume() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1e-6),
        Just(MAX_VOLUME_GB),
        Just(0.1 + 0.2),
        (0.0..1e6f64),
        (0.0..=MAX_VOLUME_GB),
        any::<u64>()
            .prop_map(f64::from_bits)
            .prop_filter("finite, non-negative", |v| v.is_finite() && *v >= 0.0)
            .prop_map(|v| v % MAX_VOLUME_GB),
    ]
    .prop_map(round_volume)
}

fn ids(n: usize) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec(text(), 0..n)
}

fn vpc() -> impl Strategy<Value = Vpc> {
    (text(), text(), ids(4), any::<bool>(), any::<bool>(), rect())
        .prop_map(
            |(id, name, cidr_blocks, enable_dns_support, enable_dns_hostnames, layout)| Vpc {
                id,
                name,
                cidr_blocks,
                enable_dns_support,
                enable_dns_hostnames,
                layout,
                security_groups: Vec::new(),
                network_acls: Vec::new(),
            },
        )
        .prop_flat_map(|v| {
            (
                Just(v),
                proptest::collection::vec(security_group(), 0..2),
                proptest::collection::vec(network_acl(), 0..2),
            )
                .prop_map(|(v, security_groups, network_acls)| Vpc {
                    security_groups,
                    network_acls,
                    ..v
                })
        })
}

fn protocol() -> impl Strategy<Value = Protocol> {
    prop_oneof![
        Just(Protocol::Tcp),
        Just(Protocol::Udp),
        Just(Protocol::Icmp),
        Just(Protocol::All)
    ]
}

fn security_group() -> impl Strategy<Value = SecurityGroup> {
    let peer = prop_oneof![
        text().prop_map(SgPeer::Cidr),
        text().prop_map(SgPeer::SecurityGroup),
        text().prop_map(SgPeer::PrefixList)
    ];
    let rule = (protocol(), any::<u16>(), any::<u16>(), peer)
        .prop_map(|(protocol, from_port, to_port, peer)| SgRule {
            protocol,
            from_port,
            to_port,
            peer,
        })
        .boxed();
    (
        text(),
        text(),
        proptest::collection::vec(rule.clone(), 0..2),
        proptest::collection::vec(rule, 0..2),
    )
        .prop_map(|(id, name, ingress, egress)| SecurityGroup {
            id,
            name,
            ingress,
            egress,
        })
}

fn network_acl() -> impl Strategy<Value = NetworkAcl> {
    let rule = (
        any::<u16>(),
        protocol(),
        any::<u16>(),
        any::<u16>(),
        text(),
        any::<bool>(),
    )
        .prop_map(
            |(number, protocol, from_port, to_port, cidr, allow)| AclRule {
                number,
                protocol,
                from_port,
                to_port,
                cidr,
                allow,
            },
        )
        .boxed();
    (
        text(),
        text(),
        ids(2),
        proptest::collection::vec(rule.clone(), 0..2),
        proptest::collection::vec(rule, 0..2),
    )
        .prop_map(|(id, name, subnets, ingress, egress)| NetworkAcl {
            id,
            name,
            subnets,
            ingress,
            egress,
        })
}

fn subnet() -> impl Strategy<Value = Subnet> {
    (text(), text(), text(), text(), text(), rect()).prop_map(
        |(id, vpc, name, availability_zone, cidr, layout)| Subnet {
            id,
            vpc,
            name,
            availability_zone,
            cidr,
            layout,
        },
    )
}

fn route_table() -> impl Strategy<Value = RouteTable> {
    let route = (text(), text()).prop_map(|(destination, target)| Route {
        destination,
        target,
    });
    (
        text(),
        text(),
        text(),
        any::<bool>(),
        ids(3),
        proptest::collection::vec(route, 0..3),
        ids(2),
    )
        .prop_map(
            |(id, vpc, name, main, subnets, routes, propagations)| RouteTable {
                id,
                vpc,
                name,
                main,
                subnets,
                routes,
                propagations,
            },
        )
}

fn node_kind() -> impl Strategy<Value = NodeKind> {
    let connectivity = prop_oneof![
        Just(NatConnectivity::Public),
        Just(NatConnectivity::Private)
    ];
    prop_oneof![
        text().prop_map(|subnet| NodeKind::Ec2 { subnet }),
        text().prop_map(|subnet| NodeKind::Lambda { subnet }),
        text().prop_map(|subnet| NodeKind::Eks { subnet }),
        text().prop_map(|subnet| NodeKind::Rds { subnet }),
        (text(), proptest::option::of(text()))
            .prop_map(|(service, region)| NodeKind::AwsService { service, region }),
        text().prop_map(|vpc| NodeKind::VpnGateway { vpc }),
        (text(), text()).prop_map(|(requester, accepter)| NodeKind::VpcPeering {
            requester,
            accepter
        }),
        (
            ids(2),
            proptest::option::of(text()),
            ids(2),
            proptest::collection::vec(
                (text(), text()).prop_map(|(domain, endpoint)| DnsForward { domain, endpoint }),
                0..2
            )
        )
            .prop_map(
                |(cidrs, vpn, dns_domains, dns_forwards)| NodeKind::OnPremises {
                    cidrs,
                    vpn,
                    dns_domains,
                    dns_forwards
                }
            ),
        (
            text(),
            ids(2),
            proptest::collection::vec(zone_record(), 0..3)
        )
            .prop_map(|(domain, vpcs, records)| NodeKind::PrivateHostedZone {
                domain,
                vpcs,
                records
            }),
        (
            text(),
            any::<bool>(),
            ids(2),
            proptest::collection::vec(
                (text(), text(), ids(2)).prop_map(|(domain, target, vpcs)| ForwardRule {
                    domain,
                    target,
                    vpcs
                }),
                0..2
            )
        )
            .prop_map(
                |(vpc, inbound, subnets, rules)| NodeKind::ResolverEndpoint {
                    vpc,
                    direction: if inbound {
                        ResolverDirection::Inbound
                    } else {
                        ResolverDirection::Outbound
                    },
                    subnets,
                    rules,
                }
            ),
        (
            proptest::collection::vec(tgw_attachment(), 0..2),
            proptest::collection::vec(tgw_route_table(), 0..2)
        )
            .prop_map(|(attachments, route_tables)| NodeKind::TransitGateway {
                attachments,
                route_tables
            }),
        text().prop_map(|vpc| NodeKind::InternetGateway { vpc }),
        (text(), connectivity).prop_map(|(subnet, connectivity)| NodeKind::NatGateway {
            subnet,
            connectivity
        }),
        (text(), text(), ids(3)).prop_map(|(vpc, service, route_tables)| {
            NodeKind::GatewayEndpoint {
                vpc,
                service,
                route_tables,
            }
        }),
        (
            text(),
            text(),
            proptest::option::of(text()),
            ids(3),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(
                |(vpc, service, endpoint_service, subnets, private_dns, inbound_only)| {
                    NodeKind::InterfaceEndpoint {
                        vpc,
                        service,
                        endpoint_service,
                        subnets,
                        private_dns,
                        private_dns_only_for_inbound_resolver_endpoint: inbound_only,
                    }
                }
            ),
        (
            text(),
            ids(3),
            any::<u16>(),
            ids(3),
            any::<bool>(),
            proptest::option::of(text())
        )
            .prop_map(
                |(vpc, subnets, port, targets, acceptance_required, private_dns_name)| {
                    NodeKind::EndpointService {
                        vpc,
                        subnets,
                        port,
                        targets,
                        acceptance_required,
                        private_dns_name,
                    }
                }
            ),
    ]
}

fn zone_record() -> impl Strategy<Value = ZoneRecord> {
    let value = prop_oneof![
        text().prop_map(RecordValue::Alias),
        ids(2).prop_map(RecordValue::A),
        text().prop_map(RecordValue::Cname)
    ];
    (text(), value).prop_map(|(name, value)| ZoneRecord { name, value })
}

fn tgw_attachment() -> impl Strategy<Value = TgwAttachment> {
    (text(), ids(2)).prop_map(|(vpc, subnets)| TgwAttachment { vpc, subnets })
}

fn tgw_route_table() -> impl Strategy<Value = TgwRouteTable> {
    let route =
        (text(), proptest::option::of(text())).prop_map(|(destination, attachment)| TgwRoute {
            destination,
            attachment,
        });
    (
        text(),
        ids(2),
        ids(2),
        proptest::collection::vec(route, 0..2),
    )
        .prop_map(|(name, associations, propagations, routes)| TgwRouteTable {
            name,
            associations,
            propagations,
            routes,
        })
}

fn node() -> impl Strategy<Value = Node> {
    (
        text(),
        text(),
        point(),
        node_kind(),
        ids(2),
        proptest::option::of(text()),
    )
        .prop_map(|(id, name, at, kind, security_groups, policy)| Node {
            id,
            name,
            at,
            kind,
            security_groups,
            policy,
        })
}

fn flow() -> impl Strategy<Value = Flow> {
    let to = prop_oneof![
        Just(FlowTarget::Internet),
        text().prop_map(FlowTarget::Node)
    ];
    let request =
        (text(), text(), text()).prop_map(|(principal, action, resource)| AccessRequest {
            principal,
            action,
            resource,
        });
    (
        text(),
        text(),
        text(),
        to,
        volume(),
        protocol(),
        any::<u16>(),
        proptest::option::of(text()),
        proptest::collection::vec(request, 0..2),
    )
        .prop_map(
            |(id, name, from, to, gb_per_month, protocol, port, host, requests)| Flow {
                id,
                name,
                from,
                to,
                gb_per_month,
                protocol,
                port,
                host,
                requests,
            },
        )
}

/// Any design this build can write: the current format version, anything else arbitrary.
/// The design's own name is sometimes 100,000 characters long.
pub fn design() -> impl Strategy<Value = Design> {
    let name = prop_oneof![8 => text(), 1 => Just("🚀<script>${".repeat(10_000))];
    (
        name,
        text(),
        proptest::collection::vec(vpc(), 0..3),
        proptest::collection::vec(subnet(), 0..4),
        proptest::collection::vec(route_table(), 0..3),
        proptest::collection::vec(node(), 0..5),
        proptest::collection::vec(flow(), 0..4),
    )
        .prop_map(
            |(name, region, vpcs, subnets, route_tables, nodes, flows)| Design {
                version: FORMAT_VERSION,
                name,
                region,
                vpcs,
                subnets,
                route_tables,
                nodes,
                flows,
                lookup: Default::default(),
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn link_round_trip(d in design()) {
        let link = share::encode(&d);
        prop_assert!(link.starts_with(LINK_PREFIX));
        prop_assert!(link.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'));
        prop_assert_eq!(share::decode(&link), Ok(d.clone()));
        prop_assert_eq!(share::decode(&format!("#{link}")), Ok(d));
    }

    /// The link the page writes without the worker's compressor opens the same design.
    #[test]
    fn stored_link_round_trip(d in design()) {
        let link = share::encode_stored(&document::to_json_compact(&d));
        prop_assert!(link.starts_with(V1_PREFIX));
        prop_assert_eq!(share::decode(&link), Ok(d));
    }

    /// Stored blocks of any bytes, of any length across the 65,535-byte block limit, inflate
    /// back to them with miniz_oxide's own inflater.
    #[test]
    fn stored_blocks_inflate_to_their_bytes(seed in any::<u8>(), len in prop_oneof![0usize..300, 65_530usize..65_540, 131_068usize..131_074]) {
        let json: String = (0..len).map(|i| char::from(b'a' + ((i + usize::from(seed)) % 26) as u8)).collect();
        let link = share::encode_stored(&json);
        let bytes = URL_SAFE_NO_PAD.decode(&link[V1_PREFIX.len()..]).unwrap();
        prop_assert_eq!(bytes.len(), len + (len / 65_535 + 1) * 5 - usize::from(len > 0 && len % 65_535 == 0) * 5);
        let inflated = miniz_oxide::inflate::decompress_to_vec(&bytes).unwrap();
        prop_assert_eq!(String::from_utf8(inflated).unwrap(), json);
    }

    /// Any text as a fragment: an answer, never a panic.
    #[test]
    fn decode_never_panics(fragment in any::<String>()) {
        let _ = share::decode(&fragment);
        let _ = share::decode(&format!("{LINK_PREFIX}{fragment}"));
    }

    /// Any bytes behind the prefix: an error or a design, never a panic.
    #[test]
    fn decode_random_payload(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = share::decode(&format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(&bytes)));
        let _ = share::decode(&format!("{V2_PREFIX}{}", URL_SAFE_NO_PAD.encode(&bytes)));
        // The same bytes as packed data that inflates fine: the unpacker meets them.
        let _ = share::decode(&link_of_packed(&bytes));
    }

    /// A packed design with one byte changed: an error or a design, never a panic.
    #[test]
    fn one_byte_changed_in_packed_data(at in any::<usize>(), to in any::<u8>()) {
        let mut packed = packed_of(&share::encode(&full()));
        let i = at % packed.len();
        packed[i] = to;
        let _ = share::decode(&link_of_packed(&packed));
    }
}

proptest! {
    // The JSON round trip is also inside every link round trip: fewer cases here.
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn json_round_trip(d in design()) {
        prop_assert_eq!(document::from_json(&document::to_json_pretty(&d)), Ok(d.clone()));
        prop_assert_eq!(document::from_json(&document::to_json_compact(&d)), Ok(d));
    }
}

// ---- errors -----------------------------------------------------------------------------

/// A v1 link holding arbitrary text as its JSON.
fn link_of_json(json: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 6);
    format!("{V1_PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// A v2 link (no dictionary) holding arbitrary packed bytes.
fn link_of_packed(bytes: &[u8]) -> String {
    format!(
        "{V2_PREFIX}{}",
        URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(bytes, 10))
    )
}

/// The packed bytes inside a v4 or v3 link: its payload inflated with the preset dictionary
/// (v4: the v3 one, then the vocabulary) placed before it in the output, as RFC 1950 describes
/// preset dictionaries.
fn packed_of(link: &str) -> Vec<u8> {
    use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
    let (dictionary, payload) = match link.strip_prefix(LINK_PREFIX) {
        Some(payload) => ([share::DICTIONARY, share::VOCABULARY].concat(), payload),
        None => (
            share::DICTIONARY.to_vec(),
            link.strip_prefix(V3_PREFIX).expect("a v4 or v3 link"),
        ),
    };
    let payload = URL_SAFE_NO_PAD.decode(payload).expect("base64");
    let start = dictionary.len();
    let mut out = dictionary;
    out.resize(start + (1 << 20), 0);
    let (status, _, wrote) = decompress(
        &mut DecompressorOxide::new(),
        &payload,
        &mut out,
        start,
        inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    );
    assert_eq!(status, miniz_oxide::inflate::TINFLStatus::Done);
    out[start..start + wrote].to_vec()
}

/// Links the v3 encoder wrote for each gallery design, before v4 (`tests/data/v3-links.txt`:
/// file name, then link): (design file, link).
fn v3_links() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/v3-links.txt");
    std::fs::read_to_string(path)
        .expect("read v3 links")
        .lines()
        .map(|line| {
            let (file, link) = line.split_once(' ').expect("file and link");
            (file.to_string(), link.to_string())
        })
        .collect()
}

fn show(result: Result<Design, ShareError>) -> String {
    match result {
        Ok(d) => format!("Ok: {}", d.name),
        Err(e) => format!("{e:?}: {e}"),
    }
}

#[test]
fn empty() {
    insta::assert_snapshot!(show(share::decode("")), @"Empty: the link holds no design");
    assert_eq!(share::decode("#"), Err(ShareError::Empty));
    assert_eq!(share::decode("  \n"), Err(ShareError::Empty));
}

#[test]
fn not_a_link() {
    insta::assert_snapshot!(show(share::decode("#section-2")), @"NotALink: this is not a VPC Planner share link");
    assert_eq!(share::decode("{\"version\":1}"), Err(ShareError::NotALink));
    assert_eq!(share::decode("v1"), Err(ShareError::NotALink));
    assert_eq!(share::decode("v."), Err(ShareError::NotALink));
    assert_eq!(share::decode("V1.abc"), Err(ShareError::NotALink));
    assert_eq!(share::decode("va.abc"), Err(ShareError::NotALink));
    assert_eq!(
        share::decode("https://example.org/#v1.abc"),
        Err(ShareError::NotALink)
    );
}

#[test]
fn newer_link_format() {
    let v4 = share::encode(&base());
    let v5 = v4.replacen(LINK_PREFIX, "v5.", 1);
    insta::assert_snapshot!(show(share::decode(&v5)), @r#"NewerLink { version: "v5" }: this link was made by a newer VPC Planner (link format v5); reload the page to get the latest version"#);
    assert_eq!(
        share::decode("#v17.x"),
        Err(ShareError::NewerLink {
            version: "v17".into()
        })
    );
    // A huge version number is quoted clipped.
    let huge = format!("v{}.x", "9".repeat(10_000));
    let message = share::decode(&huge).unwrap_err().to_string();
    assert!(message.len() < 300, "{message}");
}

#[test]
fn garbled() {
    let link = share::encode(&base());
    for bad in ["!", "+", "/", "=", " ", "é", "%20", "\u{202E}"] {
        let mut mangled = link.clone();
        mangled.insert_str(10, bad);
        assert_eq!(
            share::decode(&mangled),
            Err(ShareError::Garbled),
            "{bad:?} inserted"
        );
    }
    insta::assert_snapshot!(show(share::decode("v1.abc$def")), @"Garbled: the link is damaged: it contains characters a share link never has");
}

/// A link cut short anywhere is an error: never a panic, never a different design.
#[test]
fn cut_short_anywhere() {
    let d = full();
    let link = share::encode(&d);
    let mut seen = std::collections::BTreeMap::new();
    for cut in 0..link.len() {
        let result = share::decode(&link[..cut]);
        match &result {
            Ok(got) => panic!(
                "cut at {cut} of {} decoded to a design (same: {})",
                link.len(),
                *got == d
            ),
            Err(e) => *seen.entry(format!("{e:?}")).or_insert(0) += 1,
        }
    }
    // Which errors a cut gives, by count: all but the first few cuts are Truncated.
    insta::assert_snapshot!(format!("{seen:#?}"), @r#"
    {
        "Empty": 1,
        "NotALink": 2,
        "Truncated": 343,
    }
    "#);
    assert_eq!(share::decode(&link), Ok(d));
}

/// 50 MB of spaces deflates to about 50 KB; the link must be refused without inflating it all.
#[test]
fn deflate_bomb_is_refused() {
    let json = format!(
        "{{\"version\":1,\"region\":\"us-east-1\",\"name\":\"{}\"}}",
        " ".repeat(50 * 1024 * 1024)
    );
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 1);
    let link = format!("{V1_PREFIX}{}", URL_SAFE_NO_PAD.encode(&compressed));
    assert!(
        link.len() < 1_000_000,
        "the bomb link is {} characters",
        link.len()
    );
    // Refused by the inflate limit, not after inflating it all (its speed is a benchmark's
    // business, not a unit test's).
    assert_eq!(share::decode(&link), Err(ShareError::TooLarge));
    // Just under the limit still opens (white space fills it: a single text that long is
    // refused by the design's own limit, tested in document.rs).
    let pad = " ".repeat(MAX_INFLATED_BYTES - 100);
    let json = format!("{{\"version\":1,{pad}\"region\":\"us-east-1\",\"name\":\"big\"}}");
    assert!(json.len() <= MAX_INFLATED_BYTES);
    assert_eq!(
        share::decode(&link_of_json(&json)).map(|d| d.name),
        Ok("big".to_string())
    );
}

#[test]
fn newer_design_format_inside_a_valid_link() {
    let link = link_of_json(r#"{"version":5,"region":"us-east-1","hubs":[]}"#);
    insta::assert_snapshot!(show(share::decode(&link)), @"Design(NewerVersion { found: 5 }): the link's design could not be read: this design was made by a newer VPC Planner (format version 5; this one reads up to 4); reload the page to get the latest version");
    assert_eq!(
        share::decode(&link_of_json(r#"{"version":0,"region":"us-east-1"}"#)),
        Err(ShareError::Design(LoadError::UnknownVersion { found: 0 }))
    );
    assert_eq!(
        share::decode(&link_of_json(r#"{"region":"us-east-1"}"#)),
        Err(ShareError::Design(LoadError::NoVersion))
    );
    assert_eq!(
        share::decode(&link_of_json(r#"{"version":"1","region":"us-east-1"}"#)),
        Err(ShareError::Design(LoadError::BadVersion {
            found: "\"1\"".into()
        }))
    );
}

#[test]
fn bad_design_inside_a_valid_link() {
    insta::assert_snapshot!(show(share::decode(&link_of_json(r#"{"version":1,"region":"us-east-1","vpcs":[{"id":1}]}"#))), @r#"Design(Json { line: 1, column: 49, message: "invalid type: integer `1`, expected a string" }): the link's design could not be read: the design is not valid: invalid type: integer `1`, expected a string (line 1, column 49)"#);
    insta::assert_snapshot!(show(share::decode(&link_of_json("not json"))), @r#"Design(Json { line: 1, column: 2, message: "expected ident" }): the link's design could not be read: the design is not valid: expected ident (line 1, column 2)"#);
    insta::assert_snapshot!(show(share::decode(&link_of_json(r#"{"version":1,"region":"us-east-1","extra":true}"#))), @r#"Design(Json { line: 1, column: 41, message: "unknown field `extra`, expected one of `version`, `name`, `region`, `vpcs`, `subnets`, `route_tables`, `nodes`, `flows`" }): the link's design could not be read: the design is not valid: unknown field `extra`, expected one of `version`, `name`, `region`, `vpcs`, `subnets`, `route_tables`, `nodes`, `flows` (line 1, column 41)"#);
    // Bytes that are not UTF-8.
    let compressed = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe, 0x00], 6);
    insta::assert_snapshot!(show(share::decode(&format!("{V1_PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed)))), @"Truncated: the link is incomplete or damaged; it may have been cut short when it was copied");
}

/// The stored link of a 2,000-resource design opens to it: what the page writes when the worker
/// can't answer, for the largest designs the benchmarks draw.
#[test]
fn stored_link_of_a_large_design_opens() {
    use vpc_planner::model::generate::{Size, generate};
    let d = generate(7, Size::about(2000));
    let json = document::to_json_compact(&d);
    let link = share::encode_stored(&json);
    assert!(
        json.len() > 2 * 65_535,
        "several blocks: {} bytes",
        json.len()
    );
    assert_eq!(share::decode(&link), Ok(d));
}

/// Links made before packing (v1: compressed JSON) still open to the same design.
#[test]
fn v1_links_still_open() {
    let d = full();
    assert_eq!(
        share::decode(&link_of_json(&document::to_json_compact(&d))),
        Ok(d.clone())
    );
    assert!(share::encode(&d).starts_with("v4."));
}

/// Links made before the vocabulary (v3) still open to the same design: the base design's v3
/// link and the v3 link of every gallery design, as the v3 encoder wrote them. Each is longer
/// than the design's v4 link.
#[test]
fn v3_links_still_open() {
    let written_by_v3 = "v3.bdaxCQAACANBRRBxCvef0gRSZoLvngN_ggCsgdxSCclNbtuzZuMy-wE";
    assert_eq!(share::decode(written_by_v3), Ok(base()));
    let links = v3_links();
    assert_eq!(links.len(), files_in("static/examples", "json").len());
    for (file, v3) in links {
        let path = format!("{}/static/examples/{file}", env!("CARGO_MANIFEST_DIR"));
        let d = document::from_json(&std::fs::read_to_string(&path).expect("read")).expect(&file);
        assert_eq!(share::decode(&v3), Ok(d.clone()), "{file}");
        let v4 = share::encode(&d);
        assert!(
            v4.len() < v3.len(),
            "{file}: v4 {} v3 {}",
            v4.len(),
            v3.len()
        );
    }
}

/// The issue's budget for a share link of a ~20-resource design is 800 characters: every
/// gallery design (14–26 items) fits in it.
#[test]
fn gallery_links_fit_in_800_characters() {
    for path in files_in("static/examples", "json") {
        let d =
            document::from_json(&std::fs::read_to_string(&path).expect("read")).expect("example");
        let link = share::encode(&d);
        assert!(link.len() <= 800, "{}: {}", path.display(), link.len());
    }
}

/// Links made before the preset dictionary (v2: packed, compressed alone) still open: the
/// base design's v2 link as that version wrote it, and a v2 link of every example.
#[test]
fn v2_links_still_open() {
    let written_by_v2 = "v2.AT8AwP8HAwoACgIKAwMICmYGAQcGCggKAQoJCgoKCwoMBAV2cGMtMQogBgEKcQICBwQKDwoQChEKEgNQA1AD2AkDoAY";
    assert_eq!(share::decode(written_by_v2), Ok(base()));
    for path in crate::fixture::files_in("static/examples", "json") {
        let d =
            document::from_json(&std::fs::read_to_string(&path).expect("read")).expect("example");
        let v2 = link_of_packed(&packed_of(&share::encode(&d)));
        assert_eq!(share::decode(&v2), Ok(d), "{}", path.display());
    }
}

/// Packed data that no packer writes is refused, never a panic: unknown tags, references to
/// strings or key lists not yet seen, counts past the end, bytes after the value, nesting
/// without end, and a string referenced over and over until the JSON passes the limit.
#[test]
fn hostile_packed_links() {
    let damaged = |bytes: &[u8]| share::decode(&link_of_packed(bytes));
    assert_eq!(damaged(&[]), Err(ShareError::Truncated));
    assert_eq!(damaged(&[42]), Err(ShareError::Truncated));
    assert_eq!(
        damaged(&[5, 0]),
        Err(ShareError::Truncated),
        "a string reference before any string"
    );
    assert_eq!(
        damaged(&[8, 3]),
        Err(ShareError::Truncated),
        "an unknown key list"
    );
    assert_eq!(
        damaged(&[6, 0xff, 0xff, 0xff, 0x7f]),
        Err(ShareError::Truncated),
        "a count past the end"
    );
    assert_eq!(
        damaged(&[4, 1, b'a', 0]),
        Err(ShareError::Truncated),
        "bytes after the value"
    );
    assert_eq!(
        damaged(&[4, 2, 0xff, 0xfe]),
        Err(ShareError::Truncated),
        "a string that is not UTF-8"
    );
    assert_eq!(
        damaged(&[9, 3, b'1', b'x', b'2']),
        Err(ShareError::Truncated),
        "a number that is not one"
    );
    assert_eq!(damaged(&[0xff; 12][..]), Err(ShareError::Truncated));
    let deep: Vec<u8> = std::iter::repeat_n([6u8, 1], 10_000)
        .flatten()
        .chain([0])
        .collect();
    assert_eq!(
        damaged(&deep),
        Err(ShareError::Truncated),
        "nesting without end"
    );
    // One 64 KB string, then a list referencing it 200 times: 13 MB of JSON from 65 KB.
    let mut bomb = vec![6u8, 0xc9, 0x01, 4, 0x80, 0x80, 0x04];
    bomb.extend(std::iter::repeat_n(b'a', 65_536));
    for _ in 0..200 {
        bomb.extend([5, 0]);
    }
    assert_eq!(damaged(&bomb), Err(ShareError::TooLarge));
}

/// Each link version is shorter than the one before, for every example: packing beats
/// compressing the JSON, and the preset dictionary beats compressing the packed bytes alone
/// (v4 against v3 is in `v3_links_still_open`).
#[test]
fn each_link_version_is_shorter_for_every_example() {
    for path in crate::fixture::files_in("static/examples", "json") {
        let d =
            document::from_json(&std::fs::read_to_string(&path).expect("read")).expect("example");
        let v4 = share::encode(&d);
        let v2 = link_of_packed(&packed_of(&v4));
        let v1 = link_of_json(&document::to_json_compact(&d));
        assert!(
            v4.len() < v2.len() && v2.len() < v1.len(),
            "{}: v4 {} v2 {} v1 {}",
            path.display(),
            v4.len(),
            v2.len(),
            v1.len()
        );
    }
}

/// The fragment is read with or without `#` and surrounding white space (as pasted).
#[test]
fn tolerant_of_paste() {
    let d = full();
    let link = share::encode(&d);
    assert_eq!(share::decode(&format!("#{link}  \n")), Ok(d.clone()));
    assert_eq!(share::decode(&format!("\t{link}\r\n")), Ok(d));
}

#[test]
fn white_space_before_the_hash() {
    let d = full();
    assert_eq!(share::decode(&format!("  #{}", share::encode(&d))), Ok(d));
}

/// The encoding is stable: the same design always gives the same link (links are compared
/// and bookmarked), and the base design's link is pinned.
#[test]
fn encoding_is_deterministic() {
    assert_eq!(share::encode(&full()), share::encode(&full()));
    insta::assert_snapshot!(share::encode(&base()), @"v4.bdjBCQAACMNARRBxCvef0hb67BbJQVyC5lQDLEpVjbBIVLRnmYiX1g8");
}

/// A volume with more digits than the format keeps is read rounded to a millionth of a GB,
/// and from then on survives links and files exactly.
#[test]
fn volumes_are_read_to_a_millionth_of_a_gb() {
    let json = r#"{"version":1,"region":"us-east-1","flows":[{"id":"f","from":"a","to":"internet","gb_per_month":1.23456789}]}"#;
    let d = document::from_json(json).expect("loads");
    assert_eq!(d.flows[0].gb_per_month, 1.234568);
    assert_eq!(share::decode(&share::encode(&d)), Ok(d.clone()));
    assert_eq!(volume_text(d.flows[0].gb_per_month), "1.234568");
    for (gb, text) in [
        (0.0, "0"),
        (500.0, "500"),
        (0.000001, "0.000001"),
        (1e9, "1000000000"),
        (0.1 + 0.2, "0.3"),
    ] {
        assert_eq!(volume_text(gb), text);
    }
}

/// share.rs writes and reads base64url itself; it must agree with the base64 crate it replaced:
/// the same text for any bytes, and for any text the same bytes, or an error of the same kind
/// (a character outside the alphabet: garbled; a length or last character no encoder writes:
/// truncated).
#[test]
fn base64url_agrees_with_the_base64_crate() {
    let expected = |text: &str| {
        URL_SAFE_NO_PAD.decode(text).map_err(|e| match e {
            base64::DecodeError::InvalidLength(_)
            | base64::DecodeError::InvalidLastSymbol { .. } => ShareError::Truncated,
            _ => ShareError::Garbled,
        })
    };
    // A small deterministic generator: every short text over an alphabet with good, padding,
    // foreign and multi-byte characters, then long random ones.
    let chars = [
        "A", "Q", "g", "w", "-", "_", "0", "=", "+", "/", " ", "é", "AAAA", "qrs",
    ];
    let mut texts = vec![String::new()];
    for _ in 0..4 {
        texts = texts
            .iter()
            .flat_map(|t| chars.iter().map(move |c| format!("{t}{c}")))
            .chain(texts.clone())
            .collect();
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..2000 {
        let len = (next() % 40) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        assert_eq!(share::base64url(&bytes), URL_SAFE_NO_PAD.encode(&bytes));
        let mut text = URL_SAFE_NO_PAD.encode(&bytes);
        if next() % 2 == 0 && !text.is_empty() {
            let at = (next() as usize) % text.len();
            text.replace_range(at..=at, chars[(next() as usize) % chars.len()]);
        }
        texts.push(text);
    }
    for t in &texts {
        assert_eq!(share::from_base64url(t), expected(t), "{t:?}");
    }
    assert!(texts.len() > 40_000, "{}", texts.len());
}
