package io.keygate.federation.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.policy.Policies;
import io.keygate.policy.PolicyType;

/**
 * Every IdP folder of {@code idp-samples/} holds what its page promises: a README naming the provider, an example
 * metadata document that CreateSAMLProvider's parser takes (with the entity id the page gives), and a trust policy
 * that is a valid trust policy for that provider and issuer.
 */
class IdpSamplesTest {

    private static final Path SAMPLES = Path.of("idp-samples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROVIDER_NAME = Pattern.compile("create-saml-provider --name (\\S+)");

    @TestFactory
    Stream<DynamicTest> everyIdpFolderHasParsableMetadataAndAMatchingTrustPolicy() throws IOException {
        for (String idp : new String[] {"keycloak", "entra-id", "okta", "adfs", "google-workspace", "shibboleth"}) {
            assertThat(SAMPLES.resolve(idp).resolve("README.md")).as(idp).exists();
        }
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            return dirs.filter(d -> Files.exists(d.resolve("idp-metadata.example.xml"))).sorted()
                    .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d))).toList().stream();
        }
    }

    private static void check(Path dir) throws IOException {
        String readme = Files.readString(dir.resolve("README.md"));
        SamlMetadata metadata = SamlMetadata.parse(Files.readString(dir.resolve("idp-metadata.example.xml")));
        String trustText = Files.readString(dir.resolve("trust-policy.json"));
        JsonNode trust = JSON.readTree(trustText);
        Matcher name = PROVIDER_NAME.matcher(readme);

        assertThat(metadata.signingCertificates()).hasSize(1);
        assertThat(name.find()).as("README registers a provider").isTrue();
        assertThat(trust.at("/Statement/0/Principal/Federated").asText())
                .isEqualTo("arn:aws:iam::123456789012:saml-provider/" + name.group(1));
        assertThat(trust.at("/Statement/0/Condition/StringEquals/SAML:iss").asText()).isEqualTo(metadata.entityId());
        assertThat(trust.at("/Statement/0/Condition/StringEquals/SAML:aud").asText())
                .isEqualTo("https://keygate.example.com/saml");
        assertThat(readme).contains("https://keygate.example.com/saml").contains("trust-policy.json")
                .contains("idp-metadata.example.xml");
        assertThat(Policies.parse(trustText, PolicyType.TRUST).statements()).hasSize(1);
    }
}
