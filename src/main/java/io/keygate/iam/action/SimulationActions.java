package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.auth.CompiledPolicies;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.User;
import io.keygate.policy.Decision;
import io.keygate.policy.EvalDecision;
import io.keygate.policy.LayerResult;
import io.keygate.policy.MatchedStatement;
import io.keygate.policy.Policies;
import io.keygate.policy.Policy;
import io.keygate.policy.PolicyEvaluator;
import io.keygate.policy.PolicyLayer;
import io.keygate.policy.PolicyType;
import io.keygate.policy.Principal;
import io.keygate.policy.PrincipalType;
import io.keygate.policy.Statement;
import io.keygate.policy.condition.Condition;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;
import io.keygate.protocol.query.XmlWriter;

/**
 * IAM's policy simulator: {@code SimulatePrincipalPolicy} (the policies of a user — its groups' included — group or
 * role, plus {@code PolicyInputList}), {@code SimulateCustomPolicy} (only the documents given), and
 * {@code GetContextKeysForPrincipalPolicy}/{@code GetContextKeysForCustomPolicy}. Request and response shapes follow
 * the IAM API reference; results are one {@code EvaluationResults} member per action × resource, paged with
 * {@code MaxItems}/{@code Marker}. Principal keys ({@code aws:username}, {@code aws:userid}, {@code aws:PrincipalArn},
 * …) are those of the simulated caller ({@code CallerArn}, else the source user or role); {@code ContextEntries}
 * supply the rest and win over them, as in the simulator. Statement positions are not reported.
 */
public final class SimulationActions extends IamSupport {

    static final int MAX_ACTIONS = 100;
    static final int MAX_RESOURCES = 100;
    static final int MAX_POLICIES = 20;
    static final int MAX_ENTRIES = 100;
    static final int MAX_DOCUMENT = 131_072;
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9-]{1,64}:[A-Za-z0-9*?_-]{1,128}");
    private static final Pattern CONTEXT_KEY = Pattern.compile("[A-Za-z0-9_.:/@+=,*-]{5,256}");
    private static final Pattern RESOURCE = Pattern.compile("\\*|arn:[\\x21-\\x7e]+");
    private static final Pattern ANY = Pattern.compile("[\\s\\S]*");
    private static final Pattern MARKER = Pattern.compile("\\d{1,6}");
    private static final List<String> KEY_TYPES = List.of("string", "stringList", "numeric", "numericList",
            "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");

    private final PrincipalPolicies principals;
    private final CompiledPolicies compiled;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    public SimulationActions(IamContext iam, PrincipalPolicies principals, CompiledPolicies compiled) {
        super(iam);
        this.principals = principals;
        this.compiled = compiled;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("SimulatePrincipalPolicy", this::simulatePrincipal),
                new IamAction("SimulateCustomPolicy", this::simulateCustom),
                new IamAction("GetContextKeysForPrincipalPolicy", this::contextKeysForPrincipal),
                new IamAction("GetContextKeysForCustomPolicy", this::contextKeysForCustom));
    }

    /** The entity a {@code PolicySourceArn} names, with what applies to it. */
    private record SourceEntity(String kind, String arn, String name, PrincipalPolicies.Applicable applicable) {
    }

    ResultWriter simulatePrincipal(QueryParams p, Caller caller) {
        String sourceArn = p.string("PolicySourceArn", true, 20, 2048, null);
        authorize(caller, "SimulatePrincipalPolicy", sourceArn);
        SourceEntity source = sourceEntity(caller, sourceArn);
        PolicySimulator simulator = new PolicySimulator(compiled, evaluator, iam.clock());
        source.applicable().identity().forEach(simulator::storedIdentity);
        source.applicable().boundary().ifPresent(simulator::storedBoundary);
        inputs(p, simulator);
        Principal principal;
        Map<String, String> keys;
        Optional<User> callerUser = callerUser(p, caller);
        String resourcePolicy = resourcePolicy(p);
        if (callerUser.isPresent()) {
            principal = Principal.user(callerUser.get().arn(iam.partition()), callerUser.get().userId());
            keys = principalKeys(principal, source.applicable().tags());
        } else if (source.kind().equals("user")) {
            principal = Principal.user(source.arn(), source.applicable().uniqueId());
            keys = principalKeys(principal, source.applicable().tags());
        } else if (source.kind().equals("role")) {
            principal = Principal.assumedRole(source.arn(), source.applicable().uniqueId(), "SimulatedSession");
            keys = principalKeys(principal, source.applicable().tags());
        } else {
            if (resourcePolicy != null) {
                throw invalid("CallerArn is required when ResourcePolicy is given and PolicySourceArn is not a user.");
            }
            principal = anonymousUser(caller);
            keys = Map.of();
        }
        return simulate(p, caller, simulator, principal, keys, resourcePolicy);
    }

    ResultWriter simulateCustom(QueryParams p, Caller caller) {
        authorize(caller, "SimulateCustomPolicy", "*");
        PolicySimulator simulator = new PolicySimulator(compiled, evaluator, iam.clock());
        if (p.raw("PolicyInputList.member.1") == null) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter PolicyInputList");
        }
        inputs(p, simulator);
        String resourcePolicy = resourcePolicy(p);
        Optional<User> callerUser = callerUser(p, caller);
        Principal principal = callerUser.map(u -> Principal.user(u.arn(iam.partition()), u.userId()))
                .orElseGet(() -> anonymousUser(caller));
        Map<String, String> keys = callerUser.isPresent() ? principalKeys(principal, Map.of()) : Map.of();
        if (resourcePolicy != null && callerUser.isEmpty()) {
            throw invalid("CallerArn is required when ResourcePolicy is given.");
        }
        return simulate(p, caller, simulator, principal, keys, resourcePolicy);
    }

    ResultWriter contextKeysForPrincipal(QueryParams p, Caller caller) {
        String sourceArn = p.string("PolicySourceArn", true, 20, 2048, null);
        authorize(caller, "GetContextKeysForPrincipalPolicy", sourceArn);
        SourceEntity source = sourceEntity(caller, sourceArn);
        List<Policy> policies = new ArrayList<>();
        source.applicable().identity().forEach(s -> policies.add(compiled.compile(s)));
        source.applicable().boundary().ifPresent(b -> policies.add(compiled.compile(b)));
        List<String> documents = documents(p, "PolicyInputList", false);
        for (int i = 0; i < documents.size(); i++) {
            policies.add(Policies.parse("PolicyInputList." + (i + 1), documents.get(i),
                    PolicyType.IDENTITY_INLINE_ROLE));
        }
        return contextKeys(policies);
    }

    ResultWriter contextKeysForCustom(QueryParams p, Caller caller) {
        authorize(caller, "GetContextKeysForCustomPolicy", "*");
        List<String> documents = documents(p, "PolicyInputList", true);
        List<Policy> policies = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            policies.add(Policies.parse("PolicyInputList." + (i + 1), documents.get(i),
                    PolicyType.IDENTITY_INLINE_ROLE));
        }
        return contextKeys(policies);
    }

    // ---------------------------------------------------------------- shared steps

    private ResultWriter simulate(QueryParams p, Caller caller, PolicySimulator simulator, Principal principal,
                                  Map<String, String> principalKeys, String resourcePolicy) {
        List<String> actions = p.list("ActionNames", MAX_ACTIONS);
        if (actions.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter ActionNames");
        }
        actions.forEach(a -> check("actionNames.member", a, 3, 128, ACTION));
        List<String> resources = p.list("ResourceArns", MAX_RESOURCES);
        resources.forEach(r -> check("resourceArns.member", r, 1, 2048, RESOURCE));
        if (resources.isEmpty()) {
            resources = List.of("*");
        }
        simulator.resourcePolicy(resourcePolicy, resourceOwner(p, caller));
        Map<String, Boolean> multiValued = new LinkedHashMap<>();
        Map<String, List<String>> entries = contextEntries(p, multiValued);
        int max = p.integer("MaxItems", 1, 1000, 100);
        String marker = p.string("Marker", false, 1, 6, MARKER);
        List<PolicySimulator.Result> all = simulator.run(principal, principalKeys, actions, resources, entries,
                multiValued);
        int from = marker == null ? 0 : Integer.parseInt(marker);
        if (from > all.size()) {
            throw invalid("Marker " + marker + " is not a marker this simulation returned.");
        }
        int to = Math.min(all.size(), from + max);
        List<PolicySimulator.Result> page = all.subList(from, to);
        boolean truncated = to < all.size();
        return xml -> {
            xml.start("EvaluationResults");
            for (PolicySimulator.Result r : page) {
                writeResult(xml, r, simulator);
            }
            xml.end();
            xml.element("IsTruncated", truncated);
            if (truncated) {
                xml.element("Marker", Integer.toString(to));
            }
        };
    }

    private static void writeResult(XmlWriter xml, PolicySimulator.Result r,
                                    PolicySimulator simulator) {
        Decision d = r.decision();
        xml.start("member")
                .element("EvalActionName", r.action())
                .element("EvalResourceName", r.resource())
                .element("EvalDecision", d.effect().wireName());
        xml.start("MatchedStatements");
        for (MatchedStatement m : d.matchedStatements()) {
            PolicySimulator.Source s = simulator.source(m.policyId());
            xml.start("member").element("SourcePolicyId", s.id()).element("SourcePolicyType", s.type()).end();
        }
        xml.end();
        xml.start("MissingContextValues");
        d.missingContextKeys().stream().sorted(String.CASE_INSENSITIVE_ORDER).forEach(k -> xml.element("member", k));
        xml.end();
        if (simulator.hasResourcePolicy()) {
            xml.start("EvalDecisionDetails");
            entry(xml, "IAM Policy", d.layers().get(PolicyLayer.IDENTITY));
            entry(xml, "Resource Policy", d.layers().get(PolicyLayer.RESOURCE));
            xml.end();
        }
        if (simulator.hasBoundary()) {
            boolean allowed = d.boundaryDecision().map(b -> b.decision() == EvalDecision.ALLOW)
                    .orElse(false);
            xml.start("PermissionsBoundaryDecisionDetail").element("AllowedByPermissionsBoundary", allowed).end();
        }
        xml.end();
    }

    private static void entry(XmlWriter xml, String key, LayerResult layer) {
        if (layer != null) {
            xml.start("entry").element("key", key).element("value", layer.decision().wireName()).end();
        }
    }

    private static ResultWriter contextKeys(List<Policy> policies) {
        Map<String, String> keys = new TreeMap<>();
        for (Policy policy : policies) {
            for (Statement st : policy.statements()) {
                for (Condition c : st.conditions()) {
                    keys.putIfAbsent(c.key().toLowerCase(Locale.ROOT), c.key());
                }
            }
        }
        return xml -> {
            xml.start("ContextKeyNames");
            keys.values().forEach(k -> xml.element("member", k));
            xml.end();
        };
    }

    private SourceEntity sourceEntity(Caller caller, String arn) {
        String prefix = arnPrefix(caller);
        Optional<PrincipalPolicies.Applicable> found = Optional.empty();
        String kind = null;
        String name = null;
        if (arn.startsWith(prefix)) {
            String rest = arn.substring(prefix.length());
            name = rest.substring(rest.lastIndexOf('/') + 1);
            if (rest.startsWith("user/")) {
                kind = "user";
                found = principals.forUser(caller.accountId(), name);
            } else if (rest.startsWith("group/")) {
                kind = "group";
                found = principals.forGroup(caller.accountId(), name);
            } else if (rest.startsWith("role/")) {
                kind = "role";
                found = principals.forRole(caller.accountId(), name);
            }
        }
        if (kind == null) {
            throw invalid("PolicySourceArn must be the ARN of a user, group or role of account "
                    + caller.accountId() + ".");
        }
        PrincipalPolicies.Applicable applicable = found.filter(a -> a.principalArn().equals(arn))
                .orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                        "PolicySourceArn " + echo(arn) + " does not exist."));
        return new SourceEntity(kind, arn, name, applicable);
    }

    private void inputs(QueryParams p, PolicySimulator simulator) {
        List<String> documents = documents(p, "PolicyInputList", false);
        for (int i = 0; i < documents.size(); i++) {
            simulator.inputIdentity(i + 1, documents.get(i));
        }
        List<String> boundaries = documents(p, "PermissionsBoundaryPolicyInputList", false);
        if (boundaries.size() > 1) {
            throw invalid("PermissionsBoundaryPolicyInputList can hold one policy.");
        }
        boundaries.forEach(simulator::inputBoundary);
    }

    private static List<String> documents(QueryParams p, String name, boolean required) {
        List<String> documents = p.list(name, MAX_POLICIES);
        if (required && documents.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter " + name);
        }
        documents.forEach(d -> check(QueryParams.echo(name) + ".member", d, 1, MAX_DOCUMENT, POLICY_DOCUMENT));
        return documents;
    }

    private static String resourcePolicy(QueryParams p) {
        return p.string("ResourcePolicy", false, 1, MAX_DOCUMENT, POLICY_DOCUMENT);
    }

    /** {@code ResourceOwner}: an account id or an ARN naming one; the caller's account by default. */
    private static String resourceOwner(QueryParams p, Caller caller) {
        String owner = p.string("ResourceOwner", false, 1, 2048, null);
        if (owner == null) {
            return caller.accountId();
        }
        if (owner.matches("\\d{12}")) {
            return owner;
        }
        String[] parts = owner.split(":", 6);
        if (parts.length == 6 && parts[0].equals("arn") && parts[4].matches("\\d{12}")) {
            return parts[4];
        }
        throw invalid("ResourceOwner must be an account id or an ARN that names one.");
    }

    /** {@code CallerArn}: an IAM user of the caller's account. */
    private Optional<User> callerUser(QueryParams p, Caller caller) {
        String arn = p.string("CallerArn", false, 1, 2048, null);
        if (arn == null) {
            return Optional.empty();
        }
        String prefix = arnPrefix(caller) + "user/";
        if (!arn.startsWith(prefix)) {
            throw invalid("CallerArn must be the ARN of an IAM user of account " + caller.accountId() + ".");
        }
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        return Optional.of(iam.users().find(caller.accountId(), name)
                .filter(u -> u.arn(iam.partition()).equals(arn))
                .orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                        "CallerArn " + echo(arn) + " does not exist.")));
    }

    /** A caller about whom nothing is known: its principal keys must come from ContextEntries. */
    private Principal anonymousUser(Caller caller) {
        return new Principal(PrincipalType.USER, arnPrefix(caller) + "user/", caller.accountId(), "", null, null,
                null);
    }

    private static Map<String, String> principalKeys(Principal principal, Map<String, String> tags) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("aws:userid", principal.userId());
        if (principal.username() != null) {
            keys.put("aws:username", principal.username());
        }
        keys.put("aws:PrincipalArn", principal.principalArn());
        keys.put("aws:PrincipalAccount", principal.account());
        tags.forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, v));
        return keys;
    }

    /** {@code ContextEntries.member.N.{ContextKeyName, ContextKeyType, ContextKeyValues.member.M}}. */
    private static Map<String, List<String>> contextEntries(QueryParams p, Map<String, Boolean> multiValued) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map<String, String> entry : p.structList("ContextEntries", MAX_ENTRIES)) {
            String key = entry.get("ContextKeyName");
            if (key == null) {
                throw new InvalidInputException(AwsErrorCode.MissingParameter,
                        "The request must contain the parameter ContextEntries.member.N.ContextKeyName");
            }
            check("contextEntries.member.contextKeyName", key, 5, 256, CONTEXT_KEY);
            String type = entry.getOrDefault("ContextKeyType", "string");
            if (!KEY_TYPES.contains(type)) {
                throw QueryParams.constraint("ContextEntries.member.ContextKeyType", type,
                        "Member must satisfy enum value set: " + KEY_TYPES);
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; entry.containsKey("ContextKeyValues.member." + i); i++) {
                values.add(entry.get("ContextKeyValues.member." + i));
            }
            long declared = entry.keySet().stream().filter(k -> k.startsWith("ContextKeyValues.member.")).count();
            if (declared != values.size() || values.size() > 100) {
                throw invalid("ContextKeyValues must be numbered from 1 without gaps, at most 100 values.");
            }
            boolean list = type.endsWith("List");
            if (values.isEmpty() && !list || values.size() > 1 && !list) {
                throw invalid("Context key " + key + " of type " + type + " takes exactly one value.");
            }
            values.forEach(v -> check("contextEntries.member.contextKeyValues.member", v, 0, 1024,
                    ANY));
            out.put(key, values);
            multiValued.put(key, list);
        }
        return out;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(AwsErrorCode.InvalidInput, message);
    }
}
