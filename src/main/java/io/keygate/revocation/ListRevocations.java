package io.keygate.revocation;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;

/**
 * {@code GET /api/v1/revocations}: the live revocations of the caller's account, oldest first. Needs
 * {@code keygate:ListRevocations}.
 */
public final class ListRevocations implements ApiEndpoint<Caller> {

    private final RevocationRepository revocations;
    private final Authorizer authorizer;

    public ListRevocations(RevocationRepository revocations, Authorizer authorizer) {
        this.revocations = revocations;
        this.authorizer = authorizer;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/api/v1/revocations";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        authorizer.authorize(caller, "keygate:ListRevocations", "*");
        return ApiResult.ok(Map.of("Revocations",
                revocations.list(caller.accountId()).stream().map(RevocationView::of).toList()));
    }
}
