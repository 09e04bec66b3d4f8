package io.keygate.pool;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.OidcProviderRepository;

/**
 * The signed administration operations of identity pools (Cognito Identity API 2014-06-30): Create, Describe,
 * Update, List and DeleteIdentityPool, Set/GetIdentityPoolRoles, ListIdentities, DescribeIdentity,
 * DeleteIdentities and the pool's tags. Each authorizes {@code cognito-identity:<Op>} on the pool's ARN (or
 * {@code *} for Create and List) through the policy engine, and sees only the caller's account: a pool of another
 * account is {@code ResourceNotFoundException}, as an absent one. Login providers are the OIDC providers registered
 * in the account, named by their id ({@code host/path} of the issuer URL). Thread-safe.
 */
public final class IdentityPoolAdmin {

    static final Pattern POOL_NAME = Pattern.compile("[\\w\\s+=,.@-]+");
    static final Pattern POOL_ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");
    static final Pattern PROVIDER_ID = Pattern.compile("[\\w.;_/-]+");
    static final Pattern DEVELOPER = Pattern.compile("[\\w._-]+");
    static final Pattern ROLE_TYPE = Pattern.compile("(un)?authenticated");
    static final Pattern ROLE_ARN = Pattern.compile("arn:[a-z-]+:iam::\\d{12}:role/[\\x21-\\x7e]+");
    static final Pattern OIDC_ARN = Pattern.compile("arn:[a-z-]+:iam::(\\d{12}):oidc-provider/(.+)");
    /** Pools per account, as AWS's default quota. */
    static final int MAX_POOLS = 1000;
    static final int MAX_TAGS = 50;

    private final IdentityPoolRepository pools;
    private final OidcProviderRepository providers;
    private final Authorizer authorizer;
    private final Clock clock;

    public IdentityPoolAdmin(IdentityPoolRepository pools, OidcProviderRepository providers, Authorizer authorizer,
                             Clock clock) {
        this.pools = pools;
        this.providers = providers;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    public List<PoolOperation> operations() {
        return List.of(
                new PoolOperation("CreateIdentityPool", true, this::create),
                new PoolOperation("DescribeIdentityPool", true, this::describe),
                new PoolOperation("UpdateIdentityPool", true, this::update),
                new PoolOperation("ListIdentityPools", true, this::list),
                new PoolOperation("DeleteIdentityPool", true, this::delete),
                new PoolOperation("SetIdentityPoolRoles", true, this::setRoles),
                new PoolOperation("GetIdentityPoolRoles", true, this::getRoles),
                new PoolOperation("ListIdentities", true, this::listIdentities),
                new PoolOperation("DescribeIdentity", true, this::describeIdentity),
                new PoolOperation("DeleteIdentities", true, this::deleteIdentities),
                new PoolOperation("TagResource", true, this::tag),
                new PoolOperation("UntagResource", true, this::untag),
                new PoolOperation("ListTagsForResource", true, this::listTags));
    }

    // ------------------------------------------------------------------ pools

    private ObjectNode create(PoolRequest in, Caller caller) {
        String name = in.string("IdentityPoolName", true, 1, 128, POOL_NAME);
        boolean unauthenticated = in.bool("AllowUnauthenticatedIdentities", true);
        Configuration config = configuration(in, caller.accountId());
        authorizer.authorize(caller, "cognito-identity:CreateIdentityPool", "*", tagContext(config.tags()));
        if (pools.list(caller.accountId()).size() >= MAX_POOLS) {
            throw new EntityException(AwsErrorCode.LimitExceededException, "The account has " + MAX_POOLS
                    + " identity pools, the most it may have.");
        }
        String id = caller.region() + ":" + UUID.randomUUID();
        IdentityPool pool = new IdentityPool(caller.accountId(), id, name, unauthenticated, config.classic(),
                config.providers(), config.developer(), config.oidcArns(), config.tags(), Map.of(), Map.of(),
                clock.instant(), Map.of());
        if (!pools.create(pool)) {
            throw new EntityException(AwsErrorCode.ResourceConflictException, "An identity pool with the id " + id
                    + " exists.");
        }
        return poolJson(pool);
    }

    private ObjectNode describe(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "DescribeIdentityPool");
        return poolJson(pool);
    }

    private ObjectNode update(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "UpdateIdentityPool");
        String name = in.string("IdentityPoolName", true, 1, 128, POOL_NAME);
        boolean unauthenticated = in.bool("AllowUnauthenticatedIdentities", true);
        Configuration config = configuration(in, caller.accountId());
        IdentityPool updated = pools.update(pool.identityPoolId(), p -> {
            if (p.developerProviderName() != null && !p.developerProviderName().equals(config.developer())) {
                throw PoolRequest.invalid("The developer provider name of an identity pool cannot be changed "
                        + "once set.");
            }
            return p.withConfiguration(name, unauthenticated, config.classic(), config.providers(),
                    config.developer(), config.oidcArns(), in.has("IdentityPoolTags") ? config.tags() : p.tags());
        }).orElseThrow(() -> notFound(pool.identityPoolId()));
        return poolJson(updated);
    }

    private ObjectNode list(PoolRequest in, Caller caller) {
        int max = in.integer("MaxResults", true, 1, 60);
        String next = in.string("NextToken", false, 1, 65535, null);
        authorizer.authorize(caller, "cognito-identity:ListIdentityPools", "*");
        String after = next == null ? null : decodeToken(next);
        List<IdentityPool> all = pools.list(caller.accountId());
        ObjectNode out = PoolDispatcher.JSON.createObjectNode();
        ArrayNode items = out.putArray("IdentityPools");
        int count = 0;
        for (IdentityPool p : all) {
            if (after != null && p.identityPoolId().compareTo(after) <= 0) {
                continue;
            }
            if (count == max) {
                out.put("NextToken", encodeToken(items.get(items.size() - 1).get("IdentityPoolId").asText()));
                break;
            }
            items.addObject().put("IdentityPoolId", p.identityPoolId()).put("IdentityPoolName", p.identityPoolName());
            count++;
        }
        return out;
    }

    private ObjectNode delete(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "DeleteIdentityPool");
        pools.delete(pool.identityPoolId());
        return PoolDispatcher.JSON.createObjectNode();
    }

    // ------------------------------------------------------------------ roles

    private ObjectNode setRoles(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "SetIdentityPoolRoles");
        Map<String, String> roles = in.stringMap("Roles", true, 2, 1, 128, ROLE_TYPE, 20, 2048, null);
        roles.forEach((type, arn) -> {
            if (!ROLE_ARN.matcher(arn).matches()) {
                throw PoolRequest.invalid("Invalid " + type + " role ARN: " + PoolRequest.echo(arn));
            }
        });
        Map<String, RoleMapping> mappings = roleMappings(in.node("RoleMappings"), pool);
        IdentityPool updated = pools.update(pool.identityPoolId(), p -> p.withRoles(roles, mappings))
                .orElseThrow(() -> notFound(pool.identityPoolId()));
        return PoolDispatcher.JSON.createObjectNode();
    }

    private ObjectNode getRoles(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "GetIdentityPoolRoles");
        ObjectNode out = PoolDispatcher.JSON.createObjectNode().put("IdentityPoolId", pool.identityPoolId());
        ObjectNode roles = out.putObject("Roles");
        pool.roles().forEach(roles::put);
        if (!pool.roleMappings().isEmpty()) {
            ObjectNode mappings = out.putObject("RoleMappings");
            pool.roleMappings().forEach((provider, m) -> {
                ObjectNode node = mappings.putObject(provider).put("Type", m.type());
                if (m.ambiguousRoleResolution() != null) {
                    node.put("AmbiguousRoleResolution", m.ambiguousRoleResolution());
                }
                if (m.type().equals("Rules")) {
                    ArrayNode rules = node.putObject("RulesConfiguration").putArray("Rules");
                    m.rules().forEach(r -> rules.addObject().put("Claim", r.claim()).put("MatchType", r.matchType())
                            .put("Value", r.value()).put("RoleARN", r.roleArn()));
                }
            });
        }
        return out;
    }

    /** RoleMappings: keyed by a login provider of the pool; Token or Rules, with AmbiguousRoleResolution. */
    private static Map<String, RoleMapping> roleMappings(JsonNode node, IdentityPool pool) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject() || node.size() > 10) {
            throw PoolRequest.invalid("RoleMappings must be a map of at most 10 entries.");
        }
        Map<String, RoleMapping> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String provider = e.getKey();
            if (!pool.supportedLoginProviders().containsKey(provider) && !oidcIds(pool).contains(provider)) {
                throw PoolRequest.invalid("Role mapping for " + PoolRequest.echo(provider) + " names no login "
                        + "provider of the identity pool.");
            }
            PoolRequest m = new PoolRequest(object(e.getValue(), "RoleMappings." + provider));
            String type = m.string("Type", true, 1, 16, Pattern.compile("Token|Rules"));
            String ambiguous = m.string("AmbiguousRoleResolution", false, 1, 32,
                    Pattern.compile("AuthenticatedRole|Deny"));
            if (ambiguous == null) {
                throw PoolRequest.invalid("AmbiguousRoleResolution must be specified for Token or Rules role "
                        + "mapping type.");
            }
            List<RoleMapping.Rule> rules = new ArrayList<>();
            if (type.equals("Rules")) {
                JsonNode config = m.node("RulesConfiguration");
                JsonNode list = config == null ? null : config.get("Rules");
                if (list == null || !list.isArray() || list.isEmpty() || list.size() > 400) {
                    throw PoolRequest.invalid("RulesConfiguration must hold 1 to 400 Rules for a Rules role "
                            + "mapping.");
                }
                for (JsonNode r : list) {
                    PoolRequest rule = new PoolRequest(object(r, "Rules"));
                    String roleArn = rule.string("RoleARN", true, 20, 2048, ROLE_ARN);
                    rules.add(new RoleMapping.Rule(rule.string("Claim", true, 1, 64, null),
                            rule.string("MatchType", true, 1, 16,
                                    Pattern.compile("Equals|Contains|StartsWith|NotEqual")),
                            rule.string("Value", true, 1, 128, null), roleArn));
                }
            }
            out.put(provider, new RoleMapping(type, ambiguous, rules));
        }
        return out;
    }

    private static ObjectNode object(JsonNode node, String member) {
        if (!(node instanceof ObjectNode o)) {
            throw PoolRequest.invalid("The member " + member + " must be an object.");
        }
        return o;
    }

    // ------------------------------------------------------------------ identities

    private ObjectNode listIdentities(PoolRequest in, Caller caller) {
        IdentityPool pool = pool(in, caller, "ListIdentities");
        int max = in.integer("MaxResults", true, 1, 60);
        String next = in.string("NextToken", false, 1, 65535, null);
        in.bool("HideDisabled", false);
        String after = next == null ? null : decodeToken(next);
        ObjectNode out = PoolDispatcher.JSON.createObjectNode().put("IdentityPoolId", pool.identityPoolId());
        ArrayNode items = out.putArray("Identities");
        String last = null;
        for (PoolIdentity identity : pools.identities(pool.identityPoolId())) {
            if (after != null && identity.identityId().compareTo(after) <= 0) {
                continue;
            }
            if (items.size() == max) {
                out.put("NextToken", encodeToken(last));
                break;
            }
            items.add(identityJson(identity));
            last = identity.identityId();
        }
        return out;
    }

    private ObjectNode describeIdentity(PoolRequest in, Caller caller) {
        String id = in.string("IdentityId", true, 1, 55, POOL_ID);
        PoolIdentity identity = pools.identity(id).filter(i -> i.accountId().equals(caller.accountId()))
                .orElseThrow(() -> identityNotFound(id));
        IdentityPool pool = pools.find(identity.poolId()).orElseThrow(() -> identityNotFound(id));
        authorizer.authorize(caller, "cognito-identity:DescribeIdentity", pool.arn(caller.partition().id()));
        return identityJson(identity);
    }

    private ObjectNode deleteIdentities(PoolRequest in, Caller caller) {
        List<String> ids = in.stringList("IdentityIdsToDelete", true, 1, 60, 1, 55, POOL_ID);
        ObjectNode out = PoolDispatcher.JSON.createObjectNode();
        ArrayNode unprocessed = out.putArray("UnprocessedIdentityIds");
        for (String id : ids) {
            var identity = pools.identity(id).filter(i -> i.accountId().equals(caller.accountId()));
            var pool = identity.flatMap(i -> pools.find(i.poolId()));
            if (pool.isEmpty()) {
                continue; // nothing to delete, as AWS answers for unknown ids
            }
            try {
                authorizer.authorize(caller, "cognito-identity:DeleteIdentities", pool.get().arn(caller.partition()
                        .id()));
            } catch (io.keygate.error.AccessDeniedException e) {
                unprocessed.addObject().put("IdentityId", id).put("ErrorCode", "AccessDenied");
                continue;
            }
            pools.deleteIdentity(id);
        }
        return out;
    }

    static ObjectNode identityJson(PoolIdentity identity) {
        ObjectNode node = PoolDispatcher.JSON.createObjectNode().put("IdentityId", identity.identityId());
        ArrayNode logins = node.putArray("Logins");
        identity.logins().keySet().forEach(logins::add);
        if (!identity.developerUserIdentifiers().isEmpty()) {
            logins.add(DeveloperIdentities.LOGIN_NAME);
        }
        node.put("CreationDate", epoch(identity.created()));
        node.put("LastModifiedDate", epoch(identity.lastModified()));
        return node;
    }

    static double epoch(java.time.Instant t) {
        return t.toEpochMilli() / 1000.0;
    }

    // ------------------------------------------------------------------ tags

    private ObjectNode tag(PoolRequest in, Caller caller) {
        IdentityPool pool = poolByArn(in, caller, "TagResource");
        Map<String, String> tags = in.stringMap("Tags", true, MAX_TAGS, 1, 128, null, 0, 256, null);
        authorizer.authorize(caller, "cognito-identity:TagResource", pool.arn(caller.partition().id()),
                tagContext(tags));
        pools.update(pool.identityPoolId(), p -> {
            Map<String, String> merged = p.tagsWith(tags);
            if (merged.size() > MAX_TAGS) {
                throw PoolRequest.invalid("An identity pool has at most " + MAX_TAGS + " tags.");
            }
            return p.withTags(merged);
        });
        return PoolDispatcher.JSON.createObjectNode();
    }

    private ObjectNode untag(PoolRequest in, Caller caller) {
        IdentityPool pool = poolByArn(in, caller, "UntagResource");
        List<String> keys = in.stringList("TagKeys", true, 0, MAX_TAGS, 1, 128, null);
        authorizer.authorize(caller, "cognito-identity:UntagResource", pool.arn(caller.partition().id()));
        pools.update(pool.identityPoolId(), p -> {
            Map<String, String> left = new LinkedHashMap<>(p.tags());
            keys.forEach(left::remove);
            return p.withTags(left);
        });
        return PoolDispatcher.JSON.createObjectNode();
    }

    private ObjectNode listTags(PoolRequest in, Caller caller) {
        IdentityPool pool = poolByArn(in, caller, "ListTagsForResource");
        authorizer.authorize(caller, "cognito-identity:ListTagsForResource", pool.arn(caller.partition().id()));
        ObjectNode out = PoolDispatcher.JSON.createObjectNode();
        ObjectNode tags = out.putObject("Tags");
        pool.tags().forEach(tags::put);
        return out;
    }

    // ------------------------------------------------------------------ helpers

    /** The configuration members shared by Create and UpdateIdentityPool, checked against the account. */
    private record Configuration(boolean classic, Map<String, String> providers, String developer,
                                 List<String> oidcArns, Map<String, String> tags) {
    }

    private Configuration configuration(PoolRequest in, String account) {
        Boolean classic = in.bool("AllowClassicFlow", false);
        Map<String, String> logins = in.stringMap("SupportedLoginProviders", false, 10, 1, 128, null, 1, 128,
                PROVIDER_ID);
        for (String provider : logins.keySet()) {
            if (providers.find(account, provider).isEmpty()) {
                throw PoolRequest.invalid("Invalid login provider " + PoolRequest.echo(provider) + ": supported "
                        + "login providers are the OpenID Connect providers registered in the account, named by "
                        + "the host and path of their URL.");
            }
        }
        String developer = in.string("DeveloperProviderName", false, 1, 128, DEVELOPER);
        List<String> oidc = in.stringList("OpenIdConnectProviderARNs", false, 0, 100, 20, 2048, null);
        for (String arn : oidc) {
            Matcher m = OIDC_ARN.matcher(arn);
            if (!m.matches() || !m.group(1).equals(account) || providers.find(account, m.group(2)).isEmpty()) {
                throw PoolRequest.invalid("Invalid OpenIdConnectProviderARN " + PoolRequest.echo(arn)
                        + ": no OpenID Connect provider with this ARN in the account.");
            }
        }
        if (in.node("CognitoIdentityProviders") != null && !in.node("CognitoIdentityProviders").isEmpty()) {
            throw PoolRequest.invalid("CognitoIdentityProviders (user pools) are not supported by Keygate; "
                    + "register the user pool's issuer as an OpenID Connect provider instead.");
        }
        if (in.node("SamlProviderARNs") != null && !in.node("SamlProviderARNs").isEmpty()) {
            throw PoolRequest.invalid("SamlProviderARNs are not supported by Keygate identity pools yet.");
        }
        Map<String, String> tags = in.stringMap("IdentityPoolTags", false, MAX_TAGS, 1, 128, null, 0, 256, null);
        // UpdateIdentityPool replaces the configuration as AWS does: an omitted AllowClassicFlow is false.
        return new Configuration(classic != null && classic, logins, developer, oidc, tags);
    }

    /** The pool named by {@code IdentityPoolId}, in the caller's account, after authorizing the operation on it. */
    private IdentityPool pool(PoolRequest in, Caller caller, String operation) {
        String id = in.string("IdentityPoolId", true, 1, 55, POOL_ID);
        IdentityPool pool = pools.find(id).filter(p -> p.accountId().equals(caller.accountId()))
                .orElseThrow(() -> notFound(id));
        authorizer.authorize(caller, "cognito-identity:" + operation, pool.arn(caller.partition().id()));
        return pool;
    }

    private IdentityPool poolByArn(PoolRequest in, Caller caller, String operation) {
        String arn = in.string("ResourceArn", true, 20, 2048, null);
        int slash = arn.indexOf(":identitypool/");
        String id = slash < 0 ? "" : arn.substring(slash + ":identitypool/".length());
        return pools.find(id).filter(p -> p.accountId().equals(caller.accountId())
                        && p.arn(caller.partition().id()).equals(arn))
                .orElseThrow(() -> new EntityException(AwsErrorCode.ResourceNotFoundException,
                        "Resource " + PoolRequest.echo(arn) + " not found."));
    }

    static List<String> oidcIds(IdentityPool pool) {
        List<String> ids = new ArrayList<>();
        for (String arn : pool.openIdConnectProviderArns()) {
            Matcher m = OIDC_ARN.matcher(arn);
            if (m.matches()) {
                ids.add(m.group(2));
            }
        }
        return ids;
    }

    private static Map<String, List<String>> tagContext(Map<String, String> tags) {
        Map<String, List<String>> context = new LinkedHashMap<>();
        tags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
        if (!tags.isEmpty()) {
            context.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        return context;
    }

    static ObjectNode poolJson(IdentityPool pool) {
        ObjectNode out = PoolDispatcher.JSON.createObjectNode()
                .put("IdentityPoolId", pool.identityPoolId())
                .put("IdentityPoolName", pool.identityPoolName())
                .put("AllowUnauthenticatedIdentities", pool.allowUnauthenticatedIdentities())
                .put("AllowClassicFlow", pool.allowClassicFlow());
        ObjectNode logins = out.putObject("SupportedLoginProviders");
        pool.supportedLoginProviders().forEach(logins::put);
        if (pool.developerProviderName() != null) {
            out.put("DeveloperProviderName", pool.developerProviderName());
        }
        ArrayNode oidc = out.putArray("OpenIdConnectProviderARNs");
        pool.openIdConnectProviderArns().forEach(oidc::add);
        out.putArray("CognitoIdentityProviders");
        out.putArray("SamlProviderARNs");
        ObjectNode tags = out.putObject("IdentityPoolTags");
        pool.tags().forEach(tags::put);
        return out;
    }

    static EntityException notFound(String poolId) {
        return new EntityException(AwsErrorCode.ResourceNotFoundException, "IdentityPool '"
                + PoolRequest.echo(poolId) + "' not found.");
    }

    static EntityException identityNotFound(String identityId) {
        return new EntityException(AwsErrorCode.ResourceNotFoundException, "Identity '"
                + PoolRequest.echo(identityId) + "' not found.");
    }

    private static String encodeToken(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw PoolRequest.invalid("The NextToken is not one Keygate issued.");
        }
    }
}
