package io.keygate.sts;

import java.time.Duration;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code GetSessionToken}: temporary credentials for the root or an IAM user, with their own permissions.
 * DurationSeconds 900–129,600 (default 43,200); for the root at most 3,600 (default 3,600; longer requests get one
 * hour), as AWS. Session
 * credentials cannot call it. Needs no permission, as in AWS.
 */
public final class GetSessionToken extends StsAction {

    private static final Pattern SERIAL_NUMBER = Pattern.compile("[\\w+=/:,.@-]*");
    private static final Pattern TOKEN_CODE = Pattern.compile("[\\d]*");

    private final CredentialMinter minter;
    private final MfaVerifier mfa;

    public GetSessionToken(CredentialMinter minter, MfaVerifier mfa) {
        this.minter = minter;
        this.mfa = mfa;
    }

    /** No store write (MFA codes are the exception: checking one records it durably). */
    @Override
    public boolean nonBlocking(QueryParams params) {
        return !carriesMfaCode(params);
    }

    @Override
    public String name() {
        return "GetSessionToken";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        if (caller.isTemporary()) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied,
                    "Cannot call GetSessionToken with session credentials");
        }
        // As AWS: a root session longer than one hour is cut to one hour rather than refused.
        int duration = caller.isRoot()
                ? Math.min(params.integer("DurationSeconds", 900, 129_600, 3600), 3600)
                : params.integer("DurationSeconds", 900, 129_600, 43_200);
        String serial = params.string("SerialNumber", false, 9, 256, SERIAL_NUMBER);
        String code = params.string("TokenCode", false, 6, 6, TOKEN_CODE);
        SessionClaims.Builder claims = SessionClaims.builder()
                .principalType(caller.isRoot() ? PrincipalType.SESSION_ROOT : PrincipalType.SESSION_USER)
                .principalArn(caller.arn())
                .userId(caller.userId())
                .accountId(caller.accountId())
                .partition(caller.partition().id())
                .source(caller.arn(), caller.userId())
                .issuingAction(IssuingAction.GetSessionToken);
        if (serial != null || code != null) {
            claims.mfa(mfa.verify(caller, serial, code));
        } else {
            claims.mfaPresent(false);
        }
        SessionCredentials credentials = minter.mint(claims, Duration.ofSeconds(duration), caller.accountId());
        return credentials::write;
    }
}
