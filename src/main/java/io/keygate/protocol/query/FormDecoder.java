package io.keygate.protocol.query;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding for Query requests. Unlike a lenient servlet
 * decoder it refuses, with an AWS error, what a hostile client might use to confuse later stages: malformed
 * percent escapes, bytes that are not UTF-8, parameters given twice, and too many parameters. {@code '+'} is a
 * space and {@code %2B} a plus, exactly as SigV4's canonical query reads them
 * ({@code io.keygate.protocol.sigv4.CanonicalRequest}), so the value a signature covers is the value an action reads.
 *
 * <p>Stateless and thread-safe.
 */
public final class FormDecoder {

    /** More parameters than any AWS action takes (GetAccountAuthorizationDetails filters, 50 tags × 2, …). */
    public static final int MAX_PARAMETERS = 1000;

    private FormDecoder() {
    }

    /**
     * Decodes {@code encoded} (a query string or a form body, its bytes given as ISO-8859-1 characters) into
     * {@code into}, preserving order. Escaped and raw bytes must together form valid UTF-8.
     *
     * @throws InvalidInputException MalformedQueryString for bad encoding, InvalidParameterValue for duplicates
     */
    public static void decode(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        int start = 0;
        int length = encoded.length();
        while (start <= length) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                int eq = encoded.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = unescape(encoded, start, end);
                    value = "";
                } else {
                    name = unescape(encoded, start, eq);
                    value = unescape(encoded, eq + 1, end);
                }
                if (name.isEmpty()) {
                    throw new InvalidInputException(AwsErrorCode.MalformedQueryString,
                            "The request contains a parameter with an empty name.");
                }
                if (into.putIfAbsent(name, value) != null) {
                    throw new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                            "The parameter " + printable(name) + " is specified more than once.");
                }
                if (into.size() > MAX_PARAMETERS) {
                    throw new InvalidInputException(AwsErrorCode.MalformedQueryString,
                            "The request has more than " + MAX_PARAMETERS + " parameters.");
                }
            }
            start = end + 1;
        }
    }

    /** Decodes {@code encoded} into a new ordered map. */
    public static Map<String, String> decode(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        decode(encoded, params);
        return params;
    }

    private static String unescape(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+' || c > 0x7e || c < 0x20) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.substring(from, to);
        }
        byte[] bytes = new byte[to - from];
        int n = 0;
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int b;
            if (c == '+') {
                b = ' ';
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw malformed();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw malformed();
                }
                b = (hi << 4) | lo;
                i += 2;
            } else if (c < 0x100) {
                // Callers pass the raw bytes as ISO-8859-1 characters, so each char is one received byte.
                b = c;
            } else {
                throw malformed();
            }
            ascii &= b < 0x80;
            bytes[n++] = (byte) b;
        }
        if (ascii) {
            // ASCII is valid UTF-8 and the same text in ISO-8859-1: one copy into a compact string, no decoder
            return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, 0, n));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(AwsErrorCode.MalformedQueryString,
                    "The request contains characters that are not valid UTF-8.");
        }
    }

    private static InvalidInputException malformed() {
        return new InvalidInputException(AwsErrorCode.MalformedQueryString,
                "The request contains a malformed percent-encoded sequence.");
    }

    /** A parameter name made safe to echo: at most 64 characters. */
    static String printable(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
