package io.keygate.iam.action;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.issuer.OutboundFederation;
import io.keygate.issuer.OutboundFederationRepository;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Outbound web identity federation: {@code EnableOutboundWebIdentityFederation} (gives the account its unique issuer
 * URL, {@code <base>/oidc/<random id>}), {@code DisableOutboundWebIdentityFederation} and
 * {@code GetOutboundWebIdentityFederationInfo}. Disabling keeps the issuer (and its keys published), so tokens
 * issued before still verify, as AWS documents; enabling again reuses it.
 */
public final class OutboundFederationActions extends IamSupport {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutboundFederationRepository records;
    private final String base;

    /** @param base the issuer base URL (Keygate's public URL), without a trailing slash */
    public OutboundFederationActions(IamContext iam, OutboundFederationRepository records, String base) {
        super(iam);
        this.records = records;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("EnableOutboundWebIdentityFederation", this::enable),
                new IamAction("DisableOutboundWebIdentityFederation", this::disable),
                new IamAction("GetOutboundWebIdentityFederationInfo", this::info));
    }

    ResultWriter enable(QueryParams p, Caller caller) {
        authorize(caller, "EnableOutboundWebIdentityFederation", "*");
        String account = caller.accountId();
        OutboundFederation created = new OutboundFederation(account, HexFormat.of().formatHex(randomBytes()), true,
                iam.clock().instant());
        OutboundFederation result;
        if (records.create(created)) {
            result = created;
        } else {
            result = records.update(account, r -> {
                if (r.enabled()) {
                    throw new EntityException(AwsErrorCode.FeatureEnabled,
                            "Outbound web identity federation is already enabled for this account.");
                }
                return r.withEnabled(true);
            }).orElseThrow();
        }
        return xml -> xml.element("IssuerIdentifier", result.issuerUrl(base));
    }

    ResultWriter disable(QueryParams p, Caller caller) {
        authorize(caller, "DisableOutboundWebIdentityFederation", "*");
        records.update(caller.accountId(), r -> {
            if (!r.enabled()) {
                throw disabled();
            }
            return r.withEnabled(false);
        }).orElseThrow(OutboundFederationActions::disabled);
        return ResultWriter.EMPTY;
    }

    ResultWriter info(QueryParams p, Caller caller) {
        authorize(caller, "GetOutboundWebIdentityFederationInfo", "*");
        OutboundFederation record = records.find(caller.accountId()).orElseThrow(OutboundFederationActions::disabled);
        return xml -> xml.element("IssuerIdentifier", record.issuerUrl(base))
                .element("JwtVendingEnabled", record.enabled());
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    static EntityException disabled() {
        return new EntityException(AwsErrorCode.FeatureDisabled,
                "Outbound web identity federation is disabled for this account.");
    }
}
