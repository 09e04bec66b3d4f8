package io.keygate.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.CurrentKeyRing;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SealedSecrets;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SpKeyFile;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.Partition;
import io.keygate.keys.KeyRetirement;
import io.keygate.keys.RetireKey;
import io.keygate.keys.RotateKeys;
import io.keygate.keys.SharedKeyRing;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreSealedSecrets;
import io.keygate.store.StoreSharedKeyRing;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The key ring: read from the configuration or the data directory, shared with the cluster through the store
 * ({@link SharedKeyRing}, refreshed every second), rotated by {@code POST /api/v1/keys/rotate} and retired key by
 * key by {@code POST /api/v1/keys/retire}, which first re-seals the secrets of the store and of the data directory.
 */
@ApplicationScoped
public class KeyWiring {

    private static final Logger LOG = Logger.getLogger(KeyWiring.class);
    /** How often a node looks for a ring another node changed (it also looks at once on an unknown key id). */
    static final Duration REFRESH = Duration.ofSeconds(1);

    private ScheduledExecutorService refresher;

    /**
     * The configured ring ({@code KEYGATE_KEYS_RING}), else the one in the data directory (generated on first
     * start), joined with the ring the cluster shares in its store.
     */
    @Produces
    @Singleton
    SharedKeyRing sharedKeyRing(KeygateConfig config, InfinispanStore store, Clock clock) {
        KeyRing configured;
        if (config.keys().ring().isPresent()) {
            configured = KeyRing.fromEncoded(config.keys().ring().get());
        } else {
            try {
                KeyRing.createOwnerOnlyDirectories(config.dataDir());
                configured = KeyRing.loadOrCreate(config.dataDir().resolve("keyring"), clock);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read or create the key ring in " + config.dataDir(), e);
            }
        }
        // Joined at start (joinAndRefresh), not here: building the beans that use the ring needs no store data, so the
        // boot builds them while the store is still opening.
        return new SharedKeyRing(new CurrentKeyRing(configured), new StoreSharedKeyRing(store),
                ring -> keep(ring, config), clock);
    }

    /** The ring in force on this node, which the sealer and the token codecs read at every use. */
    @Produces
    @Singleton
    CurrentKeyRing keyRing(SharedKeyRing shared) {
        return shared.current();
    }

    /** Writes a ring taken into force to the data directory, where Keygate keeps it (not for an environment ring). */
    private static void keep(KeyRing ring, KeygateConfig config) {
        if (config.keys().ring().isPresent()) {
            return;
        }
        Path file = config.dataDir().resolve("keyring");
        try {
            ring.writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key ring " + file, e);
        }
    }

    /**
     * Joins the cluster's ring (waiting for the store to open), then looks for changes every second. Runs after the
     * start-up observers that only build beans and before the bootstrap account is made ({@link Bootstrap}), which
     * seals its secret under the joined ring; the broker answers no request before.
     */
    void joinAndRefresh(@Observes @Priority(Interceptor.Priority.APPLICATION + 540) StartupEvent start,
                        SharedKeyRing shared) {
        shared.join();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "keygate-key-ring");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            try {
                shared.refresh();
            } catch (RuntimeException e) {
                // the store unreachable for a moment (a partition, a stopping node): the next round tries again
                LOG.debugf("Key ring refresh failed: %s", e.getClass().getSimpleName());
            }
        }, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stopRefreshing(@Observes ShutdownEvent stop) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> rotateKeys(SharedKeyRing shared, KeygateConfig config, AccountRepository accounts,
                                   Authorizer authorizer) {
        return new RotateKeys(shared::rotate, () -> Bootstrap.accountId(config, accounts), authorizer);
    }

    @Produces
    @Singleton
    ApiEndpoint<Caller> retireKey(SharedKeyRing shared, SecretSealer sealer, InfinispanStore store,
                                  Partition partition, SpKeyFile spKeys, KeygateConfig config,
                                  AccountRepository accounts, Authorizer authorizer, Clock clock) {
        List<SealedSecrets> secrets = new ArrayList<>(StoreSealedSecrets.all(store, partition));
        secrets.add(new SpKeySecrets(config.dataDir().resolve("saml-sp-keys"), spKeys));
        return new RetireKey(new KeyRetirement(shared.current(), sealer, secrets, clock),
                result -> retire(shared, result.kid(), config), () -> Bootstrap.accountId(config, accounts),
                authorizer);
    }

    /** Drops the key from the cluster's ring (and so from every node and the data directory's ring file). */
    private static String retire(SharedKeyRing shared, String kid, KeygateConfig config) {
        shared.change(ring -> ring.key(kid).isPresent() && !ring.activeKid().equals(kid) ? ring.retire(kid) : ring);
        if (config.keys().ring().isPresent()) {
            return "The key left the cluster's ring; remove it from KEYGATE_KEYS_RING (keygate.keys.ring) on every "
                    + "node too, or a node starting with it brings it back.";
        }
        return "Written to " + config.dataDir().resolve("keyring") + " without the key; every node of the cluster "
                + "drops it within seconds.";
    }

    /** The SAML SP private keys (shared by the cluster, copied to {@code <data-dir>/saml-sp-keys}): rewritten whole. */
    private record SpKeySecrets(Path file, SpKeyFile spKeys) implements SealedSecrets {

        @Override
        public String kind() {
            return "SamlSpKeys";
        }

        @Override
        public int countSealedUnder(String kid) {
            return (int) spKeys.stored().lines()
                    .map(line -> line.trim().split(" "))
                    .filter(f -> f.length == 5 && f[0].equals("spkey"))
                    .filter(f -> SecretSealer.kidOf(f[3]).map(kid::equals).orElse(false))
                    .count();
        }

        @Override
        public int reseal(String kid, SecretSealer with) {
            int count = countSealedUnder(kid);
            if (count > 0) {
                try {
                    spKeys.rewrite(with);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write " + file, e);
                }
            }
            return count;
        }
    }
}
