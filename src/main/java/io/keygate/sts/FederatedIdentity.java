package io.keygate.sts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.keygate.credentials.IssuingAction;

/**
 * An external identity that a federation pipeline has <em>verified</em> (signature, issuer, audience, times and
 * replay already checked): the SAML pipeline ({@code federation.saml}) for AssumeRoleWithSAML, the OIDC pipeline
 * ({@code federation.oidc}) for AssumeRoleWithWebIdentity, identity pools. It is everything
 * {@link FederatedSessions} needs to take the one shared path from here to credentials (DESIGN decision 8); the
 * pipelines differ only in how they fill it.
 *
 * <p>How each pipeline fills it:
 * <table>
 * <caption>fields by provider kind</caption>
 * <tr><th>field</th><th>SAML</th><th>OIDC</th></tr>
 * <tr><td>providerArn</td><td>{@code PrincipalArn} ({@code …:saml-provider/<name>})</td>
 *     <td>{@code …:oidc-provider/<host/path>}</td></tr>
 * <tr><td>subject</td><td>NameID</td><td>{@code sub}</td></tr>
 * <tr><td>roleSessionName</td><td>the {@code RoleSessionName} attribute</td><td>the {@code RoleSessionName}
 *     parameter</td></tr>
 * <tr><td>conditionKeys</td><td>{@code saml:aud}, {@code saml:iss}, {@code saml:sub}, {@code saml:sub_type},
 *     {@code saml:namequalifier}, {@code saml:doc}, attribute keys</td><td>{@code <prefix>:aud},
 *     {@code <prefix>:sub}, {@code <prefix>:amr}, … ({@code prefix} = provider URL without {@code https://})</td></tr>
 * <tr><td>sessionKeys</td><td>{@code saml:sub}, {@code saml:sub_type}, {@code saml:namequalifier},
 *     {@code saml:aud}, {@code saml:iss}</td><td>{@code <prefix>:sub}, {@code <prefix>:aud}, …</td></tr>
 * <tr><td>tags / transitiveTagKeys</td><td>{@code PrincipalTag:*} / {@code TransitiveTagKeys} attributes</td>
 *     <td>the {@code https://aws.amazon.com/tags} claim</td></tr>
 * <tr><td>sourceIdentity</td><td>the {@code SourceIdentity} attribute</td>
 *     <td>the {@code https://aws.amazon.com/source_identity} claim</td></tr>
 * <tr><td>maxDurationSeconds</td><td>the {@code SessionDuration} attribute</td><td>null</td></tr>
 * <tr><td>notOnOrAfter</td><td>{@code SessionNotOnOrAfter} of the AuthnStatement</td><td>null</td></tr>
 * </table>
 *
 * <p>Immutable.
 *
 * @param action             {@link IssuingAction#AssumeRoleWithSAML} or {@link IssuingAction#AssumeRoleWithWebIdentity}
 * @param providerArn        the registered provider's ARN: the {@code Federated} principal the trust policy must name,
 *                           and {@code aws:FederatedProvider} of the session; required
 * @param subject            the verified subject; with {@code providerArn} it is what targeted revocation by
 *                           {@code {"Provider", "Subject"}} matches; required
 * @param roleSessionName    the session name (not yet validated: {@link FederatedSessions} applies AssumeRole's rule);
 *                           required
 * @param conditionKeys      provider-prefixed keys the trust policy can test (only at assume time); never null
 * @param sessionKeys        provider-prefixed keys carried by the session into every later request, as condition keys
 *                           and policy variables ({@code ${saml:sub}}); never null
 * @param tags               asserted session tags, in assertion order (duplicates are caught by the shared tag rules);
 *                           never null
 * @param transitiveTagKeys  asserted transitive tag keys; never null
 * @param sourceIdentity     asserted source identity, or null
 * @param maxDurationSeconds a cap on the session length from the provider (it only shortens), or null
 * @param notOnOrAfter       the session must end by then (it only shortens), or null
 * @param accountId          the account whose roles the identity may assume: the provider ARN's account, or for a
 *                           built-in provider named without an ARN ({@code cognito-identity.amazonaws.com}) the
 *                           account of the identity pool; null means "from {@code providerArn}"
 */
public record FederatedIdentity(IssuingAction action, String providerArn, String subject, String roleSessionName,
                                Map<String, List<String>> conditionKeys, Map<String, String> sessionKeys,
                                List<Map.Entry<String, String>> tags, List<String> transitiveTagKeys,
                                String sourceIdentity, Integer maxDurationSeconds, Instant notOnOrAfter,
                                String accountId) {

    /** An identity whose provider is named by an IAM provider ARN: its roles are in the ARN's account. */
    public FederatedIdentity(IssuingAction action, String providerArn, String subject, String roleSessionName,
                             Map<String, List<String>> conditionKeys, Map<String, String> sessionKeys,
                             List<Map.Entry<String, String>> tags, List<String> transitiveTagKeys,
                             String sourceIdentity, Integer maxDurationSeconds, Instant notOnOrAfter) {
        this(action, providerArn, subject, roleSessionName, conditionKeys, sessionKeys, tags, transitiveTagKeys,
                sourceIdentity, maxDurationSeconds, notOnOrAfter, null);
    }

    public FederatedIdentity {
        if (action != IssuingAction.AssumeRoleWithSAML && action != IssuingAction.AssumeRoleWithWebIdentity) {
            throw new IllegalArgumentException("action must be AssumeRoleWithSAML or AssumeRoleWithWebIdentity");
        }
        Objects.requireNonNull(providerArn, "providerArn");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        LinkedHashMap<String, List<String>> keys = new LinkedHashMap<>();
        conditionKeys.forEach((k, v) -> keys.put(k, List.copyOf(v)));
        conditionKeys = java.util.Collections.unmodifiableMap(keys);
        sessionKeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sessionKeys));
        tags = java.util.Collections.unmodifiableList(new ArrayList<>(tags));
        transitiveTagKeys = List.copyOf(transitiveTagKeys);
        if (accountId == null) {
            String[] arn = providerArn.split(":", 6);
            accountId = arn.length == 6 ? arn[4] : "";
        }
    }

    /** The trust action this identity asks for: {@code sts:AssumeRoleWithSAML} or {@code sts:AssumeRoleWithWebIdentity}. */
    public String trustAction() {
        return "sts:" + action.name();
    }
}
