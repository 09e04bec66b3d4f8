package io.keygate.credentials;

import java.time.Instant;
import java.util.List;

/** Fixtures: session claims as STS actions would mint them. */
public final class TestClaims {

    static final Instant ISSUED = Instant.parse("2026-11-28T10:00:00Z");
    static final IdGenerator IDS = IdGenerator.create();

    private TestClaims() {
    }

    /** A session policy of about 1 KB, shaped like real ones. */
    static String sessionPolicy1k() {
        String policy = """
                {"Version":"2012-10-17","Statement":[\
                {"Sid":"ReadReports","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],\
                "Resource":["arn:aws:s3:::acme-reports","arn:aws:s3:::acme-reports/2026/*"],\
                "Condition":{"StringEquals":{"aws:PrincipalTag/team":"analytics"},\
                "IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.0/24"]}}},\
                {"Sid":"WriteScratch","Effect":"Allow","Action":["s3:PutObject","s3:DeleteObject"],\
                "Resource":"arn:aws:s3:::acme-scratch/${aws:userid}/*"},\
                {"Sid":"AnalyticsQueueAccess","Effect":"Allow","Action":["sqs:SendMessage","sqs:ReceiveMessage",\
                "sqs:DeleteMessage","sqs:GetQueueAttributes"],\
                "Resource":"arn:aws:sqs:eu-west-1:123456789012:analytics-jobs"},\
                {"Sid":"DenyOutsideRegion","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*",\
                "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}},\
                {"Sid":"KmsDecryptReportKey","Effect":"Allow","Action":"kms:Decrypt",\
                "Resource":"arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}""";
        if (policy.length() < 1000 || policy.length() > 1100) {
            throw new IllegalStateException("fixture policy is " + policy.length() + " chars");
        }
        return policy;
    }

    /** An AssumeRole session with a 1 KB session policy, three tags, MFA and a source identity. */
    static SessionClaims assumeRole() {
        String roleId = IDS.uniqueId(UniqueIdType.ROLE);
        return SessionClaims.builder()
                .accessKeyId(IDS.temporaryAccessKeyId())
                .secretAccessKey(IDS.secretAccessKey())
                .principalType(PrincipalType.ASSUMED_ROLE)
                .principalArn("arn:aws:sts::123456789012:assumed-role/AnalyticsReader/alice@example.com")
                .userId(roleId + ":alice@example.com")
                .accountId("123456789012")
                .issuedAt(ISSUED)
                .expiresAt(ISSUED.plusSeconds(3600))
                .source("arn:aws:iam::123456789012:role/AnalyticsReader", roleId)
                .mfa(ISSUED.minusSeconds(120))
                .sourceIdentity("alice@example.com")
                .sessionTag("team", "analytics")
                .sessionTag("cost-center", "cc-4711")
                .sessionTag("project", "quarterly-reporting")
                .transitiveTagKeys(List.of("team"))
                .sessionPolicy(sessionPolicy1k())
                .sessionPolicyArns(List.of("arn:aws:iam::123456789012:policy/AnalyticsBoundary"))
                .roleSessionName("alice@example.com")
                .issuingAction(IssuingAction.AssumeRole)
                .build();
    }

    /** A GetSessionToken session of an IAM user: no optional parts. */
    public static SessionClaims sessionUser() {
        String userId = IDS.uniqueId(UniqueIdType.USER);
        return SessionClaims.builder()
                .accessKeyId(IDS.temporaryAccessKeyId())
                .secretAccessKey(IDS.secretAccessKey())
                .principalType(PrincipalType.SESSION_USER)
                .principalArn("arn:aws:iam::123456789012:user/bob")
                .userId(userId)
                .accountId("123456789012")
                .issuedAt(ISSUED)
                .expiresAt(ISSUED.plusSeconds(43_200))
                .source("arn:aws:iam::123456789012:user/bob", userId)
                .issuingAction(IssuingAction.GetSessionToken)
                .build();
    }
}
