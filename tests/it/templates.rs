//! The policy editor's one-click templates: each parses without problems, also as an endpoint
//! policy, once its placeholders are filled with their defaults or with real values.

use vpc_planner::model::access::parse;
use vpc_planner::model::access::templates::{
    DEFAULT_ACCOUNT, DEFAULT_VPCE, TEMPLATES, account_of, bucket_of, fill,
};

#[test]
fn every_template_parses_without_problems() {
    for t in &TEMPLATES {
        for (bucket, account, vpce) in [
            ("*", DEFAULT_ACCOUNT, DEFAULT_VPCE),
            ("reports-bucket", "444455556666", "vpce-0123456789abcdef0"),
        ] {
            let text = fill(t, bucket, account, vpce);
            let policy = parse(&text).unwrap_or_else(|p| panic!("{}: {:?}", t.label, p));
            assert!(
                policy.endpoint_problems().is_empty(),
                "{}: {:?}",
                t.label,
                policy.endpoint_problems()
            );
            assert!(
                !text.contains("BUCKET") && !text.contains("ACCOUNT") && !text.contains("VPCE"),
                "{}",
                t.label
            );
        }
    }
}

#[test]
fn placeholders_come_from_arns() {
    assert_eq!(
        bucket_of("arn:aws:s3:::reports/2026/x.csv"),
        Some("reports")
    );
    assert_eq!(bucket_of("arn:aws:s3:::reports"), Some("reports"));
    assert_eq!(bucket_of("arn:aws:s3:::*"), None);
    assert_eq!(bucket_of("arn:aws:sqs:eu-west-1:111122223333:q"), None);
    assert_eq!(
        account_of("arn:aws:iam::444455556666:role/app"),
        Some("444455556666")
    );
    assert_eq!(account_of("arn:aws:iam::4444:role/app"), None);
    assert_eq!(account_of("role/app"), None);
}
