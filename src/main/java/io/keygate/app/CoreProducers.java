package io.keygate.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.CurrentKeyRing;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SecretSealer;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.UserRepository;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.store.ClusterSettings;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreAccessKeyRepository;
import io.keygate.store.StoreAccountRepository;
import io.keygate.store.StoreUserRepository;

/** Builds the plain-Java core (store, key ring, repositories) from the configuration. */
@ApplicationScoped
public class CoreProducers {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    Partition partition(KeygateConfig config) {
        return Partition.of(config.partition());
    }

    @Produces
    @Singleton
    InfinispanStore store(KeygateConfig config) {
        Path dir = config.dataDir().resolve("store");
        try {
            // The data directory holds the key ring and the sealed secrets: owner-only (rwx------) when created.
            KeyRing.createOwnerOnlyDirectories(config.dataDir());
            KeyRing.createOwnerOnlyDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store directory " + dir, e);
        }
        KeygateConfig.ClusterConfig cluster = config.cluster();
        if (!cluster.enabled()) {
            return InfinispanStore.embedded(dir);
        }
        String[] bind = ClusterSettings.hostAndPort(cluster.bind(), "keygate.cluster.bind");
        String nodeName = cluster.nodeName().orElseGet(CoreProducers::hostName);
        return InfinispanStore.clustered(dir, new ClusterSettings(nodeName, bind[0], Integer.parseInt(bind[1]),
                cluster.members().orElse(List.of()), cluster.dnsQuery(), cluster.faultInjection()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "keygate-" + ProcessHandle.current().pid();
        }
    }

    void closeStore(@Disposes InfinispanStore store) {
        store.close();
    }

    /** Used codes, counters, single-use tokens: the store's cache of expiring entries (SAML replay ids: their own). */
    @Produces
    @Singleton
    ExpiringEntries expiringEntries(InfinispanStore store) {
        return store.expiringEntries();
    }

    @Produces
    @Singleton
    SecretSealer secretSealer(CurrentKeyRing keyRing) {
        return new SecretSealer(keyRing);
    }

    @Produces
    @Singleton
    IdGenerator idGenerator() {
        return IdGenerator.create();
    }

    @Produces
    @Singleton
    AccountRepository accounts(InfinispanStore store) {
        return new StoreAccountRepository(store);
    }

    @Produces
    @Singleton
    UserRepository users(InfinispanStore store) {
        return new StoreUserRepository(store);
    }

    @Produces
    @Singleton
    AccessKeyRepository accessKeys(InfinispanStore store) {
        return new StoreAccessKeyRepository(store);
    }
}
