package io.keygate.pool;

import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;

/**
 * One Cognito Identity operation: its name ({@code X-Amz-Target: AWSCognitoIdentityService.<name>}), whether it
 * must be SigV4-signed (GetId, GetCredentialsForIdentity, GetOpenIdToken and UnlinkIdentity are not, as in AWS),
 * what it does with the JSON input for the caller (the signer, or the unsigned caller with the request facts), and
 * for which inputs it may run on an I/O thread: it only reads memory and computes, or, with an {@code awaiting}
 * handler, it starts its store writes without waiting for them (a guest's GetId). The handlers return the output
 * object ({@code {}} for operations without output).
 *
 * @param awaiting null, or for the inputs {@code nonBlocking} accepts: the handler that computes on the calling
 *                 thread, starts its durable writes and answers with a stage that completes once they are durable
 *                 (the same output, or the same failure, {@code handler} gives)
 */
public record PoolOperation(String name, boolean signed, BiFunction<PoolRequest, Caller, ObjectNode> handler,
                            Predicate<ObjectNode> nonBlocking,
                            BiFunction<PoolRequest, Caller, CompletionStage<ObjectNode>> awaiting) {

    /** An operation that runs on a worker thread whatever its input. */
    public PoolOperation(String name, boolean signed, BiFunction<PoolRequest, Caller, ObjectNode> handler) {
        this(name, signed, handler, input -> false);
    }

    /** An operation that runs on an I/O thread for the inputs {@code nonBlocking} accepts, without store writes. */
    public PoolOperation(String name, boolean signed, BiFunction<PoolRequest, Caller, ObjectNode> handler,
                         Predicate<ObjectNode> nonBlocking) {
        this(name, signed, handler, nonBlocking, null);
    }
}
