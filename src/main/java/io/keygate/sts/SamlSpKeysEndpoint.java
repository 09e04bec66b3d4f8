package io.keygate.sts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.SpKeyFile;
import io.keygate.credentials.SpKeys;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * Keygate's SAML SP keys (the encryption certificate of {@code GET /saml/metadata}), rotated like the key ring:
 * <ul>
 * <li>{@code GET /api/v1/saml/sp-keys} ({@code keygate:ListSamlSpKeys}) lists them, newest first;</li>
 * <li>{@code POST /api/v1/saml/sp-keys/rotate} ({@code keygate:RotateSamlSpKey}) adds a new key, which the
 *     metadata publishes from then on; the older keys still decrypt;</li>
 * <li>{@code POST /api/v1/saml/sp-keys/retire} with {@code {"KeyId": "…"}} ({@code keygate:RetireSamlSpKey})
 *     drops an older key: assertions encrypted to it are refused from then on.</li>
 * </ul>
 * The keys belong to the whole broker, so, as for retiring a key-ring key ({@link io.keygate.keys.RetireKey}), only
 * the root user of the bootstrap account, signing with its long-term key, may use these endpoints, and only with the
 * permission. Each answers the keys as they are afterwards. Retiring a key-ring key re-seals this file too.
 */
public final class SamlSpKeysEndpoint implements ApiEndpoint<Caller> {

    /** The three operations. */
    public enum Operation {
        LIST("GET", "/api/v1/saml/sp-keys", "keygate:ListSamlSpKeys"),
        ROTATE("POST", "/api/v1/saml/sp-keys/rotate", "keygate:RotateSamlSpKey"),
        RETIRE("POST", "/api/v1/saml/sp-keys/retire", "keygate:RetireSamlSpKey");

        private final String method;
        private final String path;
        private final String permission;

        Operation(String method, String path, String permission) {
            this.method = method;
            this.path = path;
            this.permission = permission;
        }
    }

    private final Operation operation;
    private final SpKeyFile keys;
    private final Authorizer authorizer;
    private final Supplier<String> bootstrapAccount;

    public SamlSpKeysEndpoint(Operation operation, SpKeyFile keys, Authorizer authorizer,
                              Supplier<String> bootstrapAccount) {
        this.operation = operation;
        this.keys = keys;
        this.authorizer = authorizer;
        this.bootstrapAccount = bootstrapAccount;
    }

    @Override
    public String method() {
        return operation.method;
    }

    @Override
    public String path() {
        return operation.path;
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        if (!caller.isRoot() || caller.isTemporary() || !caller.accountId().equals(bootstrapAccount.get())) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied, "User: " + caller.arn()
                    + " is not authorized to perform: " + operation.permission + ": only the root user of the "
                    + "bootstrap account manages Keygate's SP keys");
        }
        authorizer.authorize(caller, operation.permission, "*");
        SpKeys result = switch (operation) {
            case LIST -> keys.keys();
            case ROTATE -> keys.rotate();
            case RETIRE -> retire(body);
        };
        return ApiResult.ok(Map.of("Keys", describe(result)));
    }

    private SpKeys retire(JsonNode body) {
        JsonFields.object(body, Set.of("KeyId"));
        String kid = JsonFields.string(body, "KeyId", 128);
        if (kid == null) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "'KeyId' is required.");
        }
        try {
            return keys.retire(kid);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "Cannot retire the SP key: "
                    + e.getMessage() + ".");
        }
    }

    private static List<Map<String, Object>> describe(SpKeys set) {
        return set.keys().stream().map(k -> Map.<String, Object>of("KeyId", k.kid(), "Created", k.created(),
                "Current", k.kid().equals(set.current().kid()))).toList();
    }
}
