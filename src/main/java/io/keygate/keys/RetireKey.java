package io.keygate.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * {@code POST /api/v1/keys/retire} {@code {"KeyId": "k-…"}}: retires a key-ring key after sealing again, under the
 * active key, every stored secret it sealed ({@link KeyRetirement}). The key ring belongs to the whole broker, so
 * only the root user of the bootstrap account, signing with its long-term key, may retire a key (and it needs
 * {@code keygate:RetireKey}). The key then leaves the ring the cluster shares ({@link SharedKeyRing}) and with it
 * every node within seconds; where Keygate keeps the ring in its data directory, the file is rewritten without it;
 * where the ring comes from {@code KEYGATE_KEYS_RING}, the answer says to remove it there too. Either way every
 * stored secret already opens without it.
 *
 * <pre>{"KeyId":"k-1","Resealed":{"AccessKeys":3,"MfaDevices":1,…},"RemainingKeys":["k-2"],"KeyRing":"…"}</pre>
 */
public final class RetireKey implements ApiEndpoint<Caller> {

    private static final Set<String> MEMBERS = Set.of("KeyId");

    private final KeyRetirement retirement;
    private final Function<KeyRetirement.Result, String> persist;
    private final Supplier<String> bootstrapAccount;
    private final Authorizer authorizer;

    /**
     * @param persist drops the key from the ring in force and where this broker keeps it, and says what happened,
     *                for the answer
     */
    public RetireKey(KeyRetirement retirement, Function<KeyRetirement.Result, String> persist, Supplier<String> bootstrapAccount,
                     Authorizer authorizer) {
        this.retirement = retirement;
        this.persist = persist;
        this.bootstrapAccount = bootstrapAccount;
        this.authorizer = authorizer;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/keys/retire";
    }

    /** The answer names key ids only: the audit trail keeps it. */
    @Override
    public boolean answerAudited() {
        return true;
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        JsonFields.object(body, MEMBERS);
        String kid = JsonFields.string(body, "KeyId", 64);
        if (kid == null) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "KeyId is required.");
        }
        if (!caller.isRoot() || caller.isTemporary() || !caller.accountId().equals(bootstrapAccount.get())) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, "User: " + caller.arn()
                    + " is not authorized to perform: keygate:RetireKey: only the root user of the bootstrap "
                    + "account can retire key-ring keys");
        }
        authorizer.authorize(caller, "keygate:RetireKey", "*");
        KeyRetirement.Result result = retirement.retire(kid);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("KeyId", result.kid());
        answer.put("Resealed", result.resealed());
        answer.put("RemainingKeys", result.ring().kids());
        answer.put("KeyRing", persist.apply(result));
        return ApiResult.ok(answer);
    }
}
