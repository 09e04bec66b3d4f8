package io.keygate.credentials;

/**
 * One kind of stored secret sealed with the key ring (access key secrets, MFA seeds, uploaded private keys, …),
 * seen by key retirement: every secret sealed under a key must be sealed again under the active key before that key
 * leaves the ring, or it would never open again.
 */
public interface SealedSecrets {

    /** What these secrets are, for reports ({@code AccessKeys}, {@code MfaDevices}, …). */
    String kind();

    /** How many of these secrets are sealed under {@code kid}. */
    int countSealedUnder(String kid);

    /**
     * Seals again, under {@code sealer}'s active key, every secret sealed under {@code kid}; each record is replaced
     * atomically (compare-and-set), so a concurrent change of the record is neither lost nor overwritten.
     *
     * @return how many were sealed again
     */
    int reseal(String kid, SecretSealer sealer);
}
