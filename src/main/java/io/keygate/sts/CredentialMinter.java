package io.keygate.sts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.keygate.credentials.AccessKeyId;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.SessionClaims;
import io.keygate.credentials.SessionTokenCodec;

/**
 * Mints temporary credentials: a fresh {@code ASIA…} key id carrying the account, a fresh secret, and a session
 * token that encrypts both with the rest of the claims. Symmetric crypto only: no signature on the minting path.
 *
 * <p>Thread-safe.
 */
public final class CredentialMinter {

    private final IdGenerator ids;
    private final SessionTokenCodec codec;
    private final Clock clock;

    public CredentialMinter(IdGenerator ids, SessionTokenCodec codec, Clock clock) {
        this.ids = ids;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Completes {@code claims} with the key id, secret, issue and expiry times, and encodes the token.
     *
     * @param claims   everything but the key, secret and times
     * @param duration how long the credentials live
     */
    public SessionCredentials mint(SessionClaims.Builder claims, Duration duration, String accountId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(duration);
        AccessKeyId keyId = ids.temporaryAccessKeyId(accountId);
        String secret = ids.secretAccessKey();
        SessionClaims complete = claims
                .accessKeyId(keyId)
                .secretAccessKey(secret)
                .issuedAt(now)
                .expiresAt(expires)
                .build();
        return new SessionCredentials(keyId.value(), secret, codec.encode(complete), expires);
    }
}
