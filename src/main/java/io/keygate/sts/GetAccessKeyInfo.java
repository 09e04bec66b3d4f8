package io.keygate.sts;

import java.util.regex.Pattern;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.AccessKeyIds;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccessKey;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code GetAccessKeyInfo}: the account that owns an access key id. Like AWS it reveals nothing about the key's
 * state: the account is read from the store for long-term keys Keygate holds, else decoded from the id itself
 * (Keygate encodes the account into every key id the way AWS does).
 */
public final class GetAccessKeyInfo extends StsAction {

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\w]*");

    private final AccessKeyRepository keys;
    private final Authorizer authorizer;

    public GetAccessKeyInfo(AccessKeyRepository keys, Authorizer authorizer) {
        this.keys = keys;
        this.authorizer = authorizer;
    }

    /** No store write (MFA codes are the exception: checking one records it durably). */
    @Override
    public boolean nonBlocking(QueryParams params) {
        return true;
    }

    @Override
    public String name() {
        return "GetAccessKeyInfo";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String id = params.string("AccessKeyId", true, 16, 128, ACCESS_KEY_ID);
        authorizer.authorize(caller, "sts:GetAccessKeyInfo", "*");
        String account = keys.find(id).map(AccessKey::accountId)
                .or(() -> AccessKeyIds.accountOf(id))
                .orElseThrow(() -> new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                        "The access key ID " + id.substring(0, Math.min(id.length(), 32)) + " is not valid."));
        return xml -> xml.element("Account", account);
    }
}
