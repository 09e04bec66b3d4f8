package io.keygate.cluster;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;

/**
 * {@code GET /api/v1/cluster}: this node's name, the members of its view, whether it accepts writes and
 * whether data is still moving between nodes (a join, a merge). Needs
 * {@code keygate:DescribeCluster}.
 *
 * <pre>{"NodeName":"a","Clustered":true,"Members":["a","b","c"],"Writable":true,"Settled":true}</pre>
 */
public final class DescribeCluster implements ApiEndpoint<Caller> {

    private final ClusterControl cluster;
    private final Authorizer authorizer;

    public DescribeCluster(ClusterControl cluster, Authorizer authorizer) {
        this.cluster = cluster;
        this.authorizer = authorizer;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/api/v1/cluster";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        authorizer.authorize(caller, "keygate:DescribeCluster", "*");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("NodeName", cluster.nodeName());
        view.put("Clustered", cluster.clustered());
        view.put("Members", cluster.members());
        view.put("Writable", cluster.writable());
        view.put("Settled", cluster.settled());
        return ApiResult.ok(view);
    }
}
