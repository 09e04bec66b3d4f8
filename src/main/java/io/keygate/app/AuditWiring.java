package io.keygate.app;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.audit.AuditEvents;
import io.keygate.audit.AuditLog;
import io.keygate.audit.AuditTrail;
import io.keygate.audit.JsonElements;
import io.keygate.audit.LookupEvents;
import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.pool.PoolDispatcher;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.model.Operation;
import io.keygate.protocol.model.ServiceModel;
import io.keygate.protocol.query.QueryDispatcher;
import io.keygate.protocol.query.QueryObserver;
import io.keygate.protocol.query.QueryService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The audit trail: this node's hash-chained log in {@code <data-dir>/audit}, fed by the Query dispatcher (STS and
 * IAM), the Cognito Identity dispatcher (JSON 1.1), the {@code /api/v1} routes and the sign-in endpoint; and
 * {@code POST /api/v1/audit/lookup}.
 */
@ApplicationScoped
public class AuditWiring {

    /** Cognito Identity reads whose answers CloudTrail keeps all the same: they issue identities, tokens, keys. */
    private static final java.util.Set<String> POOL_ISSUING = java.util.Set.of("GetId", "GetCredentialsForIdentity",
            "GetOpenIdToken", "GetOpenIdTokenForDeveloperIdentity");

    @Produces
    @Singleton
    AuditTrail auditTrail(KeygateConfig config, AuditConfig audit, Clock clock) {
        String node = config.cluster().enabled() ? config.cluster().nodeName().orElse("node") : "node";
        return new AuditTrail(new AuditLog(config.dataDir().resolve("audit"), node.replaceAll("[^A-Za-z0-9_.-]", "_"),
                clock, audit.retention()), audit.enabled());
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> lookupEvents(AuditTrail trail, Authorizer authorizer) {
        return new LookupEvents(trail.log(), authorizer);
    }

    void observeQueries(@Observes StartupEvent start, QueryDispatcher<Caller> dispatcher, AuditTrail trail,
                        KeygateConfig config, Clock clock) {
        dispatcher.observe(new QueryObserver<>() {
            @Override
            public void dispatched(Dispatched<Caller> d) {
                String source = d.service() == null ? "unknown" : d.service().signingName() + ".amazonaws.com";
                String region = d.caller() != null && d.caller().region() != null ? d.caller().region()
                        : config.region();
                java.time.Instant at = clock.instant();
                // built on the audit writer's thread, from the answer's elements as the action wrote them
                trail.record(d.caller(), () -> new AuditEvents.Call(source, d.action(), region, d.requestId(),
                        d.parameters(), AuditEvents.responseElements(d.result()), d.response().errorCode(),
                        d.errorMessage(), at), AuditEvents.readOnly(source, d.action()));
            }

            /** CloudTrail records the answers of writes and of credential-minting STS calls, not of reads. */
            @Override
            public boolean wantsResult(QueryService service, String action) {
                String source = service.signingName() + ".amazonaws.com";
                return source.startsWith("sts.") ? !action.equals("GetCallerIdentity")
                        && !action.equals("GetAccessKeyInfo") : !AuditEvents.readOnly(source, action);
            }
        });
    }

    /**
     * Cognito Identity calls as {@code cognito-identity.amazonaws.com} events: parameters and answers named and
     * redacted through the model's shapes ({@link JsonElements}), the pool's account as recipient of unsigned calls.
     */
    void observePools(@Observes StartupEvent start, PoolDispatcher pools, AuditTrail trail, KeygateConfig config,
                      Clock clock, ServiceModels models) {
        ServiceModel model = models.get(ServiceModel.COGNITO_IDENTITY);
        JsonElements elements = new JsonElements(model);
        String source = "cognito-identity.amazonaws.com";
        pools.observe(d -> {
            Operation op = model.operation(d.operation()).orElse(null);
            String region = d.caller() != null && d.caller().region() != null ? d.caller().region() : config.region();
            java.time.Instant at = clock.instant();
            boolean readOnly = AuditEvents.readOnly(source, d.operation());
            boolean answer = op != null && d.output() != null && (!readOnly || POOL_ISSUING.contains(d.operation()));
            // built on the audit writer's thread: the JSON trees are not touched once answered
            trail.record(d.caller(), () -> new AuditEvents.Call(source, d.operation(), region, d.requestId(),
                    op == null ? null : elements.of(op.input(), d.input()),
                    answer ? elements.of(op.output(), d.output()) : null, d.response().errorType(),
                    d.errorMessage(), at, d.account()), readOnly);
        });
    }

    void close(@Observes ShutdownEvent stop, AuditTrail trail) {
        trail.log().close();
    }
}
