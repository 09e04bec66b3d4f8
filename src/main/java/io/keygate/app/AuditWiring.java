package io.keygate.app;

import java.time.Clock;
import java.util.Map;

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
        dispatcher.observe(d -> trail.record(d.caller(), new AuditEvents.Call(
                d.service() == null ? "unknown" : d.service().signingName() + ".amazonaws.com", d.action(),
                d.caller() != null && d.caller().region() != null ? d.caller().region() : config.region(),
                d.requestId(), d.parameters(), wantsResponse(d) ? resultOf(d) : null,
                d.response().errorCode(), d.errorMessage(), clock.instant())));
    }

    /** CloudTrail records the answers of writes and of credential-minting STS calls, not of reads. */
    private static boolean wantsResponse(QueryObserver.Dispatched<Caller> d) {
        if (d.response().errorCode() != null || d.service() == null) {
            return false;
        }
        String source = d.service().signingName() + ".amazonaws.com";
        return source.startsWith("sts.") ? !d.action().equals("GetCallerIdentity")
                && !d.action().equals("GetAccessKeyInfo") : !AuditEvents.readOnly(source, d.action());
    }

    private static Map<String, Object> resultOf(QueryObserver.Dispatched<Caller> d) {
        return AuditEvents.responseElements(d.response().body(), d.action());
    }

    void close(@Observes ShutdownEvent stop, AuditTrail trail) {
        trail.log().close();
    }
}
