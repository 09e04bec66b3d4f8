package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.support.BrokerProcess;
import io.keygate.support.HostilePolicies;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Issue 8 item 1 on the packaged broker as a real process with a 256 MB heap: 200 distinct hostile 2 KB session
 * policies sent through AssumeRole (and then used by their sessions) and 20 hostile 10 KB role inline policies (then
 * evaluated by a session of each role) leave it healthy — every answer a 200 or a 4xx, never a 5xx or a dropped
 * connection; {@code /q/health/ready} 200; no {@code OutOfMemoryError} in its log; and the heap it uses after a full
 * GC at most {@link #HEAP_GROWTH_BOUND} above where it stood after a benign warm-up of the same calls.
 *
 * <p><b>The bound, 32 MiB.</b> What the attack may legitimately leave behind is what the broker's caches keep: the
 * session-input compiled-policy cache ({@code QueryWiring}, a 16 MiB budget), the shared one that request
 * authorization uses (64 MiB) — both weighing a compiled policy at 64 bytes per character of its text, an upper
 * estimate — and the decoded-token cache holding the 200 sessions. The attack sends about 610 K characters
 * (200 × 2,040 + 20 × 10,200); compiled at their real cost (about 20 bytes per character for these documents, under
 * {@code Glob#footprint()}'s bound) into the caches that keep them, that is about 16 MiB, and 16 MiB is what this test
 * measured when it was written (17 MiB before, 33 MiB after). 32 MiB leaves as much again for noise and is an eighth
 * of the heap. What breaks it: before the fix one hostile 2 KB session policy compiled to about 150 MB (a table of
 * {@code maxChar + 1} longs per wildcard segment), and this run then answers {@code InternalFailure}
 * ({@code OutOfMemoryError}); a compiled form that keeps only 1/1024 of that table (about 0.5 KB per segment) raised
 * the heap after GC by 69 MiB with every answer still healthy, and only the bound caught it.
 *
 * <p>The broker runs with {@code -XX:+UseSerialGC} so that {@code jcmd GC.run} is one stop-the-world full collection
 * and {@code GC.heap_info} reads "used" for the two generations plainly.
 */
class HostilePolicyHeapIT {

    /** The HTTP port of this test's broker (this suite's range is 18160-18169). */
    private static final int PORT = 18160;
    private static final long MIB = 1L << 20;
    /** How far the heap after a full GC may end above the warm baseline (see the class comment). */
    static final long HEAP_GROWTH_BOUND = 32 * MIB;
    private static final int SESSION_POLICIES = 200;
    private static final int ROLE_POLICIES = 20;

    private static final String ASSUME_ANY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}""";
    private static final String TRUST_USER = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"AWS":"arn:aws:iam::%s:user/attacker"},"Action":"sts:AssumeRole"}]}""";
    private static final String READ_ROLES = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetRole","Resource":"*"}]}""";
    /** A benign policy the warm-up sends where the attack sends a hostile one. */
    private static final String BENIGN = """
            {"Version":"2012-10-17","Statement":[{"Sid":"B%d","Effect":"Allow","Action":"s3:Get*",\
            "Resource":"arn:aws:s3:::bucket-%d/*"}]}""";
    private static final Pattern GENERATION_USED =
            Pattern.compile("(?:generation|heap)\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private BrokerProcess broker;
    private String account;
    /** Root's IAM client, and the one the sessions call GetRole with (credentials given per request). */
    private IamClient root;
    private IamClient sessions;
    /** The attacker's STS client. */
    private StsClient sts;
    private final Tally answers = new Tally();

    @Test
    void hostilePoliciesWhenSentAndEvaluatedThenBrokerStaysHealthyAndHeapStaysBounded(@TempDir Path dataDir)
            throws Exception {
        try (BrokerProcess started = BrokerProcess.start(dataDir, PORT, Map.of(),
                List.of("-Xmx256m", "-XX:+UseSerialGC"), Duration.ofSeconds(180))) {
            broker = started;
            AwsBasicCredentials rootKey = bootstrapCredentials(dataDir);
            root = iam(rootKey);
            sessions = iam(rootKey);
            try (StsClient rootSts = sts(rootKey)) {
                account = rootSts.getCallerIdentity().account();
            }
            sts = sts(setUp());
            try {
                run();
            } finally {
                sts.close();
                sessions.close();
                root.close();
            }
        }
    }

    private void run() throws Exception {
        // Warm-up: the same calls with benign documents, so that classes, pools and caches that any traffic fills
        // are in the baseline and only what the hostile documents leave counts.
        for (int i = 0; i < 20; i++) {
            Credentials c = assume("Warm", "warm-" + i, BENIGN.formatted(i, i));
            answers.record("warm GetRole", () -> getRole(c, "Warm"));
        }
        root.putRolePolicy(b -> b.roleName("Warm").policyName("Benign").policyDocument(BENIGN.formatted(99, 99)));
        Credentials warm = assume("Warm", "warm-role", null);
        answers.record("warm GetRole", () -> getRole(warm, "Warm"));
        // the session policy (s3:Get* only) refuses GetRole; the role alone allows it
        assertThat(answers.counts()).isEqualTo(Map.of("warm GetRole", Map.of(403, 20, 200, 1)));
        long before = heapAfterFullGc();

        long start = System.nanoTime();
        sendHostileSessionPolicies();
        long sessionsDone = System.nanoTime();
        putAndEvaluateHostileRolePolicies();
        long rolesDone = System.nanoTime();

        long after = heapAfterFullGc();
        System.out.printf("HostilePolicyHeapIT: heap after full GC %d KiB before, %d KiB after (growth %d KiB, "
                        + "bound %d KiB); session policies %d ms, role policies %d ms; answers %s%n",
                before / 1024, after / 1024, (after - before) / 1024, HEAP_GROWTH_BOUND / 1024,
                (sessionsDone - start) / 1_000_000, (rolesDone - sessionsDone) / 1_000_000, answers.counts());

        assertThat(broker.isAlive()).as("broker process alive").isTrue();
        assertThat(answers.serverFaults()).as("answers that were a 5xx or no answer at all, of %s",
                answers.counts()).isEmpty();
        assertThat(ready()).as("/q/health/ready").isEqualTo(200);
        assertThat(broker.log()).doesNotContain("OutOfMemoryError");
        assertThat(after - before).as("heap growth in bytes after a full GC (before %d KiB, after %d KiB)",
                before / 1024, after / 1024).isLessThanOrEqualTo(HEAP_GROWTH_BOUND);
    }

    /**
     * 200 AssumeRole calls, each with a distinct hostile session policy, four at a time; each session that is
     * granted then calls GetRole, which its session policy (only {@code s3:Get*}) must refuse: a 403 proves the
     * hostile policy was compiled and evaluated for the request.
     */
    private void sendHostileSessionPolicies() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < SESSION_POLICIES; i++) {
                int seed = 1_000 + i;
                calls.add(pool.submit(() -> {
                    Credentials[] granted = new Credentials[1];
                    int status = answers.record("AssumeRole(hostile Policy)", () -> {
                        granted[0] = assume("Warm", "hostile-" + seed, HostilePolicies.session(seed));
                        return 200;
                    });
                    if (status == 200) {
                        answers.record("GetRole by hostile session", () -> getRole(granted[0], "Warm"));
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(total("AssumeRole(hostile Policy)")).isEqualTo(SESSION_POLICIES);
        assertThat(answers.counts().getOrDefault("GetRole by hostile session", Map.of()).keySet())
                .as("what the hostile sessions' GetRole got").isSubsetOf(403);
    }

    /**
     * One hostile 10 KB inline policy on each of 20 roles (a role's inline policies may hold 10,240 characters in
     * all), then a session of each role calls GetRole, allowed by its attached managed policy: a 200 means every
     * policy of the role, the hostile one included, was compiled and evaluated.
     */
    private void putAndEvaluateHostileRolePolicies() {
        for (int i = 0; i < ROLE_POLICIES; i++) {
            String role = target(i);
            int seed = 5_000 + i;
            answers.record("PutRolePolicy(hostile)", () -> {
                root.putRolePolicy(b -> b.roleName(role).policyName("Hostile")
                        .policyDocument(HostilePolicies.roleInline(seed)));
                return 200;
            });
            Credentials session = assume(role, "evaluate", null);
            assertThat(answers.record("GetRole by role session", () -> getRole(session, role)))
                    .as("GetRole as a session of %s", role).isEqualTo(200);
        }
        assertThat(total("PutRolePolicy(hostile)")).isEqualTo(ROLE_POLICIES);
    }

    private int total(String call) {
        return answers.counts().getOrDefault(call, Map.of()).values().stream().mapToInt(n -> n).sum();
    }

    /** The attacker user (allowed sts:AssumeRole), the role Warm and 20 roles Target00.. that trust it. */
    private AwsBasicCredentials setUp() {
        root.createUser(b -> b.userName("attacker"));
        root.putUserPolicy(b -> b.userName("attacker").policyName("AssumeAny").policyDocument(ASSUME_ANY));
        AccessKey key = root.createAccessKey(b -> b.userName("attacker")).accessKey();
        String readRoles = root.createPolicy(b -> b.policyName("ReadRoles").policyDocument(READ_ROLES)).policy().arn();
        List<String> roles = new ArrayList<>(List.of("Warm"));
        for (int i = 0; i < ROLE_POLICIES; i++) {
            roles.add(target(i));
        }
        for (String role : roles) {
            root.createRole(b -> b.roleName(role).assumeRolePolicyDocument(TRUST_USER.formatted(account)));
            root.attachRolePolicy(b -> b.roleName(role).policyArn(readRoles));
        }
        return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
    }

    private static String target(int i) {
        return "Target%02d".formatted(i);
    }

    private Credentials assume(String role, String sessionName, String policy) {
        return sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + account + ":role/" + role)
                .roleSessionName(sessionName).policy(policy)).credentials();
    }

    /** GetRole as the session {@code c}: 200 with the role's name (a refusal throws). */
    private int getRole(Credentials c, String role) {
        AwsCredentials session = AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
        assertThat(sessions.getRole(b -> b.roleName(role)
                .overrideConfiguration(o -> o.credentialsProvider(StaticCredentialsProvider.create(session))))
                .role().roleName()).isEqualTo(role);
        return 200;
    }

    /** Heap used (both generations) after two full collections, in bytes: one jcmd run of three commands. */
    private long heapAfterFullGc() throws Exception {
        Path commands = Files.createTempFile("keygate-heap", ".jcmd");
        String info;
        try {
            Files.writeString(commands, "GC.run\nGC.run\nGC.heap_info\n");
            info = broker.jcmd("-f", commands.toString());
        } finally {
            Files.delete(commands);
        }
        Matcher m = GENERATION_USED.matcher(info);
        long usedKib = 0;
        boolean found = false;
        while (m.find()) {
            usedKib += Long.parseLong(m.group(1));
            found = true;
        }
        assertThat(found).as("GC.heap_info names the generations' use:%n%s", info).isTrue();
        return usedKib * 1024;
    }

    private int ready() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(broker.endpoint().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static AwsBasicCredentials bootstrapCredentials(Path dataDir) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dataDir.resolve("bootstrap-credentials"))));
        return AwsBasicCredentials.create(p.getProperty("aws_access_key_id"), p.getProperty("aws_secret_access_key"));
    }

    private StsClient sts(AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(broker.endpoint()).region(Region.US_EAST_1)
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private IamClient iam(AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(broker.endpoint()).region(Region.AWS_GLOBAL)
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    /** Answers by call, by HTTP status; -1 is a call that got no answer (connection reset, timeout). */
    private static final class Tally {
        private final Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
        private final List<String> faults = new ArrayList<>();

        /** Runs {@code call}, counts its status (a thrown service error's, or -1 without one) and returns it. */
        int record(String name, Supplier<Integer> call) {
            int status;
            String fault = null;
            try {
                status = call.get();
            } catch (AwsServiceException e) {
                status = e.statusCode();
                fault = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode() + ": "
                        + e.awsErrorDetails().errorMessage();
            } catch (SdkClientException e) {
                status = -1;
                fault = e.toString();
            }
            synchronized (this) {
                counts.computeIfAbsent(name, k -> new TreeMap<>()).merge(status, 1, Integer::sum);
                if (status < 200 || status >= 500) {
                    faults.add(name + " → " + status + " " + fault);
                }
            }
            return status;
        }

        synchronized Map<String, Map<Integer, Integer>> counts() {
            Map<String, Map<Integer, Integer>> copy = new TreeMap<>();
            counts.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
            return copy;
        }

        synchronized List<String> serverFaults() {
            return List.copyOf(faults);
        }
    }
}
