package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.keygate.policy.Policies;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Policy size quotas answer LimitExceeded in AWS's words (IAM User Guide, "IAM and AWS STS quotas"; whitespace does
 * not count): managed policies 6,144 characters, role trust policies 2,048, inline policies per user 2,048, per group
 * 5,120, per role 10,240 (aggregate).
 */
@QuarkusTest
class PolicySizeQuotaTest {

    /** A valid identity policy of exactly {@code size} non-whitespace characters, padded with whitespace too. */
    static String policyOfSize(int size) {
        String head = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::b/";
        String tail = "\"}]}";
        String shell = head + tail;
        String policy = head + "x".repeat(size - Policies.sizeOf(shell)) + tail;
        assertThat(Policies.sizeOf(policy)).isEqualTo(size);
        return policy;
    }

    static String trustOfSize(int size) {
        String head = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": "
                + "\"arn:aws:iam::111122223333:root\"}, \"Action\": \"sts:AssumeRole\", \"Condition\": {\"StringEquals\":"
                + " {\"sts:ExternalId\": \"";
        String tail = "\"}}}]}";
        String policy = head + "x".repeat(size - Policies.sizeOf(head + tail)) + tail;
        assertThat(Policies.sizeOf(policy)).isEqualTo(size);
        return policy;
    }

    @Test
    void managedPolicyOverSixThousandOneHundredFortyFourThenLimitExceeded() {
        try (IamClient iam = iam(root())) {
            String name = unique("big");
            iam.createPolicy(b -> b.policyName(name).policyDocument(policyOfSize(6144)));
            assertAwsError(() -> iam.createPolicy(b -> b.policyName(unique("bigger"))
                    .policyDocument(policyOfSize(6145))), 409, "LimitExceeded",
                    "Cannot exceed quota for PolicySize: 6144");
            String arn = "arn:aws:iam::111122223333:policy/" + name;
            assertAwsError(() -> iam.createPolicyVersion(b -> b.policyArn(arn).policyDocument(policyOfSize(6145))),
                    409, "LimitExceeded", "Cannot exceed quota for PolicySize: 6144");
        }
    }

    @Test
    void trustPolicyOverTwoThousandFortyEightThenLimitExceeded() {
        try (IamClient iam = iam(root())) {
            String role = unique("trusting");
            iam.createRole(b -> b.roleName(role).assumeRolePolicyDocument(trustOfSize(2048)));
            assertAwsError(() -> iam.createRole(b -> b.roleName(unique("t")).assumeRolePolicyDocument(
                    trustOfSize(2049))), 409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
            assertAwsError(() -> iam.updateAssumeRolePolicy(b -> b.roleName(role).policyDocument(trustOfSize(2049))),
                    409, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048");
        }
    }

    @Test
    void inlinePoliciesOverTheAggregateQuotaThenLimitExceeded() {
        try (IamClient iam = iam(root())) {
            String user = unique("inline");
            iam.createUser(b -> b.userName(user));
            iam.putUserPolicy(b -> b.userName(user).policyName("a").policyDocument(policyOfSize(1500)));
            assertAwsError(() -> iam.putUserPolicy(b -> b.userName(user).policyName("b")
                    .policyDocument(policyOfSize(600))), 409, "LimitExceeded",
                    "Maximum policy size of 2048 bytes exceeded for user " + user);
            assertAwsError(() -> iam.putUserPolicy(b -> b.userName(user).policyName("c")
                    .policyDocument(policyOfSize(2049))), 409, "LimitExceeded",
                    "Maximum policy size of 2048 bytes exceeded for user " + user);
            String group = unique("inline");
            iam.createGroup(b -> b.groupName(group));
            iam.putGroupPolicy(b -> b.groupName(group).policyName("a").policyDocument(policyOfSize(5120)));
            assertAwsError(() -> iam.putGroupPolicy(b -> b.groupName(group).policyName("b")
                    .policyDocument(policyOfSize(200))), 409, "LimitExceeded",
                    "Maximum policy size of 5120 bytes exceeded for group " + group);
        }
    }
}
