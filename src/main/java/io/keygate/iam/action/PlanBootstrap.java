package io.keygate.iam.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Caller;
import io.keygate.bootstrap.BootstrapDocument;
import io.keygate.bootstrap.BootstrapFileException;
import io.keygate.bootstrap.BootstrapFileReader;
import io.keygate.bootstrap.DeclarativeBootstrap;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * {@code POST /api/v1/accounts/{id}/plan}, the plan mode of IAM as code: what applying a bootstrap document
 * ({@code {"Document": "<YAML>"}}, the format of the bootstrap file and of the export) to the caller's own account
 * would create and which entities exist with other content (drift), <em>without writing anything</em> — the
 * requests run against an in-memory copy of the store, as the dry run of a start does. Needs
 * {@code iam:GetAccountAuthorizationDetails}, as the export: a plan reads the same facts. Login-profile passwords
 * are not read from the server's environment for a plan (a stand-in that meets any password policy is used).
 */
public final class PlanBootstrap implements ApiEndpoint<Caller> {

    private static final Set<String> MEMBERS = Set.of("Document");
    /** Meets any password policy (128 characters, every class): the plan checks structure, not the password. */
    private static final String STAND_IN_PASSWORD = "Aa1!".repeat(32);

    private final IamContext iam;
    private final DeclarativeBootstrap bootstrap;
    private final BootstrapFileReader reader = new BootstrapFileReader();

    /** @param samlProviders the store's SAML providers, or null where there are none */
    public PlanBootstrap(IamContext iam, SamlProviderRepository samlProviders) {
        this.iam = iam;
        this.bootstrap = new DeclarativeBootstrap(iam, samlProviders, variable -> STAND_IN_PASSWORD);
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/accounts/:id/plan";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        return handle(body, caller, Map.of("id", caller.accountId()));
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller, Map<String, String> pathParameters) {
        String account = OwnAccount.of(caller, pathParameters, "plan for account",
                "an account plans only for itself");
        iam.authorizer().authorize(caller, "iam:GetAccountAuthorizationDetails", "*");
        JsonFields.object(body, MEMBERS);
        String text = JsonFields.string(body, "Document", BootstrapFileReader.MAX_BYTES);
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "'Document' is required: a bootstrap "
                    + "YAML document, as the export gives.");
        }
        DeclarativeBootstrap.Result plan;
        try {
            List<BootstrapDocument> documents = reader.parse("plan", text);
            for (BootstrapDocument d : documents) {
                if (d.accountId() != null && !d.accountId().equals(account)) {
                    throw new AccessDeniedException(AwsErrorCode.AccessDenied, "The document names account "
                            + (d.accountId().matches("\\d{12}") ? d.accountId() : "?") + ": an account plans only "
                            + "for itself.");
                }
            }
            plan = bootstrap.plan("plan", documents, account);
        } catch (BootstrapFileException e) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("WouldCreate", plan.created());
        answer.put("Drift", plan.drift());
        return ApiResult.ok(answer);
    }
}
