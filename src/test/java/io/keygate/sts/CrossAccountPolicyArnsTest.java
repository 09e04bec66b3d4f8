package io.keygate.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.support.TestApi;
import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/** {@code PolicyArns} of AssumeRole name managed policies of the role's account, where the session lives. */
@QuarkusTest
class CrossAccountPolicyArnsTest {

    private static AwsBasicCredentials account(String[] id) throws Exception {
        JsonNode created = TestApi.client(TestClients.root()).post("/api/v1/accounts", Map.of()).body();
        id[0] = created.get("AccountId").asText();
        return AwsBasicCredentials.create(created.get("AccessKeyId").asText(), created.get("SecretAccessKey").asText());
    }

    @Test
    void assumeRoleInAnotherAccountWithPolicyArnOfTheRolesAccountThenSessionNarrowedByIt() throws Exception {
        String[] a = new String[1];
        String[] b = new String[1];
        AwsBasicCredentials rootA = account(a);
        AwsBasicCredentials rootB = account(b);
        String policyArn;
        String userKey;
        String userSecret;
        try (IamClient iamA = TestClients.iam(rootA)) {
            iamA.createUser(r -> r.userName("caller"));
            iamA.putUserPolicy(r -> r.userName("caller").policyName("assume").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                            + "\"Resource\":\"*\"}]}"));
            var key = iamA.createAccessKey(r -> r.userName("caller")).accessKey();
            userKey = key.accessKeyId();
            userSecret = key.secretAccessKey();
        }
        try (IamClient iamB = TestClients.iam(rootB)) {
            iamB.createRole(r -> r.roleName("shared").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                            + "\"arn:aws:iam::" + a[0] + ":user/caller\"},\"Action\":\"sts:AssumeRole\"}]}"));
            policyArn = iamB.createPolicy(r -> r.policyName("session-scope").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                            + "\"Resource\":\"*\"}]}")).policy().arn();
        }
        assertThat(policyArn).isEqualTo("arn:aws:iam::" + b[0] + ":policy/session-scope");
        try (StsClient sts = TestClients.sts(AwsBasicCredentials.create(userKey, userSecret))) {
            AssumeRoleResponse r = sts.assumeRole(x -> x.roleArn("arn:aws:iam::" + b[0] + ":role/shared")
                    .roleSessionName("cross").policyArns(p -> p.arn(policyArn)));
            assertThat(r.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::" + b[0] + ":assumed-role/shared/cross");
            assertThat(r.packedPolicySize()).isPositive();
        }
    }
}
