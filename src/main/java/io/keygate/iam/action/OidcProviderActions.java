package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.OidcProvider;
import io.keygate.iam.Tags;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * OpenID Connect providers: Create/Get/List/DeleteOpenIDConnectProvider, Add/RemoveClientIDToOpenIDConnectProvider,
 * UpdateOpenIDConnectProviderThumbprint and Tag/Untag/ListOpenIDConnectProviderTags, with the constraints of the IAM
 * API model (URL 1–255 characters, client ids 1–255 and at most 100, thumbprints 40 hex characters and at most 5).
 * A provider is named by its URL without the scheme, case and form kept ({@link OidcProvider}).
 */
public final class OidcProviderActions extends IamSupport {

    /** OpenIdConnectProvidersPerAccount, AWS's quota. */
    static final int MAX_PROVIDERS = 100;
    static final int MAX_CLIENT_IDS = 100;
    static final int MAX_THUMBPRINTS = 5;
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}");
    private static final String ARN_MARKER = ":oidc-provider/";

    /** Why a provider URL is refused, or null when it is acceptable ({@code ProviderUrl.problem} in the wiring). */
    private final Function<String, String> urlProblem;

    public OidcProviderActions(IamContext iam, Function<String, String> urlProblem) {
        super(iam);
        this.urlProblem = urlProblem;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateOpenIDConnectProvider", this::create),
                new IamAction("GetOpenIDConnectProvider", this::get),
                new IamAction("ListOpenIDConnectProviders", this::list),
                new IamAction("DeleteOpenIDConnectProvider", this::delete),
                new IamAction("AddClientIDToOpenIDConnectProvider", this::addClientId),
                new IamAction("RemoveClientIDFromOpenIDConnectProvider", this::removeClientId),
                new IamAction("UpdateOpenIDConnectProviderThumbprint", this::updateThumbprints),
                new IamAction("TagOpenIDConnectProvider", this::tag),
                new IamAction("UntagOpenIDConnectProvider", this::untag),
                new IamAction("ListOpenIDConnectProviderTags", this::listTags));
    }

    ResultWriter create(QueryParams p, Caller caller) {
        String url = p.string("Url", true, 1, 255, null);
        List<String> clientIds = clientIds(p.list("ClientIDList", MAX_CLIENT_IDS + 1));
        List<String> thumbprints = thumbprints(p.list("ThumbprintList", MAX_THUMBPRINTS + 1));
        Map<String, String> tags = tags(p, 50);
        String problem = urlProblem.apply(url);
        if (problem != null) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput, problem);
        }
        String id = OidcProvider.idOf(url);
        String arn = arnPrefix(caller) + "oidc-provider/" + id;
        authorize(caller, "CreateOpenIDConnectProvider", arn, requestContext(tags, null));
        if (iam.oidcProviders().list(caller.accountId()).size() >= MAX_PROVIDERS) {
            throw limit("Cannot exceed quota for OpenIdConnectProvidersPerAccount: " + MAX_PROVIDERS);
        }
        OidcProvider provider = new OidcProvider(caller.accountId(), url, clientIds, thumbprints,
                iam.clock().instant(), tags);
        if (!iam.oidcProviders().create(provider)) {
            throw exists("Provider with url " + url + " already exists.");
        }
        return xml -> {
            xml.element("OpenIDConnectProviderArn", arn);
            writeTags(xml, provider.tags());
        };
    }

    ResultWriter get(QueryParams p, Caller caller) {
        OidcProvider provider = provider(p, caller, "GetOpenIDConnectProvider");
        return xml -> {
            xml.element("Url", provider.id());
            xml.start("ClientIDList");
            provider.clientIds().forEach(c -> xml.element("member", c));
            xml.end();
            xml.start("ThumbprintList");
            provider.thumbprints().forEach(t -> xml.element("member", t));
            xml.end();
            xml.element("CreateDate", provider.created());
            writeTags(xml, provider.tags());
        };
    }

    ResultWriter list(QueryParams p, Caller caller) {
        authorize(caller, "ListOpenIDConnectProviders", "*");
        List<OidcProvider> all = iam.oidcProviders().list(caller.accountId());
        return xml -> {
            xml.start("OpenIDConnectProviderList");
            all.forEach(o -> xml.start("member").element("Arn", o.arn(iam.partition())).end());
            xml.end();
        };
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        String arn = arn(p);
        authorize(caller, "DeleteOpenIDConnectProvider", arn);
        String id = idIn(arn, caller);
        if (id != null) {
            iam.oidcProviders().delete(caller.accountId(), id, o -> { });
        }
        // IAM answers a delete of an absent provider with success, as its documentation shows.
        return ResultWriter.EMPTY;
    }

    ResultWriter addClientId(QueryParams p, Caller caller) {
        String clientId = clientId(p.string("ClientID", true, 1, 255, null));
        OidcProvider provider = provider(p, caller, "AddClientIDToOpenIDConnectProvider");
        iam.oidcProviders().update(caller.accountId(), provider.id(), o -> {
            if (o.clientIds().contains(clientId)) {
                return o;
            }
            if (o.clientIds().size() >= MAX_CLIENT_IDS) {
                throw limit("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
            }
            List<String> ids = new ArrayList<>(o.clientIds());
            ids.add(clientId);
            return o.withClientIds(ids);
        }).orElseThrow(() -> noSuchProvider(arn(p)));
        return ResultWriter.EMPTY;
    }

    ResultWriter removeClientId(QueryParams p, Caller caller) {
        String clientId = clientId(p.string("ClientID", true, 1, 255, null));
        OidcProvider provider = provider(p, caller, "RemoveClientIDFromOpenIDConnectProvider");
        iam.oidcProviders().update(caller.accountId(), provider.id(), o -> o.withClientIds(
                o.clientIds().stream().filter(c -> !c.equals(clientId)).toList()))
                .orElseThrow(() -> noSuchProvider(arn(p)));
        return ResultWriter.EMPTY;
    }

    ResultWriter updateThumbprints(QueryParams p, Caller caller) {
        List<String> thumbprints = thumbprints(p.list("ThumbprintList", MAX_THUMBPRINTS + 1));
        if (thumbprints.isEmpty()) {
            p.required("ThumbprintList.member.1");
        }
        OidcProvider provider = provider(p, caller, "UpdateOpenIDConnectProviderThumbprint");
        iam.oidcProviders().update(caller.accountId(), provider.id(), o -> o.withThumbprints(thumbprints))
                .orElseThrow(() -> noSuchProvider(arn(p)));
        return ResultWriter.EMPTY;
    }

    ResultWriter tag(QueryParams p, Caller caller) {
        Map<String, String> tags = tags(p, 50);
        if (tags.isEmpty()) {
            p.required("Tags.member.1.Key");
        }
        OidcProvider provider = provider(p, caller, "TagOpenIDConnectProvider", requestContext(tags, null));
        iam.oidcProviders().update(caller.accountId(), provider.id(), o -> {
            Map<String, String> merged = Tags.merge(o.tags(), tags);
            checkTagQuota(merged);
            return o.withTags(merged);
        }).orElseThrow(() -> noSuchProvider(arn(p)));
        return ResultWriter.EMPTY;
    }

    ResultWriter untag(QueryParams p, Caller caller) {
        List<String> keys = tagKeys(p);
        OidcProvider provider = provider(p, caller, "UntagOpenIDConnectProvider");
        iam.oidcProviders().update(caller.accountId(), provider.id(), o -> o.withTags(Tags.remove(o.tags(), keys)))
                .orElseThrow(() -> noSuchProvider(arn(p)));
        return ResultWriter.EMPTY;
    }

    ResultWriter listTags(QueryParams p, Caller caller) {
        OidcProvider provider = provider(p, caller, "ListOpenIDConnectProviderTags");
        return tagPage(provider.tags(), p);
    }

    // ---------------------------------------------------------------- helpers

    private OidcProvider provider(QueryParams p, Caller caller, String action) {
        return provider(p, caller, action, Map.of());
    }

    /** Authorizes {@code action} on the ARN, then finds the provider it names in the caller's account. */
    private OidcProvider provider(QueryParams p, Caller caller, String action, Map<String, List<String>> context) {
        String arn = arn(p);
        authorize(caller, action, arn, context);
        String id = idIn(arn, caller);
        return (id == null ? java.util.Optional.<OidcProvider>empty()
                : iam.oidcProviders().find(caller.accountId(), id)).orElseThrow(() -> noSuchProvider(arn));
    }

    private static String arn(QueryParams p) {
        String arn = p.string("OpenIDConnectProviderArn", true, 20, 2048, null);
        validateArn(arn, "openIDConnectProviderArn");
        return arn;
    }

    /** The provider id an ARN names in the caller's account and partition, or null when it names none there. */
    private String idIn(String arn, Caller caller) {
        String prefix = arnPrefix(caller);
        if (!arn.startsWith(prefix.substring(0, prefix.length() - 1) + ARN_MARKER)) {
            return null;
        }
        return arn.substring(prefix.length() - 1 + ARN_MARKER.length());
    }

    private static List<String> clientIds(List<String> given) {
        if (given.size() > MAX_CLIENT_IDS) {
            throw limit("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS);
        }
        List<String> out = new ArrayList<>();
        for (String id : given) {
            clientId(id);
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static String clientId(String id) {
        if (id.isEmpty() || id.length() > 255) {
            throw QueryParams.constraint("clientIDList.member", id,
                    "Member must have length between 1 and 255");
        }
        return id;
    }

    private static List<String> thumbprints(List<String> given) {
        if (given.size() > MAX_THUMBPRINTS) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "Thumbprint list must contain fewer than " + (MAX_THUMBPRINTS + 1) + " entries.");
        }
        List<String> out = new ArrayList<>();
        for (String t : given) {
            if (!THUMBPRINT.matcher(t).matches()) {
                throw QueryParams.constraint("thumbprintList.member", t,
                        "Member must be 40 hexadecimal characters (the SHA-1 thumbprint of a certificate)");
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (!out.contains(lower)) {
                out.add(lower);
            }
        }
        return out;
    }

    static EntityException noSuchProvider(String arn) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "OpenIDConnect Provider not found for arn " + echo(arn));
    }
}
