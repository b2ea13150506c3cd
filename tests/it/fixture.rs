//! Small designs for tests: a tiny base (one VPC, 10.0.0.0/16, in us-east-1) that each test
//! tweaks, and one-line constructors for the items a test adds to it.
//!
//! Canvas geometry of the base, used by the layout and palette tests:
//!
//! ```text
//! (40,40) +-------------------------- vpc-1 (620 x 400) ----------------+
//!         |  (60,110) subnet slot A 260x150   (360,110) subnet slot B    |
//!         |  (60,270) subnet slot C           (360,270) subnet slot D    |
//!         +--------------------------------------------------------------+ (660,440)
//! ```

use vpc_planner::model::design::{
    Design, Flow, FlowTarget, NatConnectivity, Node, NodeKind, Point, Rect, Route, RouteTable,
    Subnet, Vpc,
};

pub const REGION: &str = "us-east-1";

/// The canvas rectangle of the base VPC.
pub const VPC_RECT: Rect = Rect {
    x: 40,
    y: 40,
    w: 620,
    h: 400,
};
/// Four subnet slots inside the base VPC (see the module docs).
pub const SLOT_A: Rect = Rect {
    x: 60,
    y: 110,
    w: 260,
    h: 150,
};
pub const SLOT_B: Rect = Rect {
    x: 360,
    y: 110,
    w: 260,
    h: 150,
};
pub const SLOT_C: Rect = Rect {
    x: 60,
    y: 270,
    w: 260,
    h: 150,
};
pub const SLOT_D: Rect = Rect {
    x: 360,
    y: 270,
    w: 260,
    h: 150,
};

/// The centre of a rectangle.
pub fn centre(r: Rect) -> Point {
    Point {
        x: r.x + r.w / 2,
        y: r.y + r.h / 2,
    }
}

/// One VPC `vpc-1` named "main", 10.0.0.0/16, DNS support and hostnames on, nothing else.
/// It validates without a single diagnostic.
pub fn base() -> Design {
    let mut d = Design::empty(REGION);
    d.vpcs.push(Vpc {
        id: "vpc-1".into(),
        name: "main".into(),
        cidr_blocks: vec!["10.0.0.0/16".into()],
        enable_dns_support: true,
        enable_dns_hostnames: true,
        layout: VPC_RECT,
        security_groups: Vec::new(),
        network_acls: Vec::new(),
    });
    d
}

/// The base design, tweaked.
pub fn design(tweak: impl FnOnce(&mut Design)) -> Design {
    let mut d = base();
    tweak(&mut d);
    d
}

/// A second VPC (named after its id) to the right of the base one.
pub fn vpc(id: &str, cidr: &str) -> Vpc {
    Vpc {
        id: id.into(),
        name: id.into(),
        cidr_blocks: vec![cidr.into()],
        enable_dns_support: true,
        enable_dns_hostnames: true,
        layout: Rect {
            x: 760,
            y: 40,
            w: 620,
            h: 400,
        },
        security_groups: Vec::new(),
        network_acls: Vec::new(),
    }
}

/// A subnet named after its id, drawn in slot A.
pub fn subnet(id: &str, vpc: &str, cidr: &str, az: &str) -> Subnet {
    Subnet {
        id: id.into(),
        vpc: vpc.into(),
        name: id.into(),
        availability_zone: az.into(),
        cidr: cidr.into(),
        layout: SLOT_A,
    }
}

/// A subnet of `vpc-1` drawn at `layout`.
pub fn subnet_at(id: &str, cidr: &str, az: &str, layout: Rect) -> Subnet {
    Subnet {
        layout,
        ..subnet(id, "vpc-1", cidr, az)
    }
}

pub fn rtb(id: &str, vpc: &str, subnets: &[&str], routes: &[(&str, &str)]) -> RouteTable {
    RouteTable {
        id: id.into(),
        vpc: vpc.into(),
        name: id.into(),
        main: false,
        subnets: subnets.iter().map(|s| s.to_string()).collect(),
        routes: routes
            .iter()
            .map(|(d, t)| Route {
                destination: d.to_string(),
                target: t.to_string(),
            })
            .collect(),
        propagations: Vec::new(),
    }
}

pub fn main_rtb(id: &str, vpc: &str, routes: &[(&str, &str)]) -> RouteTable {
    RouteTable {
        main: true,
        ..rtb(id, vpc, &[], routes)
    }
}

/// A node named after its id, at the origin.
pub fn node(id: &str, kind: NodeKind) -> Node {
    Node {
        id: id.into(),
        name: id.into(),
        at: Point { x: 0, y: 0 },
        kind,
        security_groups: Vec::new(),
        policy: None,
    }
}

pub fn node_at(id: &str, kind: NodeKind, at: Point) -> Node {
    Node {
        at,
        ..node(id, kind)
    }
}

pub fn ec2(subnet: &str) -> NodeKind {
    NodeKind::Ec2 {
        subnet: subnet.into(),
    }
}

pub fn igw(vpc: &str) -> NodeKind {
    NodeKind::InternetGateway { vpc: vpc.into() }
}

pub fn nat(subnet: &str) -> NodeKind {
    NodeKind::NatGateway {
        subnet: subnet.into(),
        connectivity: NatConnectivity::Public,
    }
}

pub fn private_nat(subnet: &str) -> NodeKind {
    NodeKind::NatGateway {
        subnet: subnet.into(),
        connectivity: NatConnectivity::Private,
    }
}

pub fn service(key: &str) -> NodeKind {
    NodeKind::AwsService {
        service: key.into(),
        region: None,
    }
}

pub fn gateway_endpoint(vpc: &str, service: &str, route_tables: &[&str]) -> NodeKind {
    NodeKind::GatewayEndpoint {
        vpc: vpc.into(),
        service: service.into(),
        route_tables: route_tables.iter().map(|s| s.to_string()).collect(),
    }
}

pub fn interface_endpoint(
    vpc: &str,
    service: &str,
    subnets: &[&str],
    private_dns: bool,
) -> NodeKind {
    NodeKind::InterfaceEndpoint {
        vpc: vpc.into(),
        service: service.into(),
        endpoint_service: None,
        subnets: subnets.iter().map(|s| s.to_string()).collect(),
        private_dns,
        private_dns_only_for_inbound_resolver_endpoint: false,
    }
}

pub fn flow(id: &str, from: &str, to: &str, gb: f64) -> Flow {
    let to = if to == "internet" {
        FlowTarget::Internet
    } else {
        FlowTarget::Node(to.into())
    };
    Flow {
        id: id.into(),
        name: String::new(),
        from: from.into(),
        to,
        gb_per_month: gb,
        protocol: Default::default(),
        port: 443,
        host: None,
        requests: Vec::new(),
    }
}

/// A small but complete design: public and private subnets in two AZs, an internet gateway,
/// a NAT gateway, an S3 gateway endpoint, an interface endpoint, workloads and flows.
pub fn full() -> Design {
    design(|d| {
        d.subnets = vec![
            subnet_at("subnet-1", "10.0.0.0/24", "us-east-1a", SLOT_A),
            subnet_at("subnet-2", "10.0.1.0/24", "us-east-1b", SLOT_B),
            subnet_at("subnet-3", "10.0.10.0/24", "us-east-1a", SLOT_C),
            subnet_at("subnet-4", "10.0.11.0/24", "us-east-1b", SLOT_D),
        ];
        d.route_tables = vec![
            main_rtb("rtb-1", "vpc-1", &[]),
            rtb(
                "rtb-2",
                "vpc-1",
                &["subnet-1", "subnet-2"],
                &[("0.0.0.0/0", "igw-1")],
            ),
            rtb(
                "rtb-3",
                "vpc-1",
                &["subnet-3", "subnet-4"],
                &[("0.0.0.0/0", "nat-1")],
            ),
        ];
        d.nodes = vec![
            node_at("igw-1", igw("vpc-1"), Point { x: 350, y: 70 }),
            node_at("nat-1", nat("subnet-1"), Point { x: 150, y: 190 }),
            node_at(
                "vpce-1",
                gateway_endpoint("vpc-1", "s3", &["rtb-1", "rtb-3"]),
                Point { x: 600, y: 70 },
            ),
            node_at(
                "vpce-2",
                interface_endpoint("vpc-1", "secretsmanager", &["subnet-3", "subnet-4"], true),
                Point { x: 150, y: 380 },
            ),
            node_at("ec2-1", ec2("subnet-3"), Point { x: 250, y: 350 }),
            node_at("ec2-2", ec2("subnet-4"), Point { x: 500, y: 350 }),
            node_at("svc-1", service("s3"), Point { x: 200, y: 560 }),
        ];
        d.flows = vec![
            flow("flow-1", "ec2-1", "svc-1", 500.0),
            flow("flow-2", "ec2-2", "internet", 20.5),
        ];
    })
}

/// Hostile names: huge, markup, template and interpolation syntax, bidi overrides, emoji,
/// control characters. Nothing in the model may panic on them or interpret them.
pub fn hostile_names() -> Vec<String> {
    vec![
        "x".repeat(100_000),
        "<script>alert(1)</script>".into(),
        "${jndi:ldap://example.com/a}".into(),
        "%{ if true }x%{ endif }".into(),
        "a\"b\\c".into(),
        "line one\nline two\r\n\tend".into(),
        "\u{202E}evil\u{202D}".into(),
        "🚀🔥👩‍👩‍👧".into(),
        "\u{0}\u{1}\u{7f}".into(),
        "$${not} %%{an escape}".into(),
        "' OR 1=1 --".into(),
        String::new(),
        "   ".into(),
    ]
}

/// A temporary directory removed when dropped.
pub struct TempDir(pub std::path::PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("vpc-planner-it-{}-{tag}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    pub fn file(&self, name: &str, contents: &str) -> std::path::PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, contents).expect("write temp file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every file of a folder of the repository with this extension, sorted by name.
pub fn files_in(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

/// The file name without extension.
pub fn stem(path: &std::path::Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The scenario files of `dir` that wrap a design with what they expect (`{ rule, …, design }`):
/// each file's stem, its wrapper read as `S`, and its design read as the app reads designs.
pub fn wrapped_scenarios<S: serde::de::DeserializeOwned>(dir: &str) -> Vec<(String, S, Design)> {
    files_in(dir, "json")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("read scenario");
            let s: S =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let design = vpc_planner::model::document::from_json(&value["design"].to_string())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (stem(&path), s, design)
        })
        .collect()
}
