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
     * Whether this request does no blocking I/O (it only reads the in-memory store and computes), so the edge may
     * run it on the I/O thread instead of handing it to a worker. False unless an action knows better: anything
     * that writes to the store durably must say false.
     */
    default boolean nonBlocking(QueryParams params) {
        return false;
    }

    /**
     * Runs the action.
     *
     * @param params the decoded parameters (Action and Version included)
     * @param caller the authenticated caller; for unsigned actions what {@link Authenticator#unsigned} gives
     */
    ResultWriter execute(QueryParams params, C caller);
}
