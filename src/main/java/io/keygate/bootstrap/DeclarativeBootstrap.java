package io.keygate.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.keygate.auth.Caller;
import io.keygate.bootstrap.Plan.Entity;
import io.keygate.bootstrap.Plan.Step;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;
import io.keygate.iam.action.AttachmentActions;
import io.keygate.iam.action.GroupActions;
import io.keygate.iam.action.IamContext;
import io.keygate.iam.action.InlinePolicyActions;
import io.keygate.iam.action.ManagedPolicyActions;
import io.keygate.iam.action.OidcProviderActions;
import io.keygate.federation.oidc.OidcSettings;
import io.keygate.federation.oidc.ProviderUrl;
import io.keygate.iam.action.PasswordActions;
import io.keygate.iam.action.RoleActions;
import io.keygate.iam.action.SamlProviderActions;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.action.UserActions;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;

/**
 * Applies a bootstrap file: read ({@link BootstrapFileReader}), plan the missing entities ({@link BootstrapPlanner}),
 * run every planned IAM request against an in-memory overlay of the store (the dry run: any error refuses the whole
 * file and nothing is written), then run them against the store. The requests go through the IAM actions
 * themselves, as the account's root, so the file obeys exactly the rules of the IAM API (names, paths, tags, policy
 * grammar and sizes, quotas, references). Entities that exist are never changed; applying a file twice changes
 * nothing the second time.
 *
 * <p>Not thread-safe: run once, at start.
 */
public final class DeclarativeBootstrap {

    /**
     * What an application did.
     *
     * @param created the entities created ({@code user 'alice' in 111122223333})
     * @param drift   entities that exist with other content than the file's, left as they are
     * @param skipped entities another node created between the dry run and the write
     */
    public record Result(List<String> created, List<String> drift, List<String> skipped) {
        public Result {
            created = List.copyOf(created);
            drift = List.copyOf(drift);
            skipped = List.copyOf(skipped);
        }

        Result withDrift(List<String> notes) {
            return new Result(created, notes, skipped);
        }
    }

    private final IamContext iam;
    private final SamlProviderRepository samlProviders;
    private final BootstrapPlanner planner;
    private final BootstrapFileReader reader = new BootstrapFileReader();

    /**
     * @param iam         the IAM context of the store
     * @param environment reads an environment variable (login profile passwords), null when unset
     */
    public DeclarativeBootstrap(IamContext iam, Function<String, String> environment) {
        this(iam, null, environment);
    }

    /**
     * @param iam           the IAM context of the store
     * @param samlProviders the store's SAML providers (files may declare {@code samlProviders}), or null
     * @param environment   reads an environment variable (login profile passwords), null when unset
     */
    public DeclarativeBootstrap(IamContext iam, SamlProviderRepository samlProviders,
                                Function<String, String> environment) {
        this.iam = iam;
        this.samlProviders = samlProviders;
        this.planner = new BootstrapPlanner(iam, samlProviders, environment);
    }

    /** Reads the file and applies it; {@code defaultAccount} is used by documents without {@code accountId}. */
    public Result apply(Path file, String defaultAccount) {
        return apply(file.toString(), reader.read(file), defaultAccount);
    }

    /** Applies parsed documents; {@code source} names the file in messages. */
    public Result apply(String source, List<BootstrapDocument> documents, String defaultAccount) {
        Plan plan = planner.plan(source, documents, defaultAccount);
        run(plan, dryRun(), false);
        return run(plan, actions(iam, samlProviders), true).withDrift(plan.drift());
    }

    /**
     * What {@link #apply(String, List, String)} would do, without writing anything: every request runs against an
     * in-memory copy of the store (the dry run of an application); {@code created} names what would be created,
     * {@code drift} what exists with other content. A document the API would refuse fails as it would at start.
     */
    public Result plan(String source, List<BootstrapDocument> documents, String defaultAccount) {
        Plan plan = planner.plan(source, documents, defaultAccount);
        return run(plan, dryRun(), false).withDrift(plan.drift());
    }

    private Result run(Plan plan, Map<String, QueryAction<Caller>> actions, boolean forReal) {
        List<String> created = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Entity entity : plan.entities()) {
            Caller root = root(entity.account());
            String name = entity.label() + " in " + entity.account();
            for (int i = 0; i < entity.steps().size(); i++) {
                Step step = entity.steps().get(i);
                try {
                    actions.get(step.action()).execute(new QueryParams(step.params()), root);
                } catch (KeygateException e) {
                    if (forReal && i == 0 && e.code() == AwsErrorCode.EntityAlreadyExists) {
                        skipped.add(name);
                        break;
                    }
                    throw new BootstrapFileException(entity.where() + ", " + entity.label() + ", field "
                            + step.fieldOf(e) + ": " + e.code() + ": " + e.messageWithLocation()
                            + (forReal ? " (the entity is partly created: fix it with the IAM API)" : ""));
                }
            }
            if (!skipped.contains(name)) {
                created.add(name);
            }
        }
        return new Result(created, List.of(), skipped);
    }

    /** The IAM actions over an overlay of the store that keeps every write in memory. */
    private Map<String, QueryAction<Caller>> dryRun() {
        IamContext overlay = new IamContext(iam.partition(), iam.clock(), iam.ids(), iam.authorizer(),
                new OverlayRepository.Users(iam.users()), new OverlayRepository.Groups(iam.groups()),
                new OverlayRepository.Roles(iam.roles()), new OverlayRepository.Policies(iam.policies()),
                new OverlayRepository.InstanceProfiles(iam.instanceProfiles()), iam.keys(), iam.accounts(),
                iam.settings(), iam.sealer(), iam.hasher(), iam.quotas(), iam.mfa(), key -> { },
                new OverlayOidcProviders(iam.oidcProviders()));
        return actions(overlay, samlProviders == null ? null : new OverlayRepository.SamlProviders(samlProviders));
    }

    /** The IAM actions a bootstrap file uses (none writes access keys, accounts or account settings). */
    private static Map<String, QueryAction<Caller>> actions(IamContext context, SamlProviderRepository saml) {
        List<QueryAction<Caller>> all = new ArrayList<>();
        all.addAll(new UserActions(context).actions());
        all.addAll(new GroupActions(context).actions());
        all.addAll(new RoleActions(context).actions());
        all.addAll(new ManagedPolicyActions(context).actions());
        all.addAll(new AttachmentActions(context).actions());
        all.addAll(new InlinePolicyActions(context).actions());
        all.addAll(new PasswordActions(context).actions());
        // Provider URLs follow the IAM API's syntax; where they may be fetched from is decided at each fetch.
        all.addAll(new OidcProviderActions(context, url -> ProviderUrl.problem(url, OidcSettings.defaults())
                .orElse(null)).actions());
        if (saml != null) {
            all.addAll(new SamlProviderActions(context, saml).actions());
        }
        Map<String, QueryAction<Caller>> byName = new HashMap<>();
        all.forEach(a -> byName.put(a.name(), a));
        return byName;
    }

    /** The account's root, as the file's author: the file is the operator's configuration. */
    private Caller root(String account) {
        String arn = "arn:" + iam.partition().id() + ":iam::" + account + ":root";
        return new Caller(Caller.PrincipalType.Account, iam.partition(), account, arn, account, null,
                "keygate-bootstrap-file", null, null, null);
    }
}
