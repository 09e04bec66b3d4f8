package io.keygate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.keygate.policy.match.Glob;

/**
 * Whether a policy document grants access to a service, as ListPoliciesGrantingServiceAccess reports it: some
 * {@code Allow} statement names an action of the service ({@code Action} whose service part matches the namespace,
 * wildcards included), or has a {@code NotAction} that does not exclude the whole service. Conditions and resources
 * are not considered (IAM's operation applies "permissions policy logic" only). Stateless and thread-safe.
 */
public final class ServiceAccess {

    private ServiceAccess() {
    }

    /**
     * @param document  a stored policy document (already validated when it was written)
     * @param namespace the service prefix, such as {@code s3}
     * @return false as well for a document that no longer parses
     */
    public static boolean grants(String document, String namespace) {
        JsonNode.Obj root;
        try {
            root = PolicyParser.parse(document, PolicyType.RESOURCE);
        } catch (RuntimeException e) {
            return false;
        }
        String ns = namespace.toLowerCase(Locale.ROOT);
        JsonNode.Member st = root.get("Statement");
        if (st == null) {
            return false;
        }
        List<JsonNode> statements = st.value() instanceof JsonNode.Arr a ? a.items() : List.of(st.value());
        for (JsonNode node : statements) {
            if (node instanceof JsonNode.Obj s && isAllow(s)) {
                JsonNode.Member action = s.get("Action");
                JsonNode.Member notAction = s.get("NotAction");
                if (action != null && strings(action.value()).stream().anyMatch(a -> vendorMatches(a, ns))) {
                    return true;
                }
                if (notAction != null && strings(notAction.value()).stream()
                        .noneMatch(a -> a.equals("*") || vendorMatches(a, ns) && a.endsWith(":*"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAllow(JsonNode.Obj statement) {
        JsonNode.Member effect = statement.get("Effect");
        return effect != null && effect.value() instanceof JsonNode.Str s && s.value().equals("Allow");
    }

    private static boolean vendorMatches(String action, String ns) {
        if (action.equals("*")) {
            return true;
        }
        int colon = action.indexOf(':');
        return colon > 0 && Glob.compile(action.substring(0, colon).toLowerCase(Locale.ROOT)).matches(ns);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof JsonNode.Str s) {
            out.add(s.value());
        } else if (node instanceof JsonNode.Arr a) {
            a.items().forEach(i -> {
                if (i instanceof JsonNode.Str s) {
                    out.add(s.value());
                }
            });
        }
        return out;
    }
}
