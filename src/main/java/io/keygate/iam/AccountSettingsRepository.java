package io.keygate.iam;

import java.util.function.UnaryOperator;

/** Store port for {@link AccountSettings}, one record per account. */
public interface AccountSettingsRepository {

    /** The account's settings (empty settings when none were stored). */
    AccountSettings get(String accountId);

    /** Applies {@code change} atomically (compare-and-set); returns the stored result. */
    AccountSettings update(String accountId, UnaryOperator<AccountSettings> change);
}
