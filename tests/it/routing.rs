//! Routing facts: the routes AWS adds itself, public subnets, and what a route may point at.

use vpc_planner::model::document::from_json;
use vpc_planner::model::routing::{automatic_routes, is_public, route_targets};

fn classic() -> vpc_planner::model::Design {
    from_json(include_str!(
        "../../static/examples/classic-private-endpoints.json"
    ))
    .expect("example loads")
}

#[test]
fn automatic_routes_of_the_classic_example() {
    let d = classic();
    let show = |id: &str| -> String {
        let rt = d.route_table(id).expect("table");
        automatic_routes(&d, rt)
            .iter()
            .map(|r| format!("{} -> {}", r.destination, r.target))
            .collect::<Vec<_>>()
            .join("; ")
    };
    // The private table carries the S3 gateway endpoint's prefix-list route; the public one only local.
    assert_eq!(
        show("rtb-3"),
        "10.0.0.0/16 -> local; prefix list com.amazonaws.us-east-1.s3 -> gateway endpoint s3-gateway"
    );
    assert_eq!(show("rtb-2"), "10.0.0.0/16 -> local");
}

#[test]
fn public_means_a_valid_route_to_an_internet_gateway() {
    let mut d = classic();
    let public: Vec<&str> = d
        .subnets
        .iter()
        .filter(|s| is_public(&d, s))
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(public, ["public-a", "public-b"]);
    // A half-typed route to the internet gateway does not make the private subnets public.
    d.route_tables[2]
        .routes
        .push(vpc_planner::model::design::Route {
            destination: String::new(),
            target: "igw-1".into(),
        });
    assert!(d.subnets.iter().filter(|s| is_public(&d, s)).count() == 2);
}

#[test]
fn route_targets_are_the_vpcs_own_gateways() {
    let d = classic();
    let rt = d.route_table("rtb-3").expect("table");
    let ids: Vec<&str> = route_targets(&d, rt)
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert_eq!(ids, ["igw-1", "nat-1", "ec2-1", "ec2-2"]);
    // A workload of another VPC is not a target; neither is an AWS service.
    let mut d = d.clone();
    d.nodes.retain(|n| n.id != "ec2-2");
    let rt = d.route_table("rtb-3").expect("table");
    assert_eq!(route_targets(&d, rt).len(), 3);
}

proptest::proptest! {
    /// The analysis's integer test of "this block holds this address" agrees with ipnet's.
    #[test]
    fn holds_agrees_with_ipnet(a in proptest::prelude::any::<u32>(), base in proptest::prelude::any::<u32>(), len in 0u8..=32) {
        use std::net::Ipv4Addr;
        let net = ipnet::Ipv4Net::new(Ipv4Addr::from(base), len).expect("len <= 32").trunc();
        let ip = Ipv4Addr::from(a);
        proptest::prop_assert_eq!(vpc_planner::model::cidr::holds(&net, ip), net.contains(&ip));
        // The address itself and its block's edges, which random addresses rarely hit.
        for edge in [net.network(), net.broadcast()] {
            proptest::prop_assert!(vpc_planner::model::cidr::holds(&net, edge));
        }
        // Block in block, as ipnet's `contains` answers it, for any two blocks.
        let other = ipnet::Ipv4Net::new(ip, len / 2 + (a % 17) as u8).ok();
        for inner in [other, net.subnets(len.saturating_add(3).min(32)).ok().and_then(|mut s| s.next())].into_iter().flatten() {
            proptest::prop_assert_eq!(vpc_planner::model::cidr::covers(&net, &inner), net.contains(&inner));
            proptest::prop_assert_eq!(vpc_planner::model::cidr::covers(&inner, &net), inner.contains(&net));
        }
    }
}

/// RFC 6598 shared address space (100.64.0.0/10) is private to a carrier, not the internet.
#[test]
fn shared_address_space_is_not_public() {
    use vpc_planner::model::routing::address::Address;
    let public = |ip: &str| Address::Ip(ip.parse().expect("ip")).is_public();
    assert!(public("100.63.255.255"));
    assert!(!public("100.64.0.0"));
    assert!(!public("100.127.255.255"));
    assert!(public("100.128.0.0"));
    assert!(!public("10.1.2.3"));
    assert!(public("52.216.0.1"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2048, ..proptest::prelude::ProptestConfig::default() })]

    /// The planner's CIDR reader accepts exactly the ASCII text ipnet's parser accepts, with the
    /// same block. (On other text ipnet reads some non-ASCII characters as digits by their low
    /// byte; the planner's reader rejects them.)
    #[test]
    fn cidr_reader_agrees_with_ipnet(text in proptest::prop_oneof![
        "[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,4}/[0-9]{1,3}",
        "[0-9./]{0,20}",
        "[ -~]{0,24}",
    ]) {
        proptest::prop_assert_eq!(vpc_planner::model::cidr::read(&text), text.parse::<ipnet::Ipv4Net>().ok(), "{:?}", text);
    }

    /// A block's text is what ipnet's `Display` writes.
    #[test]
    fn cidr_text_agrees_with_ipnet(a in proptest::prelude::any::<u32>(), len in 0u8..=32) {
        let net = ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(a), len).expect("len <= 32");
        proptest::prop_assert_eq!(vpc_planner::model::cidr::text(&net), net.to_string());
    }
}

#[test]
fn cidr_reader_edges() {
    use vpc_planner::model::cidr::read;
    let ok = |t: &str| read(t).map(|n| n.to_string());
    assert_eq!(ok("10.0.0.0/16").as_deref(), Some("10.0.0.0/16"));
    assert_eq!(ok("010.000.0.0/08").as_deref(), Some("10.0.0.0/8"));
    assert_eq!(
        ok("255.255.255.255/32").as_deref(),
        Some("255.255.255.255/32")
    );
    assert_eq!(ok("10.0.0.1/24").as_deref(), Some("10.0.0.1/24"));
    for bad in [
        "",
        "10.0.0.0",
        "10.0.0.0/",
        "10.0.0.0/33",
        "256.0.0.0/8",
        "1.2.3/8",
        "1.2.3.4.5/8",
        " 10.0.0.0/8",
        "10.0.0.0/8 ",
        "0000.0.0.0/8",
        "10.0.0.0/008",
        "1İ.0.0.0/8",
    ] {
        assert_eq!(read(bad), None, "{bad:?}");
    }
}

fn cidr_route(
    base: u32,
    len: u8,
    origin: vpc_planner::model::routing::table::Origin,
    i: usize,
) -> vpc_planner::model::routing::table::Route {
    use vpc_planner::model::routing::table::{Destination, Route, Target};
    let net = ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(base), len)
        .expect("a prefix length up to 32")
        .trunc();
    Route {
        destination: Destination::Cidr(net),
        target: Target::Node(format!("target-{i}")),
        origin,
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 1024, ..proptest::prelude::ProptestConfig::default() })]
    /// A transit gateway table's index chooses the route a scan of the table chooses, ties and
    /// default routes included: networks are drawn from a few bases and lengths so that routes
    /// overlap and repeat, and addresses from near those bases.
    #[test]
    fn route_index_chooses_as_a_scan_does(
        routes in proptest::collection::vec((0usize..4, proptest::prop_oneof![proptest::strategy::Just(0u8), proptest::strategy::Just(8u8), proptest::strategy::Just(16u8), proptest::strategy::Just(24u8), 0u8..=32], 0usize..3), 0..40),
        addresses in proptest::collection::vec((0usize..4, proptest::prelude::any::<u16>(), 0usize..4), 1..20),
    ) {
        use vpc_planner::model::routing::address::Address;
        use vpc_planner::model::routing::table::{Origin, RouteIndex, select};
        const BASES: [u32; 4] = [0x0A00_0000, 0x0A01_0000, 0x0A01_0100, 0xC0A8_0000];
        const ORIGINS: [Origin; 3] = [Origin::Propagated, Origin::Static, Origin::PrefixList];
        let routes: Vec<_> = routes
            .iter()
            .enumerate()
            .map(|(i, &(b, len, o))| cidr_route(BASES[b], len, ORIGINS[o], i))
            .collect();
        let index = RouteIndex::of(&routes).expect("every route is a CIDR");
        for &(b, low, kind) in &addresses {
            let ip = std::net::Ipv4Addr::from(BASES[b] | u32::from(low));
            let address = match kind {
                0 | 1 => Address::Ip(ip),
                2 => Address::Service { key: "s3".into(), region: "us-east-1".into(), ip: Some(ip) },
                _ => Address::Internet,
            };
            let scanned = select(&routes, &address, "us-east-1").map(|r| r as *const _);
            let indexed = index.select(&routes, &address).map(|r| r as *const _);
            proptest::prop_assert_eq!(indexed, scanned, "{:?}", address);
        }
    }
}

#[test]
fn route_index_refuses_a_table_with_a_prefix_list_route() {
    use vpc_planner::model::routing::table::{Destination, Origin, Route, RouteIndex, Target};
    let mut routes = vec![cidr_route(0x0A00_0000, 8, Origin::Static, 0)];
    assert!(RouteIndex::of(&routes).is_some());
    routes.push(Route {
        destination: Destination::PrefixList("s3".into()),
        target: Target::Node("vpce".into()),
        origin: Origin::PrefixList,
    });
    assert_eq!(RouteIndex::of(&routes), None);
}
