package io.keygate.policy;

import io.keygate.error.InvalidInputException;
import io.keygate.policy.condition.Condition;
import io.keygate.policy.match.ArnPattern;
import io.keygate.policy.match.Glob;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Second stage: checks a parsed document against the IAM policy grammar for its {@link PolicyType} and compiles it.
 * Rejects with {@code MalformedPolicyDocument} whose message is AWS's text where AWS has one; where the problem is
 * and what exactly is wrong go apart into the error's location ({@code Statement[2].Action, line 7, column 19: …}).
 * Every statement is checked, so the location lists the first problem of each statement that has one, separated by
 * {@code "; "}; the message is that of the first. Stateless and thread-safe.
 */
final class PolicyValidator {

    private static final Set<String> TOP = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_KEYS = Set.of("AWS", "Federated", "Service", "CanonicalUser");
    private static final String SYNTAX = PolicyParser.SYNTAX;
    /** A location that gives the position only, AWS's message alone saying what is wrong. */
    private static final java.util.regex.Pattern POSITION_ONLY = java.util.regex.Pattern.compile(".*column \\d+");

    private PolicyValidator() {
    }

    static Policy validate(String id, String text, PolicyType type, JsonNode.Obj root) {
        for (JsonNode.Member m : root.members()) {
            if (!TOP.contains(m.name())) {
                throw fail(SYNTAX, "Unknown field " + m.name() + ".", m.name(), m.line(), m.column());
            }
        }
        String version = Policy.VERSION_2008;
        JsonNode.Member v = root.get("Version");
        if (v != null) {
            if (!(v.value() instanceof JsonNode.Str s)
                    || !(s.value().equals(Policy.VERSION_2012) || s.value().equals(Policy.VERSION_2008))) {
                throw fail("The policy failed legacy parsing", "Version must be 2012-10-17 or 2008-10-17.",
                        "Version", v.value());
            }
            version = s.value();
        }
        String documentId = null;
        JsonNode.Member idMember = root.get("Id");
        if (idMember != null) {
            if (!(idMember.value() instanceof JsonNode.Str s)) {
                throw fail(SYNTAX, "Id must be a string.", "Id", idMember.value());
            }
            documentId = s.value();
        }
        JsonNode.Member st = root.get("Statement");
        if (st == null) {
            throw fail("Missing required field Statement.", null, "Statement", root);
        }
        List<JsonNode> raw;
        if (st.value() instanceof JsonNode.Obj) {
            raw = List.of(st.value());
        } else if (st.value() instanceof JsonNode.Arr a) {
            raw = a.items();
        } else {
            throw fail(SYNTAX, "Statement must be an object or a list of objects.", "Statement", st.value());
        }
        boolean variables = version.equals(Policy.VERSION_2012);
        List<Statement> statements = new ArrayList<>(raw.size());
        Set<String> sids = new HashSet<>();
        List<InvalidInputException> problems = null; // only allocated for a document with problems
        for (int i = 0; i < raw.size(); i++) {
            JsonNode node = raw.get(i);
            try {
                if (!(node instanceof JsonNode.Obj obj)) {
                    throw fail(SYNTAX, "A statement must be an object.", at(i), node);
                }
                Statement s = statement(i, obj, type, variables);
                if (s.sid().isPresent() && !s.sid().get().isEmpty() && !sids.add(s.sid().get())) {
                    throw fail("Statement IDs (SID) in a single policy must be unique.", null, at(i) + ".Sid",
                            obj.get("Sid").value());
                }
                statements.add(s);
            } catch (InvalidInputException problem) {
                if (problems == null) {
                    problems = new ArrayList<>();
                }
                problems.add(problem);
            }
        }
        if (problems != null) {
            throw every(problems);
        }
        return new Policy(id, type, text, version, documentId, statements);
    }

    /**
     * One problem as it is; several as the first one's message with every location, each saying what is wrong (the
     * first one's message says it for the first when its location does not).
     */
    private static InvalidInputException every(List<InvalidInputException> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        StringBuilder locations = new StringBuilder();
        for (int i = 0; i < problems.size(); i++) {
            InvalidInputException p = problems.get(i);
            String location = p.location().orElse("");
            if (i > 0) {
                locations.append("; ");
            }
            locations.append(location);
            if (i > 0 && POSITION_ONLY.matcher(location).matches()) {
                locations.append(": ").append(p.getMessage());
            }
        }
        return PolicyParser.malformed(problems.get(0).getMessage(), locations.toString());
    }

    private static Statement statement(int index, JsonNode.Obj obj, PolicyType type, boolean variables) {
        // "Statement[3]", the prefix of every location in this statement, is only built for an error message.
        for (JsonNode.Member m : obj.members()) {
            if (!STATEMENT.contains(m.name())) {
                throw fail(SYNTAX, "Unknown field " + m.name() + ".", at(index) + "." + m.name(),
                        m.line(), m.column());
            }
        }
        String sid = null;
        if (obj.get("Sid") != null) {
            JsonNode n = obj.get("Sid").value();
            if (!(n instanceof JsonNode.Str s)) {
                throw fail(SYNTAX, "Sid must be a string.", at(index) + ".Sid", n);
            }
            sid = s.value();
            if (type != PolicyType.RESOURCE && !isAlphanumeric(sid)) {
                throw fail("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular "
                        + "expression [0-9A-Za-z]*", null, at(index) + ".Sid", n);
            }
        }
        JsonNode.Member eff = obj.get("Effect");
        if (eff == null) {
            throw fail("Missing required field Effect.", null, at(index), obj);
        }
        Effect effect = eff.value() instanceof JsonNode.Str s ? Effect.parse(s.value()) : null;
        if (effect == null) {
            throw fail("Invalid effect: " + text(eff.value()) + ". Effect must be Allow or Deny.", null,
                    at(index) + ".Effect", eff.value());
        }

        // Principal / NotPrincipal
        JsonNode.Member pr = obj.get("Principal");
        JsonNode.Member npr = obj.get("NotPrincipal");
        PrincipalMatcher principal = null;
        if (pr != null && npr != null) {
            throw fail(SYNTAX, "A statement can have Principal or NotPrincipal, not both.", at(index), obj);
        }
        JsonNode.Member pm = pr != null ? pr : npr;
        if (type.principalRequired()) {
            if (pm == null) {
                throw fail("Missing required field Principal.", null, at(index), obj);
            }
            principal = principal(pm.value(), at(index) + "." + pm.name());
        } else if (pm != null) {
            throw fail("Policy document should not specify a principal.", null, at(index) + "." + pm.name(),
                    pm.value());
        }

        // Action / NotAction
        JsonNode.Member ac = obj.get("Action");
        JsonNode.Member nac = obj.get("NotAction");
        if (ac != null && nac != null) {
            throw fail(SYNTAX, "A statement can have Action or NotAction, not both.", at(index), obj);
        }
        if (ac == null && nac == null) {
            throw fail("Policy statement must contain actions.", null, at(index), obj);
        }
        JsonNode.Member am = ac != null ? ac : nac;
        List<String> actionStrings = strings(am.value(), false);
        if (actionStrings == null) {
            throw notStrings(am.value(), at(index) + "." + am.name(), false);
        }
        if (actionStrings.isEmpty()) {
            throw fail("Policy statement must contain actions.", null, at(index) + "." + am.name(), am.value());
        }
        Glob[] actions = new Glob[actionStrings.size()];
        for (int i = 0; i < actions.length; i++) {
            String a = actionStrings.get(i);
            String problem = ElementChecks.action(a);
            if (problem == null && type == PolicyType.TRUST && !ElementChecks.trustAction(a)) {
                problem = ElementChecks.TRUST_ACTION_MESSAGE;
            }
            if (problem != null) {
                throw fail(problem, null, at(index) + "." + am.name() + "[" + i + "]", item(am.value(), i));
            }
            actions[i] = Glob.compile(a.toLowerCase(Locale.ROOT));
        }

        // Resource / NotResource
        JsonNode.Member rs = obj.get("Resource");
        JsonNode.Member nrs = obj.get("NotResource");
        if (rs != null && nrs != null) {
            throw fail(SYNTAX, "A statement can have Resource or NotResource, not both.", at(index), obj);
        }
        JsonNode.Member rm = rs != null ? rs : nrs;
        ArnPattern[] resources = null;
        if (!type.resourceRequired()) {
            if (rm != null) {
                throw fail("Has prohibited field " + rm.name() + ".", null, at(index) + "." + rm.name(),
                        rm.value());
            }
        } else {
            if (rm == null) {
                throw fail("Policy statement must contain resources.", null, at(index), obj);
            }
            List<String> rsStrings = strings(rm.value(), false);
            if (rsStrings == null) {
                throw notStrings(rm.value(), at(index) + "." + rm.name(), false);
            }
            if (rsStrings.isEmpty()) {
                throw fail("Policy statement must contain resources.", null, at(index) + "." + rm.name(),
                        rm.value());
            }
            resources = new ArnPattern[rsStrings.size()];
            for (int i = 0; i < resources.length; i++) {
                String r = rsStrings.get(i);
                if (!r.equals("*") && !r.startsWith("arn:")) {
                    throw fail("Resource " + r + " must be in ARN format or \"*\".", null,
                            at(index) + "." + rm.name() + "[" + i + "]", item(rm.value(), i));
                }
                String problem = r.equals("*") ? null : ElementChecks.resource(r);
                if (problem != null) {
                    throw fail(problem, null, at(index) + "." + rm.name() + "[" + i + "]", item(rm.value(), i));
                }
                resources[i] = ArnPattern.compile(r, variables);
            }
        }

        // Condition
        List<Condition> conditions = new ArrayList<>();
        JsonNode.Member cm = obj.get("Condition");
        if (cm != null) {
            if (!(cm.value() instanceof JsonNode.Obj ops)) {
                throw fail(SYNTAX, "Condition must be an object.", at(index) + ".Condition", cm.value());
            }
            // Locations such as "Statement[3].Condition.IpAddress.aws:SourceIp" are built only for a message.
            for (JsonNode.Member op : ops.members()) {
                if (!(op.value() instanceof JsonNode.Obj keys)) {
                    throw fail(SYNTAX, "A condition operator must map keys to values.",
                            at(index) + ".Condition." + op.name(), op.value());
                }
                // IAM accepts an operator block without keys ({"DateGreaterThan": {}}) and keys without a vendor
                // prefix: such a block constrains nothing, and such a key is simply absent from every request.
                for (JsonNode.Member key : keys.members()) {
                    List<String> values = strings(key.value(), true);
                    if (values == null) {
                        throw notStrings(key.value(), at(index) + ".Condition." + op.name() + "." + key.name(), true);
                    }
                    try {
                        conditions.add(Condition.compile(op.name(), key.name(), values, variables));
                    } catch (IllegalArgumentException e) {
                        throw fail(e.getMessage(), null, at(index) + ".Condition." + op.name() + "." + key.name(),
                                key.line(), key.column());
                    }
                }
            }
        }
        // An exactly sized array: toArray then copies, where toArray(Condition[]::new) may go through reflection.
        Condition[] compiled = conditions.toArray(new Condition[conditions.size()]);
        return new Statement(index, sid, effect, principal, npr != null, actions, nac != null, resources,
                nrs != null, compiled);
    }

    private static String at(int statementIndex) {
        return "Statement[" + statementIndex + "]";
    }

    private static PrincipalMatcher principal(JsonNode node, String at) {
        Set<String> accounts = new HashSet<>();
        Set<String> arns = new HashSet<>();
        Set<String> federated = new HashSet<>();
        Set<String> services = new HashSet<>();
        Set<String> canonical = new HashSet<>();
        boolean any = false;
        if (node instanceof JsonNode.Str s) {
            if (!s.value().equals("*")) {
                throw fail("Invalid principal in policy: \"" + s.value() + "\"", null, at, node);
            }
            return new PrincipalMatcher(true, accounts, arns, federated, services, canonical);
        }
        if (!(node instanceof JsonNode.Obj obj) || obj.members().isEmpty()) {
            throw fail("Invalid principal in policy.", null, at, node);
        }
        for (JsonNode.Member m : obj.members()) {
            String where = at + "." + m.name();
            if (!PRINCIPAL_KEYS.contains(m.name())) {
                throw fail("Invalid principal in policy.", "Unknown principal type " + m.name() + ".", where,
                        m.line(), m.column());
            }
            List<String> values = strings(m.value(), false);
            if (values == null) {
                throw notStrings(m.value(), where, false);
            }
            if (values.isEmpty()) {
                throw fail("Invalid principal in policy.", null, where, m.value());
            }
            for (int i = 0; i < values.size(); i++) {
                String v = values.get(i);
                if (v.isEmpty() || (v.indexOf('*') >= 0 || v.indexOf('?') >= 0) && !v.equals("*")) {
                    throw invalidPrincipal(m.name(), v, where, m.value(), i);
                }
                switch (m.name()) {
                    case "AWS" -> {
                        if (v.equals("*")) {
                            any = true;
                        } else if (isAccountId(v)) {
                            accounts.add(v);
                        } else if (isRootArn(v)) {
                            accounts.add(v.split(":", 6)[4]);
                        } else if (isPrincipalArn(v)) {
                            arns.add(v);
                        } else {
                            throw invalidPrincipal(m.name(), v, where, m.value(), i);
                        }
                    }
                    case "Federated" -> federated.add(v);
                    case "Service" -> {
                        if (v.equals("*")) {
                            throw invalidPrincipal(m.name(), v, where, m.value(), i);
                        }
                        services.add(v);
                    }
                    default -> canonical.add(v);
                }
            }
        }
        return new PrincipalMatcher(any, accounts, arns, federated, services, canonical);
    }

    private static boolean isAccountId(String v) {
        if (v.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isRootArn(String v) {
        String[] p = v.split(":", 6);
        return p.length == 6 && p[0].equals("arn") && p[2].equals("iam") && isAccountId(p[4]) && p[5].equals("root");
    }

    private static boolean isPrincipalArn(String v) {
        String[] p = v.split(":", 6);
        if (p.length != 6 || !p[0].equals("arn") || p[1].isEmpty() || !isAccountId(p[4])) {
            return false;
        }
        String r = p[5];
        if (p[2].equals("iam")) {
            return r.startsWith("user/") || r.startsWith("role/");
        }
        return p[2].equals("sts") && (r.startsWith("assumed-role/") || r.startsWith("federated-user/"));
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A string or a list of strings (condition values may also be numbers or booleans), or {@code null} when the
     * node is neither; the caller then reports it with {@link #notStrings}, so that the location text is only built
     * for an error.
     */
    private static List<String> strings(JsonNode node, boolean scalarsAllowed) {
        if (node instanceof JsonNode.Arr a) {
            List<String> out = new ArrayList<>(a.items().size());
            for (JsonNode item : a.items()) {
                String v = scalar(item, scalarsAllowed);
                if (v == null) {
                    return null;
                }
                out.add(v);
            }
            return out;
        }
        String v = scalar(node, scalarsAllowed);
        return v == null ? null : List.of(v);
    }

    private static String scalar(JsonNode node, boolean scalarsAllowed) {
        if (node instanceof JsonNode.Str s) {
            return s.value();
        }
        if (scalarsAllowed && node instanceof JsonNode.Scalar sc && !sc.isNull()) {
            return sc.text();
        }
        return null;
    }

    /** The error for a node that {@link #strings} refused, placed at the offending item. */
    private static InvalidInputException notStrings(JsonNode node, String at, boolean scalarsAllowed) {
        JsonNode bad = node;
        if (node instanceof JsonNode.Arr a) {
            for (JsonNode item : a.items()) {
                if (scalar(item, scalarsAllowed) == null) {
                    bad = item;
                    break;
                }
            }
        }
        return fail(SYNTAX, "Expected a string or a list of strings.", at, bad);
    }

    /** AWS's text for a principal it does not accept: {@code Invalid principal in policy: "AWS":"x"}. */
    private static InvalidInputException invalidPrincipal(String type, String value, String where, JsonNode node,
                                                          int index) {
        return fail("Invalid principal in policy: \"" + type + "\":\"" + value + "\"", null,
                node instanceof JsonNode.Arr ? where + "[" + index + "]" : where, item(node, index));
    }

    /** The {@code index}th item of an array node, or the node itself when it is a single value. */
    private static JsonNode item(JsonNode node, int index) {
        return node instanceof JsonNode.Arr a && index < a.items().size() ? a.items().get(index) : node;
    }

    private static String text(JsonNode n) {
        return n instanceof JsonNode.Str s ? s.value() : n instanceof JsonNode.Scalar sc ? sc.text() : "(not a string)";
    }

    /**
     * @param message AWS's text
     * @param problem what exactly is wrong, when AWS's text does not say it (Keygate's help), or null
     * @param where   the element, such as {@code Statement[1].Action[0]}
     */
    private static InvalidInputException fail(String message, String problem, String where, JsonNode node) {
        return fail(message, problem, where, node.line(), node.column());
    }

    private static InvalidInputException fail(String message, String problem, String where, int line, int column) {
        return PolicyParser.malformed(message, PolicyParser.position(where, line, column, problem));
    }
}
