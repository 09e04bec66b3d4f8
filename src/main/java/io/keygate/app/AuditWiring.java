package io.keygate.app;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.audit.AuditEvents;
import io.keygate.audit.AuditLog;
import io.keygate.audit.AuditTrail;
import io.keygate.audit.LookupEvents;
import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.query.QueryDispatcher;
import io.keygate.protocol.query.QueryObserver;
import io.keygate.protocol.query.QueryService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The audit trail: this node's hash-chained log in {@code <data-dir>/audit}, fed by the Query dispatcher (STS and
 * IAM), the {@code /api/v1} routes and the sign-in endpoint; and {@code POST /api/v1/audit/lookup}.
 */
@ApplicationScoped
public class AuditWiring {

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

    void close(@Observes ShutdownEvent stop, AuditTrail trail) {
        trail.log().close();
    }
}
