package io.keygate.federation.oidc;

import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;

/**
 * Parses compact JWS tokens (RFC 7515 section 7.1) once per request: the steps that look at an
 * AssumeRoleWithWebIdentity token one after another on one thread (routing's key-cache look-up, the built-in
 * providers, the OIDC pipeline) get the same parse. Each thread remembers its last token and parse; a token of
 * another text is parsed anew. Parsing is a pure function of the text and establishes nothing: whoever uses the
 * result still checks the signature, which is computed again on every verification.
 *
 * <p>Headers are parsed by Nimbus ({@link JWSHeader#parse(Base64URL)}) and kept by their exact text: a provider
 * signs every token with one of a few headers ({@code alg}, {@code kid}, {@code typ}), so its tokens share a parse.
 * A parsed header is immutable and a function of its text alone; at most {@link #MAX_HEADERS} are kept (the map is
 * dropped when full, so made-up headers cannot grow it).
 *
 * <p>Thread-safe; a returned token must stay on the thread that asked for it.
 */
public final class TokenParser {

    /** Distinct header texts kept. */
    static final int MAX_HEADERS = 256;

    private static final ThreadLocal<CompactJws> LAST = new ThreadLocal<>();
    private static final Map<String, JWSHeader> HEADERS = new ConcurrentHashMap<>();

    private TokenParser() {
    }

    /**
     * The token parsed, or the parse this thread made of the same text last.
     *
     * @throws ParseException when {@code token} is not a JWS in compact form with a JSON header of a JWS algorithm,
     *                        a base64url-encoded payload and a base64url signature
     */
    public static CompactJws parse(String token) throws ParseException {
        CompactJws last = LAST.get();
        if (last != null && last.serialized().equals(token)) {
            return last;
        }
        int firstDot = token.indexOf('.');
        int secondDot = firstDot < 0 ? -1 : token.indexOf('.', firstDot + 1);
        if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
            throw new ParseException("Not a JWS in compact form: three parts separated by dots expected", 0);
        }
        JWSHeader header = header(token.substring(0, firstDot));
        if (!header.isBase64URLEncodePayload()) {
            // RFC 7797's unencoded payload is not for JWTs (its section 7); the signing input would differ.
            throw new ParseException("Unencoded JWS payloads (b64=false) are not accepted", 0);
        }
        CompactJws jws = new CompactJws(token, header, secondDot);
        LAST.set(jws);
        return jws;
    }

    private static JWSHeader header(String text) throws ParseException {
        JWSHeader known = HEADERS.get(text);
        if (known != null) {
            return known;
        }
        JWSHeader parsed = JWSHeader.parse(new Base64URL(text));
        if (HEADERS.size() >= MAX_HEADERS) {
            HEADERS.clear();
        }
        HEADERS.put(text, parsed);
        return parsed;
    }

    /** How many header texts are kept (for tests). */
    static int headersKept() {
        return HEADERS.size();
    }
}
