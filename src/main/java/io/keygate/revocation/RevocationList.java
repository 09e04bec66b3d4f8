package io.keygate.revocation;

import java.time.Clock;

import io.keygate.credentials.SessionClaims;
import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;

/**
 * The request-path check: refuses session credentials that a live revocation matches. At most four direct
 * lookups in the replicated store per request; no scan.
 *
 * <p>Thread-safe.
 */
public final class RevocationList {

    private final RevocationRepository revocations;
    private final Clock clock;

    public RevocationList(RevocationRepository revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    /**
     * @throws AuthFailureException InvalidClientTokenId when the session was revoked by key, source identity or
     *                              subject; ExpiredToken when its role's sessions issued before a time were revoked
     */
    public void requireNotRevoked(SessionClaims claims) {
        if (revocations.contains(Revocation.keyForAccessKey(claims.accessKeyId().value()))) {
            throw revoked();
        }
        if (claims.sourceIdentity() != null
                && revocations.contains(Revocation.keyForSourceIdentity(claims.accountId(), claims.sourceIdentity()))) {
            throw revoked();
        }
        if (claims.federatedProvider() != null && claims.federatedSubject() != null
                && revocations.contains(Revocation.keyForSubject(claims.accountId(), claims.federatedProvider(),
                claims.federatedSubject()))) {
            throw revoked();
        }
        String roleKey = Revocation.keyForRole(claims.sourceArn());
        if (revocations.contains(roleKey)) {
            revocations.find(roleKey)
                    .filter(r -> r.expiresAt().isAfter(clock.instant()))
                    .filter(r -> claims.issuedAt().isBefore(r.issuedBefore()))
                    .ifPresent(r -> {
                        throw new AuthFailureException(AwsErrorCode.ExpiredToken,
                                "The security token included in the request is expired");
                    });
        }
    }

    private static AuthFailureException revoked() {
        return new AuthFailureException(AwsErrorCode.InvalidClientTokenId,
                "The security token included in the request is invalid.");
    }
}
