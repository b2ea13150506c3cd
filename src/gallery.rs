//! The template gallery's catalogue: each template is a design file in `static/examples/`,
//! copied beside the app and fetched when the user picks it (so none weighs on the app's start,
//! except the first, which a fresh browser opens with). Data only; `ui::gallery` shows it and
//! `tests/it/gallery.rs` checks that each file says what its description promises.

pub struct Template {
    /// File name in `static/examples/` (served as `examples/<file>`).
    pub file: &'static str,
    pub title: &'static str,
    /// What it shows, and what the planner finds in it.
    pub description: &'static str,
}

/// The design a fresh browser opens with (also the first template).
pub const FIRST: &str = include_str!("../static/examples/classic-private-endpoints.json");

pub const TEMPLATES: &[Template] = &[
    Template {
        file: "classic-private-endpoints.json",
        title: "S3 gateway and Secrets Manager interface endpoints, NAT for the rest",
        description: "Two AZs with public and private subnets. S3 stays private through a gateway endpoint (with an endpoint policy), Secrets Manager through an interface endpoint; only the flow to the internet uses the NAT gateway.",
    },
    Template {
        file: "s3-data-pipeline.json",
        title: "Private S3 data pipeline",
        description: "Ingest Lambdas, an ETL instance and Spark on EKS move 15 TB a month to and from S3 through a gateway endpoint: no NAT gateway, no per-GB endpoint charge.",
    },
    Template {
        file: "secrets-sts-private-dns.json",
        title: "Secrets Manager and STS over interface endpoints with private DNS",
        description: "An EKS service and a rotation Lambda resolve the public service names to the endpoints' private addresses in dedicated endpoint subnets; there is no route to the internet at all.",
    },
    Template {
        file: "privatelink-nlb.json",
        title: "EKS in VPC A to a service in VPC B through PrivateLink",
        description: "A custom service behind a network load balancer is offered as an endpoint service; EKS nodes in another VPC reach it through an interface endpoint, without peering or routes between the VPCs.",
    },
    Template {
        file: "hybrid-vpn-transit-gateway.json",
        title: "Hybrid: on-premises over VPN and a transit gateway, Resolver endpoints both ways",
        description: "A data centre reaches two VPCs over a VPN on a transit gateway. On-premises DNS forwards AWS names to an inbound Resolver endpoint (S3 over its interface endpoint), and an outbound rule sends corp.example.com back on-premises.",
    },
    Template {
        file: "hybrid-dns.json",
        title: "Hybrid DNS over a VPN to a virtual private gateway",
        description: "One VPC and a data centre joined by a site-to-site VPN on a virtual private gateway, with inbound and outbound Resolver endpoints and S3 private DNS for on-premises only.",
    },
    Template {
        file: "centralised-interface-endpoints.json",
        title: "Centralised interface endpoints in a shared-services VPC",
        description: "Secrets Manager, STS and ECR endpoints live once in a shared-services VPC; spoke VPCs reach them over a transit gateway, through private hosted zones associated with every VPC.",
    },
    Template {
        file: "s3-express-ml-training.json",
        title: "S3 Express One Zone directory bucket for ML training",
        description: "GPU trainers read and checkpoint to a directory bucket in zone use1-az4 through the s3express gateway endpoint (place them in the AZ your account maps to that zone ID); the dataset archive stays in standard S3 behind its own gateway endpoint.",
    },
    Template {
        file: "serverless-no-internet.json",
        title: "Serverless without internet: DynamoDB, SQS and STS endpoints",
        description: "Lambdas in three AZs with no internet path: DynamoDB through a gateway endpoint, SQS and STS through interface endpoints.",
    },
];
