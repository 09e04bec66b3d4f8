package io.keygate.contract;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;

import io.keygate.app.ActionSet;
import io.keygate.pool.PoolDispatcher;
import io.keygate.protocol.model.NotImplemented;
import io.keygate.protocol.model.ServiceModel;

/** The models, the decision file, and what the running broker implements: the inputs of the contract tests. */
final class Contract {

    static final ServiceModel IAM = ServiceModel.load(ServiceModel.IAM);
    static final ServiceModel STS = ServiceModel.load(ServiceModel.STS);
    static final ServiceModel COGNITO_IDENTITY = ServiceModel.load(ServiceModel.COGNITO_IDENTITY);

    /** Every model by its endpoint prefix, the service column of the decision file. */
    static final Map<String, ServiceModel> MODELS = Map.of(
            "iam", IAM, "sts", STS, "cognito-identity", COGNITO_IDENTITY);

    private Contract() {
    }

    static ServiceModel model(String service) {
        ServiceModel model = MODELS.get(service);
        if (model == null) {
            throw new IllegalArgumentException("No model for service " + service);
        }
        return model;
    }

    /** {@code service:Operation} of every Query action of every {@link ActionSet} (IAM and STS). */
    static Set<String> implemented(Instance<ActionSet> sets) {
        return sets.stream().flatMap(s -> s.actions().stream())
                .map(a -> a.service().signingName() + ":" + a.name())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * {@code service:Operation} of every operation the running broker serves: the Query actions and the Cognito
     * Identity (JSON 1.1) operations of the {@link PoolDispatcher}.
     */
    static Set<String> implemented(Instance<ActionSet> sets, PoolDispatcher pools) {
        Set<String> out = implemented(sets);
        pools.operationNames().forEach(op -> out.add("cognito-identity:" + op));
        return out;
    }

    /** {@code service:Operation} of every operation of every model. */
    static Set<String> modelled() {
        Set<String> out = new TreeSet<>();
        MODELS.forEach((service, model) -> model.operations().keySet().forEach(op -> out.add(service + ":" + op)));
        return out;
    }

    static List<NotImplemented.Entry> notImplemented() {
        return NotImplemented.load().entries();
    }
}
