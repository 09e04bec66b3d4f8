package io.keygate.federation.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.keygate.federation.saml.SamlResponseValidator.CheckOutcome;

/**
 * Responses captured from real IdPs (AD FS, Auth0, Okta, OneLogin, Oracle, PingFederate; src/test/resources/saml-real,
 * see its NOTICE) go through the pipeline with the clock pinned to their IssueInstant and the SP settings they were
 * addressed to: parsing, schema, signature (response, assertion or both; exclusive c14n, InclusiveNamespaces,
 * {@code &#13;} in base64) and decryption pass. The RSA-SHA1 ones pass only when SHA-1 is enabled and are refused with
 * a clear reason by default. (They carry no AWS Role attribute, so the last check, AttributeCheck, fails for all.)
 */
class RealIdpSamplesTest {

    private static final List<String> SIGNATURE_CHECKS = List.of("SizeCheck", "Base64Check", "ParserCheck",
            "SchemaCheck", "StatusCheck", "ProviderCheck", "ResponseSignatureCheck", "DecryptionCheck", "IssuerCheck",
            "AssertionSignatureCheck");

    @TestFactory
    Stream<DynamicTest> everyRealSampleVerifiesWithItsMetadataCertificate() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(resource("manifest.json"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode sample : manifest) {
            String dir = sample.get("dir").asText();
            boolean sha1 = sample.get("signatureMethods").toString().contains("rsa-sha1");
            tests.add(DynamicTest.dynamicTest(dir + (sha1 ? " (SHA-1 enabled)" : ""), () -> {
                Map<String, CheckOutcome> outcomes = run(sample, true);
                for (String check : SIGNATURE_CHECKS) {
                    assertThat(outcomes.get(check).outcome()).as(dir + " " + check + ": " + outcomes.get(check).detail())
                            .isEqualTo("PASSED");
                }
            }));
            if (sha1) {
                tests.add(DynamicTest.dynamicTest(dir + " (SHA-1 refused by default)", () -> {
                    Map<String, CheckOutcome> outcomes = run(sample, false);
                    assertThat(outcomes.values()).filteredOn(o -> o.outcome().equals("FAILED"))
                            .singleElement().satisfies(o -> {
                                assertThat(o.check()).endsWith("SignatureCheck");
                                assertThat(o.detail()).contains("SHA-1 is refused unless enabled");
                            });
                }));
            }
        }
        return tests.stream();
    }

    private static Map<String, CheckOutcome> run(JsonNode sample, boolean allowSha1) throws Exception {
        String dir = sample.get("dir").asText();
        String file = sample.get("response").asText();
        String raw = new String(resource(dir + "/" + file), StandardCharsets.UTF_8);
        String encoded = sample.get("encoding").asText().equals("base64") ? raw.trim()
                : Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        String destination = sample.get("destination").asText();
        String audience = sample.get("audiences").isEmpty() ? "none" : sample.get("audiences").get(0).asText();
        SamlSettings settings = new SamlSettings(audience, destination, Set.of(), Set.of(), Duration.ofMinutes(5),
                allowSha1, 100_000);
        Instant issued = Instant.parse(sample.get("issueInstant").asText());
        X509Certificate cert = SamlMetadata.certificate(pemBody(new String(resource(dir + "/"
                + sample.get("cert").asText()), StandardCharsets.UTF_8)));
        List<java.security.PrivateKey> keys = new ArrayList<>();
        if (dir.equals("okta-encrypted")) {
            keys.add(PemKeys.privateKey(new String(resource(dir + "/sp-encryption-key.pem"), StandardCharsets.UTF_8)));
        }
        SamlTrust trust = new SamlTrust("arn:aws:iam::111122223333:saml-provider/" + dir, "111122223333", dir,
                sample.get("issuer").asText(), List.of(cert), false, keys);
        SamlResponseValidator validator = new SamlResponseValidator(settings,
                Clock.fixed(issued.plusSeconds(1), ZoneOffset.UTC), new SamlResponseValidatorTest.MapEntries());
        Map<String, CheckOutcome> outcomes = new java.util.LinkedHashMap<>();
        validator.explain(encoded, issuer -> Optional.of(trust)).checks().forEach(o -> outcomes.put(o.check(), o));
        return outcomes;
    }

    private static String pemBody(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static byte[] resource(String path) throws Exception {
        try (InputStream in = RealIdpSamplesTest.class.getResourceAsStream("/saml-real/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource saml-real/" + path);
            }
            return in.readAllBytes();
        }
    }
}
