package io.keygate.auth;

import java.util.Objects;
import java.util.Optional;

import io.keygate.policy.Decision;
import io.keygate.policy.Principal;
import io.keygate.policy.RequestContext;

/**
 * A caller's request decided: the engine's {@link Decision}, the principal and request context it was decided for,
 * and, unless allowed, the AccessDenied message in AWS's words. Immutable.
 *
 * @param decision  the engine's answer (for refusals before evaluation, an implicit deny with no statements)
 * @param principal the principal as the engine saw it
 * @param context   the request context the engine evaluated
 * @param message   the AccessDenied message, or null when allowed
 */
public record AccessDecision(Decision decision, Principal principal, RequestContext context, String message) {

    public AccessDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(context, "context");
        if (decision.allowed() != (message == null)) {
            throw new IllegalArgumentException("a denial needs a message, an allow has none");
        }
    }

    public boolean allowed() {
        return decision.allowed();
    }

    /** The AccessDenied message; empty when allowed. */
    public Optional<String> deniedMessage() {
        return Optional.ofNullable(message);
    }
}
