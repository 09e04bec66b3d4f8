package io.keygate.cluster;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * Tests only: {@code POST /api/v1/cluster/isolation} with {@code {"Isolated": true|false}} drops (or restores) all
 * of this node's cluster traffic, as a network partition would. Refused unless the node started with
 * {@code keygate.cluster.fault-injection=true}; needs {@code keygate:IsolateNode}.
 */
public final class IsolateNode implements ApiEndpoint<Caller> {

    private final ClusterControl cluster;
    private final Authorizer authorizer;

    public IsolateNode(ClusterControl cluster, Authorizer authorizer) {
        this.cluster = cluster;
        this.authorizer = authorizer;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/cluster/isolation";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        JsonFields.object(body, Set.of("Isolated"));
        authorizer.authorize(caller, "keygate:IsolateNode", "*");
        if (!cluster.clustered() || !cluster.faultInjection()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "Fault injection is off on this node (keygate.cluster.fault-injection).");
        }
        JsonNode isolated = body.get("Isolated");
        if (isolated == null || !isolated.isBoolean()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "Isolated must be true or false.");
        }
        cluster.isolate(isolated.booleanValue());
        return ApiResult.ok(Map.of("Isolated", isolated.booleanValue()));
    }
}
