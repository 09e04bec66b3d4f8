package io.keygate.iam.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.AccountPreferences;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Account-wide preferences: SetSecurityTokenServicePreferences ({@code v1Token}/{@code v2Token}, shown by
 * GetAccountSummary as {@code GlobalEndpointTokenVersion}) and Get/PutAccountProperties ({@code Namespace/Name}
 * keys as the model defines them; the values of one request all share a namespace). Keygate's session tokens are
 * valid in every region whichever version is chosen; the setting is kept and reported.
 */
public final class AccountPreferenceActions extends IamSupport {

    static final Pattern PROPERTY_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9/_-]*$");
    /** Properties kept per account. */
    static final int MAX_PROPERTIES = 100;

    private final AccountStores stores;

    public AccountPreferenceActions(IamContext iam, AccountStores stores) {
        super(iam);
        this.stores = stores;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("SetSecurityTokenServicePreferences", this::setStsPreferences),
                new IamAction("GetAccountProperties", this::getProperties),
                new IamAction("PutAccountProperties", this::putProperties));
    }

    /** The account's preferences (defaults when never set). */
    public AccountPreferences of(String accountId) {
        return stores.preferences().find(accountId, AccountPreferences.NAME)
                .orElseGet(() -> AccountPreferences.defaults(accountId));
    }

    private void change(String accountId, java.util.function.UnaryOperator<AccountPreferences> change) {
        stores.preferences().create(AccountPreferences.defaults(accountId));
        stores.preferences().update(accountId, AccountPreferences.NAME, change);
    }

    ResultWriter setStsPreferences(QueryParams p, Caller caller) {
        String version = p.required("GlobalEndpointTokenVersion");
        if (!version.equals("v1Token") && !version.equals("v2Token")) {
            throw QueryParams.constraint("GlobalEndpointTokenVersion", version,
                    "Member must satisfy enum value set: [v1Token, v2Token]");
        }
        authorize(caller, "SetSecurityTokenServicePreferences", "*");
        change(caller.accountId(), prefs -> prefs.withTokenVersion(version));
        return ResultWriter.EMPTY;
    }

    ResultWriter getProperties(QueryParams p, Caller caller) {
        authorize(caller, "GetAccountProperties", "*");
        Map<String, String> properties = of(caller.accountId()).properties();
        return xml -> {
            xml.start("Properties");
            properties.forEach((k, v) -> xml.start("entry").element("key", k).element("value", v).end());
            xml.end();
        };
    }

    ResultWriter putProperties(QueryParams p, Caller caller) {
        Map<String, String> properties = map(p);
        if (properties.isEmpty()) {
            p.required("Properties.entry.1.key");
        }
        String namespace = null;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            check("properties.key", e.getKey(), 1, 50, PROPERTY_KEY);
            if (e.getValue().isEmpty() || e.getValue().length() > 1024) {
                throw QueryParams.constraint("properties.value", e.getValue(),
                        "Member must have length between 1 and 1024");
            }
            int slash = e.getKey().indexOf('/');
            if (slash <= 0 || slash == e.getKey().length() - 1) {
                throw new InvalidInputException(AwsErrorCode.InvalidInput, "Property key " + e.getKey()
                        + " must be in Namespace/PropertyName format.");
            }
            String ns = e.getKey().substring(0, slash);
            if (namespace != null && !namespace.equals(ns)) {
                throw new InvalidInputException(AwsErrorCode.InvalidInput,
                        "All properties in a single request must belong to the same namespace.");
            }
            namespace = ns;
        }
        authorize(caller, "PutAccountProperties", "*");
        change(caller.accountId(), prefs -> {
            Map<String, String> merged = new LinkedHashMap<>(prefs.properties());
            merged.putAll(properties);
            if (merged.size() > MAX_PROPERTIES) {
                throw limit("Cannot exceed quota for AccountPropertiesPerAccount: " + MAX_PROPERTIES);
            }
            return prefs.withProperties(merged);
        });
        return ResultWriter.NO_MEMBERS;
    }

    /** {@code Properties.entry.N.key} / {@code .value}, the Query encoding of a map. */
    static Map<String, String> map(QueryParams p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; ; i++) {
            String key = p.raw("Properties.entry." + i + ".key");
            if (key == null) {
                return out;
            }
            String value = p.raw("Properties.entry." + i + ".value");
            if (value == null) {
                throw new InvalidInputException(AwsErrorCode.MissingParameter,
                        "The request must contain the parameter Properties.entry." + i + ".value");
            }
            out.put(key, value);
        }
    }
}
