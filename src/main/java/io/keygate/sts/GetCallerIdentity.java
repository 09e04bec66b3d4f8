package io.keygate.sts;

import io.keygate.auth.Caller;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code GetCallerIdentity}: who signed this request. Always allowed, even under an explicit deny, as in AWS.
 */
public final class GetCallerIdentity extends StsAction {

    /** No store write (MFA codes are the exception: checking one records it durably). */
    @Override
    public boolean nonBlocking(QueryParams params) {
        return true;
    }

    @Override
    public String name() {
        return "GetCallerIdentity";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        return xml -> xml
                .element("UserId", caller.userId())
                .element("Account", caller.accountId())
                .element("Arn", caller.arn());
    }
}
