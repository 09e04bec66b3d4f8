package io.keygate.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Comparator;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.keygate.credentials.AccessKeyId;
import io.keygate.credentials.AccountIds;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.SecretSealer;
import io.keygate.iam.AccessKey;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.Account;
import io.keygate.iam.AccountRepository;
import io.quarkus.runtime.StartupEvent;

/**
 * First start: with an empty store, creates the first account (id from configuration, else random) and one root
 * access key (from configuration, else generated). Generated credentials are written once to
 * {@code <data-dir>/bootstrap-credentials}, readable by the owner only; the log names the file, never a secret.
 * Later starts find the account and change nothing.
 */
@ApplicationScoped
public class Bootstrap {

    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    private final KeygateConfig config;
    private final AccountRepository accounts;
    private final AccessKeyRepository keys;
    private final SecretSealer sealer;
    private final IdGenerator ids;
    private final Clock clock;
    private volatile boolean done;

    public Bootstrap(KeygateConfig config, AccountRepository accounts, AccessKeyRepository keys,
                     SecretSealer sealer, IdGenerator ids, Clock clock) {
        this.config = config;
        this.accounts = accounts;
        this.keys = keys;
        this.sealer = sealer;
        this.ids = ids;
        this.clock = clock;
    }

    /** After the key ring has joined the cluster's (see {@link KeyWiring}), which seals the root secret. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 550) StartupEvent event) {
        if (!accounts.list().isEmpty()) {
            LOG.infof("Store holds %d account(s); bootstrap skipped", accounts.list().size());
            done = true;
            return;
        }
        KeygateConfig.BootstrapConfig boot = config.bootstrap();
        String accountId = boot.accountId().orElseGet(AccountIds::random);
        if (!Account.isValidId(accountId)) {
            throw new IllegalStateException("keygate.bootstrap.account-id must be 12 digits");
        }
        boolean generated = boot.rootAccessKeyId().isEmpty() || boot.rootSecretAccessKey().isEmpty();
        AccessKeyId keyId;
        String secret;
        if (!generated) {
            keyId = AccessKeyId.of(boot.rootAccessKeyId().get());
            secret = boot.rootSecretAccessKey().get();
            if (!IdGenerator.isWellFormedSecret(secret)) {
                throw new IllegalStateException("keygate.bootstrap.root-secret-access-key must be 40 characters");
            }
        } else if (Files.exists(credentialsFile())) {
            // An earlier first start was interrupted after writing the file: finish it with the same credentials.
            String[] previous = readCredentialsFile();
            accountId = previous[0];
            keyId = AccessKeyId.of(previous[1]);
            secret = previous[2];
        } else {
            keyId = ids.longTermAccessKeyId(accountId);
            secret = ids.secretAccessKey();
            writeCredentialsFile(accountId, keyId.value(), secret);
        }
        AccessKey rootKey = new AccessKey(keyId.value(), accountId, null, null, sealer.seal(keyId, secret),
                AccessKey.Status.Active, clock.instant(), null);
        keys.create(rootKey);
        accounts.create(new Account(accountId, null, clock.instant()));
        LOG.infof("Created account %s with root access key %s%s", accountId, keyId.value(),
                generated ? "; its secret is in " + credentialsFile().toAbsolutePath() : " (from configuration)");
        done = true;
    }

    /** The bootstrap account: the configured one, else the oldest; empty when there is none yet. */
    static String accountId(KeygateConfig config, AccountRepository accounts) {
        return config.bootstrap().accountId().orElseGet(() -> accounts.list().stream()
                .min(Comparator.comparing(Account::created)).map(Account::id).orElse(""));
    }

    /** Whether the store has its first account (readiness). */
    public boolean isDone() {
        return done;
    }

    private Path credentialsFile() {
        return config.dataDir().resolve("bootstrap-credentials");
    }

    /** Account id, access key id and secret from an existing credentials file. */
    private String[] readCredentialsFile() {
        String account = null;
        String id = null;
        String secret = null;
        try {
            for (String line : Files.readAllLines(credentialsFile(), StandardCharsets.UTF_8)) {
                String l = line.trim();
                if (l.startsWith("# Keygate bootstrap credentials for the root of account ")) {
                    account = l.substring(l.lastIndexOf(' ') + 1);
                } else if (l.startsWith("aws_access_key_id")) {
                    id = l.substring(l.indexOf('=') + 1).trim();
                } else if (l.startsWith("aws_secret_access_key")) {
                    secret = l.substring(l.indexOf('=') + 1).trim();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + credentialsFile(), e);
        }
        if (account == null || !Account.isValidId(account) || id == null || secret == null) {
            throw new IllegalStateException("The store is empty and " + credentialsFile()
                    + " is not a Keygate bootstrap file: move it away and start again");
        }
        return new String[] {account, id, secret};
    }

    private void writeCredentialsFile(String accountId, String accessKeyId, String secret) {
        Path file = credentialsFile();
        String content = "# Keygate bootstrap credentials for the root of account " + accountId + "\n"
                + "# Written once at first start. Keep this file secret, or delete it once stored elsewhere.\n"
                + "[keygate]\n"
                + "aws_access_key_id = " + accessKeyId + "\n"
                + "aws_secret_access_key = " + secret + "\n";
        try {
            io.keygate.credentials.KeyRing.createOwnerOnlyDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        Set.copyOf(PosixFilePermissions.fromString("rw-------"))));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
