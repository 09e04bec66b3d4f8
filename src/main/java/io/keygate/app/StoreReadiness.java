package io.keygate.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.keygate.store.InfinispanStore;

/** Ready once the embedded store is running and the bootstrap account exists. */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    private final InfinispanStore store;
    private final Bootstrap bootstrap;

    public StoreReadiness(InfinispanStore store, Bootstrap bootstrap) {
        this.store = store;
        this.bootstrap = bootstrap;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("store")
                .status(store.isRunning() && bootstrap.isDone())
                .build();
    }
}
