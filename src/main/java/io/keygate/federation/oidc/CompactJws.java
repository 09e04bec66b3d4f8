package io.keygate.federation.oidc;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * A JWS in compact serialization (RFC 7515 section 7.1) split into its parts: the header as Nimbus parses it, the
 * claims of the payload (RFC 7519, parsed by Nimbus on first use), the exact signing input and the signature. What
 * Nimbus' {@code SignedJWT} holds, without its copies of the text: the signing input is the token's own prefix up to
 * the second dot, so the bytes a verifier checks are the bytes that were sent. Parsing establishes nothing; every
 * verifier computes the signature again.
 *
 * <p>Not thread-safe (the claims are parsed lazily): keep an instance on the thread that parsed it.
 */
public final class CompactJws {

    private final String token;
    private final JWSHeader header;
    private final int secondDot;
    private final Base64URL signature;
    private JWTClaimsSet claims;
    private byte[] signingInput;

    CompactJws(String token, JWSHeader header, int secondDot, Base64URL signature) {
        this.token = token;
        this.header = header;
        this.secondDot = secondDot;
        this.signature = signature;
    }

    /** The token as it was sent. */
    public String serialized() {
        return token;
    }

    public JWSHeader header() {
        return header;
    }

    /**
     * The payload's claims.
     *
     * @throws ParseException when the payload is not a JSON object of claims
     */
    public JWTClaimsSet claims() throws ParseException {
        if (claims == null) {
            int firstDot = token.indexOf('.');
            String json = new Base64URL(token.substring(firstDot + 1, secondDot)).decodeToString();
            claims = JWTClaimsSet.parse(json);
        }
        return claims;
    }

    /** The ASCII bytes of {@code <header>.<payload>}, as the token carries them: what the signature covers. */
    public byte[] signingInput() {
        if (signingInput == null) {
            signingInput = token.substring(0, secondDot).getBytes(StandardCharsets.UTF_8);
        }
        return signingInput;
    }

    public Base64URL signature() {
        return signature;
    }
}
