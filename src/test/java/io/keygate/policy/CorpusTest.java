package io.keygate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the scenario corpus in {@code src/test/resources/policy-corpus}: each file has a description, named policies,
 * {@code defaults} for its requests, {@code requests[]} with the expected decision, deciding statements
 * ({@code policyId#index}) and denying layer, and {@code invalid[]} documents with the expected error text (found in
 * the message followed by its location) and, where given, the exact {@code message} (AWS's text) and the exact
 * {@code location} (Keygate's help, kept apart).
 */
class CorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    @TestFactory
    Stream<DynamicNode> corpus() throws IOException, URISyntaxException {
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : corpusFiles()) {
            files.add(file(file));
        }
        return files.stream();
    }

    @Test
    void corpusHasAtLeast400Cases() throws IOException, URISyntaxException {
        int n = 0;
        for (Path file : corpusFiles()) {
            JsonNode root = JSON.readTree(file.toFile());
            n += root.path("requests").size() + root.path("invalid").size();
        }
        assertTrue(n >= 400, "corpus has " + n + " cases");
    }

    private static List<Path> corpusFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(CorpusTest.class.getResource("/policy-corpus").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static DynamicContainer file(Path file) throws IOException {
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        }
        Map<String, Policy> policies = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("policies").properties()) {
            PolicyType type = PolicyType.valueOf(e.getValue().path("type").asText());
            policies.put(e.getKey(), Policies.parse(e.getKey(), document(e.getValue()), type));
        }
        JsonNode defaults = root.path("defaults");
        List<DynamicNode> tests = new ArrayList<>();
        for (JsonNode r : root.path("requests")) {
            ObjectNode merged = defaults.isObject() ? ((ObjectNode) defaults).deepCopy() : JSON.createObjectNode();
            r.properties().forEach(f -> merged.set(f.getKey(), f.getValue()));
            if (defaults.has("context") && r.has("context")) {
                ObjectNode ctx = ((ObjectNode) defaults.get("context")).deepCopy();
                r.get("context").properties().forEach(f -> ctx.set(f.getKey(), f.getValue()));
                merged.set("context", ctx);
            }
            tests.add(DynamicTest.dynamicTest(r.path("name").asText(), () -> request(merged, policies)));
        }
        for (JsonNode inv : root.path("invalid")) {
            tests.add(DynamicTest.dynamicTest(inv.path("name").asText(), () -> {
                PolicyType type = PolicyType.valueOf(inv.path("type").asText("MANAGED"));
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> Policies.parse("x", document(inv), type));
                assertEquals(AwsErrorCode.MalformedPolicyDocument, e.code());
                assertTrue(e.messageWithLocation().contains(inv.path("error").asText()),
                        () -> "message '" + e.messageWithLocation() + "' lacks '" + inv.path("error").asText() + "'");
                if (inv.has("message")) {
                    assertEquals(inv.path("message").asText(), e.getMessage(), "AWS's text, exactly");
                }
                if (inv.has("location")) {
                    assertEquals(inv.path("location").asText(), e.location().orElse(null), "Keygate's location");
                }
            }));
        }
        return DynamicContainer.dynamicContainer(file.getFileName() + ": " + root.path("description").asText(),
                tests);
    }

    private static String document(JsonNode holder) throws IOException {
        return holder.has("text") ? holder.get("text").asText() : JSON.writeValueAsString(holder.get("document"));
    }

    private static void request(JsonNode r, Map<String, Policy> policies) {
        Principal principal = principal(r.path("principal"));
        RequestContext.Builder ctx = RequestContext.builder().principal(principal);
        r.path("context").properties().forEach(f -> {
            if (f.getValue().isArray()) {
                List<String> values = new ArrayList<>();
                f.getValue().forEach(v -> values.add(v.asText()));
                ctx.put(f.getKey(), values);
            } else {
                ctx.put(f.getKey(), f.getValue().asText());
            }
        });
        AuthorizationRequest.Builder b = AuthorizationRequest.builder().principal(principal)
                .action(r.path("action").asText()).resource(r.path("resource").asText("*")).context(ctx.build());
        r.path("identity").forEach(id -> b.identityPolicy(policy(policies, id.asText())));
        if (r.hasNonNull("boundary")) {
            b.permissionsBoundary(policy(policies, r.get("boundary").asText()));
        }
        if (r.hasNonNull("session")) {
            List<Policy> session = new ArrayList<>();
            r.get("session").forEach(id -> session.add(policy(policies, id.asText())));
            b.sessionPolicies(session);
        }
        if (r.hasNonNull("resourcePolicy")) {
            b.resourcePolicy(policy(policies, r.get("resourcePolicy").asText()));
        }
        if (r.hasNonNull("resourceAccount")) {
            b.resourceAccount(r.get("resourceAccount").asText());
        }
        if (r.hasNonNull("sessionKind")) {
            b.sessionKind(SessionKind.valueOf(r.get("sessionKind").asText()));
        }
        Decision d = EVALUATOR.evaluate(b.build());
        String why = " (decision " + d + ")";
        assertEquals(r.path("decision").asText(), d.effect().name(), "decision" + why);
        TreeSet<String> expected = new TreeSet<>();
        r.path("matched").forEach(m -> expected.add(m.asText()));
        TreeSet<String> actual = new TreeSet<>();
        d.matchedStatements().forEach(m -> actual.add(m.ref()));
        assertEquals(expected, actual, "matched statements" + why);
        Optional<PolicyLayer> deniedBy = r.hasNonNull("deniedBy")
                ? Optional.of(PolicyLayer.valueOf(r.get("deniedBy").asText())) : Optional.empty();
        assertEquals(deniedBy, d.deniedBy(), "deniedBy" + why);
        if (r.has("message")) {
            assertEquals(r.get("message").asText(), d.accessDeniedMessage().orElse(""), "message");
        }
        if (r.has("missing")) {
            TreeSet<String> missing = new TreeSet<>();
            r.get("missing").forEach(m -> missing.add(m.asText()));
            assertEquals(missing, new TreeSet<>(d.missingContextKeys()), "missing context keys");
        }
    }

    private static Policy policy(Map<String, Policy> policies, String id) {
        Policy p = policies.get(id);
        if (p == null) {
            throw new IllegalArgumentException("corpus names unknown policy " + id);
        }
        return p;
    }

    /**
     * {@code {"user": arn, "id": "AIDA..."}}, {@code {"role": arn, "id": "AROA...", "session": name}},
     * {@code {"federatedUser": name, "parent": userArn}}, {@code {"root": account}}, {@code {"anonymous": true}},
     * {@code {"service": name}}, {@code {"webIdentity": provider, "subject": sub}}; optional {@code federatedProvider}.
     */
    private static Principal principal(JsonNode p) {
        Principal out;
        if (p.has("user")) {
            out = Principal.user(p.get("user").asText(), p.path("id").asText("AIDAEXAMPLE"));
        } else if (p.has("role")) {
            out = Principal.assumedRole(p.get("role").asText(), p.path("id").asText("AROAEXAMPLE"),
                    p.path("session").asText("session"));
        } else if (p.has("federatedUser")) {
            out = Principal.federatedUser(p.get("parent").asText(), p.get("federatedUser").asText());
        } else if (p.has("root")) {
            out = Principal.root(p.get("root").asText());
        } else if (p.has("service")) {
            out = Principal.service(p.get("service").asText());
        } else if (p.has("webIdentity")) {
            out = Principal.webIdentity(p.get("webIdentity").asText(), p.path("subject").asText("subject"));
        } else if (p.has("anonymous")) {
            out = Principal.anonymous();
        } else {
            throw new IllegalArgumentException("corpus principal not understood: " + p);
        }
        return p.has("federatedProvider") ? out.withFederatedProvider(p.get("federatedProvider").asText()) : out;
    }
}
