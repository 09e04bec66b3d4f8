package io.keygate.app;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Identity pools, the Cognito Identity compatible API ({@code keygate.pool.*}). */
@ConfigMapping(prefix = "keygate.pool")
public interface PoolConfig {

    /** Guest (unauthenticated) GetId calls allowed per source address and identity pool in each window. */
    @WithDefault("60")
    int guestGetIdLimit();

    /** The window of {@link #guestGetIdLimit()}. */
    @WithDefault("1m")
    Duration guestGetIdWindow();

    /** How long a GetOpenIdToken token is valid (AWS: 15 minutes). */
    @WithDefault("15m")
    Duration tokenLifetime();
}
