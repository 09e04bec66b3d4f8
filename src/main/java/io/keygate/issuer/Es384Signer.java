package io.keygate.issuer;

import java.math.BigInteger;
import java.util.Set;

import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.util.BigIntegers;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;

import io.keygate.credentials.ThreadLocalSecureRandom;

/**
 * ES384 signatures (ECDSA on P-384 with SHA-384, RFC 7518 section 3.4) for Keygate's tokens, computed with Bouncy
 * Castle's ECDSA over its dedicated P-384 curve. The work of an ECDSA signature is the point k·G: the JDK 17 SunEC
 * signer computes it from scratch each time, Bouncy Castle from a table of multiples of the fixed generator G that it
 * builds once, about five times faster on this project's machines ({@code WebIdentityBench}); the signature is the
 * same algorithm and encoding, verified by any ES384 verifier (the JWS {@code R || S} form, 48 bytes each). The nonce
 * k is random, drawn from a per-thread DRBG ({@link ThreadLocalSecureRandom}). Thread-safe.
 */
final class Es384Signer implements JWSSigner {

    private static final ECDomainParameters P384 = new ECDomainParameters(CustomNamedCurves.getByName("P-384"));
    private static final int SCALAR_BYTES = 48;

    private final ECPrivateKeyParameters key;
    private final JCAContext jca = new JCAContext();

    /** @param jwk a private P-384 key */
    Es384Signer(ECKey jwk) throws JOSEException {
        if (!Curve.P_384.equals(jwk.getCurve()) || jwk.getD() == null) {
            throw new JOSEException("ES384 needs a private P-384 key");
        }
        try {
            this.key = new ECPrivateKeyParameters(jwk.getD().decodeToBigInteger(), P384);
        } catch (IllegalArgumentException e) {
            throw new JOSEException("the private P-384 key is out of range", e);
        }
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.ES384.equals(header.getAlgorithm())) {
            throw new JOSEException("this signer makes ES384 signatures only, not " + header.getAlgorithm());
        }
        SHA384Digest digest = new SHA384Digest();
        digest.update(signingInput, 0, signingInput.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        ECDSASigner ecdsa = new ECDSASigner();
        ecdsa.init(true, new ParametersWithRandom(key, ThreadLocalSecureRandom.INSTANCE));
        BigInteger[] rs = ecdsa.generateSignature(hash);
        byte[] signature = new byte[2 * SCALAR_BYTES];
        BigIntegers.asUnsignedByteArray(rs[0], signature, 0, SCALAR_BYTES);
        BigIntegers.asUnsignedByteArray(rs[1], signature, SCALAR_BYTES, SCALAR_BYTES);
        return Base64URL.encode(signature);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.ES384);
    }

    @Override
    public JCAContext getJCAContext() {
        return jca;
    }
}
