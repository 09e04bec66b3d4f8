package io.keygate.iam.action;

import io.keygate.iam.AccountPreferences;

/**
 * The figures of GetAccountSummary that come from stores outside {@link IamContext}: server certificates, the root's
 * signing certificates and the STS token version chosen with SetSecurityTokenServicePreferences. Thread-safe.
 */
public interface AccountFigures {

    /** An account with none of these: no server certificates, no root signing certificate, v1 tokens. */
    AccountFigures NONE = new AccountFigures() {
        @Override
        public int serverCertificates(String accountId) {
            return 0;
        }

        @Override
        public boolean rootSigningCertificates(String accountId) {
            return false;
        }

        @Override
        public int globalEndpointTokenVersion(String accountId) {
            return 1;
        }
    };

    /** {@code ServerCertificates}: the account's server certificates. */
    int serverCertificates(String accountId);

    /** {@code AccountSigningCertificatesPresent}: whether the root has a signing certificate. */
    boolean rootSigningCertificates(String accountId);

    /** {@code GlobalEndpointTokenVersion}: 1 for {@code v1Token} (AWS's default), 2 for {@code v2Token}. */
    int globalEndpointTokenVersion(String accountId);

    /** The figures read from the stores that hold them. */
    static AccountFigures of(CredentialStores credentials, AccountStores accounts) {
        return new AccountFigures() {
            @Override
            public int serverCertificates(String accountId) {
                return credentials.serverCertificates().list(accountId).size();
            }

            @Override
            public boolean rootSigningCertificates(String accountId) {
                return credentials.signingCertificates().list(accountId).stream().anyMatch(c -> c.userId() == null);
            }

            @Override
            public int globalEndpointTokenVersion(String accountId) {
                String version = accounts.preferences().find(accountId, AccountPreferences.NAME)
                        .map(AccountPreferences::globalEndpointTokenVersion).orElse("v1Token");
                return version.equals("v2Token") ? 2 : 1;
            }
        };
    }
}
