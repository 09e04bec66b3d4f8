package io.keygate.credentials;

/**
 * The kinds of IAM unique id and the prefix AWS gives each (IAM User Guide, "Unique identifiers").
 * A unique id is the prefix followed by 17 characters of {@code A-Z2-7}.
 */
public enum UniqueIdType {
    /** An IAM user. */
    USER("AIDA"),
    /** An IAM group. */
    GROUP("AGPA"),
    /** An IAM role. */
    ROLE("AROA"),
    /** A managed policy. */
    POLICY("ANPA"),
    /** An instance profile. */
    INSTANCE_PROFILE("AIPA"),
    /** An SSH public key of a user. */
    SSH_PUBLIC_KEY("APKA"),
    /** A server certificate. */
    SERVER_CERTIFICATE("ASCA"),
    /** A service-specific credential. */
    SERVICE_SPECIFIC_CREDENTIAL("ACCA");

    private final String prefix;

    UniqueIdType(String prefix) {
        this.prefix = prefix;
    }

    /** The four-letter prefix, e.g. {@code AROA}. */
    public String prefix() {
        return prefix;
    }
}
