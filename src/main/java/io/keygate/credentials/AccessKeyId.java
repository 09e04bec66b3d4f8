package io.keygate.credentials;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An AWS access key id: {@code AKIA} (long-term, an IAM user's or root's key) or {@code ASIA} (temporary, from STS)
 * followed by 16 characters of the Base32 alphabet AWS uses ({@code A-Z}, {@code 2-7}).
 * The id is not secret, so {@link #toString()} returns it as is. Immutable and thread-safe.
 *
 * @param value the id, never null
 */
public record AccessKeyId(String value) {

    /** Prefix of long-term access key ids. */
    public static final String LONG_TERM_PREFIX = "AKIA";
    /** Prefix of temporary (STS) access key ids. */
    public static final String TEMPORARY_PREFIX = "ASIA";
    /** Length of every access key id. */
    public static final int LENGTH = 20;

    private static final Pattern FORMAT = Pattern.compile("A[KS]IA[A-Z2-7]{16}");

    public AccessKeyId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not an access key id: expected AKIA or ASIA followed by 16 of A-Z, 2-7");
        }
    }

    /** Parses an id, as {@link #AccessKeyId(String)} does. */
    public static AccessKeyId of(String value) {
        return new AccessKeyId(value);
    }

    /** Whether {@code value} has the shape of an access key id; null gives false. */
    public static boolean isWellFormed(String value) {
        return value != null && value.length() == LENGTH && FORMAT.matcher(value).matches();
    }

    /** True for an {@code ASIA} id (temporary credentials), false for {@code AKIA}. */
    public boolean isTemporary() {
        return value.startsWith(TEMPORARY_PREFIX);
    }

    @Override
    public String toString() {
        return value;
    }
}
