package io.keygate.bootstrap;

import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.client.KeygateClient;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.action.IamContext;
import io.keygate.support.TestApi;
import io.keygate.support.TestSamlResponses;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * {@code GET /api/v1/accounts/{id}/export}: an account's IAM as bootstrap YAML, without secrets, that applies to a
 * fresh account and exports back to the same document.
 */
@QuarkusTest
class ExportAccountTest {

    @Inject
    IamContext iam;

    @Inject
    SamlProviderRepository samlProviders;

    private static final String THUMBPRINT = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

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
        String oidcHost = "idp-" + source.account() + ".example";
        String metadata = TestSamlResponses.metadata("https://idp.example.com/corp", TestSamlResponses.IDP);
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
            client.createOpenIDConnectProvider(b -> b.url("https://" + oidcHost + "/realms/Corp")
                    .clientIDList("web", "cli").thumbprintList(THUMBPRINT)
                    .tags(t -> t.key("idp").value("keycloak")));
            client.createSAMLProvider(b -> b.name("corp-idp").samlMetadataDocument(metadata)
                    .assertionEncryptionMode("Required").addPrivateKey(TestSamlResponses.newKey("CN=sp").privateKeyPem())
                    .tags(t -> t.key("idp").value("adfs")));
        }
        String exported = export(source);
        assertThat(exported).contains("accountId: \"" + source.account() + "\"", "name: ReadBuckets",
                "name: alice", "- readers", "name: deployer", "maxSessionDuration: 7200", "team: blue",
                "sts:GetCallerIdentity", "url: https://" + oidcHost + "/realms/Corp", THUMBPRINT, "- cli",
                "idp: keycloak", "name: corp-idp", "assertionEncryptionMode: Required", "idp: adfs",
                "entityID=\"https://idp.example.com/corp\"");
        assertThat(exported).doesNotContain(secret).doesNotContain("AKIA").doesNotContain("ASIA")
                .doesNotContain("PRIVATE KEY");

        Fresh target = freshAccount();
        List<BootstrapDocument> documents = new BootstrapFileReader().parse("export",
                exported.replace(source.account(), target.account()));
        DeclarativeBootstrap.Result applied = new DeclarativeBootstrap(iam, samlProviders, name -> null)
                .apply("export", documents, target.account());
        assertThat(applied.created()).hasSize(6);
        assertThat(samlProviders.find(target.account(), "corp-idp").orElseThrow().metadataDocument())
                .isEqualTo(metadata);
        assertThat(export(target)).isEqualTo(exported.replace(source.account(), target.account()));

        DeclarativeBootstrap.Result again = new DeclarativeBootstrap(iam, samlProviders, name -> null)
                .apply("export", documents, target.account());
        assertThat(again.created()).isEmpty();
        assertThat(again.drift()).isEmpty();
        String targetHost = oidcHost.replace(source.account(), target.account());
        try (IamClient client = iam(target.root())) {
            client.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn("arn:aws:iam::"
                    + target.account() + ":oidc-provider/" + targetHost + "/realms/Corp").clientID("extra"));
            client.tagSAMLProvider(b -> b.samlProviderArn("arn:aws:iam::" + target.account()
                    + ":saml-provider/corp-idp").tags(t -> t.key("idp").value("entra")));
        }
        DeclarativeBootstrap.Result drifted = new DeclarativeBootstrap(iam, samlProviders, name -> null)
                .apply("export", documents, target.account());
        assertThat(drifted.created()).isEmpty();
        assertThat(drifted.drift()).containsExactlyInAnyOrder(
                "Bootstrap file export, document 1: OIDC provider 'https://" + targetHost
                        + "/realms/Corp' exists and differs from the file in clientIds; left as it is",
                "Bootstrap file export, document 1: SAML provider 'corp-idp' exists and differs from the file in "
                        + "tags; left as it is");
    }

    @Test
    void exportOfASamlProviderWithAPrivateKeyThenNoKeyMaterialAndACommentToAddItAgain() throws Exception {
        Fresh source = freshAccount();
        TestSamlResponses.IdpKey key = TestSamlResponses.newKey("CN=decryption");
        String pem = key.privateKeyPem();
        try (IamClient client = iam(source.root())) {
            client.createSAMLProvider(b -> b.name("encrypted").assertionEncryptionMode("Required")
                    .samlMetadataDocument(TestSamlResponses.metadata("https://idp.example.com/enc",
                            TestSamlResponses.IDP))
                    .addPrivateKey(pem));
        }
        SamlProvider stored = samlProviders.find(source.account(), "encrypted").orElseThrow();
        assertThat(stored.privateKeys()).hasSize(1);

        String exported = export(source);

        assertThat(exported).contains("name: encrypted", "assertionEncryptionMode: Required",
                "SAML provider private keys (AddPrivateKey) must be added again");
        assertThat(exported).doesNotContain("PRIVATE KEY").doesNotContain("privateKey")
                .doesNotContain(stored.privateKeys().get(0).sealed())
                .doesNotContain(stored.privateKeys().get(0).keyId());
        pem.lines().filter(line -> !line.startsWith("-----"))
                .forEach(line -> assertThat(exported).doesNotContain(line));
    }

    @Test
    void planOfADocumentNamesWhatWouldBeCreatedAndWhatDriftedAndWritesNothing() throws Exception {
        Fresh fresh = freshAccount();
        KeygateClient api = TestApi.client(fresh.root());
        String path = "/api/v1/accounts/" + fresh.account() + "/plan";
        try (IamClient client = iam(fresh.root())) {
            client.createUser(b -> b.userName("bob").tags(t -> t.key("team").value("red")));
        }
        String exported = export(fresh);

        // the export of an account plans to nothing there
        KeygateClient.Response same = api.post(path, Map.of("Document", exported));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body().get("WouldCreate")).isEmpty();
        assertThat(same.body().get("Drift")).isEmpty();

        String document = "accountId: \"" + fresh.account() + "\"\n"
                + "users:\n"
                + "  - name: bob\n"
                + "    tags: {team: blue}\n"
                + "  - name: carol\n"
                + "    loginProfile: {passwordEnv: CAROL_PASSWORD}\n"
                + "groups:\n"
                + "  - name: auditors\n";
        KeygateClient.Response plan = api.post(path, Map.of("Document", document));
        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.body().get("WouldCreate")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "group 'auditors' in " + fresh.account(), "user 'carol' in " + fresh.account());
        assertThat(plan.body().get("Drift")).extracting(JsonNode::asText).singleElement().asString()
                .contains("user 'bob' exists and differs from the file in tags");
        try (IamClient client = iam(fresh.root())) {
            assertThatThrownBy(() -> client.getUser(b -> b.userName("carol"))).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> client.getGroup(b -> b.groupName("auditors")))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThat(client.listUserTags(b -> b.userName("bob")).tags()).singleElement()
                    .satisfies(t -> assertThat(t.value()).isEqualTo("red"));
        }

        KeygateClient.Response invalid = api.post(path, Map.of("Document", "users:\n  - name: \"bad name!\"\n"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("Code").asText()).isEqualTo("ValidationError");
        KeygateClient.Response foreign = api.post(path, Map.of("Document", "accountId: \"111122223333\"\n"
                + "users:\n  - name: mallory\n"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(TestApi.client(fresh.root()).post("/api/v1/accounts/111122223333/plan",
                Map.of("Document", document)).status()).isEqualTo(403);
    }

    @Test
    void exportOfAnotherAccountIsRefused() throws Exception {
        Fresh mine = freshAccount();
        KeygateClient.Response r = TestApi.client(mine.root()).get("/api/v1/accounts/111122223333/export");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().get("Code").asText()).isEqualTo("AccessDenied");
    }
}
