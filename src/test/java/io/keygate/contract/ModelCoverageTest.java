package io.keygate.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.enterprise.inject.Instance;

import org.junit.jupiter.api.Test;

import io.keygate.app.ActionSet;
import io.keygate.pool.PoolDispatcher;
import io.keygate.protocol.model.NotImplemented;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the AWS service models ({@code src/main/resources/aws-models}: IAM, STS, Cognito Identity) is
 * either implemented by the running broker or listed, with a decision and a reason, in
 * {@code src/main/resources/aws-models/not-implemented.txt} — never both, never neither.
 *
 * <h2>When you implement an operation</h2>
 * <ol>
 *   <li>Delete its line from {@code not-implemented.txt} (this test fails while it is still listed).</li>
 *   <li>Add a call to it in {@link ModelContractTest} with realistic inputs, so that its answer is checked against
 *       the output shape and its inputs against the model's constraints (that test fails for an implemented
 *       operation it never called).</li>
 *   <li>Regenerate the compatibility page: run {@code AwsCompatibilityDocTest} with
 *       {@code -Dkeygate.docs.write=true} and commit {@code docs/aws-compatibility.md}.</li>
 * </ol>
 * When a new model version adds operations, each needs a line (planned or unsupported, with the reason) before this
 * test passes. The file's format is described at its top; {@link NotImplemented} reads it.
 */
@QuarkusTest
class ModelCoverageTest {

    @Inject
    Instance<ActionSet> actionSets;

    @Inject
    PoolDispatcher pools;

    @Test
    void everyImplementedActionIsAModelOperation() {
        Set<String> unknown = new TreeSet<>(Contract.implemented(actionSets, pools));
        unknown.removeAll(Contract.modelled());
        assertThat(unknown).as("actions served that no AWS model defines").isEmpty();
    }

    @Test
    void noImplementedOperationIsListedAsNotImplemented() {
        Set<String> implemented = Contract.implemented(actionSets, pools);
        List<String> stale = new ArrayList<>();
        for (NotImplemented.Entry e : Contract.notImplemented()) {
            if (implemented.contains(e.service() + ":" + e.operation())) {
                stale.add(e.service() + " " + e.operation() + " (line " + e.line() + ")");
            }
        }
        assertThat(stale).as("implemented now: delete these lines from " + NotImplemented.RESOURCE).isEmpty();
    }

    @Test
    void everyModelOperationIsImplementedOrHasADecision() {
        Set<String> undecided = new TreeSet<>(Contract.modelled());
        undecided.removeAll(Contract.implemented(actionSets, pools));
        Contract.notImplemented().forEach(e -> undecided.remove(e.service() + ":" + e.operation()));
        assertThat(undecided).as("model operations with no decision: implement them or add a line to "
                + NotImplemented.RESOURCE).isEmpty();
    }

    @Test
    void everyDecisionNamesOneModelOperationOnceWithAReason() {
        Set<String> modelled = Contract.modelled();
        Set<String> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (NotImplemented.Entry e : Contract.notImplemented()) {
            String key = e.service() + ":" + e.operation();
            if (!modelled.contains(key)) {
                problems.add("line " + e.line() + ": " + key + " is no operation of the models");
            }
            if (!seen.add(key)) {
                problems.add("line " + e.line() + ": " + key + " is listed twice");
            }
            if (e.reason().length() < 10 || e.section().isEmpty()) {
                problems.add("line " + e.line() + ": " + key + " needs a reason and a section");
            }
        }
        assertThat(problems).isEmpty();
    }
}
