package io.keygate.protocol.sigv4;

import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds a SigV4 signature in a request, either in the {@code Authorization: AWS4-HMAC-SHA256 ...} header or in a
 * presigned query ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, ...), and checks everything that can be checked
 * without the secret: shape, credential scope (services and regions from {@link SigV4Settings}), that {@code host} and
 * the date header are signed, and freshness against the injected clock (AWS General Reference, "Elements of an AWS
 * API request signature" and "Authenticating requests: using query parameters").
 *
 * <p>Every rejection is an {@link AuthFailureException}; no other exception escapes, whatever the input. Thread-safe.
 */
public final class SigV4Parser {

    static final int MAX_AUTHORIZATION_LENGTH = 8192;
    static final int MAX_SIGNED_HEADERS = 64;
    static final int MAX_HEADER_NAME = 128;
    static final int MAX_ACCESS_KEY_ID = 128;
    static final int MAX_SCOPE_PART = 64;
    static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final int ECHO_LIMIT = 512;

    private static final String AUTH_PREFIX = ParsedSignature.ALGORITHM + " ";
    private static final String X_AMZ_DATE = "x-amz-date";
    private static final String[] PRESIGN_REQUIRED = {
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature", "X-Amz-Date", "X-Amz-SignedHeaders",
        "X-Amz-Expires"};

    private final SigV4Settings settings;
    private final Clock clock;

    /**
     * @param settings accepted services/regions and the skew window; not null
     * @param clock    the time source for freshness checks; not null
     */
    public SigV4Parser(SigV4Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Parses and checks the request's signature.
     *
     * @return empty when the request carries no signature at all (the caller decides whether that is
     *         {@code MissingAuthenticationToken}); otherwise the checked elements
     * @throws AuthFailureException {@code IncompleteSignature} for a malformed signature, {@code SignatureDoesNotMatch}
     *                              for a scope Keygate does not serve, {@code RequestExpired} when too old
     */
    public Optional<ParsedSignature> parse(SigV4Request request) {
        String authorization = request.header("Authorization");
        Map<String, String> amzQuery = amzQueryParameters(request.rawQuery());
        boolean presigned = amzQuery.containsKey("X-Amz-Algorithm") || amzQuery.containsKey("X-Amz-Signature")
                || amzQuery.containsKey("X-Amz-Credential");
        if (authorization != null && presigned) {
            throw incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature "
                    + "query string parameter or the Authorization header should be specified");
        }
        if (authorization != null) {
            return Optional.of(parseHeader(request, authorization));
        }
        if (presigned) {
            return Optional.of(parsePresigned(request, amzQuery));
        }
        return Optional.empty();
    }

    private ParsedSignature parseHeader(SigV4Request request, String authorization) {
        if (authorization.length() > MAX_AUTHORIZATION_LENGTH) {
            throw incomplete("Authorization header is longer than " + MAX_AUTHORIZATION_LENGTH + " characters.");
        }
        String trimmed = authorization.trim();
        if (!trimmed.startsWith(AUTH_PREFIX)) {
            int space = trimmed.indexOf(' ');
            String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
            throw incomplete("Unsupported AWS 'algorithm': '" + echo(algorithm) + "'. Use '"
                    + ParsedSignature.ALGORITHM + "'.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String token : tokens(trimmed.substring(AUTH_PREFIX.length()))) {
            int eq = token.indexOf('=');
            if (eq < 0) {
                throw incomplete("'" + echo(token) + "' not a valid key=value pair (missing equal-sign) in "
                        + "Authorization header: '" + echo(authorization) + "'.");
            }
            String key = token.substring(0, eq);
            String value = token.substring(eq + 1);
            switch (key) {
                case "Credential" -> credential = credential == null ? value : credential;
                case "SignedHeaders" -> signedHeaders = signedHeaders == null ? value : signedHeaders;
                case "Signature" -> signature = signature == null ? value : signature;
                default -> { } // AWS ignores unknown parameters
            }
        }
        StringBuilder missing = new StringBuilder();
        requireParameter(missing, credential, "Credential");
        requireParameter(missing, signature, "Signature");
        requireParameter(missing, signedHeaders, "SignedHeaders");
        String dateHeader = request.header("X-Amz-Date");
        String httpDate = dateHeader == null ? request.header("Date") : null;
        if (dateHeader == null && httpDate == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            throw incomplete(missing + "Authorization=" + echo(authorization));
        }
        Instant timestamp = dateHeader != null ? AmzDate.parseBasic(dateHeader.trim())
                : AmzDate.parseRfc1123(httpDate);
        if (timestamp == null) {
            String given = dateHeader != null ? dateHeader : httpDate;
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + echo(given)
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        List<String> headerNames = signedHeaderList(signedHeaders);
        if (dateHeader != null && !headerNames.contains(X_AMZ_DATE)) {
            throw incomplete("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (dateHeader == null && !headerNames.contains("date")) {
            throw incomplete("'Date' must be a 'SignedHeader' in the AWS Authorization.");
        }
        checkSignatureHex(signature);
        String[] scope = credentialScope(credential, timestamp);
        checkFreshness(timestamp);
        return new ParsedSignature(scope[0], scope[1], scope[2], scope[3], headerNames, signature, timestamp,
                request.header("X-Amz-Security-Token"), false, 0);
    }

    private ParsedSignature parsePresigned(SigV4Request request, Map<String, String> q) {
        StringBuilder missing = new StringBuilder();
        for (String name : PRESIGN_REQUIRED) {
            if (!q.containsKey(name)) {
                missing.append(missing.length() == 0 ? "" : ", ").append('\'').append(name).append('\'');
            }
        }
        if (missing.length() > 0) {
            throw incomplete("AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', "
                    + "'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'. Missing: "
                    + missing + ". Re-examine the query-string parameters.");
        }
        String algorithm = q.get("X-Amz-Algorithm");
        if (!ParsedSignature.ALGORITHM.equals(algorithm)) {
            throw incomplete("X-Amz-Algorithm only supports '" + ParsedSignature.ALGORITHM + "', not '"
                    + echo(algorithm) + "'.");
        }
        String date = q.get("X-Amz-Date");
        Instant timestamp = AmzDate.parseBasic(date);
        if (timestamp == null) {
            throw incomplete("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\". Got '"
                    + echo(date) + "'.");
        }
        long expires = parseExpires(q.get("X-Amz-Expires"));
        List<String> headerNames = signedHeaderList(q.get("X-Amz-SignedHeaders"));
        String signature = q.get("X-Amz-Signature");
        checkSignatureHex(signature);
        String[] scope = credentialScope(q.get("X-Amz-Credential"), timestamp);
        Instant now = clock.instant();
        if (timestamp.minus(settings.maxSkew()).isAfter(now)) {
            throw notYetCurrent(timestamp, now);
        }
        if (now.isAfter(timestamp.plusSeconds(expires))) {
            throw new AuthFailureException(AwsErrorCode.RequestExpired, "Request has expired");
        }
        String token = q.get("X-Amz-Security-Token");
        if (token == null) {
            token = request.header("X-Amz-Security-Token");
        }
        return new ParsedSignature(scope[0], scope[1], scope[2], scope[3], headerNames, signature, timestamp, token,
                true, expires);
    }

    private static long parseExpires(String s) {
        if (s.isEmpty() || s.length() > 10) {
            throw incomplete("X-Amz-Expires should be a number");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw incomplete(c == '-' && i == 0 ? "X-Amz-Expires must be non-negative"
                        : "X-Amz-Expires should be a number");
            }
            v = v * 10 + (c - '0');
        }
        if (v < 1) {
            throw incomplete("X-Amz-Expires must be at least 1 second");
        }
        if (v > MAX_EXPIRES_SECONDS) {
            throw incomplete("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return v;
    }

    /** Returns {accessKeyId, date, region, service} after checking the scope against settings and timestamp. */
    private String[] credentialScope(String credential, Instant timestamp) {
        String[] parts = new String[5];
        int count = 0;
        int start = 0;
        while (true) {
            int slash = credential.indexOf('/', start);
            if (count == 5) {
                count++;
                break;
            }
            parts[count++] = slash < 0 ? credential.substring(start) : credential.substring(start, slash);
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        if (count != 5) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term, got '" + echo(credential) + "'");
        }
        String accessKeyId = parts[0];
        if (accessKeyId.isEmpty() || accessKeyId.length() > MAX_ACCESS_KEY_ID) {
            throw incomplete("Credential must name an access key id of 1 to " + MAX_ACCESS_KEY_ID
                    + " characters, got '" + echo(credential) + "'");
        }
        for (int i = 1; i < 5; i++) {
            if (parts[i].length() > MAX_SCOPE_PART) {
                throw incomplete("Credential scope element is too long: '" + echo(parts[i]) + "'");
            }
        }
        String region = parts[2];
        if (!settings.regionAllowed().test(region)) {
            throw mismatch("Credential should be scoped to a valid region, not '" + echo(region) + "'. ");
        }
        String service = parts[3];
        if (!settings.serviceAllowed(service)) {
            throw mismatch("Credential should be scoped to correct service: '" + settings.services().get(0) + "'. ");
        }
        if (!parts[4].equals("aws4_request")) {
            throw mismatch("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + echo(parts[4]) + "'. ");
        }
        String amzDate = AmzDate.format(timestamp);
        if (!amzDate.regionMatches(0, parts[1], 0, 8) || parts[1].length() != 8) {
            throw mismatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
                    + "HTTP: '" + echo(parts[1]) + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        return new String[] {accessKeyId, parts[1], region, service};
    }

    private void checkFreshness(Instant timestamp) {
        Instant now = clock.instant();
        Duration skew = settings.maxSkew();
        if (timestamp.plus(skew).isBefore(now)) {
            throw new AuthFailureException(AwsErrorCode.RequestExpired, "Signature expired: "
                    + AmzDate.format(timestamp) + " is now earlier than " + AmzDate.format(now.minus(skew)) + " ("
                    + AmzDate.format(now) + " - " + skew.toMinutes() + " min.)");
        }
        if (timestamp.minus(skew).isAfter(now)) {
            throw notYetCurrent(timestamp, now);
        }
    }

    private AuthFailureException notYetCurrent(Instant timestamp, Instant now) {
        Duration skew = settings.maxSkew();
        return mismatch("Signature not yet current: " + AmzDate.format(timestamp) + " is still later than "
                + AmzDate.format(now.plus(skew)) + " (" + AmzDate.format(now) + " + " + skew.toMinutes() + " min.)");
    }

    private static List<String> signedHeaderList(String value) {
        if (value.isEmpty()) {
            throw incomplete("SignedHeaders must not be empty.");
        }
        List<String> names = new ArrayList<>(8);
        int start = 0;
        while (true) {
            int semi = value.indexOf(';', start);
            String name = semi < 0 ? value.substring(start) : value.substring(start, semi);
            if (name.isEmpty() || name.length() > MAX_HEADER_NAME || !isLowercaseToken(name)) {
                throw incomplete("SignedHeaders must list lowercase header names separated by ';', got '"
                        + echo(value) + "'.");
            }
            names.add(name);
            if (names.size() > MAX_SIGNED_HEADERS) {
                throw incomplete("SignedHeaders lists more than " + MAX_SIGNED_HEADERS + " headers.");
            }
            if (semi < 0) {
                break;
            }
            start = semi + 1;
        }
        if (!names.contains("host")) {
            throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    private static boolean isLowercaseToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void checkSignatureHex(String signature) {
        if (signature.length() != 64 || !SigV4Crypto.isHex(signature)) {
            throw incomplete("Signature must be 64 hexadecimal characters (the hex of an HMAC-SHA256), got '"
                    + echo(signature) + "'.");
        }
    }

    private static void requireParameter(StringBuilder missing, String value, String name) {
        if (value == null) {
            missing.append("Authorization header requires '").append(name).append("' parameter. ");
        }
    }

    /** Splits the part after the algorithm on commas and whitespace, as AWS does, dropping empty tokens. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>(4);
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && isSeparator(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t';
    }

    /**
     * The {@code X-Amz-*} parameters of a raw query, percent-decoded. A duplicate of one of them is rejected: the
     * canonical query would sign both values while the parser trusts one.
     */
    static Map<String, String> amzQueryParameters(String rawQuery) {
        if (rawQuery.isEmpty() || !rawQuery.contains("X-Amz-")) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        int start = 0;
        int len = rawQuery.length();
        while (start <= len) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (rawQuery.startsWith("X-Amz-", start)) {
                int eq = rawQuery.indexOf('=', start);
                boolean hasValue = eq >= 0 && eq < end;
                String key = new String(CanonicalRequest.percentDecode(rawQuery, start, hasValue ? eq : end),
                        StandardCharsets.UTF_8);
                String value = hasValue
                        ? new String(CanonicalRequest.percentDecode(rawQuery, eq + 1, end), StandardCharsets.UTF_8)
                        : "";
                if (out.putIfAbsent(key, value) != null) {
                    throw incomplete("Query parameter '" + echo(key) + "' must appear only once.");
                }
            }
            if (amp < 0) {
                break;
            }
            start = end + 1;
        }
        return out;
    }

    /** Input echoed in a message: bounded, and without control characters. */
    static String echo(String s) {
        int n = Math.min(s.length(), ECHO_LIMIT);
        StringBuilder sb = new StringBuilder(n + 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
        }
        if (s.length() > ECHO_LIMIT) {
            sb.append("...");
        }
        return sb.toString();
    }

    private static AuthFailureException incomplete(String message) {
        return new AuthFailureException(AwsErrorCode.IncompleteSignature, message);
    }

    private static AuthFailureException mismatch(String message) {
        return new AuthFailureException(AwsErrorCode.SignatureDoesNotMatch, message);
    }
}
