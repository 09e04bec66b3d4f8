package io.keygate.app;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.keygate.store.InfinispanStore;
import io.quarkus.runtime.StartupEvent;

/**
 * The order of the work at start, so that the slow parts overlap instead of following one another:
 * <ol>
 * <li>first, the store starts to open and the service models to parse, each on a thread of its own (this class);</li>
 * <li>meanwhile the boot's own thread builds the beans, which need no store data (the start-up observers of default
 * priority, such as {@link AuditWiring});</li>
 * <li>last, what needs the open store: the key ring joins the cluster's ({@link KeyWiring}), the bootstrap account is
 * made ({@link Bootstrap}) and the bootstrap file applied ({@link BootstrapFileLoader}).</li>
 * </ol>
 * The HTTP server listens only after all of them, and readiness waits for the store and the bootstrap account
 * ({@link StoreReadiness}).
 */
@ApplicationScoped
public class StartupOrder {

    /** Making both beans starts their threads; nothing else to do here. */
    void startSlowParts(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start,
                        InfinispanStore store, ServiceModels models) {
        // intentionally empty: see the class comment
    }
}
