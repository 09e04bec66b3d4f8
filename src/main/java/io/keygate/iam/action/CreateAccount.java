package io.keygate.iam.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.keygate.auth.Caller;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * {@code POST /api/v1/accounts}: the bootstrap account's root creates another account. JSON body
 * {@code {"AccountId"?, "Alias"?}}; answers 201 {@code {"AccountId", "AccessKeyId", "SecretAccessKey"}} — the new
 * root key, shown once.
 */
public final class CreateAccount implements ApiEndpoint<Caller> {

    private static final Logger LOG = Logger.getLogger(CreateAccount.class);
    private static final Set<String> MEMBERS = Set.of("AccountId", "Alias");

    private final AccountProvisioner provisioner;
    private final Supplier<String> bootstrapAccount;

    public CreateAccount(AccountProvisioner provisioner, Supplier<String> bootstrapAccount) {
        this.provisioner = provisioner;
        this.bootstrapAccount = bootstrapAccount;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/accounts";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        JsonNode request = JsonFields.object(body == null ? JsonNodeFactory.instance.objectNode() : body, MEMBERS);
        String id = JsonFields.string(request, "AccountId", 12);
        String alias = JsonFields.string(request, "Alias", 63);
        AccountProvisioner.Created created = provisioner.create(caller, bootstrapAccount.get(), id, alias);
        LOG.infof("Account %s created by %s", created.accountId(), caller.arn());
        Map<String, String> out = new LinkedHashMap<>();
        out.put("AccountId", created.accountId());
        out.put("AccessKeyId", created.accessKeyId());
        out.put("SecretAccessKey", created.secretAccessKey());
        return ApiResult.created(out);
    }
}
