package io.keygate.sts;

import java.time.Instant;

import io.keygate.protocol.query.XmlWriter;

/**
 * Temporary credentials as STS returns them.
 *
 * @param accessKeyId     the {@code ASIA…} id
 * @param secretAccessKey the secret, shown to the caller once
 * @param sessionToken    the self-contained session token
 * @param expiration      when they stop working
 */
public record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    /** Writes the {@code <Credentials>} element. */
    public void write(XmlWriter xml) {
        xml.start("Credentials")
                .element("AccessKeyId", accessKeyId)
                .element("SecretAccessKey", secretAccessKey)
                .element("SessionToken", sessionToken)
                .element("Expiration", expiration)
                .end();
    }

    @Override
    public String toString() {
        return "SessionCredentials[" + accessKeyId + ", expires " + expiration + "]";
    }
}
