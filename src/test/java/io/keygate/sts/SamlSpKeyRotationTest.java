package io.keygate.sts;

import static io.keygate.support.Principals.ACCOUNT;
import static io.keygate.support.Principals.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static io.keygate.support.TestSamlResponses.IDP;
import static io.keygate.support.TestSamlResponses.ISSUER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.client.KeygateClient;
import io.keygate.support.Principals;
import io.keygate.support.TestApi;
import io.keygate.support.TestSamlResponses;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Keygate's SAML SP key rotates like the key ring: after a rotation the metadata publishes the new key only, an
 * assertion encrypted to the old key still decrypts until that key is retired, and is refused after.
 */
@QuarkusTest
class SamlSpKeyRotationTest {

    /** The encryption certificates {@code GET /saml/metadata} publishes. */
    private static List<X509Certificate> published() throws Exception {
        String metadata = given().get("/saml/metadata").then().statusCode(200).extract().asString();
        List<X509Certificate> out = new ArrayList<>();
        int at = 0;
        while ((at = metadata.indexOf("<ds:X509Certificate>", at)) >= 0) {
            int end = metadata.indexOf("</ds:X509Certificate>", at);
            out.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(metadata.substring(at + 20, end)))));
            at = end;
        }
        return out;
    }

    private static String role(String providerArn) {
        String name = unique("sp-rotation");
        try (IamClient iam = iam(root())) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" + providerArn + "\"},"
                    + "\"Action\":\"sts:AssumeRoleWithSAML\"}]}"));
        }
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    private static String encrypted(String roleArn, String providerArn, X509Certificate to) {
        return TestSamlResponses.encode(TestSamlResponses.encrypt(TestSamlResponses.builder()
                .role(roleArn, providerArn).signedAssertion(), to));
    }

    private static String assume(String roleArn, String providerArn, String assertion) {
        try (StsClient sts = sts(root())) {
            return sts.assumeRoleWithSAML(b -> b.roleArn(roleArn).principalArn(providerArn).samlAssertion(assertion))
                    .subject();
        }
    }

    @Test
    void spKeyWhenRotatedThenNewKeyIsPublishedOldStillDecryptsUntilRetiredThenRefused() throws Exception {
        String providerArn;
        try (IamClient iam = iam(root())) {
            providerArn = iam.createSAMLProvider(b -> b.name(unique("sp-rotation"))
                    .samlMetadataDocument(TestSamlResponses.metadata(ISSUER, IDP))).samlProviderArn();
        }
        String roleArn = role(providerArn);
        KeygateClient admin = TestApi.client(root());
        List<X509Certificate> before = published();
        assertThat(before).hasSize(1);
        X509Certificate old = before.get(0);
        String oldKid = admin.get("/api/v1/saml/sp-keys").body().at("/Keys/0/KeyId").asText();
        String toOldUsedBetween = encrypted(roleArn, providerArn, old);
        String toOldUsedAfterRetirement = encrypted(roleArn, providerArn, old);

        KeygateClient.Response rotated = admin.post("/api/v1/saml/sp-keys/rotate", Map.of());

        assertThat(rotated.status()).isEqualTo(200);
        JsonNode keys = rotated.body().get("Keys");
        assertThat(keys.get(0).get("Current").asBoolean()).isTrue();
        assertThat(keys.get(0).get("KeyId").asText()).isNotEqualTo(oldKid);
        assertThat(keys).anySatisfy(k -> {
            assertThat(k.get("KeyId").asText()).isEqualTo(oldKid);
            assertThat(k.get("Current").asBoolean()).isFalse();
        });
        X509Certificate current = published().get(0);
        assertThat(published()).hasSize(1);
        assertThat(current).isNotEqualTo(old);
        assertThat(assume(roleArn, providerArn, toOldUsedBetween)).isEqualTo("alice@example.com");
        assertThat(assume(roleArn, providerArn, encrypted(roleArn, providerArn, current)))
                .isEqualTo("alice@example.com");

        KeygateClient.Response currentRefused = admin.post("/api/v1/saml/sp-keys/retire",
                Map.of("KeyId", keys.get(0).get("KeyId").asText()));
        assertThat(currentRefused.status()).isEqualTo(400);
        assertThat(currentRefused.body().get("Message").asText()).contains("rotate first");

        KeygateClient.Response retired = admin.post("/api/v1/saml/sp-keys/retire", Map.of("KeyId", oldKid));

        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.body().get("Keys")).noneSatisfy(k -> assertThat(k.get("KeyId").asText())
                .isEqualTo(oldKid));
        assertThatThrownBy(() -> assume(roleArn, providerArn, toOldUsedAfterRetirement))
                .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("InvalidIdentityToken"));
        assertThat(assume(roleArn, providerArn, encrypted(roleArn, providerArn, current)))
                .isEqualTo("alice@example.com");
    }

    @Test
    void spKeysWhenTheCallerIsNotTheBootstrapRootThenAccessDeniedEvenWithAnAllowPolicy() throws Exception {
        KeygateClient user = TestApi.client(Principals.user(unique("no-sp-keys"),
                Principals.allow("keygate:RotateSamlSpKey", "*")));

        KeygateClient.Response denied = user.post("/api/v1/saml/sp-keys/rotate", Map.of());

        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.body().get("Code").asText()).isEqualTo("AccessDenied");
        assertThat(denied.body().get("Message").asText()).contains("root user of the bootstrap account");
    }
}
