package io.keygate.sts;

import java.time.Duration;
import java.util.regex.Pattern;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.IssuingAction;
import io.keygate.credentials.PrincipalType;
import io.keygate.credentials.SessionClaims;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code GetFederationToken}: credentials for a federated user, minted by an IAM user (or root) acting as a
 * broker. Their permissions are the calling user's <em>current</em> policies intersected with the session policies
 * passed here — evaluated at request time, so changing the user's policies changes the federated credentials at
 * once. Without a session policy they grant nothing. DurationSeconds 900–129,600 (default 43,200); for the root
 * at most 3,600 (longer requests get one hour, as AWS).
 */
public final class GetFederationToken extends StsAction {

    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]*");

    private final CredentialMinter minter;
    private final SessionInputs inputs;
    private final Authorizer authorizer;

    public GetFederationToken(CredentialMinter minter, SessionInputs inputs, Authorizer authorizer) {
        this.minter = minter;
        this.inputs = inputs;
        this.authorizer = authorizer;
    }

    /** No store write (MFA codes are the exception: checking one records it durably). */
    @Override
    public boolean nonBlocking(QueryParams params) {
        return true;
    }

    @Override
    public String name() {
        return "GetFederationToken";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        if (caller.isTemporary()) {
            throw new AccessDeniedException(AwsErrorCode.AccessDenied,
                    "Cannot call GetFederationToken with session credentials");
        }
        String name = params.string("Name", true, 2, 32, NAME);
        int requested = params.integer("DurationSeconds", 900, 129_600, 43_200);
        int duration = caller.isRoot() ? Math.min(requested, 3600) : requested;
        SessionInputs.Inputs session = inputs.read(params, caller.accountId(), false);
        String partition = caller.partition().id();
        String arn = "arn:" + partition + ":sts::" + caller.accountId() + ":federated-user/" + name;
        String federatedUserId = caller.accountId() + ":" + name;
        authorizer.authorize(caller, "sts:GetFederationToken", arn);
        if (!session.tags().isEmpty()) {
            authorizer.authorize(caller, "sts:TagSession", arn);
        }
        SessionClaims.Builder claims = SessionClaims.builder()
                .principalType(PrincipalType.FEDERATED_USER)
                .principalArn(arn)
                .userId(federatedUserId)
                .accountId(caller.accountId())
                .partition(partition)
                .source(caller.arn(), caller.userId())
                .roleSessionName(name)
                .sessionTags(session.tags())
                .sessionPolicy(session.policy())
                .sessionPolicyArns(session.policyArns())
                .mfaPresent(false)
                .issuingAction(IssuingAction.GetFederationToken);
        SessionCredentials credentials = minter.mint(claims, Duration.ofSeconds(duration), caller.accountId());
        return xml -> {
            credentials.write(xml);
            xml.start("FederatedUser").element("FederatedUserId", federatedUserId).element("Arn", arn).end();
            xml.element("PackedPolicySize", session.packedPolicySize());
        };
    }
}
