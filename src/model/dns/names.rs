//! DNS names: checking what a user typed, matching names against domains, and the names AWS
//! gives an interface endpoint.

use crate::model::catalog::{self, Service};
use crate::model::design::{Design, Node, NodeKind};
use crate::model::text::clip;

/// The longest name DNS carries (RFC 1035 §2.3.4), without the final dot.
pub const MAX_NAME: usize = 253;
const MAX_LABEL: usize = 63;

/// A name in the form compared everywhere: lower case, no final dot. Names that DNS can't
/// carry get a message saying what is wrong.
pub fn normalise(name: &str) -> Result<String, String> {
    let name = name.trim();
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    if name.is_empty() {
        return Err("enter a DNS name, e.g. secretsmanager.us-east-1.amazonaws.com".into());
    }
    if name.len() > MAX_NAME {
        return Err(format!(
            "a DNS name has at most {MAX_NAME} characters; this one has {}",
            name.len()
        ));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err(format!(
                "{} has an empty label (two dots in a row, or a dot at the start)",
                clip(&name)
            ));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(format!(
                "{} holds {c:?}; DNS names use letters, digits, hyphens and dots",
                clip(&name)
            ));
        }
        // ASCII only from here, so slicing by bytes is safe.
        if label.len() > MAX_LABEL {
            return Err(format!(
                "the label {}… is longer than {MAX_LABEL} characters",
                &label[..20]
            ));
        }
    }
    Ok(name)
}

/// A domain as stored in the design (zone, rule or forwarder): like a name, but `.` alone means
/// every name (a Resolver rule for `.` forwards everything).
pub fn normalise_domain(domain: &str) -> Result<String, String> {
    match domain.trim() {
        "." => Ok(String::new()),
        d => normalise(d),
    }
}

/// How specific a match of `name` by `domain` is (its number of labels), when `name` is the
/// domain or one of its subdomains. The root domain (empty) matches every name with 0.
pub fn match_len(name: &str, domain: &str) -> Option<usize> {
    if domain.is_empty() {
        return Some(0);
    }
    let under = name == domain
        || (name.len() > domain.len()
            && name.ends_with(domain)
            && name.as_bytes()[name.len() - domain.len() - 1] == b'.');
    under.then(|| domain.split('.').count())
}

/// The Regional DNS name of a service, e.g. `api.ecr.eu-west-1.amazonaws.com`.
pub fn service_name(service: &Service, region: &str) -> String {
    format!("{}.{region}.amazonaws.com", service.host)
}

/// The name a flow to an AWS service looks up when it names none.
pub fn default_host(design: &Design, node: &Node) -> Option<String> {
    let NodeKind::AwsService { service, region } = &node.kind else {
        return None;
    };
    let s = catalog::service(service)?;
    Some(service_name(s, region.as_deref().unwrap_or(&design.region)))
}

/// A stable stand-in for the endpoint id AWS will assign (`vpce-` and 17 hex digits) and the
/// 8-character suffix of its DNS names, derived from the design id so that names stay the same
/// across edits and links. AWS assigns the real ones when the endpoint is created.
pub fn planned_vpce_id(node_id: &str) -> (String, String) {
    let h = fnv(node_id.as_bytes());
    let s = fnv(&[node_id.as_bytes(), b"#"].concat());
    let suffix: String = (0..8)
        .map(|i| {
            char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[((s >> (i * 5)) % 36) as usize])
        })
        .collect();
    (format!("vpce-0{h:016x}"), suffix)
}

/// A stable stand-in for the id AWS will give an endpoint service (`vpce-svc-` and 17 hex
/// digits), derived from the design id like `planned_vpce_id`.
pub fn planned_service_id(node_id: &str) -> String {
    format!(
        "vpce-svc-0{:016x}",
        fnv(&[b"svc#", node_id.as_bytes()].concat())
    )
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The endpoint-specific names of an interface endpoint (aws-networking.md §3): the Regional
/// one, then one per Availability Zone of its subnets, each with the AZ it stands for. An
/// endpoint to an endpoint service has `<endpoint id>[-<az>].<service id>.<region>.vpce.amazonaws.com` (E5).
pub fn endpoint_names(design: &Design, node: &Node) -> Vec<(String, Option<String>)> {
    let NodeKind::InterfaceEndpoint {
        service,
        endpoint_service,
        subnets,
        ..
    } = &node.kind
    else {
        return Vec::new();
    };
    let service_id = endpoint_service.as_deref().map(planned_service_id);
    let host = match &service_id {
        Some(id) => id.as_str(),
        None => catalog::service(service)
            .map(|s| s.host)
            .unwrap_or(service.as_str()),
    };
    let (id, sfx) = planned_vpce_id(&node.id);
    let region = &design.region;
    let mut out = vec![(
        format!("{id}-{sfx}.{host}.{region}.vpce.amazonaws.com"),
        None,
    )];
    for az in subnets
        .iter()
        .filter_map(|s| design.subnet(s))
        .map(|s| &s.availability_zone)
    {
        if !out.iter().any(|(_, z)| z.as_ref() == Some(az)) {
            out.push((
                format!("{id}-{sfx}-{az}.{host}.{region}.vpce.amazonaws.com"),
                Some(az.clone()),
            ));
        }
    }
    out
}

/// A name of S3 Express One Zone: its Regional control name, or a zonal name (with or without
/// a directory bucket in front).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Express {
    Control {
        region: String,
    },
    Zonal {
        region: String,
        zone_id: String,
        bucket: Option<String>,
    },
}

/// Reads `s3express-control.<region>.amazonaws.com`, `s3express-<az-id>.<region>.amazonaws.com`
/// and `<bucket>--<az-id>--x-s3.s3express-<az-id>.<region>.amazonaws.com`.
pub fn s3express(name: &str) -> Option<Express> {
    let rest = name.strip_suffix(".amazonaws.com")?;
    let (front, region) = rest.rsplit_once('.')?;
    let (bucket, endpoint) = match front.rsplit_once('.') {
        Some((b, e)) => (Some(b), e),
        None => (None, front),
    };
    let zone = endpoint.strip_prefix("s3express-")?;
    if zone == "control" {
        return bucket.is_none().then(|| Express::Control {
            region: region.to_string(),
        });
    }
    Some(Express::Zonal {
        region: region.to_string(),
        zone_id: zone.to_string(),
        bucket: bucket.map(str::to_string),
    })
}

/// The AZ ID a directory bucket's name carries (`data--use1-az4--x-s3` → `use1-az4`).
pub fn directory_bucket_zone(bucket: &str) -> Option<&str> {
    let base = bucket.strip_suffix("--x-s3")?;
    base.rsplit_once("--").map(|(_, zone)| zone)
}

/// The service and Region a public AWS name belongs to: `<host>.<region>.amazonaws.com`, or a
/// name below it for services that use such names.
pub fn public_service(name: &str) -> Option<(&'static Service, String)> {
    let rest = name.strip_suffix(".amazonaws.com")?;
    catalog::SERVICES.iter().find_map(|s| {
        let (front, region) = rest.rsplit_once('.')?;
        let ok = front == s.host
            || (s.subdomains
                && front.ends_with(s.host)
                && front
                    .as_bytes()
                    .get(front.len().wrapping_sub(s.host.len() + 1))
                    == Some(&b'.'));
        ok.then(|| (s, region.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_and_lower_cased() {
        assert_eq!(
            normalise("SecretsManager.US-East-1.amazonaws.com.").unwrap(),
            "secretsmanager.us-east-1.amazonaws.com"
        );
        assert!(normalise("a..b").is_err());
        assert!(normalise("<script>.com").unwrap_err().contains("'<'"));
        assert!(normalise(&"a".repeat(64)).is_err());
        assert!(
            normalise(&["abc"; 70].join("."))
                .unwrap_err()
                .contains("253")
        );
    }

    #[test]
    fn subdomains_match_by_whole_labels() {
        assert_eq!(match_len("x.corp.example.com", "corp.example.com"), Some(3));
        assert_eq!(match_len("corp.example.com", "corp.example.com"), Some(3));
        assert_eq!(match_len("xcorp.example.com", "corp.example.com"), None);
        assert_eq!(match_len("anything", ""), Some(0));
    }

    #[test]
    fn public_names_map_to_services() {
        let (s, r) = public_service("my-bucket.s3.eu-west-1.amazonaws.com").unwrap();
        assert_eq!((s.key, r.as_str()), ("s3", "eu-west-1"));
        let (s, _) = public_service("api.ecr.us-east-1.amazonaws.com").unwrap();
        assert_eq!(s.key, "ecr.api");
        assert!(
            public_service("x.sts.us-east-1.amazonaws.com").is_none(),
            "STS has no names below its host"
        );
        assert_eq!(
            s3express("data--use1-az4--x-s3.s3express-use1-az4.us-east-1.amazonaws.com"),
            Some(Express::Zonal {
                region: "us-east-1".into(),
                zone_id: "use1-az4".into(),
                bucket: Some("data--use1-az4--x-s3".into())
            })
        );
        assert_eq!(
            directory_bucket_zone("data--use1-az4--x-s3"),
            Some("use1-az4")
        );
    }

    #[test]
    fn endpoint_service_ids_look_like_aws_ids() {
        let a = planned_service_id("svc-1");
        assert!(
            a.starts_with("vpce-svc-0") && a.len() == "vpce-svc-".len() + 17,
            "{a}"
        );
        assert_ne!(a, planned_service_id("svc-2"));
        assert_ne!(
            a[9..],
            planned_vpce_id("svc-1").0[5..],
            "not the endpoint id of the same node"
        );
    }

    #[test]
    fn planned_ids_look_like_aws_ids_and_differ_per_endpoint() {
        let (a, sa) = planned_vpce_id("vpce-1");
        let (b, _) = planned_vpce_id("vpce-2");
        assert_eq!(a.len(), "vpce-".len() + 17);
        assert_ne!(a, b);
        assert_eq!(sa.len(), 8);
        assert_eq!(planned_vpce_id("vpce-1").0, a);
    }
}
