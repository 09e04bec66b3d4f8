package io.keygate.bootstrap;

import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.keygate.client.KeygateClient;
import io.keygate.iam.action.IamContext;
import io.keygate.support.TestApi;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * {@code GET /api/v1/accounts/{id}/export}: an account's IAM as bootstrap YAML, without secrets, that applies to a
 * fresh account and exports back to the same document.
 */
@QuarkusTest
class ExportAccountTest {

    @Inject
    IamContext iam;

    private record Fresh(String account, AwsCredentials root) {
    }

    private static Fresh freshAccount() throws Exception {
        KeygateClient.Response created = TestApi.client(root()).post("/api/v1/accounts", Map.of());
        assertThat(created.status()).isEqualTo(201);
        return new Fresh(created.body().get("AccountId").asText(), AwsBasicCredentials.create(
                created.body().get("AccessKeyId").asText(), created.body().get("SecretAccessKey").asText()));
    }

    private static String export(Fresh fresh) throws Exception {
        KeygateClient.Response r = TestApi.client(fresh.root()).get("/api/v1/accounts/" + fresh.account() + "/export");
        assertThat(r.status()).isEqualTo(200);
        return r.body().asText();
    }

    @Test
    void exportWhenAppliedToAFreshAccountThenExportsTheSameDocumentAndNoSecret() throws Exception {
        Fresh source = freshAccount();
        String secret;
        try (IamClient client = iam(source.root())) {
            client.createPolicy(b -> b.policyName("ReadBuckets").description("Read the buckets")
                    .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"));
            String policyArn = "arn:aws:iam::" + source.account() + ":policy/ReadBuckets";
            client.createGroup(b -> b.groupName("readers").path("/teams/"));
            client.attachGroupPolicy(b -> b.groupName("readers").policyArn(policyArn));
            client.createUser(b -> b.userName("alice").tags(t -> t.key("team").value("blue")));
            client.addUserToGroup(b -> b.groupName("readers").userName("alice"));
            client.putUserPolicy(b -> b.userName("alice").policyName("own").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:GetCallerIdentity\","
                            + "\"Resource\":\"*\"}]}"));
            secret = client.createAccessKey(b -> b.userName("alice")).accessKey().secretAccessKey();
            client.createRole(b -> b.roleName("deployer").maxSessionDuration(7200).assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"AWS\":\"arn:aws:iam::" + source.account() + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
            client.attachRolePolicy(b -> b.roleName("deployer").policyArn(policyArn));
        }
        String exported = export(source);
        assertThat(exported).contains("accountId: \"" + source.account() + "\"", "name: ReadBuckets",
                "name: alice", "- readers", "name: deployer", "maxSessionDuration: 7200", "team: blue",
                "sts:GetCallerIdentity");
        assertThat(exported).doesNotContain(secret).doesNotContain("AKIA").doesNotContain("ASIA");

        Fresh target = freshAccount();
        List<BootstrapDocument> documents = new BootstrapFileReader().parse("export",
                exported.replace(source.account(), target.account()));
        DeclarativeBootstrap.Result applied = new DeclarativeBootstrap(iam, name -> null)
                .apply("export", documents, target.account());
        assertThat(applied.created()).hasSize(4);
        assertThat(export(target)).isEqualTo(exported.replace(source.account(), target.account()));
    }

    @Test
    void exportOfAnotherAccountIsRefused() throws Exception {
        Fresh mine = freshAccount();
        KeygateClient.Response r = TestApi.client(mine.root()).get("/api/v1/accounts/111122223333/export");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().get("Code").asText()).isEqualTo("AccessDenied");
    }
}
