package io.keygate.iam;

import java.time.Instant;

/**
 * Account-wide IAM settings kept in one record per account.
 *
 * @param passwordPolicy          the password policy, or {@code null} when none is set
 * @param credentialReport        the last generated credential report (CSV), or {@code null}
 * @param credentialReportCreated when it was generated, or {@code null}
 */
public record AccountSettings(String accountId, PasswordPolicy passwordPolicy, String credentialReport,
                              Instant credentialReportCreated) {

    public static AccountSettings empty(String accountId) {
        return new AccountSettings(accountId, null, null, null);
    }

    public AccountSettings withPasswordPolicy(PasswordPolicy policy) {
        return new AccountSettings(accountId, policy, credentialReport, credentialReportCreated);
    }

    public AccountSettings withCredentialReport(String csv, Instant created) {
        return new AccountSettings(accountId, passwordPolicy, csv, created);
    }
}
