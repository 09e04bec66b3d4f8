package io.keygate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of evaluation (session policies only intersect, denies only deny, order is irrelevant) and parsing. */
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
    @Provide
    Arbitrary<String> statement() {
        Arbitrary<String> effect = Arbitraries.of("Allow", "Deny");
        Arbitrary<String> action = Arbitraries.of(ACTION_PATTERNS);
        Arbitrary<String> resource = Arbitraries.of(RESOURCE_PATTERNS);
        Arbitrary<Boolean> notAction = Arbitraries.of(true, false, false, false);
        Arbitrary<String> condition = Arbitraries.of("", ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"red\"}}");
        return Combinators.combine(effect, action, resource, notAction, condition).as((e, a, r, na, c) ->
                "{\"Effect\":\"" + e + "\",\"" + (na ? "NotAction" : "Action") + "\":\"" + a + "\",\"Resource\":\""
                        + r + "\"" + c + "}");
    }

    @Provide
    Arbitrary<List<String>> statements() {
        return statement().list().ofMinSize(0).ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> request() {
        return Arbitraries.integers().between(0, ACTIONS.length * RESOURCES.length * 4 - 1);
    }

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

    @Property
    void sessionPolicyNeverElevates(@ForAll("statements") List<String> identity,
            @ForAll("statements") List<String> session, @ForAll("request") int request) {
        Policy id = policy("id", identity, PolicyType.MANAGED);
        Policy sp = policy("sp", session, PolicyType.SESSION);
        if (decide(request, List.of(id), List.of(sp)).allowed()) {
            assertEquals(true, decide(request, List.of(id), null).allowed(), "identity alone");
            Policy spAsIdentity = sp.withId("sp-as-identity");
            assertEquals(true, decide(request, List.of(spAsIdentity), null).allowed(), "session alone");
        }
    }

    @Property
    void allowAllSessionPolicyChangesNothingForRoleSessions(@ForAll("statements") List<String> identity,
            @ForAll("request") int request) {
        Policy id = policy("id", identity, PolicyType.MANAGED);
        Policy all = Policies.parse("all", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"*\",\"Resource\":\"*\"}}", PolicyType.SESSION);
        assertEquals(decide(request, List.of(id), null).effect(), decide(request, List.of(id), List.of(all)).effect());
    }

    @Property
    void addingADenyNeverTurnsDenyIntoAllow(@ForAll("statements") List<String> identity,
            @ForAll("statement") String extra, @ForAll("request") int request) {
        Policy before = policy("p", identity, PolicyType.MANAGED);
        List<String> more = new ArrayList<>(identity);
        more.add(extra.replace("\"Allow\"", "\"Deny\""));
        Policy after = policy("p", more, PolicyType.MANAGED);
        if (!decide(request, List.of(before), null).allowed()) {
            assertEquals(false, decide(request, List.of(after), null).allowed());
        }
    }

    @Property
    void orderOfStatementsAndPoliciesDoesNotMatter(@ForAll("statements") List<String> a,
            @ForAll("statements") List<String> b, @ForAll("request") int request, @ForAll long seed) {
        Decision original = decide(request, List.of(policy("a", a, PolicyType.MANAGED),
                policy("b", b, PolicyType.MANAGED)), null);
        List<String> a2 = new ArrayList<>(a);
        Collections.shuffle(a2, new Random(seed));
        List<String> b2 = new ArrayList<>(b);
        Collections.shuffle(b2, new Random(seed + 1));
        Decision shuffled = decide(request, List.of(policy("b", b2, PolicyType.MANAGED),
                policy("a", a2, PolicyType.MANAGED)), null);
        assertEquals(original.effect(), shuffled.effect());
        assertEquals(original.deniedBy(), shuffled.deniedBy());
    }

    @Property(tries = 2000)
    void parserGivesAPolicyOrMalformedPolicyDocument(@ForAll("documents") String text) {
        try {
            Policies.parse(text, PolicyType.MANAGED);
        } catch (InvalidInputException e) {
            assertEquals(AwsErrorCode.MalformedPolicyDocument, e.code());
        }
    }

    /** Random strings, and valid documents with random edits (deletions, insertions, replacements). */
    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> valid = statements().map(s -> "{\"Version\":\"2012-10-17\",\"Statement\":["
                + String.join(",", s) + "]}");
        Arbitrary<String> mutated = Combinators.combine(valid, Arbitraries.integers().between(0, 1000),
                Arbitraries.strings().withChars("{}[]\":,*?$ \\aA0\u00ff\u0100").ofMaxLength(4), Arbitraries.integers()
                        .between(0, 3))
                .as((doc, at, junk, cut) -> {
                    int i = Math.min(at, doc.length());
                    int j = Math.min(doc.length(), i + cut);
                    return doc.substring(0, i) + junk + doc.substring(j);
                });
        return Arbitraries.oneOf(valid, mutated, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("{}[]\":,tfn0-9.eE").ofMaxLength(60));
    }
}
