package io.keygate.auth;

import java.util.List;
import java.util.Map;

import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;

/**
 * The {@link Authorizer} over the policy engine: {@link CallerDecisions} decides, and anything but Allow becomes
 * AccessDenied in AWS's words. Every signed IAM, STS and {@code /api/v1} call goes through here.
 *
 * <p>Thread-safe.
 */
public final class PolicyAuthorizer implements Authorizer {

    private final CallerDecisions decisions;

    public PolicyAuthorizer(CallerDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void authorize(Caller caller, String action, String resource, Map<String, List<String>> extraContext) {
        authorize(caller, action, resource, extraContext, null);
    }

    @Override
    public AccessDecision decide(Caller caller, String action, String resource,
                                 Map<String, List<String>> extraContext) {
        return decisions.decide(caller, action, resource, extraContext, null);
    }

    @Override
    public void authorize(Caller caller, String action, String resource, Map<String, List<String>> extraContext,
                          ResourcePolicy resourcePolicy) {
        AccessDecision decision = decisions.decide(caller, action, resource, extraContext, resourcePolicy);
        if (!decision.allowed()) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, decision.message());
        }
    }
}
