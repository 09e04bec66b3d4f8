package io.keygate.app;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.keygate.bootstrap.DeclarativeBootstrap;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.iam.action.IamContext;
import io.quarkus.runtime.StartupEvent;

/**
 * Applies the declarative bootstrap file ({@code keygate.bootstrap.file}) at every start, after {@link Bootstrap}
 * made sure the first account exists. A file that does not validate stops the start with its message; drift is
 * logged as a warning.
 */
@ApplicationScoped
public class BootstrapFileLoader {

    private static final Logger LOG = Logger.getLogger(BootstrapFileLoader.class);

    private final KeygateConfig config;
    private final AccountRepository accounts;
    private final IamContext iam;
    private final SamlProviderRepository samlProviders;

    public BootstrapFileLoader(KeygateConfig config, AccountRepository accounts, IamContext iam,
                               SamlProviderRepository samlProviders) {
        this.config = config;
        this.accounts = accounts;
        this.iam = iam;
        this.samlProviders = samlProviders;
    }

    /** Observers run by ascending priority: Bootstrap has the default, APPLICATION + 500. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        config.bootstrap().file().ifPresent(file -> {
            var result = new DeclarativeBootstrap(iam, samlProviders, System::getenv)
                    .apply(file, Bootstrap.accountId(config, accounts));
            result.drift().forEach(LOG::warn);
            result.skipped().forEach(s -> LOG.infof("Bootstrap file %s: %s was created meanwhile by another node",
                    file, s));
            result.created().forEach(c -> LOG.infof("Bootstrap file %s: created %s", file, c));
            LOG.infof("Bootstrap file %s applied: %d created, %d drifted (left as they are)", file,
                    result.created().size(), result.drift().size());
        });
    }
}
