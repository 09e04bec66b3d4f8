package io.keygate.iam;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Account-wide preferences set through IAM: the STS global endpoint token version
 * (SetSecurityTokenServicePreferences) and the account properties (PutAccountProperties, {@code Namespace/Name}
 * keys). One record per account.
 *
 * @param globalEndpointTokenVersion {@code v1Token} (AWS's default) or {@code v2Token}
 */
public record AccountPreferences(String accountId, String globalEndpointTokenVersion,
                                 Map<String, String> properties) {

    /** The record's name in its repository: one per account. */
    public static final String NAME = "preferences";

    public AccountPreferences {
        Objects.requireNonNull(accountId, "accountId");
        globalEndpointTokenVersion = globalEndpointTokenVersion == null ? "v1Token" : globalEndpointTokenVersion;
        properties = properties == null ? Map.of() : Map.copyOf(new TreeMap<>(properties));
    }

    public static AccountPreferences defaults(String accountId) {
        return new AccountPreferences(accountId, null, null);
    }

    public String name() {
        return NAME;
    }

    public AccountPreferences withTokenVersion(String version) {
        return new AccountPreferences(accountId, version, properties);
    }

    public AccountPreferences withProperties(Map<String, String> newProperties) {
        return new AccountPreferences(accountId, globalEndpointTokenVersion, newProperties);
    }
}
