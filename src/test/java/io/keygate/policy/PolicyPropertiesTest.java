package io.keygate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import io.keygate.support.Seeded;
import io.keygate.support.Seeded.Gen;
import io.keygate.support.Seeded.Row;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of evaluation (session policies only intersect, denies only deny, order is irrelevant) and parsing.
 * Policies come from a seeded generator ({@link Seeded}); each generated policy set is judged against every request
 * the fixtures can build, not one drawn at random.
 */
class PolicyPropertiesTest {

    private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();
    private static final Principal ROLE = Principal.assumedRole("arn:aws:iam::111122223333:role/R", "AROAR", "s");
    private static final String[] ACTIONS = {"s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:RunInstances",
        "iam:CreateUser", "sqs:SendMessage"};
    private static final String[] ACTION_PATTERNS = {"s3:*", "s3:Get*", "s3:PutObject", "ec2:*", "*", "iam:Create*",
        "sqs:Send?essage", "s3:List*"};
    private static final String[] RESOURCES = {"arn:aws:s3:::a/k", "arn:aws:s3:::b/k", "arn:aws:s3:::a",
        "arn:aws:ec2:us-east-1:111122223333:instance/i-1", "*"};
    private static final String[] RESOURCE_PATTERNS = {"*", "arn:aws:s3:::a/*", "arn:aws:s3:::*", "arn:aws:ec2:*:*:*",
        "arn:aws:s3:::b*"};

    /** A random statement as JSON; identity-side (no principal). */
    private static String statement(Gen g) {
        String condition = g.oneOf("", ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"red\"}}");
        boolean notAction = g.between(0, 3) == 0;
        return "{\"Effect\":\"" + g.oneOf("Allow", "Deny") + "\",\"" + (notAction ? "NotAction" : "Action")
                + "\":\"" + g.oneOf(ACTION_PATTERNS) + "\",\"Resource\":\"" + g.oneOf(RESOURCE_PATTERNS) + "\""
                + condition + "}";
    }

    private static List<String> statements(Gen g) {
        return g.list(0, 6, () -> statement(g));
    }

    /** Every request the fixtures can build: each action × resource × (SecureTransport, team tag) combination. */
    private static final int REQUESTS = ACTIONS.length * RESOURCES.length * 4;

    private static Policy policy(String id, List<String> statements, PolicyType type) {
        return Policies.parse(id, "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}",
                type);
    }

    private static Decision decide(int request, List<Policy> identity, List<Policy> session) {
        int a = request % ACTIONS.length;
        int r = (request / ACTIONS.length) % RESOURCES.length;
        int c = request / (ACTIONS.length * RESOURCES.length);
        RequestContext.Builder ctx = RequestContext.builder().principal(ROLE);
        if ((c & 1) != 0) {
            ctx.secureTransport(true);
        }
        if ((c & 2) != 0) {
            ctx.principalTag("team", "red");
        }
        return EVALUATOR.evaluate(AuthorizationRequest.builder().principal(ROLE).action(ACTIONS[a])
                .resource(RESOURCES[r]).context(ctx.build()).identityPolicies(identity).sessionPolicies(session)
                .build());
    }

    record Two(List<String> a, List<String> b) {
    }

    record Three(List<String> a, List<String> b, long shuffleSeed) {
    }

    @TestFactory
    Stream<DynamicTest> sessionPolicyNeverElevates() {
        return Seeded.cases("session policy never elevates", 1000, g -> new Two(statements(g), statements(g)),
                c -> {
                    Policy id = policy("id", c.a(), PolicyType.MANAGED);
                    Policy sp = policy("sp", c.b(), PolicyType.SESSION);
                    Policy spAsIdentity = sp.withId("sp-as-identity");
                    for (int request = 0; request < REQUESTS; request++) {
                        if (decide(request, List.of(id), List.of(sp)).allowed()) {
                            assertEquals(true, decide(request, List.of(id), null).allowed(), "identity alone");
                            assertEquals(true, decide(request, List.of(spAsIdentity), null).allowed(),
                                    "session alone");
                        }
                    }
                });
    }

    @TestFactory
    Stream<DynamicTest> allowAllSessionPolicyChangesNothingForRoleSessions() {
        Policy all = Policies.parse("all", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"*\",\"Resource\":\"*\"}}", PolicyType.SESSION);
        return Seeded.cases("allow-all session policy changes nothing", 1000, PolicyPropertiesTest::statements,
                identity -> {
                    Policy id = policy("id", identity, PolicyType.MANAGED);
                    for (int request = 0; request < REQUESTS; request++) {
                        assertEquals(decide(request, List.of(id), null).effect(),
                                decide(request, List.of(id), List.of(all)).effect(), "request " + request);
                    }
                });
    }

    @TestFactory
    Stream<DynamicTest> addingADenyNeverTurnsDenyIntoAllow() {
        return Seeded.cases("adding a deny never allows", 1000,
                g -> new Two(statements(g), List.of(statement(g).replace("\"Allow\"", "\"Deny\""))), c -> {
                    Policy before = policy("p", c.a(), PolicyType.MANAGED);
                    List<String> more = new ArrayList<>(c.a());
                    more.addAll(c.b());
                    Policy after = policy("p", more, PolicyType.MANAGED);
                    for (int request = 0; request < REQUESTS; request++) {
                        if (!decide(request, List.of(before), null).allowed()) {
                            assertEquals(false, decide(request, List.of(after), null).allowed(),
                                    "request " + request);
                        }
                    }
                });
    }

    @TestFactory
    Stream<DynamicTest> orderOfStatementsAndPoliciesDoesNotMatter() {
        return Seeded.cases("order does not matter", 1000, g -> new Three(statements(g), statements(g), g.nextLong()),
                c -> {
                    List<Policy> original = List.of(policy("a", c.a(), PolicyType.MANAGED),
                            policy("b", c.b(), PolicyType.MANAGED));
                    List<String> a2 = new ArrayList<>(c.a());
                    Collections.shuffle(a2, new Random(c.shuffleSeed()));
                    List<String> b2 = new ArrayList<>(c.b());
                    Collections.shuffle(b2, new Random(c.shuffleSeed() + 1));
                    List<Policy> shuffled = List.of(policy("b", b2, PolicyType.MANAGED),
                            policy("a", a2, PolicyType.MANAGED));
                    for (int request = 0; request < REQUESTS; request++) {
                        Decision before = decide(request, original, null);
                        Decision after = decide(request, shuffled, null);
                        assertEquals(before.effect(), after.effect(), "request " + request);
                        assertEquals(before.deniedBy(), after.deniedBy(), "request " + request);
                    }
                });
    }

    /** The control for the properties above: the generated policies allow and deny both, so none is vacuous. */
    @Test
    void generatedPoliciesBothAllowAndDeny() {
        int[] outcomes = new int[2];
        Gen g = new Gen(new java.util.SplittableRandom(Seeded.seed()));
        for (int i = 0; i < 200; i++) {
            Policy id = policy("id", statements(g), PolicyType.MANAGED);
            for (int request = 0; request < REQUESTS; request++) {
                outcomes[decide(request, List.of(id), null).allowed() ? 1 : 0]++;
            }
        }
        assertTrue(outcomes[0] > 1000 && outcomes[1] > 1000, "denied " + outcomes[0] + ", allowed " + outcomes[1]);
    }

    @TestFactory
    Stream<DynamicTest> parserGivesAPolicyOrMalformedPolicyDocument() {
        return Seeded.cases("parse", 2000, PolicyPropertiesTest::document,
                PolicyPropertiesTest::parsesOrMalformedPolicyDocument);
    }

    @TestFactory
    Stream<DynamicTest> parserGivesAPolicyOrMalformedPolicyDocumentForEdgeRows() {
        String valid = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:%s\","
                + "\"Resource\":\"*\"}}";
        return Seeded.rows("parse", List.of(
                Row.of("empty", ""),
                Row.of("NUL", "\u0000"),
                Row.of("NUL in an action", String.format(valid, "Get\u0000Object")),
                Row.of("lone high surrogate in an action", String.format(valid, "Get\uD800")),
                Row.of("lone low surrogate in an action", String.format(valid, "\uDC00*")),
                Row.of("escaped lone surrogate in an action", String.format(valid, "\\uD800")),
                Row.of("escaped NUL in an action", String.format(valid, "\\u0000")),
                Row.of("lone surrogate alone", "\uD800"),
                Row.of("nesting 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000)),
                Row.of("maximum managed policy length", String.format(valid, "Get*" + "?".repeat(6144 - 110))),
                Row.of("100 KB of wildcards", String.format(valid, "*?".repeat(50_000))),
                Row.of("trailing garbage", String.format(valid, "GetObject") + "}")),
                PolicyPropertiesTest::parsesOrMalformedPolicyDocument);
    }

    private static void parsesOrMalformedPolicyDocument(String text) {
        try {
            Policies.parse(text, PolicyType.MANAGED);
        } catch (InvalidInputException e) {
            assertEquals(AwsErrorCode.MalformedPolicyDocument, e.code(), e.getMessage());
        }
    }

    /** Random strings, and valid documents with random edits (deletions, insertions, replacements). */
    private static String document(Gen g) {
        String valid = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements(g)) + "]}";
        return switch (g.between(0, 3)) {
            case 0 -> valid;
            case 1 -> {
                int i = Math.min(g.between(0, 1000), valid.length());
                int j = Math.min(valid.length(), i + g.between(0, 3));
                yield valid.substring(0, i) + g.string("{}[]\":,*?$ \\aA0\u00ff\u0100", 0, 4) + valid.substring(j);
            }
            case 2 -> g.anyString(200);
            default -> g.string("{}[]\":,tfn0123456789.eE", 0, 60);
        };
    }
}
