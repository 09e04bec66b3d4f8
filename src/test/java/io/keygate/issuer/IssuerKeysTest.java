package io.keygate.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;

/** Signing-key rotation with overlap, and tokens that verify with the published keys only. */
class IssuerKeysTest {

    private static final Duration ROTATION = Duration.ofDays(30);

    private final List<SigningKey> stored = new CopyOnWriteArrayList<>();
    private final SigningKeyRepository repository = new SigningKeyRepository() {
        @Override
        public List<SigningKey> list() {
            return new ArrayList<>(stored);
        }

        @Override
        public boolean create(SigningKey key) {
            if (stored.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
                return false;
            }
            return stored.add(key);
        }
    };
    private Instant now = Instant.parse("2026-12-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private List<String> publishedKids(IssuerKeys keys) {
        return keys.published().getKeys().stream().map(JWK::getKeyID).toList();
    }

    @Test
    void rotationPublishesTheNextKeyBeforeUseAndKeepsThePreviousOne() throws Exception {
        IssuerKeys keys = new IssuerKeys(repository, clock, ROTATION, Duration.ofHours(1));
        WebIdentityTokens tokens = new WebIdentityTokens(keys, clock);
        String first = keys.signing(JWSAlgorithm.ES384).kid();
        assertThat(publishedKids(keys)).containsExactly(first);
        String oldToken = tokens.issue("https://keygate.example/oidc/x", "arn:aws:iam::111122223333:role/R",
                List.of("svc"), Duration.ofMinutes(5), JWSAlgorithm.ES384, java.util.Map.of()).token();

        // Within the pre-publish window the next key is published but not yet used.
        long periodMillis = ROTATION.toMillis();
        Instant nextStart = Instant.ofEpochMilli((Math.floorDiv(now.toEpochMilli(), periodMillis) + 1) * periodMillis);
        now = nextStart.minus(Duration.ofMinutes(30));
        assertThat(keys.signing(JWSAlgorithm.ES384).kid()).isEqualTo(first);
        List<String> overlap = publishedKids(keys);
        assertThat(overlap).hasSize(2).contains(first);
        String next = overlap.stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();

        // In the next period the new key signs, and the old one is still published for its tokens.
        now = nextStart.plus(Duration.ofMinutes(1));
        assertThat(keys.signing(JWSAlgorithm.ES384).kid()).isEqualTo(next);
        assertThat(publishedKids(keys)).contains(first, next);
        ECKey oldKey = (ECKey) keys.published().getKeyByKeyId(first);
        assertThat(SignedJWT.parse(oldToken).verify(new ECDSAVerifier(oldKey))).isTrue();

        // Two periods later the first key is gone.
        now = nextStart.plus(ROTATION).plus(Duration.ofMinutes(1));
        keys.signing(JWSAlgorithm.ES384);
        assertThat(publishedKids(keys)).doesNotContain(first).contains(next);
    }

    @Test
    void nodesSharingTheStoreAgreeOnOneKeyPerPeriodAndPublishOnlyPublicParts() throws Exception {
        IssuerKeys a = new IssuerKeys(repository, clock, ROTATION, Duration.ofHours(1));
        IssuerKeys b = new IssuerKeys(repository, clock, ROTATION, Duration.ofHours(1));
        String kid = a.signing(JWSAlgorithm.RS256).kid();
        assertThat(b.signing(JWSAlgorithm.RS256).kid()).isEqualTo(kid);
        assertThat(stored).hasSize(1);
        RSAKey published = (RSAKey) b.published().getKeyByKeyId(kid);
        assertThat(published.isPrivate()).isFalse();
        String token = new WebIdentityTokens(b, clock).issue("https://k/oidc/x", "sub", List.of("svc"),
                Duration.ofMinutes(5), JWSAlgorithm.RS256, java.util.Map.of()).token();
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(published))).isTrue();
    }
}
