package io.keygate.protocol.sigv4;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a SigV4 endpoint accepts: the credential-scope services and regions, the clock skew window, and whether the
 * URI path is normalized (every service except S3).
 *
 * <p>Immutable; thread-safe as long as {@code regionAllowed} is.
 *
 * @param services      accepted service names, in preference order (the first is named in error messages); empty
 *                      means any service (the decision API)
 * @param regionAllowed accepted regions, e.g. the partition's regions plus {@code aws-global}
 * @param maxSkew       how far the request time may be from the clock, 15 minutes at AWS
 * @param normalizePath remove {@code .}/{@code ..} segments and empty segments before encoding the path
 */
public record SigV4Settings(List<String> services, Predicate<String> regionAllowed, Duration maxSkew,
                            boolean normalizePath) {

    /** AWS's skew window. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(15);

    public SigV4Settings {
        services = List.copyOf(services);
        Objects.requireNonNull(regionAllowed, "regionAllowed");
        Objects.requireNonNull(maxSkew, "maxSkew");
        if (maxSkew.isNegative()) {
            throw new IllegalArgumentException("maxSkew must not be negative");
        }
    }

    /** Accepts exactly the given services (e.g. {@code "sts", "iam"}), 15 minutes of skew, normalized paths. */
    public static SigV4Settings forServices(Predicate<String> regionAllowed, String... services) {
        if (services.length == 0) {
            throw new IllegalArgumentException("name at least one service, or use anyService");
        }
        return new SigV4Settings(List.of(services), regionAllowed, DEFAULT_SKEW, true);
    }

    /** Accepts any service name in the scope (the decision API verifies requests signed for other services). */
    public static SigV4Settings anyService(Predicate<String> regionAllowed) {
        return new SigV4Settings(List.of(), regionAllowed, DEFAULT_SKEW, true);
    }

    /** A copy with another skew window. */
    public SigV4Settings withMaxSkew(Duration skew) {
        return new SigV4Settings(services, regionAllowed, skew, normalizePath);
    }

    /** A copy with path normalization on or off ({@code false} is S3's rule). */
    public SigV4Settings withNormalizePath(boolean normalize) {
        return new SigV4Settings(services, regionAllowed, maxSkew, normalize);
    }

    boolean serviceAllowed(String service) {
        return services.isEmpty() || services.contains(service);
    }
}
