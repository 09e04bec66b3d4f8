package io.keygate.sts;

import io.keygate.auth.AuthorizationMessages;
import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.AuthorizationMessageCodec;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code DecodeAuthorizationMessage}: the details of a denial that Keygate answered with an encoded authorization
 * failure message (the decision API's {@code EncodedMessage}). Needs {@code sts:DecodeAuthorizationMessage}; only a
 * principal of the denied request's account can decode it; anything Keygate did not encode is
 * {@code InvalidAuthorizationMessageException}.
 */
public final class DecodeAuthorizationMessage extends StsAction {

    private final AuthorizationMessages messages;
    private final Authorizer authorizer;

    public DecodeAuthorizationMessage(AuthorizationMessages messages, Authorizer authorizer) {
        this.messages = messages;
        this.authorizer = authorizer;
    }

    @Override
    public String name() {
        return "DecodeAuthorizationMessage";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String encoded = params.string("EncodedMessage", true, 1, AuthorizationMessageCodec.MAX_ENCODED_LENGTH, null);
        authorizer.authorize(caller, "sts:DecodeAuthorizationMessage", "*");
        String decoded = messages.decode(encoded, caller.accountId());
        return xml -> xml.element("DecodedMessage", decoded);
    }
}
