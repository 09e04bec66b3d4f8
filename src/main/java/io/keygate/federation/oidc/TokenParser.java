package io.keygate.federation.oidc;

import java.text.ParseException;

import com.nimbusds.jwt.SignedJWT;

/**
 * Parses compact JWS tokens (RFC 7515 section 7.1) once per request: the steps that look at an
 * AssumeRoleWithWebIdentity token one after another on one thread (routing's key-cache look-up, the built-in
 * providers, the OIDC pipeline) get the same parse. Each thread remembers its last token and parse; a token of
 * another text is parsed anew. Parsing is a pure function of the text and establishes nothing: whoever uses the
 * result still checks the signature, which Nimbus computes again on every {@code verify}.
 *
 * <p>Thread-safe; a returned token must stay on the thread that asked for it.
 */
public final class TokenParser {

    private static final ThreadLocal<Parsed> LAST = new ThreadLocal<>();

    private record Parsed(String token, SignedJWT jwt) {
    }

    private TokenParser() {
    }

    /**
     * The token parsed, or the parse this thread made of the same text last.
     *
     * @throws ParseException when {@code token} is not a JWS in compact form
     */
    public static SignedJWT parse(String token) throws ParseException {
        Parsed last = LAST.get();
        if (last != null && last.token().equals(token)) {
            return last.jwt();
        }
        SignedJWT jwt = SignedJWT.parse(token);
        LAST.set(new Parsed(token, jwt));
        return jwt;
    }
}
