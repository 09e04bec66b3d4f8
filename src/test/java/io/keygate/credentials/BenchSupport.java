package io.keygate.credentials;

/** Gives the JMH benchmarks in {@code io.keygate.bench} the test fixtures and the package-private JSON form. */
public final class BenchSupport {

    private BenchSupport() {
    }

    /** The typical AssumeRole claims of the token size test. */
    public static SessionClaims typicalClaims() {
        return TestClaims.assumeRole();
    }

    /** The compact JSON the codec compresses and encrypts. */
    public static byte[] claimsJson(SessionClaims claims) {
        return SessionClaimsJson.toBytes(claims);
    }
}
