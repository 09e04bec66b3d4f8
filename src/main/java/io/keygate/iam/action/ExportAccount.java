package io.keygate.iam.action;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Caller;
import io.keygate.bootstrap.IamExporter;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;

/**
 * {@code GET /api/v1/accounts/{id}/export}: the caller's own account as a bootstrap YAML document
 * ({@code application/yaml}; policies, groups, users, roles, OIDC and SAML providers; never a secret). Needs
 * {@code iam:GetAccountAuthorizationDetails}, the IAM action that reads the same facts.
 */
public final class ExportAccount implements ApiEndpoint<Caller> {

    private final IamContext iam;
    private final IamExporter exporter;

    /** @param samlProviders the store's SAML providers, or null where there are none */
    public ExportAccount(IamContext iam, SamlProviderRepository samlProviders) {
        this.iam = iam;
        this.exporter = new IamExporter(iam, samlProviders);
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/api/v1/accounts/:id/export";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        return handle(body, caller, Map.of("id", caller.accountId()));
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller, Map<String, String> pathParameters) {
        String account = OwnAccount.of(caller, pathParameters, "export account", "an account exports only itself");
        iam.authorizer().authorize(caller, "iam:GetAccountAuthorizationDetails", "*");
        if (iam.accounts().find(account).isEmpty()) {
            throw new EntityException(AwsErrorCode.NoSuchEntity, "The account " + account + " does not exist.");
        }
        return ApiResult.text("application/yaml", IamExporter.yaml(exporter.export(account)));
    }
}
