package io.keygate.signin;

import java.time.Instant;
import java.util.Objects;

/**
 * A console session, held server-side under the hash of its cookie value.
 *
 * @param sessionToken the temporary credentials' session token the console acts with (re-authenticated on every
 *                     request, so revocation and principal deletion end the console session at once)
 * @param issuer       the broker's sign-in URL from {@code Issuer}, for the "sign in again" link; may be null
 * @param expiresAt    when the console session ends (never after the credentials expire)
 * @param csrfToken    the per-session token every console form must carry
 */
public record ConsoleSession(String sessionToken, String issuer, Instant expiresAt, String csrfToken) {
    public ConsoleSession {
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(csrfToken, "csrfToken");
    }
}
