package io.keygate.protocol.query;

/**
 * One AWS Query action (one class per action). The protocol layer parses the parameters, authenticates the
 * caller (unless {@link #requiresSignature()} is false) and hands both here; the action validates its parameters,
 * asks the policy engine, does the work and returns how to write its result.
 *
 * @param <C> the authenticated caller type
 */
public interface QueryAction<C> {

    QueryService service();

    /** The action name exactly as on the wire ({@code GetCallerIdentity}). */
    String name();

    /** False only for the unsigned federation actions (AssumeRoleWithSAML, AssumeRoleWithWebIdentity). */
    default boolean requiresSignature() {
        return true;
    }

    /**
     * Runs the action.
     *
     * @param params the decoded parameters (Action and Version included)
     * @param caller the authenticated caller, or {@code null} for unsigned actions
     */
    ResultWriter execute(QueryParams params, C caller);
}
