package io.keygate.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit trail ({@code keygate.audit.*}). */
@ConfigMapping(prefix = "keygate.audit")
public interface AuditConfig {

    /** Whether calls are recorded in {@code <data-dir>/audit}. */
    @WithDefault("true")
    boolean enabled();

    /** How long day files are kept (whole days; at least one). */
    @WithDefault("P90D")
    Duration retention();
}
