//! What AWS offers, as data: Regions with their Availability Zones, and the AWS services a
//! design can reach with the VPC endpoint types each supports.
//!
//! Sources: ../shared/reference/aws-networking.md §3 (gateway endpoints serve S3 and DynamoDB
//! only; most services are reachable through interface endpoints), the PrivateLink guide
//! "AWS services that integrate with AWS PrivateLink".

/// A Region and the AZ letters proposed for new subnets.
///
/// AZ letters map to physical zones per account (aws-networking.md §1, use AZ IDs to compare
/// accounts); the letters here are the ones new accounts see, so they are proposals and a
/// letter outside them is only a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
    pub az_letters: &'static [&'static str],
}

pub const REGIONS: &[Region] = &[
    Region {
        code: "us-east-1",
        name: "US East (N. Virginia)",
        az_letters: &["a", "b", "c", "d", "e", "f"],
    },
    Region {
        code: "us-east-2",
        name: "US East (Ohio)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "us-west-1",
        name: "US West (N. California)",
        az_letters: &["a", "c"],
    },
    Region {
        code: "us-west-2",
        name: "US West (Oregon)",
        az_letters: &["a", "b", "c", "d"],
    },
    Region {
        code: "ca-central-1",
        name: "Canada (Central)",
        az_letters: &["a", "b", "d"],
    },
    Region {
        code: "sa-east-1",
        name: "South America (São Paulo)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "eu-west-1",
        name: "Europe (Ireland)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "eu-west-2",
        name: "Europe (London)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "eu-west-3",
        name: "Europe (Paris)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "eu-central-1",
        name: "Europe (Frankfurt)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "eu-north-1",
        name: "Europe (Stockholm)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "ap-south-1",
        name: "Asia Pacific (Mumbai)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "ap-southeast-1",
        name: "Asia Pacific (Singapore)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "ap-southeast-2",
        name: "Asia Pacific (Sydney)",
        az_letters: &["a", "b", "c"],
    },
    Region {
        code: "ap-northeast-1",
        name: "Asia Pacific (Tokyo)",
        az_letters: &["a", "c", "d"],
    },
    Region {
        code: "ap-northeast-2",
        name: "Asia Pacific (Seoul)",
        az_letters: &["a", "b", "c", "d"],
    },
];

pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// Icon family, after the AWS Architecture Icons' category colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Storage,
    Database,
    Security,
    Containers,
    Management,
    Integration,
}

/// An AWS service reachable from a VPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    /// Key used in designs, and the last part of the endpoint service name
    /// (`com.amazonaws.<region>.<key>`).
    pub key: &'static str,
    pub name: &'static str,
    /// A short label for the icon.
    pub short: &'static str,
    pub gateway_endpoint: bool,
    pub interface_endpoint: bool,
    pub category: Category,
    /// The service's DNS name without `.<region>.amazonaws.com` (`secretsmanager`, `api.ecr`).
    /// Endpoint-specific names use it too: `vpce-….<host>.<region>.vpce.amazonaws.com`.
    pub host: &'static str,
    /// Whether clients use names below the host (`my-bucket.s3…`, `<account>.dkr.ecr…`), which
    /// private DNS then also covers.
    pub subdomains: bool,
    /// Whether an interface endpoint of the service can turn on private DNS.
    pub private_dns: bool,
}

/// The services. DNS names follow each service's "endpoints and quotas" page; S3 Express One
/// Zone is reached through its own gateway endpoint service `com.amazonaws.<region>.s3express`
/// (S3 user guide, "Networking for directory buckets in an Availability Zone").
/// ⚠ DynamoDB: its PrivateLink guide has clients use the endpoint-specific names and tells
/// on-premises DNS how to forward them; private DNS for DynamoDB isn't documented there, so the
/// planner doesn't offer it.
pub const SERVICES: &[Service] = &[
    svc(
        "s3",
        "Amazon S3",
        "S3",
        true,
        true,
        Category::Storage,
        "s3",
        true,
        true,
    ),
    svc(
        "dynamodb",
        "Amazon DynamoDB",
        "DDB",
        true,
        true,
        Category::Database,
        "dynamodb",
        false,
        false,
    ),
    svc(
        "s3express",
        "Amazon S3 Express One Zone",
        "S3X",
        true,
        false,
        Category::Storage,
        "s3express-control",
        false,
        false,
    ),
    svc(
        "secretsmanager",
        "AWS Secrets Manager",
        "SM",
        false,
        true,
        Category::Security,
        "secretsmanager",
        false,
        true,
    ),
    svc(
        "sts",
        "AWS STS",
        "STS",
        false,
        true,
        Category::Security,
        "sts",
        false,
        true,
    ),
    svc(
        "kms",
        "AWS KMS",
        "KMS",
        false,
        true,
        Category::Security,
        "kms",
        false,
        true,
    ),
    svc(
        "ecr.api",
        "Amazon ECR API",
        "ECR",
        false,
        true,
        Category::Containers,
        "api.ecr",
        false,
        true,
    ),
    svc(
        "ecr.dkr",
        "Amazon ECR Docker",
        "DKR",
        false,
        true,
        Category::Containers,
        "dkr.ecr",
        true,
        true,
    ),
    svc(
        "logs",
        "Amazon CloudWatch Logs",
        "Logs",
        false,
        true,
        Category::Management,
        "logs",
        false,
        true,
    ),
    svc(
        "monitoring",
        "Amazon CloudWatch",
        "CW",
        false,
        true,
        Category::Management,
        "monitoring",
        false,
        true,
    ),
    svc(
        "ssm",
        "AWS Systems Manager",
        "SSM",
        false,
        true,
        Category::Management,
        "ssm",
        false,
        true,
    ),
    svc(
        "ssmmessages",
        "SSM Session Manager",
        "SSMM",
        false,
        true,
        Category::Management,
        "ssmmessages",
        false,
        true,
    ),
    svc(
        "ec2messages",
        "SSM Agent messages",
        "EC2M",
        false,
        true,
        Category::Management,
        "ec2messages",
        false,
        true,
    ),
    svc(
        "sqs",
        "Amazon SQS",
        "SQS",
        false,
        true,
        Category::Integration,
        "sqs",
        false,
        true,
    ),
    svc(
        "sns",
        "Amazon SNS",
        "SNS",
        false,
        true,
        Category::Integration,
        "sns",
        false,
        true,
    ),
    svc(
        "execute-api",
        "Amazon API Gateway (private APIs)",
        "API",
        false,
        true,
        Category::Integration,
        "execute-api",
        true,
        true,
    ),
];

#[allow(clippy::too_many_arguments)]
const fn svc(
    key: &'static str,
    name: &'static str,
    short: &'static str,
    gateway_endpoint: bool,
    interface_endpoint: bool,
    category: Category,
    host: &'static str,
    subdomains: bool,
    private_dns: bool,
) -> Service {
    Service {
        key,
        name,
        short,
        gateway_endpoint,
        interface_endpoint,
        category,
        host,
        subdomains,
        private_dns,
    }
}

pub fn service(key: &str) -> Option<&'static Service> {
    SERVICES.iter().find(|s| s.key == key)
}

/// The endpoint service name AWS uses for a service in a Region.
pub fn endpoint_service_name(region: &str, key: &str) -> String {
    format!("com.amazonaws.{region}.{key}")
}

/// Some public address ranges of a service in a Region: entries of its AWS-managed prefix list
/// (`com.amazonaws.<region>.<key>`), where the planner knows them. Routing uses the first to
/// compare a static route with the prefix-list route by prefix length (aws-networking.md §2).
/// Where none is known, a service address matches only 0.0.0.0/0 and the prefix list.
///
/// Source: AWS ip-ranges.json (https://ip-ranges.amazonaws.com/ip-ranges.json), service S3,
/// region us-east-1: 52.216.0.0/15. Only ranges confirmed from a second copy are listed.
pub fn public_ranges(region: &str, key: &str) -> &'static [&'static str] {
    match (region, key) {
        ("us-east-1", "s3") => &["52.216.0.0/15"],
        _ => &[],
    }
}

/// The Availability Zone IDs with an S3 Express One Zone zonal endpoint
/// (`s3express-<az-id>.<region>.amazonaws.com`), from the S3 user guide's table "Endpoints for
/// directory buckets in Availability Zones". Regions not listed here are unknown to the planner.
pub fn s3express_zones(region: &str) -> &'static [&'static str] {
    match region {
        "us-east-1" => &["use1-az4", "use1-az5", "use1-az6"],
        "us-east-2" => &["use2-az1", "use2-az2"],
        "us-west-2" => &["usw2-az1", "usw2-az3", "usw2-az4"],
        "ap-south-1" => &["aps1-az1", "aps1-az3"],
        "ap-northeast-1" => &["apne1-az1", "apne1-az4"],
        "eu-west-1" => &["euw1-az1", "euw1-az3"],
        _ => &[],
    }
}
