package io.keygate.iam;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's console password: only its Argon2id hash is kept, with the hashes of earlier passwords for the account
 * password policy's {@code PasswordReusePrevention}.
 *
 * @param passwordHash          the encoded Argon2id hash of the current password
 * @param created               when the login profile was created
 * @param passwordLastChanged   when the password was last set
 * @param passwordResetRequired whether the user must set a new password at next sign-in
 * @param previousHashes        hashes of earlier passwords, newest first (at most 24 kept)
 */
public record LoginProfile(String passwordHash, Instant created, Instant passwordLastChanged,
                           boolean passwordResetRequired, List<String> previousHashes) {

    public LoginProfile {
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(passwordLastChanged, "passwordLastChanged");
        previousHashes = previousHashes == null ? List.of() : List.copyOf(previousHashes);
    }

    @Override
    public String toString() {
        return "LoginProfile[created=" + created + ", resetRequired=" + passwordResetRequired + "]";
    }
}
