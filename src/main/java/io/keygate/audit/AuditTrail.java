package io.keygate.audit;

import java.lang.System.Logger.Level;

import io.keygate.auth.Caller;

/**
 * Records calls in this node's {@link AuditLog}: writes forced to the disk before the answer, reads written to the
 * file (see {@link AuditLog} for what a crash can lose). A failure to record is logged and never turns a call's
 * answer into an error: the call has happened by then.
 *
 * <p>Thread-safe.
 */
public final class AuditTrail {

    private static final System.Logger LOG = System.getLogger(AuditTrail.class.getName());

    private final AuditLog log;
    private final boolean enabled;

    public AuditTrail(AuditLog log, boolean enabled) {
        this.log = log;
        this.enabled = enabled;
    }

    /** Records {@code call} made by {@code caller} (null: not authenticated). */
    public void record(Caller caller, AuditEvents.Call call) {
        record(caller, () -> call, AuditEvents.readOnly(call.eventSource(), call.eventName()));
    }

    /**
     * Records the call {@code call} describes, built on the audit writer's thread (its answer elements may be costly
     * to read): a read returns at once, a write once its event is on the disk.
     */
    public void record(Caller caller, java.util.function.Supplier<AuditEvents.Call> call, boolean readOnly) {
        if (!enabled) {
            return;
        }
        try {
            log.append(() -> AuditEvents.event(caller, call.get()), !readOnly);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot record a call in the audit trail", e);
        }
    }

    /**
     * Records a console sign-in ({@link SigninEvents}), on the disk before the answer like a write: a sign-in is
     * what a security team looks for first.
     */
    public void recordSignin(java.util.function.Supplier<SigninEvents.Attempt> attempt) {
        recordSignin(attempt, true);
    }

    /**
     * Records a sign-in event; {@code durable}: on the disk before this returns (console sign-ins), else queued like
     * the events of STS calls ({@code GetSigninToken} mints a token as they mint credentials, at their rates).
     */
    public void recordSignin(java.util.function.Supplier<SigninEvents.Attempt> attempt, boolean durable) {
        if (!enabled) {
            return;
        }
        try {
            log.append(() -> SigninEvents.event(attempt.get()), durable);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot record a sign-in in the audit trail", e);
        }
    }

    public AuditLog log() {
        return log;
    }
}
