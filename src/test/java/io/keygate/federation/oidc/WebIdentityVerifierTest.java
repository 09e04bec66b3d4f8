package io.keygate.federation.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;
import io.keygate.iam.OidcProvider;
import io.keygate.support.TestOidcIssuer;

/**
 * The OIDC pipeline against a local HTTPS issuer trusted only through its thumbprint: key discovery, caching and
 * rotation, and the attack suite of THREATS (each attack next to a valid control that succeeds).
 */
class WebIdentityVerifierTest {

    private static final String CLIENT = "app-client";
    private static TestOidcIssuer idp;
    private static TestOidcIssuer other;

    private final MutableClock clock = new MutableClock();
    private final Map<String, OidcProvider> providers = new HashMap<>();
    private OidcSettings settings;
    private WebIdentityVerifier verifier;

    @BeforeAll
    static void startIssuers() throws Exception {
        idp = TestOidcIssuer.start(0, "/realms/Corp");
        other = TestOidcIssuer.start(0, "");
    }

    @AfterAll
    static void stopIssuers() {
        idp.close();
        other.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        idp.clearOverrides();
        register(idp, List.of(idp.thumbprint()));
        register(other, List.of(other.thumbprint()));
        build(new OidcSettings(true, false, Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024,
                Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(60)), InetAddress::getAllByName);
    }

    private void register(TestOidcIssuer issuer, List<String> thumbprints) {
        OidcProvider p = new OidcProvider("111122223333", issuer.issuer(), List.of(CLIENT), thumbprints,
                Instant.now(), Map.of());
        providers.put(p.id(), p);
    }

    private void build(OidcSettings s, DocumentFetcher.Resolver resolver) {
        settings = s;
        DocumentFetcher fetcher = new DocumentFetcher(s, resolver, PinningTrustManager.systemDefault());
        verifier = new WebIdentityVerifier(new JwksCache(fetcher, s, clock, Runnable::run), s, clock);
    }

    private VerifiedWebIdentity verify(String token) {
        return verifier.verify(token, id -> Optional.ofNullable(providers.get(id)));
    }

    private void assertRefused(String token, AwsErrorCode code, String messagePart) {
        assertThatThrownBy(() -> verify(token)).isInstanceOfSatisfying(FederationRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private String valid() {
        return idp.rs256(idp.claims("user-1", CLIENT).build());
    }

    // ---------------------------------------------------------------- discovery, cache, rotation

    @Test
    void verifyWhenTokenIsValidThenIdentityWithMatchedAudience() {
        VerifiedWebIdentity identity = verify(idp.rs256(idp.claims("user-1", CLIENT).audience(List.of("x", CLIENT))
                .claim("email", "u@example.com").build()));
        assertThat(identity.subject()).isEqualTo("user-1");
        assertThat(identity.audience()).isEqualTo(CLIENT);
        assertThat(identity.provider().id()).isEqualTo(idp.id());
        assertThat(WebIdentityClaims.conditionKeys(identity)).containsEntry(idp.id() + ":sub", List.of("user-1"))
                .containsEntry(idp.id() + ":oaud", List.of("x", CLIENT))
                .containsEntry(idp.id() + ":email", List.of("u@example.com"));
        assertThat(verify(idp.es256(idp.claims("user-2", CLIENT).build())).subject()).isEqualTo("user-2");
    }

    @Test
    void keysWhenCachedThenNotFetchedAgainAndRotationRefreshesOnce() throws Exception {
        verify(valid());
        int fetches = idp.jwksFetches();
        verify(valid());
        assertThat(idp.jwksFetches()).isEqualTo(fetches);

        String old = valid();
        clock.advance(Duration.ofSeconds(31));
        idp.rotate(false);
        // A token with the new kid makes the cache refresh once, mid-test.
        assertThat(verify(valid()).subject()).isEqualTo("user-1");
        assertThat(idp.jwksFetches()).isEqualTo(fetches + 1);
        // The withdrawn key no longer verifies anything.
        assertRefused(old, AwsErrorCode.InvalidIdentityToken, "kid");
    }

    @Test
    void keysWhenRotatedWithOverlapThenOldAndNewTokensVerify() throws Exception {
        String old = valid();
        verify(old);
        clock.advance(Duration.ofSeconds(31));
        idp.rotate(true);
        assertThat(verify(valid()).subject()).isEqualTo("user-1");
        assertThat(verify(old).subject()).isEqualTo("user-1");
    }

    @Test
    void keysWhenTtlPassesThenStaleKeysServeWhileRefreshing() {
        verify(valid());
        int fetches = idp.jwksFetches();
        clock.advance(Duration.ofHours(2));
        String later = idp.rs256(idp.claims("user-1", CLIENT)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(3)))).build());
        assertThat(verify(later).subject()).isEqualTo("user-1");
        assertThat(idp.jwksFetches()).isEqualTo(fetches + 1); // the background refresh (run inline here)
    }

    @Test
    void isWarmWhenKeysCachedThenTrueAndTheVerifyAfterItChecksTheSameToken() {
        String token = valid();
        WebIdentityVerifier.Providers known = id -> Optional.ofNullable(providers.get(id));
        assertThat(verifier.isWarm(token, known)).isFalse(); // nothing fetched yet
        assertThat(verify(token).subject()).isEqualTo("user-1");
        int fetches = idp.jwksFetches();
        String next = idp.rs256(idp.claims("user-2", CLIENT).build());
        assertThat(verifier.isWarm(next, known)).isTrue();
        assertThat(verify(next).subject()).isEqualTo("user-2");
        assertThat(idp.jwksFetches()).isEqualTo(fetches);
    }

    @Test
    void isWarmWhenFollowedByAnotherTokenThenThatTokenIsParsedAndCheckedOnItsOwn() {
        verify(valid());
        WebIdentityVerifier.Providers known = id -> Optional.ofNullable(providers.get(id));
        String good = idp.rs256(idp.claims("user-1", CLIENT).build());
        String[] parts = good.split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                idp.claims("admin", CLIENT).build().toString().getBytes(StandardCharsets.UTF_8));
        String forged = parts[0] + "." + forgedPayload + "." + parts[2];
        // The good token is parsed by isWarm; the forged one that follows must not be taken for it.
        assertThat(verifier.isWarm(good, known)).isTrue();
        assertRefused(forged, AwsErrorCode.InvalidIdentityToken, "signature");
        // The forged token parsed by isWarm is still checked, signature and all, by the verify that follows.
        assertThat(verifier.isWarm(forged, known)).isTrue();
        assertRefused(forged, AwsErrorCode.InvalidIdentityToken, "signature");
        assertThat(verify(good).subject()).isEqualTo("user-1");
    }

    // ---------------------------------------------------------------- the attack suite

    @Test
    void algNoneIsRefused() {
        String none = new PlainJWT(idp.claims("user-1", CLIENT).build()).serialize();
        assertRefused(none, AwsErrorCode.InvalidIdentityToken, "alg none");
        assertThat(verify(valid()).subject()).isEqualTo("user-1");
    }

    @Test
    void hs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
        verify(valid());
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(idp.rsaKey().getKeyID())
                .build(), idp.claims("admin", CLIENT).build());
        forged.sign(new MACSigner(idp.rsaKey().toRSAPublicKey().getEncoded()));
        assertRefused(forged.serialize(), AwsErrorCode.InvalidIdentityToken, "HS256");
    }

    @Test
    void unknownKidFloodFetchesAtMostOnce() throws Exception {
        verify(valid());
        int fetches = idp.jwksFetches();
        clock.advance(Duration.ofSeconds(31));
        RSAKey attacker = new RSAKeyGenerator(2048).generate();
        for (int i = 0; i < 50; i++) {
            SignedJWT bogus = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bogus-" + i).build(),
                    idp.claims("user-1", CLIENT).build());
            bogus.sign(new RSASSASigner(attacker));
            assertRefused(bogus.serialize(), AwsErrorCode.InvalidIdentityToken, "kid");
        }
        assertThat(idp.jwksFetches()).isEqualTo(fetches + 1);
        assertThat(verify(valid()).subject()).isEqualTo("user-1");
    }

    @Test
    void jkuX5uAndEmbeddedJwkAreIgnored() throws Exception {
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(idp.rsaKey().getKeyID()).generate();
        JWSHeader pointing = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.rsaKey().getKeyID())
                .jwkURL(java.net.URI.create("https://attacker.example/jwks"))
                .x509CertURL(java.net.URI.create("https://attacker.example/cert.pem"))
                .jwk(attacker.toPublicJWK()).build();
        SignedJWT forged = new SignedJWT(pointing, idp.claims("admin", CLIENT).build());
        forged.sign(new RSASSASigner(attacker));
        assertRefused(forged.serialize(), AwsErrorCode.InvalidIdentityToken, "signature");
        // Control: the same header signed with the provider's key is accepted (the pointers are ignored).
        assertThat(verify(idp.sign(pointing, idp.claims("user-1", CLIENT).build())).subject()).isEqualTo("user-1");
    }

    @Test
    void expiredTokenIsExpiredTokenException() {
        Date past = Date.from(Instant.now().minusSeconds(3600));
        assertRefused(idp.rs256(idp.claims("user-1", CLIENT).expirationTime(past).issueTime(past)
                .notBeforeTime(past).build()), AwsErrorCode.ExpiredTokenException, "Token expired");
        // Within the skew it is still accepted.
        Date justNow = Date.from(Instant.now().minusSeconds(30));
        assertThat(verify(idp.rs256(idp.claims("user-1", CLIENT).expirationTime(justNow).build())).subject())
                .isEqualTo("user-1");
    }

    @Test
    void notYetValidTokenIsRefused() {
        Date future = Date.from(Instant.now().plusSeconds(600));
        assertRefused(idp.rs256(idp.claims("user-1", CLIENT).notBeforeTime(future)
                .expirationTime(Date.from(Instant.now().plusSeconds(900))).build()),
                AwsErrorCode.InvalidIdentityToken, "nbf");
        assertRefused(idp.rs256(idp.claims("user-1", CLIENT).issueTime(future)
                .expirationTime(Date.from(Instant.now().plusSeconds(900))).build()),
                AwsErrorCode.InvalidIdentityToken, "iat");
    }

    @Test
    void missingExpIsRefused() {
        assertRefused(idp.rs256(idp.claims("user-1", CLIENT).expirationTime(null).build()),
                AwsErrorCode.InvalidIdentityToken, "exp");
    }

    @Test
    void wrongIssuerIsRefused() {
        String lowerCase = idp.issuer().replace("/realms/Corp", "/realms/corp");
        assertRefused(idp.rs256(idp.claims("user-1", CLIENT).issuer(lowerCase).build()),
                AwsErrorCode.InvalidIdentityToken, "No OpenIDConnect provider found");
        assertRefused(idp.rs256(idp.claims("user-1", CLIENT).issuer("https://evil.example").build()),
                AwsErrorCode.InvalidIdentityToken, "No OpenIDConnect provider found");
    }

    @Test
    void audienceNotListedIsRefused() {
        assertRefused(idp.rs256(idp.claims("user-1", "another-client").build()), AwsErrorCode.InvalidIdentityToken,
                "Incorrect token audience");
        // azp in the client list is accepted when aud is not.
        assertThat(verify(idp.rs256(idp.claims("user-1", "another-client").claim("azp", CLIENT).build()))
                .audience()).isEqualTo(CLIENT);
    }

    @Test
    void tokenOfAnotherProviderIsRefused() {
        // Signed by the other provider's key but claiming this issuer: its keys do not verify it.
        assertRefused(other.rs256(idp.claims("user-1", CLIENT).build()), AwsErrorCode.InvalidIdentityToken, "kid");
        assertThat(verify(other.rs256(other.claims("user-1", CLIENT).build())).provider().id())
                .isEqualTo(other.id());
    }

    @Test
    void jweInsteadOfJwsIsRefused() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                idp.claims("user-1", CLIENT).build());
        jwe.encrypt(new DirectEncrypter(new byte[32]));
        assertRefused(jwe.serialize(), AwsErrorCode.InvalidIdentityToken, "JWE");
    }

    @Test
    void unknownCritIsRefused() {
        JWSHeader crit = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.rsaKey().getKeyID())
                .criticalParams(Set.of("exp-policy")).customParam("exp-policy", "strict").build();
        assertRefused(idp.sign(crit, idp.claims("user-1", CLIENT).build()), AwsErrorCode.InvalidIdentityToken,
                "critical");
        JWSHeader plain = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(idp.rsaKey().getKeyID())
                .customParam("exp-policy", "strict").build();
        assertThat(verify(idp.sign(plain, idp.claims("user-1", CLIENT).build())).subject()).isEqualTo("user-1");
    }

    @Test
    void oneMegabyteTokenIsRefusedBeforeParsing() {
        String huge = idp.rs256(idp.claims("user-1", CLIENT).claim("pad", "x".repeat(1024 * 1024)).build());
        int fetches = idp.discoveryFetches();
        assertRefused(huge, AwsErrorCode.InvalidIdentityToken, "longer than");
        assertThat(idp.discoveryFetches()).isEqualTo(fetches);
    }

    @Test
    void wrongThumbprintIsIdpCommunicationError() {
        register(idp, List.of("0000000000000000000000000000000000000000"));
        assertRefused(valid(), AwsErrorCode.IDPCommunicationError, "thumbprint");
        register(idp, List.of());
        assertRefused(valid(), AwsErrorCode.IDPCommunicationError, "not trusted");
    }

    @Test
    void linkLocalAndMetadataAddressesAreNeverFetched() {
        providers.put("169.254.169.254", new OidcProvider("111122223333", "https://169.254.169.254",
                List.of(CLIENT), List.of(), Instant.now(), Map.of()));
        assertRefused(token("https://169.254.169.254"), AwsErrorCode.IDPCommunicationError, "metadata");
        providers.put("idp.internal.example", new OidcProvider("111122223333", "https://idp.internal.example",
                List.of(CLIENT), List.of(), Instant.now(), Map.of()));
        build(settings, host -> host.equals("idp.internal.example")
                ? new InetAddress[] {InetAddress.getByName("10.0.0.1"), InetAddress.getByName("169.254.10.1")}
                : InetAddress.getAllByName(host));
        assertRefused(token("https://idp.internal.example"), AwsErrorCode.IDPCommunicationError, "link-local");
        providers.put("metadata.google.internal", new OidcProvider("111122223333", "https://metadata.google.internal",
                List.of(CLIENT), List.of(), Instant.now(), Map.of()));
        assertRefused(token("https://metadata.google.internal"), AwsErrorCode.IDPCommunicationError, "metadata");
        assertThat(verify(valid()).subject()).isEqualTo("user-1");
    }

    @Test
    void loopbackIsFetchedOnlyWhenAllowed() {
        build(new OidcSettings(false, false, Duration.ofSeconds(2), Duration.ofSeconds(2), 64 * 1024,
                Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(60)), InetAddress::getAllByName);
        assertRefused(valid(), AwsErrorCode.IDPCommunicationError, "loopback");
    }

    @Test
    void redirectToAnotherHostIsRefused() {
        String discovery = "/realms/Corp/.well-known/openid-configuration";
        idp.onRequest(discovery, exchange -> {
            exchange.getResponseHeaders().set("Location", "https://localhost:" + idp.port() + "/moved");
            TestOidcIssuer.reply(exchange, 302, "");
        });
        assertRefused(valid(), AwsErrorCode.IDPCommunicationError, "redirected to another host");
    }

    @Test
    void redirectWithinTheSameHostIsFollowed() {
        idp.onRequest("/realms/Corp/.well-known/openid-configuration", exchange -> {
            exchange.getResponseHeaders().set("Location", "/moved");
            TestOidcIssuer.reply(exchange, 302, "");
        });
        idp.onRequest("/moved", exchange -> TestOidcIssuer.reply(exchange, 200,
                "{\"issuer\":\"" + idp.issuer() + "\",\"jwks_uri\":\"https://127.0.0.1:" + idp.port() + "/jwks\"}"));
        assertThat(verify(valid()).subject()).isEqualTo("user-1");
    }

    @Test
    void oversizedKeySetIsRefused() {
        idp.onRequest("/jwks", exchange -> TestOidcIssuer.reply(exchange, 200,
                "{\"keys\":[],\"pad\":\"" + "x".repeat(100 * 1024) + "\"}"));
        assertRefused(valid(), AwsErrorCode.IDPCommunicationError, "larger than");
    }

    /** A token claiming {@code issuer}, signed by the test issuer (the fetch is refused before any check of it). */
    private static String token(String issuer) {
        return idp.rs256(idp.claims("user-1", CLIENT).issuer(issuer).build());
    }

    @SuppressWarnings("unused")
    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

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
    }
}
