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
    Region { code: "us-east-1", name: "US East (N. Virginia)", az_letters: &["a", "b", "c", "d", "e", "f"] },
    Region { code: "us-east-2", name: "US East (Ohio)", az_letters: &["a", "b", "c"] },
    Region { code: "us-west-1", name: "US West (N. California)", az_letters: &["a", "c"] },
    Region { code: "us-west-2", name: "US West (Oregon)", az_letters: &["a", "b", "c", "d"] },
    Region { code: "ca-central-1", name: "Canada (Central)", az_letters: &["a", "b", "d"] },
    Region { code: "sa-east-1", name: "South America (São Paulo)", az_letters: &["a", "b", "c"] },
    Region { code: "eu-west-1", name: "Europe (Ireland)", az_letters: &["a", "b", "c"] },
    Region { code: "eu-west-2", name: "Europe (London)", az_letters: &["a", "b", "c"] },
    Region { code: "eu-west-3", name: "Europe (Paris)", az_letters: &["a", "b", "c"] },
    Region { code: "eu-central-1", name: "Europe (Frankfurt)", az_letters: &["a", "b", "c"] },
    Region { code: "eu-north-1", name: "Europe (Stockholm)", az_letters: &["a", "b", "c"] },
    Region { code: "ap-south-1", name: "Asia Pacific (Mumbai)", az_letters: &["a", "b", "c"] },
    Region { code: "ap-southeast-1", name: "Asia Pacific (Singapore)", az_letters: &["a", "b", "c"] },
    Region { code: "ap-southeast-2", name: "Asia Pacific (Sydney)", az_letters: &["a", "b", "c"] },
    Region { code: "ap-northeast-1", name: "Asia Pacific (Tokyo)", az_letters: &["a", "c", "d"] },
    Region { code: "ap-northeast-2", name: "Asia Pacific (Seoul)", az_letters: &["a", "b", "c", "d"] },
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
}

pub const SERVICES: &[Service] = &[
    Service { key: "s3", name: "Amazon S3", short: "S3", gateway_endpoint: true, interface_endpoint: true, category: Category::Storage },
    Service { key: "dynamodb", name: "Amazon DynamoDB", short: "DDB", gateway_endpoint: true, interface_endpoint: true, category: Category::Database },
    Service { key: "secretsmanager", name: "AWS Secrets Manager", short: "SM", gateway_endpoint: false, interface_endpoint: true, category: Category::Security },
    Service { key: "sts", name: "AWS STS", short: "STS", gateway_endpoint: false, interface_endpoint: true, category: Category::Security },
    Service { key: "kms", name: "AWS KMS", short: "KMS", gateway_endpoint: false, interface_endpoint: true, category: Category::Security },
    Service { key: "ecr.api", name: "Amazon ECR API", short: "ECR", gateway_endpoint: false, interface_endpoint: true, category: Category::Containers },
    Service { key: "ecr.dkr", name: "Amazon ECR Docker", short: "DKR", gateway_endpoint: false, interface_endpoint: true, category: Category::Containers },
    Service { key: "logs", name: "Amazon CloudWatch Logs", short: "Logs", gateway_endpoint: false, interface_endpoint: true, category: Category::Management },
    Service { key: "ssm", name: "AWS Systems Manager", short: "SSM", gateway_endpoint: false, interface_endpoint: true, category: Category::Management },
    Service { key: "sqs", name: "Amazon SQS", short: "SQS", gateway_endpoint: false, interface_endpoint: true, category: Category::Integration },
    Service { key: "sns", name: "Amazon SNS", short: "SNS", gateway_endpoint: false, interface_endpoint: true, category: Category::Integration },
];

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
