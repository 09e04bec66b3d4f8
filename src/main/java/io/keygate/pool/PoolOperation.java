package io.keygate.pool;

import java.util.function.BiFunction;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;

/**
 * One Cognito Identity operation: its name ({@code X-Amz-Target: AWSCognitoIdentityService.<name>}), whether it
 * must be SigV4-signed (GetId, GetCredentialsForIdentity, GetOpenIdToken and UnlinkIdentity are not, as in AWS),
 * what it does with the JSON input for the caller (the signer, or the unsigned caller with the request facts), and
 * for which inputs it only reads memory and computes, so that it may run on an I/O thread (it neither writes to the
 * store nor fetches anything over the network). The handler returns the output object ({@code {}} for operations
 * without output).
 */
public record PoolOperation(String name, boolean signed, BiFunction<PoolRequest, Caller, ObjectNode> handler,
                            Predicate<ObjectNode> nonBlocking) {

    /** An operation that runs on a worker thread whatever its input. */
    public PoolOperation(String name, boolean signed, BiFunction<PoolRequest, Caller, ObjectNode> handler) {
        this(name, signed, handler, input -> false);
    }
}
