package io.keygate.sts;

import io.keygate.auth.Caller;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.QueryService;

/** What every STS action shares: the service, and the one rule about which requests write to the store. */
abstract class StsAction implements QueryAction<Caller> {

    @Override
    public final QueryService service() {
        return QueryService.STS;
    }

    /**
     * Whether the request carries an MFA code: checking one records it durably (so it cannot be replayed), which
     * is the only store write an STS call makes on the request path.
     */
    static boolean carriesMfaCode(QueryParams params) {
        return params.raw("SerialNumber") != null || params.raw("TokenCode") != null;
    }
}
