package io.keygate.pool;

import java.util.function.BiFunction;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;

/**
 * One Cognito Identity operation: its name ({@code X-Amz-Target: AWSCognitoIdentityService.<name>}), whether it
 * must be SigV4-signed (GetId, GetCredentialsForIdentity, GetOpenIdToken and UnlinkIdentity are not, as in AWS),
 * and what it does with the JSON input for the caller (the signer, or the unsigned caller with the request facts).
 * The handler returns the output object ({@code {}} for operations without output).
 */
public record PoolOperation(String name, boolean signed, BiFunction<PoolRequest, Caller, ObjectNode> handler) {
}
