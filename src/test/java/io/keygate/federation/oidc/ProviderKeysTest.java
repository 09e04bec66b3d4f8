package io.keygate.federation.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A provider's key set with the verifiers made once per fetch: which keys are kept, which candidates a header gets,
 * and that each verifier accepts exactly the signatures of its own key (weak RSA keys none at all).
 */
class ProviderKeysTest {

    private static RSAKey rsa;
    private static RSAKey otherRsa;
    private static RSAKey weakRsa;
    private static ECKey ec;
    private static OctetKeyPair ed;
    private static java.security.PrivateKey edPrivate;

    @BeforeAll
    static void keys() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("rsa-other").generate();
        // Nimbus refuses to generate keys under 2048 bits; the JDK makes one as a provider might publish it.
        weakRsa = weak();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        // Nimbus signs Ed25519 only with an extra library: the JDK makes the key and the signature.
        try {
            java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            ed = new OctetKeyPair.Builder(Curve.Ed25519, com.nimbusds.jose.util.Base64URL.encode(
                    java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length))).keyID("ed").build();
            edPrivate = pair.getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey weak() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(1024);
            java.security.KeyPair pair = g.generateKeyPair();
            return new RSAKey.Builder((java.security.interfaces.RSAPublicKey) pair.getPublic())
                    .privateKey(pair.getPrivate()).keyID("weak").build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SignedJWT signed(JWSAlgorithm alg, String kid, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), new JWTClaimsSet.Builder()
                .issuer("https://idp.example").subject("user-1").expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .build());
        jwt.sign(signer);
        return jwt;
    }

    private static ProviderKeys set(JWK... keys) {
        return new ProviderKeys(List.of(keys), Instant.EPOCH);
    }

    private static boolean verifies(ProviderKeys set, SignedJWT signed) {
        CompactJws jwt = parsed(signed.serialize());
        List<ProviderKeys.Key> candidates = set.candidates(jwt.header().getKeyID(), jwt.header().getAlgorithm());
        return candidates.stream().anyMatch(k -> k.verifier().verifies(jwt));
    }

    private static CompactJws parsed(String token) {
        try {
            return TokenParser.parse(token);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keysWhenPublishedThenPublicSignatureKeysOnlyAreKept() throws JOSEException {
        RSAKey encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        ProviderKeys set = set(rsa, ec, encryption);
        assertThat(set.keys()).extracting(JWK::getKeyID).containsExactly("rsa", "ec");
        assertThat(set.keys()).noneMatch(JWK::isPrivate);
        assertThat(set.has("rsa")).isTrue();
        assertThat(set.has("enc")).isFalse();
        assertThat(set.has(null)).isTrue();
        assertThat(set().has(null)).isFalse();
    }

    @Test
    void candidatesWhenHeaderNamesKidAndAlgThenOnlyKeysOfThatIdAndType() {
        ProviderKeys set = set(rsa, otherRsa, ec);
        assertThat(set.candidates("rsa", JWSAlgorithm.RS256)).extracting(k -> k.jwk().getKeyID())
                .containsExactly("rsa");
        assertThat(set.candidates(null, JWSAlgorithm.PS256)).extracting(k -> k.jwk().getKeyID())
                .containsExactly("rsa", "rsa-other");
        assertThat(set.candidates("ec", JWSAlgorithm.RS256)).isEmpty();
        assertThat(set.candidates("ec", JWSAlgorithm.ES384)).isEmpty(); // a P-256 key never signs ES384
        assertThat(set.candidates("ec", JWSAlgorithm.ES256)).hasSize(1);
    }

    @Test
    void verifierWhenSignedByItsKeyThenTrueAndByAnotherKeyThenFalse() throws JOSEException {
        ProviderKeys set = set(rsa, ec, ed);
        assertThat(verifies(set, signed(JWSAlgorithm.RS256, "rsa", new RSASSASigner(rsa)))).isTrue();
        assertThat(verifies(set, signed(JWSAlgorithm.PS384, "rsa", new RSASSASigner(rsa)))).isTrue();
        assertThat(verifies(set, signed(JWSAlgorithm.ES256, "ec", new ECDSASigner(ec)))).isTrue();
        assertThat(verifies(set, signed(JWSAlgorithm.EdDSA, "ed", new JdkEd25519Signer())))
                .isTrue();
        // Another key's signature under this kid: refused.
        assertThat(verifies(set, signed(JWSAlgorithm.RS256, "rsa", new RSASSASigner(otherRsa)))).isFalse();
    }

    @Test
    void verifierWhenRsaKeyIsShorterThan2048BitsThenNothingVerifies() throws JOSEException {
        ProviderKeys set = set(weakRsa);
        assertThat(set.candidates("weak", JWSAlgorithm.RS256)).hasSize(1);
        assertThat(verifies(set, signed(JWSAlgorithm.RS256, "weak", new RSASSASigner(weakRsa, true)))).isFalse();
    }

    @Test
    void verifierWhenUsedByManyTokensThenEachJudgedOnItsOwnSignature() throws JOSEException {
        ProviderKeys set = set(rsa);
        SignedJWT good = signed(JWSAlgorithm.RS256, "rsa", new RSASSASigner(rsa));
        SignedJWT bad = signed(JWSAlgorithm.RS256, "rsa", new RSASSASigner(otherRsa));
        for (int i = 0; i < 3; i++) {
            assertThat(verifies(set, good)).isTrue();
            assertThat(verifies(set, bad)).isFalse();
        }
    }

    /** Signs EdDSA with the JDK's Ed25519. */
    private static final class JdkEd25519Signer implements JWSSigner {
        private final com.nimbusds.jose.jca.JCAContext jca = new com.nimbusds.jose.jca.JCAContext();

        @Override
        public com.nimbusds.jose.util.Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                java.security.Signature s = java.security.Signature.getInstance("Ed25519");
                s.initSign(edPrivate);
                s.update(signingInput);
                return com.nimbusds.jose.util.Base64URL.encode(s.sign());
            } catch (java.security.GeneralSecurityException e) {
                throw new JOSEException(e.getMessage(), e);
            }
        }

        @Override
        public java.util.Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return java.util.Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public com.nimbusds.jose.jca.JCAContext getJCAContext() {
            return jca;
        }
    }
}
