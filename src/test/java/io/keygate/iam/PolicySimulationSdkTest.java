package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.ACCOUNT;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

/** SimulatePrincipalPolicy, SimulateCustomPolicy and GetContextKeysFor*Policy through the AWS SDK for Java v2. */
@QuarkusTest
class PolicySimulationSdkTest {

    private static final String S3_READ = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"},
              {"Sid": "NoSecrets", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::data/secret/*"},
              {"Sid": "Home", "Effect": "Allow", "Action": "s3:PutObject",
               "Resource": "arn:aws:s3:::home/${aws:username}/*",
               "Condition": {"StringEquals": {"s3:x-amz-acl": "private"}}}]}""";

    @Test
    void simulatePrincipalPolicyWhenUserThenEachActionAndResourceDecided() {
        try (IamClient admin = iam(root())) {
            String name = unique("sim");
            admin.createUser(b -> b.userName(name));
            admin.putUserPolicy(b -> b.userName(name).policyName("s3read").policyDocument(S3_READ));
            SimulatePrincipalPolicyResponse r = admin.simulatePrincipalPolicy(b -> b
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/" + name)
                    .actionNames("s3:GetObject", "s3:DeleteObject")
                    .resourceArns("arn:aws:s3:::data/a.txt", "arn:aws:s3:::data/secret/b.txt"));
            assertThat(r.isTruncated()).isFalse();
            assertThat(r.evaluationResults()).extracting(EvaluationResult::evalActionName,
                    EvaluationResult::evalResourceName, EvaluationResult::evalDecision).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("s3:GetObject", "arn:aws:s3:::data/a.txt",
                            PolicyEvaluationDecisionType.ALLOWED),
                    org.assertj.core.groups.Tuple.tuple("s3:GetObject", "arn:aws:s3:::data/secret/b.txt",
                            PolicyEvaluationDecisionType.EXPLICIT_DENY),
                    org.assertj.core.groups.Tuple.tuple("s3:DeleteObject", "arn:aws:s3:::data/a.txt",
                            PolicyEvaluationDecisionType.IMPLICIT_DENY),
                    org.assertj.core.groups.Tuple.tuple("s3:DeleteObject", "arn:aws:s3:::data/secret/b.txt",
                            PolicyEvaluationDecisionType.EXPLICIT_DENY));
            EvaluationResult allowed = r.evaluationResults().get(0);
            assertThat(allowed.matchedStatements()).singleElement().satisfies(m -> {
                assertThat(m.sourcePolicyId()).isEqualTo("s3read");
                assertThat(m.sourcePolicyTypeAsString()).isEqualTo("user");
            });
            assertThat(r.evaluationResults().get(2).matchedStatements()).isEmpty();
        }
    }

    @Test
    void simulatePrincipalPolicyWhenContextEntriesGivenThenConditionsUseThemElseMissing() {
        try (IamClient admin = iam(root())) {
            String name = unique("home");
            admin.createUser(b -> b.userName(name));
            admin.putUserPolicy(b -> b.userName(name).policyName("s3read").policyDocument(S3_READ));
            String arn = "arn:aws:iam::" + ACCOUNT + ":user/" + name;
            String home = "arn:aws:s3:::home/" + name + "/notes.txt";
            EvaluationResult missing = admin.simulatePrincipalPolicy(b -> b.policySourceArn(arn)
                    .actionNames("s3:PutObject").resourceArns(home)).evaluationResults().get(0);
            assertThat(missing.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(missing.missingContextValues()).containsExactly("s3:x-amz-acl");
            EvaluationResult given = admin.simulatePrincipalPolicy(b -> b.policySourceArn(arn)
                    .actionNames("s3:PutObject").resourceArns(home)
                    .contextEntries(ContextEntry.builder().contextKeyName("s3:x-amz-acl")
                            .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues("private").build()))
                    .evaluationResults().get(0);
            assertThat(given.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(given.missingContextValues()).isEmpty();
        }
    }

    @Test
    void simulatePrincipalPolicyWhenGroupMemberAndBoundaryThenBoundaryDecisionReported() {
        try (IamClient admin = iam(root())) {
            String user = unique("member");
            String group = unique("readers");
            admin.createUser(b -> b.userName(user));
            admin.createGroup(b -> b.groupName(group));
            admin.addUserToGroup(b -> b.groupName(group).userName(user));
            admin.putGroupPolicy(b -> b.groupName(group).policyName("g").policyDocument(S3_READ));
            SimulatePrincipalPolicyResponse viaGroup = admin.simulatePrincipalPolicy(b -> b
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/" + user)
                    .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::data/a.txt")
                    .permissionsBoundaryPolicyInputList("""
                            {"Version": "2012-10-17", "Statement": [
                              {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}"""));
            EvaluationResult r = viaGroup.evaluationResults().get(0);
            assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(r.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary()).isFalse();

            EvaluationResult groupOnly = admin.simulatePrincipalPolicy(b -> b
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":group/" + group)
                    .actionNames("s3:GetObject").resourceArns("arn:aws:s3:::data/a.txt")).evaluationResults().get(0);
            assertThat(groupOnly.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(groupOnly.matchedStatements().get(0).sourcePolicyTypeAsString()).isEqualTo("group");
        }
    }

    @Test
    void simulatePrincipalPolicyWhenRoleWithManagedPolicyThenAwsManagedSource() {
        try (IamClient admin = iam(root())) {
            String role = unique("viewer");
            admin.createRole(b -> b.roleName(role).assumeRolePolicyDocument("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}"""));
            admin.attachRolePolicy(b -> b.roleName(role).policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
            EvaluationResult r = admin.simulatePrincipalPolicy(b -> b
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":role/" + role)
                    .actionNames("iam:ListUsers")).evaluationResults().get(0);
            assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(r.evalResourceName()).isEqualTo("*");
            assertThat(r.matchedStatements().get(0).sourcePolicyId()).isEqualTo("IAMReadOnlyAccess");
            assertThat(r.matchedStatements().get(0).sourcePolicyTypeAsString()).isEqualTo("aws-managed");
        }
    }

    @Test
    void simulateCustomPolicyWhenPagedThenMarkerContinues() {
        try (IamClient admin = iam(root())) {
            List<String> actions = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject");
            var first = admin.simulateCustomPolicy(b -> b.policyInputList(S3_READ).actionNames(actions)
                    .resourceArns("arn:aws:s3:::data/x").maxItems(2));
            assertThat(first.isTruncated()).isTrue();
            assertThat(first.evaluationResults()).hasSize(2);
            var rest = admin.simulateCustomPolicy(b -> b.policyInputList(S3_READ).actionNames(actions)
                    .resourceArns("arn:aws:s3:::data/x").maxItems(2).marker(first.marker()));
            assertThat(rest.isTruncated()).isFalse();
            assertThat(rest.evaluationResults()).singleElement()
                    .satisfies(e -> assertThat(e.evalActionName()).isEqualTo("s3:DeleteObject"));
            assertThat(first.evaluationResults().get(0).matchedStatements().get(0).sourcePolicyId())
                    .isEqualTo("PolicyInputList.1");
        }
    }

    @Test
    void simulateCustomPolicyWhenResourcePolicyNamesCallerThenAllowedWithDetails() {
        try (IamClient admin = iam(root())) {
            String name = unique("caller");
            admin.createUser(b -> b.userName(name));
            String arn = "arn:aws:iam::" + ACCOUNT + ":user/" + name;
            EvaluationResult r = admin.simulateCustomPolicy(b -> b
                    .policyInputList("""
                            {"Version": "2012-10-17", "Statement": [
                              {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}""")
                    .resourcePolicy("""
                            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                              "Principal": {"AWS": "%s"}, "Action": "s3:GetObject",
                              "Resource": "arn:aws:s3:::shared/*"}]}""".formatted(arn))
                    .callerArn(arn).actionNames("s3:GetObject").resourceArns("arn:aws:s3:::shared/k"))
                    .evaluationResults().get(0);
            assertThat(r.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(r.matchedStatements().get(0).sourcePolicyTypeAsString()).isEqualTo("resource");
            assertThat(r.evalDecisionDetailsAsStrings()).containsEntry("Resource Policy", "allowed");
        }
    }

    @Test
    void simulateWhenInputIsBadThenAwsErrors() {
        try (IamClient admin = iam(root())) {
            assertAwsError(() -> admin.simulateCustomPolicy(b -> b.policyInputList("{not json")
                    .actionNames("s3:GetObject")), 400, "MalformedPolicyDocument", null);
            assertAwsError(() -> admin.simulatePrincipalPolicy(b -> b
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/nobody-" + unique("x"))
                    .actionNames("s3:GetObject")), 404, "NoSuchEntity", null);
            assertAwsError(() -> admin.simulatePrincipalPolicy(b -> b
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":policy/whatever")
                    .actionNames("s3:GetObject")), 400, "InvalidInput", null);
            assertAwsError(() -> admin.simulateCustomPolicy(b -> b.policyInputList(S3_READ)
                    .actionNames("s3:GetObject").contextEntries(ContextEntry.builder().contextKeyName("s3:prefix")
                            .contextKeyType(ContextKeyTypeEnum.STRING).contextKeyValues("a", "b").build())),
                    400, "InvalidInput", null);
            assertAwsError(() -> admin.simulateCustomPolicy(b -> b.policyInputList(S3_READ)
                    .actionNames("s3:GetObject").marker("999")), 400, "InvalidInput", null);
        }
    }

    @Test
    void simulateWhenCallerLacksPermissionThenAccessDenied() {
        try (IamClient admin = iam(root())) {
            String name = unique("nosim");
            admin.createUser(b -> b.userName(name));
            AccessKey key = admin.createAccessKey(b -> b.userName(name)).accessKey();
            AwsCredentials creds = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            try (IamClient iam = iam(creds)) {
                assertAwsError(() -> iam.simulateCustomPolicy(b -> b.policyInputList(S3_READ)
                        .actionNames("s3:GetObject")), 403, "AccessDenied", "iam:SimulateCustomPolicy");
                assertAwsError(() -> iam.simulatePrincipalPolicy(b -> b
                        .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/" + name)
                        .actionNames("s3:GetObject")), 403, "AccessDenied", "iam:SimulatePrincipalPolicy");
            }
        }
    }

    @Test
    void getContextKeysWhenPoliciesHaveConditionsThenKeysListed() {
        try (IamClient admin = iam(root())) {
            assertThat(admin.getContextKeysForCustomPolicy(b -> b.policyInputList(S3_READ, """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*",
                      "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}""")).contextKeyNames())
                    .containsExactly("aws:SourceIp", "s3:x-amz-acl");
            String name = unique("keys");
            admin.createUser(b -> b.userName(name));
            admin.putUserPolicy(b -> b.userName(name).policyName("s3read").policyDocument(S3_READ));
            assertThat(admin.getContextKeysForPrincipalPolicy(b -> b
                    .policySourceArn("arn:aws:iam::" + ACCOUNT + ":user/" + name)).contextKeyNames())
                    .containsExactly("s3:x-amz-acl");
        }
    }
}
