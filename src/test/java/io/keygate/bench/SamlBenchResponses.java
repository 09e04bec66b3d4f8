package io.keygate.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.keygate.support.TestSamlResponses;

/**
 * The "typical signed 8 KB response" of issue 9 item 7, shared by {@link SamlVerifyBench} and
 * {@link SamlRequestGenerator}: a Response whose Assertion is signed with RSA-SHA256 (exclusive c14n, SHA-256
 * digest, the certificate in KeyInfo, as Entra ID, Okta and AD FS send it), with a persistent NameID, the AWS Role
 * and RoleSessionName attributes, a few profile claims and a group list sized so that the signed XML is about
 * {@code targetBytes} long. Each call makes a fresh Response and Assertion ID.
 */
final class SamlBenchResponses {

    /** The size the issue names. */
    static final int TYPICAL_BYTES = 8 * 1024;

    private SamlBenchResponses() {
    }

    /** What varies between responses. */
    record Spec(String issuer, String acs, String roleArn, String providerArn, Duration validFor, int targetBytes) {
    }

    /** The unsigned XML with {@code groups} group values. */
    private static String unsigned(Spec spec, Instant now, int groups) {
        TestSamlResponses.Builder b = TestSamlResponses.builder().role(spec.roleArn(), spec.providerArn());
        b.issuer = spec.issuer();
        b.recipient = spec.acs();
        b.destination = spec.acs();
        b.audience = spec.acs();
        b.now = now;
        b.validFor = spec.validFor();
        b.subject = "alice.example@example.com";
        b.roleSessionName = "alice.example@example.com";
        b.attribute("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "alice.example@example.com");
        b.attribute("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "Alice");
        b.attribute("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "Example");
        b.attribute("http://schemas.microsoft.com/identity/claims/displayname", "Alice Example");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            values.add(String.format("CN=app-team-%03d,OU=Groups,DC=corp,DC=example,DC=com", i));
        }
        if (!values.isEmpty()) {
            b.attribute("http://schemas.xmlsoap.org/claims/Group", values.toArray(String[]::new));
        }
        return b.xml();
    }

    /** How many group values bring the signed XML to about {@code spec.targetBytes()} (two trial signatures). */
    static int groupsFor(Spec spec, TestSamlResponses.IdpKey key) {
        Instant now = Instant.now();
        // measured on signed output (the signer re-serialises the document): 1 and 11 group values
        int base = bytes(sign(unsigned(spec, now, 1), key));
        float one = (bytes(sign(unsigned(spec, now, 11), key)) - base) / 10f;
        return 1 + Math.max(0, Math.round((spec.targetBytes() - base) / one));
    }

    /** A freshly signed response (new IDs, issued {@code now}) with {@code groups} group values. */
    static String signed(Spec spec, TestSamlResponses.IdpKey key, Instant now, int groups) {
        return sign(unsigned(spec, now, groups), key);
    }

    private static String sign(String xml, TestSamlResponses.IdpKey key) {
        return TestSamlResponses.sign(xml, key, false, true, TestSamlResponses.RSA_SHA256);
    }

    private static int bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8).length;
    }
}
