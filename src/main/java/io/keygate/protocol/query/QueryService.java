package io.keygate.protocol.query;

/** The AWS Query services Keygate speaks, with their API version, XML namespace and SigV4 signing name. */
public enum QueryService {
    STS("2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", "sts"),
    IAM("2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", "iam");

    private final String version;
    private final String namespace;
    private final String signingName;

    QueryService(String version, String namespace, String signingName) {
        this.version = version;
        this.namespace = namespace;
        this.signingName = signingName;
    }

    /** The service whose API version this is ({@code 2010-05-08} is IAM), or null. */
    public static QueryService forVersion(String version) {
        for (QueryService s : values()) {
            if (s.version.equals(version)) {
                return s;
            }
        }
        return null;
    }

    public String version() {
        return version;
    }

    public String namespace() {
        return namespace;
    }

    /** The service name in a SigV4 credential scope and in policy actions ({@code sts:…}, {@code iam:…}). */
    public String signingName() {
        return signingName;
    }
}
