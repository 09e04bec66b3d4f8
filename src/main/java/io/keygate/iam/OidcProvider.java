package io.keygate.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An IAM OpenID Connect provider: an external issuer whose tokens {@code AssumeRoleWithWebIdentity} accepts.
 *
 * <p>Its identity is the URL without the scheme, exactly as written ({@code idp.example:8443/realms/Corp}): host,
 * port and path keep their case and form, so {@code …/realms/Corp} and {@code …/realms/corp} are two providers. That
 * identity ends the ARN ({@code arn:aws:iam::111122223333:oidc-provider/idp.example:8443/realms/Corp}) and prefixes
 * the provider's condition keys ({@code idp.example:8443/realms/Corp:sub}).
 *
 * @param accountId   the owning account
 * @param url         the URL as registered, scheme included ({@code https://idp.example:8443/realms/Corp})
 * @param clientIds   the audiences accepted, in registration order (at most 100)
 * @param thumbprints lower-case hex SHA-1 thumbprints of certificates trusted for the provider's TLS (at most 5)
 * @param created     creation time
 * @param tags        tags, sorted by key
 */
public record OidcProvider(String accountId, String url, List<String> clientIds, List<String> thumbprints,
                           Instant created, Map<String, String> tags) {

    public OidcProvider {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(created, "created");
        clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
        thumbprints = thumbprints == null ? List.of() : List.copyOf(thumbprints);
        tags = Tags.copy(tags);
    }

    /** The URL without its scheme, as written: the provider's identity within the account. */
    public String id() {
        return idOf(url);
    }

    /** {@code url} without {@code https://} (or {@code http://}). */
    public static String idOf(String url) {
        int scheme = url.indexOf("://");
        return scheme < 0 ? url : url.substring(scheme + 3);
    }

    /** {@code arn:<partition>:iam::<account>:oidc-provider/<id>}. */
    public String arn(Partition partition) {
        return "arn:" + partition.id() + ":iam::" + accountId + ":oidc-provider/" + id();
    }

    /** The prefix of the provider's condition keys: its {@link #id()}. */
    public String conditionKeyPrefix() {
        return id();
    }

    public OidcProvider withClientIds(List<String> ids) {
        return new OidcProvider(accountId, url, ids, thumbprints, created, tags);
    }

    public OidcProvider withThumbprints(List<String> list) {
        return new OidcProvider(accountId, url, clientIds, list, created, tags);
    }

    public OidcProvider withTags(Map<String, String> newTags) {
        return new OidcProvider(accountId, url, clientIds, thumbprints, created, newTags);
    }
}
