package io.keygate.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.Signature;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Bouncy Castle's ES384 signatures verify with the JDK's and Nimbus' verifiers, and only for what was signed. */
class Es384SignerTest {

    private static ECKey key;
    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("es384-1").build();
    private static final byte[] INPUT = "eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJhcm4ifQ".getBytes(StandardCharsets.US_ASCII);

    @BeforeAll
    static void key() throws JOSEException {
        key = new ECKeyGenerator(Curve.P_384).keyID("es384-1").generate();
    }

    @Test
    void signWhenTokenSignedThenNimbusVerifiesWithThePublicKey() throws Exception {
        SignedJWT jwt = new SignedJWT(HEADER, new JWTClaimsSet.Builder().subject("arn:aws:iam::1:user/u").build());
        jwt.sign(new Es384Signer(key));
        SignedJWT read = SignedJWT.parse(jwt.serialize());
        assertThat(read.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(read.getJWTClaimsSet().getSubject()).isEqualTo("arn:aws:iam::1:user/u");
    }

    @Test
    void signWhenSameInputTwiceThenTwoSignaturesThatBothVerifyInP1363Form() throws Exception {
        Es384Signer signer = new Es384Signer(key);
        byte[] first = signer.sign(HEADER, INPUT).decode();
        byte[] second = signer.sign(HEADER, INPUT).decode();
        assertThat(first).hasSize(96).isNotEqualTo(second); // a random nonce each time
        for (byte[] signature : new byte[][] {first, second}) {
            assertThat(jdkVerifies(INPUT, signature)).isTrue();
        }
        byte[] other = "eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJyb290In0".getBytes(StandardCharsets.US_ASCII);
        assertThat(jdkVerifies(other, first)).isFalse();
    }

    @Test
    void signWhenKeyIsNotAPrivateP384KeyOrHeaderNotEs384ThenRefused() throws Exception {
        assertThatThrownBy(() -> new Es384Signer(new ECKeyGenerator(Curve.P_256).generate()))
                .isInstanceOf(JOSEException.class);
        assertThatThrownBy(() -> new Es384Signer(key.toPublicJWK())).isInstanceOf(JOSEException.class);
        assertThatThrownBy(() -> new Es384Signer(key).sign(new JWSHeader(JWSAlgorithm.ES256), INPUT))
                .isInstanceOf(JOSEException.class);
        assertThat(new Es384Signer(key).supportedJWSAlgorithms()).containsExactly(JWSAlgorithm.ES384);
    }

    private static boolean jdkVerifies(byte[] input, byte[] signature) throws Exception {
        Signature jdk = Signature.getInstance("SHA384withECDSAinP1363Format");
        jdk.initVerify(key.toECPublicKey());
        jdk.update(input);
        return jdk.verify(signature);
    }

    @Test
    void signWhenSignedThenBase64UrlOfRAndSAt48BytesEach() throws Exception {
        Base64URL signature = new Es384Signer(key).sign(HEADER, INPUT);
        assertThat(signature.toString()).matches("[A-Za-z0-9_-]{128}");
    }
}
