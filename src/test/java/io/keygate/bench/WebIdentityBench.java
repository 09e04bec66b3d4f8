package io.keygate.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import io.keygate.federation.oidc.DocumentFetcher;
import io.keygate.federation.oidc.JwksCache;
import io.keygate.federation.oidc.OidcSettings;
import io.keygate.federation.oidc.VerifiedWebIdentity;
import io.keygate.federation.oidc.WebIdentityVerifier;
import io.keygate.iam.OidcProvider;
import io.keygate.issuer.IssuerKeys;
import io.keygate.issuer.SigningKey;
import io.keygate.issuer.SigningKeyRepository;
import io.keygate.issuer.WebIdentityTokens;
import io.keygate.support.TestOidcIssuer;

/**
 * The web identity costs: verifying an RS256 token (the OIDC pipeline of AssumeRoleWithWebIdentity against Nimbus'
 * bare parse + verify, its floor) and signing a GetWebIdentityToken JWT with ES384 (Keygate's issuer against the bare
 * JDK and Bouncy Castle signatures). The provider is a local HTTPS issuer ({@link TestOidcIssuer}); its keys are
 * fetched once in the set-up and stay cached, as in production.
 *
 * <p>Run (class path: see {@link SessionTokenBench}):
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/bench-test-classpath.txt) org.openjdk.jmh.Main WebIdentityBench \
 *     -f 1 -wi 3 -i 5 -w 2s -r 3s -t 1 -jvmArgsAppend -Dlogging.configuration=file:/tmp/jmh-logging.properties
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class WebIdentityBench {

    private static final String CLIENT = "bench-app";
    private static final int TOKENS = 64;

    private TestOidcIssuer idp;
    private OidcProvider provider;
    private WebIdentityVerifier verifier;
    private final List<String> tokens = new ArrayList<>();
    private RSASSAVerifier nimbusVerifier;
    private int next;

    private WebIdentityTokens issuer;
    private ECPrivateKey ecKey;
    private Provider bouncyCastle;
    private byte[] signingInput;
    private org.bouncycastle.crypto.params.ECPrivateKeyParameters bcKey;

    @Setup
    public void setUp() throws Exception {
        idp = TestOidcIssuer.start(0, "/bench");
        provider = new OidcProvider("123456789012", idp.issuer(), List.of(CLIENT), List.of(idp.thumbprint()),
                Instant.now(), Map.of());
        OidcSettings settings = new OidcSettings(true, false, Duration.ofSeconds(5), Duration.ofSeconds(5),
                256 * 1024, Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
        JwksCache keys = new JwksCache(new DocumentFetcher(settings), settings, Clock.systemUTC(), Runnable::run);
        verifier = new WebIdentityVerifier(keys, settings, Clock.systemUTC());
        for (int i = 0; i < TOKENS; i++) {
            tokens.add(idp.rs256(idp.claims("bench-workload-" + i, CLIENT).expirationTime(
                    java.util.Date.from(Instant.now().plus(Duration.ofHours(2)))).jwtID("jti-" + i).build()));
        }
        verify(); // fetches and caches the provider's keys
        nimbusVerifier = new RSASSAVerifier(idp.rsaKey().toRSAPublicKey());

        issuer = new WebIdentityTokens(new IssuerKeys(new MemoryKeys(), Clock.systemUTC(), Duration.ofDays(1),
                Duration.ofHours(1)), Clock.systemUTC());
        issueEs384();
        ecKey = new ECKeyGenerator(Curve.P_384).generate().toECPrivateKey();
        bouncyCastle = new BouncyCastleProvider();
        org.bouncycastle.asn1.x9.X9ECParameters p384 = org.bouncycastle.crypto.ec.CustomNamedCurves.getByName("P-384");
        bcKey = new org.bouncycastle.crypto.params.ECPrivateKeyParameters(ecKey.getS(),
                new org.bouncycastle.crypto.params.ECDomainParameters(p384));
        signingInput = (issueEs384().substring(0, issueEs384().lastIndexOf('.'))).getBytes(StandardCharsets.US_ASCII);
    }

    @TearDown
    public void tearDown() {
        idp.close();
    }

    private String token() {
        next = (next + 1) % TOKENS;
        return tokens.get(next);
    }

    /** The whole OIDC pipeline of AssumeRoleWithWebIdentity (keys cached). */
    @Benchmark
    public VerifiedWebIdentity verify() {
        return verifier.verify(token(), id -> id.equals(provider.id()) ? Optional.of(provider) : Optional.empty());
    }

    /** The floor: Nimbus parses the token and verifies its signature with a verifier made once. */
    @Benchmark
    public boolean nimbusParseAndVerify() throws java.text.ParseException, JOSEException {
        return SignedJWT.parse(token()).verify(nimbusVerifier);
    }

    /** GetWebIdentityToken's signing: claims, header, ES384 signature, serialization. */
    @Benchmark
    public String issueEs384() {
        return issuer.issue("https://keygate.example/o/123456789012", "arn:aws:iam::123456789012:user/bench-minter",
                List.of("https://api.bench.example"), Duration.ofMinutes(5), JWSAlgorithm.ES384,
                Map.of("aws_account", "123456789012")).token();
    }

    /** The JDK's SunEC ECDSA P-384 signature alone. */
    @Benchmark
    public byte[] sunEcSha384WithEcdsa() throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA384withECDSA");
        s.initSign(ecKey);
        s.update(signingInput);
        return s.sign();
    }

    /** Bouncy Castle's ECDSA P-384 signature alone (its JCA provider, not registered globally). */
    @Benchmark
    public byte[] bouncyCastleSha384WithEcdsa() throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA384withECDSA", bouncyCastle);
        s.initSign(ecKey);
        s.update(signingInput);
        return s.sign();
    }

    /** Bouncy Castle's lightweight ECDSA over its P-384 curve with the fixed-point comb (key and curve made once). */
    @Benchmark
    public java.math.BigInteger[] bouncyCastleLightweightEs384() {
        org.bouncycastle.crypto.digests.SHA384Digest digest = new org.bouncycastle.crypto.digests.SHA384Digest();
        digest.update(signingInput, 0, signingInput.length);
        byte[] hash = new byte[48];
        digest.doFinal(hash, 0);
        org.bouncycastle.crypto.signers.ECDSASigner signer = new org.bouncycastle.crypto.signers.ECDSASigner();
        signer.init(true, new org.bouncycastle.crypto.params.ParametersWithRandom(bcKey,
                new java.security.SecureRandom()));
        return signer.generateSignature(hash);
    }

    /** An in-memory store of signing keys. */
    private static final class MemoryKeys implements SigningKeyRepository {
        private final List<SigningKey> keys = new CopyOnWriteArrayList<>();

        @Override
        public List<SigningKey> list() {
            return List.copyOf(keys);
        }

        @Override
        public synchronized boolean create(SigningKey key) {
            if (keys.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
                return false;
            }
            keys.add(key);
            return true;
        }
    }
}
