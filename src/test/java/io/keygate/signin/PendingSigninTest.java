package io.keygate.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.keygate.federation.saml.RolePair;
import io.keygate.federation.saml.SamlTrust;
import io.keygate.federation.saml.VerifiedAssertion;

/**
 * The held role choice survives its trip through the expiring entries whole: the assertion comes back field for
 * field (bound to the provider's trust looked up again), with the offers, destination, CSRF token and binding hash.
 */
class PendingSigninTest {

    static final String PROVIDER = "arn:aws:iam::111122223333:saml-provider/corp";
    static final SamlTrust TRUST = new SamlTrust(PROVIDER, "111122223333", "corp", "https://idp.example.com/saml",
            List.of(), false, List.of());

    @Test
    void whenWrittenAndReadThenTheSameAssertionOffersAndTokens() {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        attributes.put(VerifiedAssertion.ROLE, List.of("arn:aws:iam::111122223333:role/A," + PROVIDER,
                PROVIDER + ",arn:aws:iam::111122223333:role/B"));
        attributes.put(VerifiedAssertion.ROLE_SESSION_NAME, List.of("alice"));
        attributes.put("urn:oid:0.9.2342.19200300100.1.3", List.of("alice@example.com", "a@example.com"));
        VerifiedAssertion original = new VerifiedAssertion(TRUST, "https://idp.example.com/saml", "_a1",
                "alice@example.com", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                "http://localhost:8080/saml", List.of("http://localhost:8080/saml", "urn:amazon:webservices"),
                Instant.parse("2026-12-02T10:05:00.123Z"), Instant.parse("2026-12-02T18:00:00Z"), attributes,
                List.of(new RolePair("arn:aws:iam::111122223333:role/A", PROVIDER),
                        new RolePair("arn:aws:iam::111122223333:role/B", PROVIDER)), true);
        List<SamlSignin.Offer> offers = List.of(
                new SamlSignin.Offer("arn:aws:iam::111122223333:role/A", PROVIDER, "111122223333", null),
                new SamlSignin.Offer("arn:aws:iam::111122223333:role/B", PROVIDER, "111122223333", "acme"));

        PendingSignin read = PendingSignin.read(PendingSignin.write(original, offers,
                "http://localhost:8080/console/roles", "csrf-token", "binding-hash"));

        assertThat(read.assertion(TRUST)).isEqualTo(original);
        assertThat(read.offers()).isEqualTo(offers);
        assertThat(read.destination()).isEqualTo("http://localhost:8080/console/roles");
        assertThat(read.csrf()).isEqualTo("csrf-token");
        assertThat(read.bindingHash()).isEqualTo("binding-hash");
        assertThat(read.issuer()).isEqualTo("https://idp.example.com/saml");
        assertThat(read.notOnOrAfter()).isEqualTo(Instant.parse("2026-12-02T10:05:00.123Z"));
    }

    @Test
    void whenOptionalFieldsAreAbsentThenTheyStayAbsent() {
        VerifiedAssertion original = new VerifiedAssertion(TRUST, "https://idp.example.com/saml", "_a2", "bob", null,
                "http://localhost:8080/saml", List.of("http://localhost:8080/saml"),
                Instant.parse("2026-12-02T10:05:00Z"), null, Map.of(), List.of(), false);

        PendingSignin read = PendingSignin.read(PendingSignin.write(original, List.of(), null, "c", "b"));

        assertThat(read.assertion(TRUST)).isEqualTo(original);
        assertThat(read.destination()).isNull();
        assertThat(read.sessionNotOnOrAfter()).isNull();
        assertThat(read.subjectFormat()).isNull();
    }
}
