package io.keygate.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.SealedSecrets;
import io.keygate.credentials.SecretSealer;
import io.keygate.credentials.SpKeyFile;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.Partition;
import io.keygate.keys.KeyRetirement;
import io.keygate.keys.RetireKey;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreSealedSecrets;

/** Key-ring retirement: the sealed secrets of the store and of the data directory, and the API endpoint. */
@ApplicationScoped
public class KeyWiring {

    @Produces
    @Singleton
    ApiEndpoint<Caller> retireKey(KeyRing ring, SecretSealer sealer, InfinispanStore store, Partition partition,
                                  SpKeyFile spKeys, KeygateConfig config, AccountRepository accounts,
                                  Authorizer authorizer, Clock clock) {
        List<SealedSecrets> secrets = new ArrayList<>(StoreSealedSecrets.all(store, partition));
        secrets.add(new SpKeySecrets(config.dataDir().resolve("saml-sp-keys"), spKeys));
        return new RetireKey(new KeyRetirement(ring, sealer, secrets, clock), next -> persist(next, config),
                () -> Bootstrap.accountId(config, accounts), authorizer);
    }

    /** Writes the ring where Keygate keeps it; a ring given in the environment is the operator's to change. */
    private static String persist(KeyRing next, KeygateConfig config) {
        if (config.keys().ring().isPresent()) {
            return "The key ring comes from KEYGATE_KEYS_RING (keygate.keys.ring): remove the key there on every node, "
                    + "then restart the nodes one by one.";
        }
        Path file = config.dataDir().resolve("keyring");
        try {
            next.writeTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key ring " + file, e);
        }
        return "Written to " + file + " without the key; it leaves this node at its next start.";
    }

    /** The SAML SP private keys in {@code <data-dir>/saml-sp-keys}, sealed with the ring: rewritten whole. */
    private record SpKeySecrets(Path file, SpKeyFile spKeys) implements SealedSecrets {

        @Override
        public String kind() {
            return "SamlSpKeys";
        }

        @Override
        public int countSealedUnder(String kid) {
            if (!Files.exists(file)) {
                return 0;
            }
            try {
                return (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .map(line -> line.trim().split(" "))
                        .filter(f -> f.length == 5 && f[0].equals("spkey"))
                        .filter(f -> SecretSealer.kidOf(f[3]).map(kid::equals).orElse(false))
                        .count();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
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
