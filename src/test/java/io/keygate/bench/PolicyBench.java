package io.keygate.bench;

import io.keygate.policy.AuthorizationRequest;
import io.keygate.policy.Decision;
import io.keygate.policy.Policies;
import io.keygate.policy.Policy;
import io.keygate.policy.PolicyEvaluator;
import io.keygate.policy.PolicyType;
import io.keygate.policy.Principal;
import io.keygate.policy.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue 3 goals: (a) a realistic decision, a user with 10 attached policies of 10 statements each, with conditions
 * and variables, at ≥ 1,000,000 decisions/s on one core; (b) parse + validate of a 6 KB policy at ≥ 20,000/s.
 * Run: {@code java -cp ... org.openjdk.jmh.Main PolicyBench -f 1 -wi 3 -i 5 -w 2s -r 3s -t 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PolicyBench {

    private static final String[] SERVICES = {"s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "kms", "logs",
        "cloudwatch", "iam"};

    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private AuthorizationRequest allowed;
    private AuthorizationRequest denied;
    private String sixKb;

    @Setup
    public void setup() {
        List<Policy> policies = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            policies.add(Policies.parse("arn:aws:iam::111122223333:policy/p" + p, policy(p), PolicyType.MANAGED));
        }
        Principal alice = Principal.user("arn:aws:iam::111122223333:user/alice", "AIDAALICE");
        RequestContext ctx = RequestContext.builder().principal(alice).currentTime(Instant.parse("2024-05-01T10:00:00Z"))
                .sourceIp("203.0.113.7").secureTransport(true).principalTag("team", "red")
                .multiFactorAuth(true, 120).requestedRegion("eu-west-1").userAgent("aws-cli/2.15").build();
        allowed = AuthorizationRequest.builder().principal(alice).action("s3:GetObject")
                .resource("arn:aws:s3:::bucket-0/users/alice/report.csv").context(ctx).identityPolicies(policies).build();
        denied = AuthorizationRequest.builder().principal(alice).action("iam:CreateUser")
                .resource("arn:aws:iam::111122223333:user/mallory").context(ctx).identityPolicies(policies).build();
        sixKb = sixKbPolicy();
        if (!evaluator.evaluate(allowed).allowed() || evaluator.evaluate(denied).allowed()) {
            throw new IllegalStateException("benchmark requests do not decide as intended");
        }
    }

    /** Ten statements on one service each, mixing conditions, variables, NotResource and a Deny. */
    static String policy(int p) {
        StringBuilder sb = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[");
        for (int s = 0; s < 10; s++) {
            String svc = SERVICES[(p + s) % SERVICES.length];
            if (s > 0) {
                sb.append(',');
            }
            sb.append("{\"Sid\":\"S").append(p).append('x').append(s).append("\",\"Effect\":\"")
                    .append(s == 9 ? "Deny" : "Allow").append("\",\"Action\":[\"").append(svc).append(":Get*\",\"")
                    .append(svc).append(":List*\",\"").append(svc).append(":Describe*\"],");
            if (s == 9) {
                sb.append("\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:RequestedRegion\":"
                        + "[\"eu-west-1\",\"eu-central-1\"]}}}");
                continue;
            }
            switch (s % 4) {
                case 0 -> sb.append("\"Resource\":\"arn:aws:").append(svc).append(":::bucket-").append(p)
                        .append("/users/${aws:username}/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}");
                case 1 -> sb.append("\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\","
                        + "\"2001:db8::/32\"]},\"StringEquals\":{\"aws:PrincipalTag/team\":[\"red\",\"blue\"]}}");
                case 2 -> sb.append("\"Resource\":\"arn:aws:").append(svc).append(":*:111122223333:*\",\"Condition\":{"
                        + "\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"},"
                        + "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}}");
                default -> sb.append("\"NotResource\":\"arn:aws:").append(svc).append(":::secret-*\",\"Condition\":{"
                        + "\"StringLike\":{\"aws:UserAgent\":\"aws-cli/*\"}}");
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    /** A managed policy of about 6 KB of non-whitespace characters. */
    static String sixKbPolicy() {
        StringBuilder sb = new StringBuilder("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
        int s = 0;
        while (Policies.sizeOf(sb.toString()) < 5_800) {
            if (s > 0) {
                sb.append(",\n");
            }
            String svc = SERVICES[s % SERVICES.length];
            sb.append("    {\n      \"Sid\": \"Stmt").append(s).append("\",\n      \"Effect\": \"Allow\",\n")
                    .append("      \"Action\": [\"").append(svc).append(":Get*\", \"").append(svc).append(":Put*\"],\n")
                    .append("      \"Resource\": \"arn:aws:").append(svc).append(":*:111122223333:res-").append(s)
                    .append("/${aws:username}/*\",\n      \"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": ")
                    .append("\"red\"}, \"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}\n    }");
            s++;
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    @Benchmark
    public Decision decisionAllowed() {
        return evaluator.evaluate(allowed);
    }

    @Benchmark
    public Decision decisionImplicitDeny() {
        return evaluator.evaluate(denied);
    }

    @Benchmark
    public Policy parseAndValidate6kb() {
        return Policies.parse("bench", sixKb, PolicyType.MANAGED);
    }
}
