package io.keygate.audit;

import java.lang.System.Logger.Level;
import java.util.Map;

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
        if (!enabled) {
            return;
        }
        try {
            Map<String, Object> event = AuditEvents.event(caller, call);
            log.append(event, !AuditEvents.readOnly(call.eventSource(), call.eventName()));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Cannot record " + call.eventName() + " (request " + call.requestId()
                    + ") in the audit trail", e);
        }
    }

    public AuditLog log() {
        return log;
    }
}
