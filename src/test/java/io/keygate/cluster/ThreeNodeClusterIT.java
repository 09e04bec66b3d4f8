package io.keygate.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.keygate.client.KeygateClient;
import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.BrokerProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Three broker processes on loopback form one cluster with static members (JGroups on ports 7900-7902, HTTP on
 * 18171-18173). They share a key ring and bootstrap values; A starts first and creates the bootstrap account, B and
 * C find it. Run by the {@code cluster} Maven profile.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeClusterIT {

    private static final String ACCOUNT = "111122223333";
    private static final AwsBasicCredentials ROOT = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String[] NAMES = {"a", "b", "c"};
    private static final int[] JGROUPS = {7900, 7901, 7902};
    private static final int[] HTTP = {18171, 18172, 18173};
    /** Generous: the shared CI machine may be slow to start a JVM. */
    private static final Duration START = Duration.ofMinutes(4);

    private static Path root;
    private static String ring;
    private static final BrokerProcess[] nodes = new BrokerProcess[3];

    @BeforeAll
    static void startCluster() throws Exception {
        root = Files.createTempDirectory("keygate-cluster");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ring = "key k-1 2026-01-01T00:00:00Z " + Base64.getEncoder().encodeToString(key) + ";active k-1";
        nodes[0] = start(0); // first: it creates the bootstrap account
        Thread second = new Thread(() -> {
            try {
                nodes[1] = start(1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        second.start();
        nodes[2] = start(2);
        second.join();
        assertThat(nodes[1]).as("node b started").isNotNull();
        awaitMembers(3, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (BrokerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
    }

    private static BrokerProcess start(int i) throws Exception {
        String members = "127.0.0.1:" + JGROUPS[0] + ",127.0.0.1:" + JGROUPS[1] + ",127.0.0.1:" + JGROUPS[2];
        Map<String, String> env = Map.ofEntries(
                Map.entry("KEYGATE_CLUSTER_ENABLED", "true"),
                Map.entry("KEYGATE_CLUSTER_BIND", "127.0.0.1:" + JGROUPS[i]),
                Map.entry("KEYGATE_CLUSTER_MEMBERS", members),
                Map.entry("KEYGATE_CLUSTER_NODE_NAME", NAMES[i]),
                Map.entry("KEYGATE_CLUSTER_FAULT_INJECTION", "true"),
                Map.entry("KEYGATE_KEYS_RING", ring),
                Map.entry("KEYGATE_BOOTSTRAP_ACCOUNT_ID", ACCOUNT),
                Map.entry("KEYGATE_BOOTSTRAP_ROOT_ACCESS_KEY_ID", ROOT.accessKeyId()),
                Map.entry("KEYGATE_BOOTSTRAP_ROOT_SECRET_ACCESS_KEY", ROOT.secretAccessKey()),
                Map.entry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"));
        // Rebalances, merges and degraded mode go to each node's log, to explain a failure.
        return BrokerProcess.start(root.resolve(NAMES[i]), HTTP[i], env,
                List.of("-Dquarkus.log.category.\"org.infinispan.CLUSTER\".level=INFO"), START);
    }

    private static URI endpoint(int i) {
        return URI.create("http://127.0.0.1:" + HTTP[i] + "/");
    }

    private static IamClient iam(int i, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint(i)).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    /** A client that does not retry: the assertions see the first answer. */
    private static IamClient iamNoRetry(int i, AwsCredentials credentials) {
        return IamClient.builder().endpointOverride(endpoint(i)).region(Region.AWS_GLOBAL)
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static StsClient sts(int i, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint(i)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static KeygateClient api(int i, AwsCredentials credentials) {
        String token = credentials instanceof AwsSessionCredentials s ? s.sessionToken() : null;
        return new KeygateClient(endpoint(i), "us-east-1",
                new SigningCredentials(credentials.accessKeyId(), credentials.secretAccessKey(), token));
    }

    private static AwsSessionCredentials session(Credentials c) {
        return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }

    private static KeygateClient.Response cluster(int i) throws Exception {
        return api(i, ROOT).get("/api/v1/cluster");
    }

    private static void awaitMembers(int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean all = true;
            for (int i = 0; i < 3; i++) {
                if (nodes[i] == null || !nodes[i].isAlive()) {
                    continue;
                }
                KeygateClient.Response r = cluster(i);
                all &= r.status() == 200 && r.body().get("Members").size() == count
                        && r.body().get("Writable").asBoolean() && r.body().get("Settled").asBoolean();
            }
            if (all) {
                return;
            }
            assertThat(Instant.now()).as("cluster of %d within %s", count, timeout).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static Set<String> userNames(int i) {
        try (IamClient iam = iam(i, ROOT)) {
            return iam.listUsersPaginator(b -> b.maxItems(1000)).users().stream().map(User::userName)
                    .collect(Collectors.toSet());
        }
    }

    @Test
    @Order(1)
    void everyNodeSeesOneClusterAndTheBootstrapAccount() throws Exception {
        for (int i = 0; i < 3; i++) {
            KeygateClient.Response r = cluster(i);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("Clustered").asBoolean()).isTrue();
            assertThat(r.body().get("Members")).hasSize(3);
            try (StsClient sts = sts(i, ROOT)) {
                assertThat(sts.getCallerIdentity().account()).isEqualTo(ACCOUNT);
            }
        }
        // Only the first node created the account: the others found it and wrote no credentials file.
        assertThat(nodes[0].log()).contains("Created account " + ACCOUNT);
        assertThat(nodes[1].log()).doesNotContain("Created account");
        assertThat(nodes[2].log()).doesNotContain("Created account");
    }

    @Test
    @Order(2)
    void credentialsMintedOnAWorkOnB() {
        Credentials minted;
        try (StsClient a = sts(0, ROOT)) {
            minted = a.getSessionToken().credentials();
        }
        try (StsClient b = sts(1, session(minted))) {
            assertThat(b.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
        }
    }

    @Test
    @Order(3)
    void entityCreatedOnCIsListedOnAAtOnce() {
        try (IamClient c = iam(2, ROOT); IamClient a = iam(0, ROOT)) {
            c.createUser(b -> b.userName("made-on-c"));
            assertThat(a.listUsers().users()).extracting(User::userName).contains("made-on-c");
            a.deleteUser(b -> b.userName("made-on-c"));
            assertThat(c.listUsers().users()).extracting(User::userName).doesNotContain("made-on-c");
        }
    }

    @Test
    @Order(4)
    void revocationOnBAppliesOnCWithinASecond() throws Exception {
        Credentials minted;
        try (StsClient a = sts(0, ROOT)) {
            minted = a.getSessionToken().credentials();
        }
        try (StsClient c = sts(2, session(minted))) {
            assertThat(c.getCallerIdentity().account()).isEqualTo(ACCOUNT);
        }
        KeygateClient.Response revoked = api(1, ROOT).post("/api/v1/revocations",
                Map.of("AccessKeyId", minted.accessKeyId()));
        assertThat(revoked.status()).isEqualTo(201);
        Instant answered = Instant.now();
        try (StsClient c = sts(2, session(minted))) {
            assertThatThrownBy(c::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
        assertThat(Duration.between(answered, Instant.now())).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    @Order(5)
    void mfaCodeUsedOnAIsRefusedOnB() {
        String user = "mfa-cluster";
        AwsBasicCredentials keys;
        String serial;
        byte[] seed;
        try (IamClient a = iam(0, ROOT)) {
            a.createUser(b -> b.userName(user));
            var key = a.createAccessKey(b -> b.userName(user)).accessKey();
            keys = AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
            VirtualMFADevice device = a.createVirtualMFADevice(b -> b.virtualMFADeviceName(user)).virtualMFADevice();
            serial = device.serialNumber();
            seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            a.enableMFADevice(b -> b.userName(user).serialNumber(serial)
                    .authenticationCode1(code(seed, -1)).authenticationCode2(code(seed, 0)));
        }
        String code = code(seed, 1);
        try (StsClient a = sts(0, keys)) {
            assertThat(a.getSessionToken(b -> b.serialNumber(serial).tokenCode(code)).credentials().accessKeyId())
                    .startsWith("ASIA");
        }
        try (StsClient b = sts(1, keys)) {
            assertThatThrownBy(() -> b.getSessionToken(r -> r.serialNumber(serial).tokenCode(code)))
                    .isInstanceOfSatisfying(StsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
    }

    private static String code(byte[] seed, long stepOffset) {
        return Totp.generate(seed, Instant.now().plusSeconds(stepOffset * Totp.STEP_SECONDS));
    }

    @Test
    @Order(6)
    void isolatedNodeRefusesWritesKeepsVerifyingAndHeals() throws Exception {
        Credentials minted;
        try (StsClient a = sts(0, ROOT)) {
            minted = a.getSessionToken().credentials();
        }
        assertThat(api(2, ROOT).post("/api/v1/cluster/isolation", Map.of("Isolated", true)).status())
                .isEqualTo(200);
        try {
            awaitWritable(2, false, Duration.ofSeconds(60));
            try (IamClient c = iamNoRetry(2, ROOT)) {
                assertThatThrownBy(() -> c.createUser(b -> b.userName("during-split-on-c")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(503);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                            assertThat(e.awsErrorDetails().errorMessage()).contains("cut off from most of its cluster");
                        });
            }
            // Credentials keep verifying on both sides.
            try (StsClient c = sts(2, session(minted)); StsClient a = sts(0, session(minted))) {
                assertThat(c.getCallerIdentity().account()).isEqualTo(ACCOUNT);
                assertThat(a.getCallerIdentity().account()).isEqualTo(ACCOUNT);
            }
            try (IamClient a = iam(0, ROOT)) {
                a.createUser(b -> b.userName("during-split-on-a"));
            }
        } finally {
            api(2, ROOT).post("/api/v1/cluster/isolation", Map.of("Isolated", false));
        }
        awaitMembers(3, Duration.ofSeconds(90));
        assertThat(userNames(2)).contains("during-split-on-a").doesNotContain("during-split-on-c");
        try (IamClient c = iam(2, ROOT)) {
            c.createUser(b -> b.userName("after-heal-on-c"));
        }
        assertThat(userNames(1)).contains("after-heal-on-c");
    }

    private static void awaitWritable(int i, boolean writable, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (cluster(i).body().get("Writable").asBoolean() != writable) {
            assertThat(Instant.now()).as("node %s writable=%s within %s", NAMES[i], writable, timeout)
                    .isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** Creates users against node {@code i} until stopped; records acknowledged names and failures. */
    private record Load(int node, List<String> acknowledged, List<String> failures, Thread thread) {
    }

    private static Load load(int node, String prefix, AtomicBoolean running) {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread thread = new Thread(() -> {
            try (IamClient iam = iam(node, ROOT)) {
                for (int n = 0; running.get(); n++) {
                    String name = prefix + "-" + n;
                    try {
                        iam.createUser(b -> b.userName(name));
                        acknowledged.add(name);
                    } catch (RuntimeException e) {
                        failures.add(name + ": " + e);
                    }
                }
            }
        }, "load-" + prefix);
        thread.start();
        return new Load(node, acknowledged, failures, thread);
    }

    /** Waits until every load has been answered at least {@code count} writes. */
    private static void awaitAcknowledged(List<Load> loads, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (loads.stream().anyMatch(l -> l.acknowledged().size() < count)) {
            assertThat(Instant.now()).as("%d writes answered by every node within 120 s", count).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @Order(7)
    void killDashNineUnderLoadLosesNoAcknowledgedWriteAndTheNodeRejoins() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Load onA = load(0, "kill-a", running);
        Load onB = load(1, "kill-b", running);
        AtomicBoolean dying = new AtomicBoolean(true);
        Load onC = load(2, "kill-c", dying);
        // Kill C while all three take writes, then keep the load on A and B until each has been answered more
        // writes after the kill (past failure detection and the new view), so that no error there goes unseen.
        awaitAcknowledged(List.of(onA, onB, onC), 5);
        nodes[2].killHard();
        dying.set(false);
        int onAAtKill = onA.acknowledged().size();
        int onBAtKill = onB.acknowledged().size();
        Instant deadline = Instant.now().plusSeconds(120);
        while (onA.acknowledged().size() < onAAtKill + 20 || onB.acknowledged().size() < onBAtKill + 20) {
            assertThat(Instant.now()).as("20 more writes on A and B after the kill within 120 s").isBefore(deadline);
            Thread.sleep(100);
        }
        running.set(false);
        for (Load l : List.of(onA, onB, onC)) {
            l.thread().join(60_000);
        }
        assertThat(onA.failures()).isEmpty();
        assertThat(onB.failures()).isEmpty();
        assertThat(onA.acknowledged()).isNotEmpty();
        assertThat(onC.acknowledged()).isNotEmpty();
        List<String> acknowledged = new ArrayList<>();
        acknowledged.addAll(onA.acknowledged());
        acknowledged.addAll(onB.acknowledged());
        acknowledged.addAll(onC.acknowledged());
        assertThat(userNames(0)).containsAll(acknowledged);
        assertThat(userNames(1)).containsAll(acknowledged);
        // A user deleted while C is down must not come back from C's files when it rejoins.
        String deleted = onA.acknowledged().get(0);
        try (IamClient a = iam(0, ROOT)) {
            a.deleteUser(b -> b.userName(deleted));
        }
        nodes[2] = start(2);
        awaitMembers(3, Duration.ofSeconds(60));
        Set<String> onRejoined = userNames(2);
        assertThat(onRejoined).containsAll(acknowledged.stream().filter(n -> !n.equals(deleted)).toList());
        assertThat(onRejoined).doesNotContain(deleted);
    }

    private static void awaitNotReadyWhileAlive(int i) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            assertThat(nodes[i].isAlive()).as("node %s still alive while not ready", NAMES[i]).isTrue();
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) endpoint(i).resolve("/q/health/ready")
                    .toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            if (c.getResponseCode() == 503) {
                return;
            }
            assertThat(Instant.now()).as("readiness of %s down within 30 s", NAMES[i]).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    @Order(8)
    void rollingRestartUnderLoadFailsNoRequestOnTheNodesThatAreUp() throws Exception {
        Set<Integer> down = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            for (int n = 0; running.get(); n++) {
                int node = n % 3;
                if (down.contains(node)) {
                    continue;
                }
                String name = "roll-" + n;
                try (IamClient iam = iam(node, ROOT)) {
                    iam.createUser(b -> b.userName(name));
                    acknowledged.add(name);
                } catch (RuntimeException e) {
                    if (!down.contains(node)) {
                        failures.add(NAMES[node] + " " + name + ": " + e);
                    }
                }
            }
        }, "load-roll");
        load.start();
        for (int i = 0; i < 3; i++) {
            down.add(i);
            Thread.sleep(300); // requests already sent to the node finish; readiness goes false first
            // Graceful shutdown: readiness turns false while the node still serves, before it exits.
            nodes[i].terminate();
            awaitNotReadyWhileAlive(i);
            assertThat(nodes[i].awaitExit()).isIn(0, 143);
            nodes[i] = start(i);
            awaitMembers(3, Duration.ofSeconds(60));
            down.remove(i);
        }
        running.set(false);
        load.join(60_000);
        assertThat(failures).isEmpty();
        assertThat(acknowledged).isNotEmpty();
        assertThat(userNames(0)).containsAll(acknowledged);
    }

    /** A client that does not retry: a failed request is seen, not hidden by a retry. */
    private static StsClient stsNoRetry(int i, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint(i)).region(Region.US_EAST_1)
                .overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    @Test
    @Order(9)
    void keyRotationUnderLoadFailsNoRequestAndACredentialMintedBeforeStillWorks() throws Exception {
        Credentials before;
        try (StsClient a = sts(0, ROOT)) {
            before = a.getSessionToken().credentials();
        }
        // Load: mint a session on one node and use it at once on the next, round the three nodes.
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread load = new Thread(() -> {
            for (int n = 0; running.get(); n++) {
                int mint = n % 3;
                int use = (n + 1) % 3;
                try (StsClient m = stsNoRetry(mint, ROOT)) {
                    Credentials minted = m.getSessionToken().credentials();
                    try (StsClient u = stsNoRetry(use, session(minted))) {
                        assertThat(u.getCallerIdentity().account()).isEqualTo(ACCOUNT);
                    }
                    answered.incrementAndGet();
                } catch (RuntimeException | AssertionError e) {
                    failures.add(NAMES[mint] + "->" + NAMES[use] + ": " + e);
                }
            }
        }, "load-rotate");
        load.start();
        Instant deadline = Instant.now().plusSeconds(120);
        while (answered.get() < 5) {
            assertThat(Instant.now()).as("load running within 120 s").isBefore(deadline);
            Thread.sleep(100);
        }
        KeygateClient.Response rotated = api(1, ROOT).post("/api/v1/keys/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("Keys")).hasSize(2);
        int atRotation = answered.get();
        deadline = Instant.now().plusSeconds(120);
        while (answered.get() < atRotation + 30) {
            assertThat(Instant.now()).as("30 more mint-and-use rounds after the rotation within 120 s")
                    .isBefore(deadline);
            Thread.sleep(100);
        }
        running.set(false);
        load.join(60_000);
        assertThat(failures).isEmpty();
        for (int i = 0; i < 3; i++) {
            try (StsClient node = stsNoRetry(i, session(before))) {
                assertThat(node.getCallerIdentity().account()).as("pre-rotation session on %s", NAMES[i])
                        .isEqualTo(ACCOUNT);
            }
        }
    }
}
