package io.keygate.federation.oidc;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * A JWS in compact serialization (RFC 7515 section 7.1) split into its parts: the header as Nimbus parses it, the
 * claims of the payload (RFC 7519, parsed by Nimbus on first use), the exact signing input and the signature. What
 * Nimbus' {@code SignedJWT} holds, without its copies of the text: the signing input is the token's own prefix up to
 * the second dot, so the bytes a verifier checks are the bytes that were sent. The payload and the signature are
 * decoded as strict base64url (the JDK's decoder). Parsing establishes nothing; every verifier computes the signature
 * again.
 *
 * <p>Not thread-safe (the claims are parsed lazily): keep an instance on the thread that parsed it.
 */
public final class CompactJws {

    private final String token;
    private final JWSHeader header;
    private final int secondDot;
    private final Base64URL signature;
    private final byte[] signatureBytes;
    private JWTClaimsSet claims;
    private byte[] signingInput;

    /** @throws ParseException when the signature part is not base64url */
    CompactJws(String token, JWSHeader header, int secondDot) throws ParseException {
        this.token = token;
        this.header = header;
        this.secondDot = secondDot;
        String encoded = token.substring(secondDot + 1);
        try {
            this.signatureBytes = decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ParseException("The signature is not base64url-encoded", secondDot + 1);
        }
        this.signature = new Base64URL(encoded);
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
            byte[] json;
            try {
                json = decode(token.substring(firstDot + 1, secondDot));
            } catch (IllegalArgumentException e) {
                throw new ParseException("The payload is not base64url-encoded", firstDot + 1);
            }
            claims = JWTClaimsSet.parse(new String(json, StandardCharsets.UTF_8));
        }
        return claims;
    }

    /** The signature's bytes (decoded once, at parse). */
    public byte[] signatureBytes() {
        return signatureBytes;
    }

    /**
     * Strict base64url (RFC 7515 section 2: the URL-safe alphabet, padding optional): a character outside the
     * alphabet is an error, where Nimbus' decoder skips it.
     */
    private static byte[] decode(String part) {
        return Base64.getUrlDecoder().decode(part);
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
