package io.keygate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.keygate.iam.Partition;
import io.keygate.iam.PrincipalPolicies;
import io.keygate.iam.StoredPolicy;
import io.keygate.policy.PolicyEvaluator;

/** The root user's principal ARN is in the caller's partition ({@code aws}, {@code aws-cn}, {@code aws-us-gov}). */
class RootPartitionTest {

    private static final PrincipalPolicies NONE = new PrincipalPolicies() {
        @Override
        public Optional<Applicable> forUser(String accountId, String userName) {
            return Optional.empty();
        }

        @Override
        public Optional<Applicable> forRole(String accountId, String roleName) {
            return Optional.empty();
        }

        @Override
        public Optional<StoredPolicy> managedPolicy(String policyArn) {
            return Optional.empty();
        }
    };

    @ParameterizedTest
    @EnumSource(Partition.class)
    void rootPrincipalArnUsesTheCallersPartition(Partition partition) {
        String arn = "arn:" + partition.id() + ":iam::111122223333:root";
        Caller root = new Caller(Caller.PrincipalType.Account, partition, "111122223333", arn, "111122223333", null,
                "AKIAIOSFODNN7EXAMPLE", null, null, partition.regions().iterator().next());
        AccessDecision decision = new CallerDecisions(NONE, new PolicyEvaluator(), new CompiledPolicies(),
                Clock.systemUTC()).decide(root, "s3:GetObject", "arn:" + partition.id() + ":s3:::b/k", Map.of(), null);
        assertThat(decision.principal().arn()).isEqualTo(arn);
        assertThat(decision.context().asMap().get("aws:PrincipalArn")).containsExactly(arn);
    }
}
