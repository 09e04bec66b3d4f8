package io.keygate.iam.action;

import java.util.function.BiFunction;

import io.keygate.auth.Caller;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.QueryService;
import io.keygate.protocol.query.ResultWriter;

/** One IAM Query action: its wire name and the method that runs it. */
record IamAction(String name, BiFunction<QueryParams, Caller, ResultWriter> handler)
        implements QueryAction<Caller> {

    @Override
    public QueryService service() {
        return QueryService.IAM;
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        return handler.apply(params, caller);
    }
}
