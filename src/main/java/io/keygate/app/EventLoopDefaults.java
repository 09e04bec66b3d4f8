package io.keygate.app;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per processor, where Quarkus would make two: Keygate answers most calls on the I/O threads
 * (signed reads, AssumeRole, the decision API, getSigninToken) and they only compute, so a second loop per processor
 * adds no throughput, only loops taking turns on a core mid-request (on two cores, with the client beside it, that
 * lengthened the tail). The processors are the ones the JVM may use (a container's CPU limit). This source sits
 * below every other ({@link #getOrdinal}): {@code quarkus.vertx.event-loops-pool-size} set anywhere wins.
 */
public final class EventLoopDefaults implements ConfigSource {

    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";

    @Override
    public Map<String, String> getProperties() {
        return Map.of(EVENT_LOOPS, getValue(EVENT_LOOPS));
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(EVENT_LOOPS);
    }

    @Override
    public String getValue(String propertyName) {
        return EVENT_LOOPS.equals(propertyName)
                ? Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())) : null;
    }

    @Override
    public String getName() {
        return "keygate-event-loop-defaults";
    }

    /** Below application.properties (250), the environment (300) and system properties (400). */
    @Override
    public int getOrdinal() {
        return 50;
    }
}
