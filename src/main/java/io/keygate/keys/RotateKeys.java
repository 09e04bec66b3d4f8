package io.keygate.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.KeyRing;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * {@code POST /api/v1/keys/rotate} (no body, or {@code {}}): adds a freshly generated key to the key ring the
 * cluster shares and makes it active ({@link SharedKeyRing#rotate()}). It seals secrets and encrypts session tokens
 * on this node at once and on every other node within seconds; every older key still decrypts and opens what it
 * protected until it is retired ({@link RetireKey}). As for retirement, only the root user of the bootstrap
 * account, signing with its long-term key, may rotate, and it needs {@code keygate:RotateKeys}. The answer names
 * keys by id only, never their material.
 *
 * <pre>{"KeyId":"k1764676800-Ab3x","ActiveKeyId":"k1764676800-Ab3x","Keys":["k-1","k1764676800-Ab3x"]}</pre>
 */
public final class RotateKeys implements ApiEndpoint<Caller> {

    private final Supplier<KeyRing> rotation;
    private final Supplier<String> bootstrapAccount;
    private final Authorizer authorizer;

    /** @param rotation rotates the shared ring and returns the ring in force afterwards */
    public RotateKeys(Supplier<KeyRing> rotation, Supplier<String> bootstrapAccount, Authorizer authorizer) {
        this.rotation = rotation;
        this.bootstrapAccount = bootstrapAccount;
        this.authorizer = authorizer;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/keys/rotate";
    }

    /** The answer names key ids only: the audit trail keeps it. */
    @Override
    public boolean answerAudited() {
        return true;
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        if (body != null) {
            JsonFields.object(body, Set.of());
        }
        if (!caller.isRoot() || caller.isTemporary() || !caller.accountId().equals(bootstrapAccount.get())) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, "User: " + caller.arn()
                    + " is not authorized to perform: keygate:RotateKeys: only the root user of the bootstrap "
                    + "account can rotate the key ring");
        }
        authorizer.authorize(caller, "keygate:RotateKeys", "*");
        KeyRing ring = rotation.get();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("KeyId", ring.activeKid());
        answer.put("ActiveKeyId", ring.activeKid());
        answer.put("Keys", ring.kids());
        return ApiResult.ok(answer);
    }
}
