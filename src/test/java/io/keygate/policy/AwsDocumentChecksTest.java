package io.keygate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * Documents IAM refuses and accepts beyond the grammar, with AWS's texts (as recorded from IAM): the Version of a new
 * managed policy, resource ARN partitions, regions and IAM paths, colons in actions, an empty Statement list, the
 * actions of a trust policy; and what IAM accepts although a stricter reading would not.
 */
class AwsDocumentChecksTest {

    record Case(String name, PolicyType type, String json, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String identity(String statementBody) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\"," + statementBody + "}}";
    }

    static String resource(String arn) {
        return identity("\"Action\":\"s3:ListBucket\",\"Resource\":\"" + arn + "\"");
    }

    static String trust(String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"ec2.amazonaws.com\"},\"Action\":" + action + "}}";
    }

    static Stream<Case> refused() {
        return Stream.of(
                new Case("managed policy without Version", PolicyType.MANAGED,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}}",
                        "Policy document must be version 2012-10-17 or greater."),
                new Case("managed policy of 2008-10-17", PolicyType.MANAGED,
                        "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                                + "\"Resource\":\"*\"}}",
                        "Policy document must be version 2012-10-17 or greater."),
                new Case("unknown partition", PolicyType.MANAGED, resource("arn:error:s3:::example_bucket"),
                        "Partition \"error\" is not valid for resource \"arn:error:s3:::example_bucket\"."),
                new Case("unknown partition, short ARN padded", PolicyType.IDENTITY_INLINE_USER,
                        resource("arn:b:cadfsdf"), "Partition \"b\" is not valid for resource \"arn:b:cadfsdf:*:*:*\"."),
                new Case("region in an IAM ARN", PolicyType.MANAGED,
                        resource("arn:aws:iam:us-east-1::example_bucket"),
                        "IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information."),
                new Case("region in an S3 ARN", PolicyType.MANAGED, resource("arn:aws:s3:us-east-1::example_bucket"),
                        "Resource arn:aws:s3:us-east-1::example_bucket can not contain region information."),
                new Case("ARN without a vendor", PolicyType.MANAGED, resource("arn:aws"),
                        "Resource vendor must be fully qualified and cannot contain regexes."),
                new Case("IAM resource of no IAM kind", PolicyType.MANAGED, resource("arn:aws:iam:::example_bucket"),
                        "IAM resource path must either be \"*\" or start with user/, federated-user/, role/, group/, "
                                + "instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, "
                                + "oidc-provider/, report/, access-report/."),
                new Case("IAM path check on NotResource", PolicyType.SESSION,
                        identity("\"Action\":\"s3:ListBucket\",\"NotResource\":[\"*\",\"arn:aws:iam::1:thing/x\"]"),
                        ElementChecks.IAM_PATH_MESSAGE),
                new Case("action with two colons", PolicyType.MANAGED,
                        identity("\"Action\":\"s3:List:Bucket\",\"Resource\":\"*\""),
                        "Actions/Condition can contain only one colon."),
                new Case("vendor with a space", PolicyType.MANAGED,
                        identity("\"Action\":\"a a:ListBucket\",\"Resource\":\"*\""), "Vendor a a is not valid"),
                new Case("empty Statement list", PolicyType.MANAGED, "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                        "Syntax errors in policy."),
                new Case("empty Statement list, inline", PolicyType.IDENTITY_INLINE_ROLE,
                        "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "Syntax errors in policy."),
                new Case("trust policy with an S3 action", PolicyType.TRUST, trust("\"s3:GetObject\""),
                        "AssumeRole policy may only specify STS AssumeRole actions."),
                new Case("trust policy with sts:GetCallerIdentity", PolicyType.TRUST,
                        trust("[\"sts:AssumeRole\",\"sts:GetCallerIdentity\"]"),
                        "AssumeRole policy may only specify STS AssumeRole actions."),
                new Case("trust policy with sts:*", PolicyType.TRUST, trust("\"sts:*\""),
                        "AssumeRole policy may only specify STS AssumeRole actions."),
                new Case("trust policy with *", PolicyType.TRUST, trust("\"*\""),
                        "AssumeRole policy may only specify STS AssumeRole actions."));
    }

    static Stream<Case> accepted() {
        return Stream.of(
                new Case("inline policy of 2008-10-17", PolicyType.IDENTITY_INLINE_USER,
                        "{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                                + "\"Resource\":\"*\"}}", null),
                new Case("inline policy without Version", PolicyType.IDENTITY_INLINE_GROUP,
                        "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}}", null),
                new Case("condition key without vendor prefix", PolicyType.MANAGED,
                        identity("\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                                + "{\"username\":\"a\"}}"), null),
                new Case("empty operator block", PolicyType.MANAGED,
                        identity("\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":{}}"),
                        null),
                new Case("empty block of an unknown operator", PolicyType.MANAGED,
                        identity("\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":{\"a\":{}}"), null),
                new Case("action name with spaces", PolicyType.MANAGED,
                        identity("\"Action\":\"iam: asdf safdsf af \",\"Resource\":\"arn:aws:s3:::example_bucket\""),
                        null),
                new Case("IAM user ARN", PolicyType.MANAGED, resource("arn:aws:iam:::user/example_bucket"), null),
                new Case("IAM wildcard resource", PolicyType.MANAGED, resource("arn:aws:iam::*:*"), null),
                new Case("IAM resource with a variable account", PolicyType.MANAGED,
                        resource("arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}"), null),
                new Case("short ARN naming a service", PolicyType.MANAGED, resource("arn:aws:fdsasf"), null),
                new Case("unknown service", PolicyType.MANAGED, resource("arn:aws:invalid-service:us-east-1::x"), null),
                new Case("region in an EC2 ARN", PolicyType.MANAGED, resource("arn:aws:ec2:us-east-1::x"), null),
                new Case("S3 access point with a region", PolicyType.MANAGED,
                        resource("arn:aws:s3:us-west-2:123456789012:accesspoint/ap"), null),
                new Case("any partition", PolicyType.MANAGED, resource("arn:*:s3:::b"), null),
                new Case("GovCloud partition", PolicyType.MANAGED, resource("arn:aws-us-gov:s3:::b"), null),
                new Case("trust policy with every trust action", PolicyType.TRUST,
                        trust("[\"sts:AssumeRole\",\"sts:AssumeRoleWithSAML\",\"sts:AssumeRoleWithWebIdentity\","
                                + "\"sts:TagSession\",\"sts:SetSourceIdentity\",\"sts:SetContext\"]"), null),
                new Case("trust policy with lower-case action", PolicyType.TRUST, trust("\"sts:assumerole\""), null),
                new Case("trust policy with sts:AssumeRole*", PolicyType.TRUST, trust("\"sts:AssumeRole*\""), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedWithAwsText(Case c) {
        assertThatThrownBy(() -> Policies.parseNew(c.json(), c.type()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(AwsErrorCode.MalformedPolicyDocument);
                    assertThat(e.getMessage()).isEqualTo(c.error());
                    // Keygate's help stays out of the message; when a position is known it is in the location.
                    e.location().ifPresent(l -> assertThat(l).matches(".*line \\d+, column \\d+.*"));
                });
    }

    @Test
    void messageIsAwsTextAndWhereAndWhatGoApart() {
        String json = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n"
                + "    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": [\"*\", "
                + "\"arn:aws:iam:us-east-1::user/a\"]},\n"
                + "    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},\n"
                + "    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Conditions\": {}}\n"
                + "  ]\n}";
        assertThatThrownBy(() -> Policies.parseNew(json, PolicyType.MANAGED))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("IAM resource arn:aws:iam:us-east-1::user/a cannot contain region information.");
                    // Every statement with a problem is listed, each with its element, line and column; the first
                    // says what is wrong in the message.
                    assertThat(e.location()).hasValue("Statement[0].Resource[1], line 4, column 69; "
                            + "Statement[2].Conditions, line 6, column 68: Unknown field Conditions.");
                });
    }

    @Test
    void syntaxErrorsAnswerAwsTextWithTheParsersPositionApart() {
        assertThatThrownBy(() -> Policies.parseNew("{\"Version\": \"2012-10-17\",\n \"Statement\": [}",
                PolicyType.MANAGED))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Syntax errors in policy.");
                    assertThat(e.location()).hasValueSatisfying(l -> assertThat(l).startsWith("line 2, column "));
                });
        assertThatThrownBy(() -> Policies.parseNew("{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                PolicyType.MANAGED))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("Syntax errors in policy.");
                    assertThat(e.location()).hasValue("Statement, line 1, column 37: The Statement list is empty.");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedAsIamAccepts(Case c) {
        Policy policy = Policies.parseNew(c.json(), c.type());
        assertThat(policy.statements()).isNotEmpty();
    }
}
