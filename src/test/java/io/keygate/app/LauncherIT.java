package io.keygate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.keygate.support.BrokerProcess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code bin/keygate}, the documented way to start the built broker: it starts the packaged app on the java it is
 * given and answers; on Java 25+ it makes the JDK AOT cache once, starts from it, and still starts (quietly) when
 * the cache is damaged. The Java 25 part runs where a Java 25+ is found ({@code KEYGATE_TEST_JAVA25}, Temurin 25's
 * Debian path, or the java running the tests); CI's Debian machine has Java 17 only and runs the first test.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin", "keygate").toAbsolutePath();
    private static final Path APP = Path.of("target", "quarkus-app").toAbsolutePath();
    private static final Duration READY = Duration.ofSeconds(240);

    private static String javaOfTheBuild() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Optional<String> java25() {
        String given = System.getenv("KEYGATE_TEST_JAVA25");
        if (given != null && !given.isBlank()) {
            return Optional.of(given);
        }
        if (Runtime.version().feature() >= 25) {
            return Optional.of(javaOfTheBuild());
        }
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        return Files.isExecutable(temurin) ? Optional.of(temurin.toString()) : Optional.empty();
    }

    private static Map<String, String> env(String java, Path cache) {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA", java);
        env.put("JAVA_OPTS", "-Xmx256m");
        env.put("KEYGATE_APP", APP.toString());
        env.put("KEYGATE_AOT_CACHE", cache.toString());
        return env;
    }

    private static BrokerProcess start(Map<String, String> env, Path dataDir) throws IOException, InterruptedException {
        return BrokerProcess.start(List.of(LAUNCHER.toString()), dataDir, BrokerProcess.freePort(), env, READY);
    }

    /** Runs {@code bin/keygate train}; returns what it printed, after asserting that it exited with 0. */
    private static String train(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "train").redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String callerArn(BrokerProcess broker, Path dataDir) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(dataDir.resolve("bootstrap-credentials"))));
        AwsBasicCredentials root = AwsBasicCredentials.create(p.getProperty("aws_access_key_id"),
                p.getProperty("aws_secret_access_key"));
        try (StsClient sts = StsClient.builder().endpointOverride(broker.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(root)).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isPresent();
        }
    }

    @Test
    void startsThePackagedBrokerThatThenAnswers(@TempDir Path dataDir, @TempDir Path cacheDir) throws Exception {
        assertThat(APP.resolve("quarkus-run.jar")).as("run the package phase first (mvn verify does)").exists();
        Map<String, String> env = env(javaOfTheBuild(), cacheDir.resolve("keygate.aot"));
        try (BrokerProcess broker = start(env, dataDir)) {
            assertThat(callerArn(broker, dataDir)).matches("arn:aws:iam::\\d{12}:root");
            assertThat(broker.log()).contains("started in").doesNotContain("WARNING");
            if (Runtime.version().feature() < 25) {
                assertThat(hasFiles(cacheDir)).as("no AOT cache below Java 25").isFalse();
                assertThat(broker.log()).doesNotContain("keygate:");
            }
            broker.stop();
        }
    }

    @Test
    void onJava25MakesTheAotCacheOnceAndStartsFromItEvenWhenDamaged(@TempDir Path dataDir, @TempDir Path cacheDir)
            throws Exception {
        Optional<String> java = java25();
        assumeTrue(java.isPresent(), "no Java 25+ here (KEYGATE_TEST_JAVA25)");
        Path cache = cacheDir.resolve("keygate.aot");
        Map<String, String> env = env(java.get(), cache);

        assertThat(train(env)).contains("making the AOT cache").contains("AOT cache made");
        assertThat(cache).isNotEmptyFile();
        assertThat(cacheDir.resolve("keygate.aot.key")).isNotEmptyFile();
        assertThat(train(env)).contains("the AOT cache is up to date").doesNotContain("making");

        Path classes = cacheDir.resolve("classes.txt");
        Map<String, String> listingClasses = new HashMap<>(env);
        listingClasses.put("KEYGATE_RUN_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        try (BrokerProcess broker = start(listingClasses, dataDir)) {
            // the broker's own classes and the store's come out of the cache, not out of the jars
            assertThat(Files.readString(classes))
                    .contains("io.keygate.app.Bootstrap source: shared objects file")
                    .contains("org.infinispan.manager.DefaultCacheManager source: shared objects file");
            assertThat(callerArn(broker, dataDir)).matches("arn:aws:iam::\\d{12}:root");
            assertThat(broker.log()).contains("started in").doesNotContain("keygate:").doesNotContain("WARNING")
                    .doesNotContain("[aot]").doesNotContain("[cds]");
            broker.stop();
        }

        try (RandomAccessFile damaged = new RandomAccessFile(cache.toFile(), "rw")) {
            damaged.setLength(damaged.length() / 2); // the key still matches: the JVM itself must refuse the cache
        }
        try (BrokerProcess broker = start(env, dataDir)) {
            assertThat(callerArn(broker, dataDir)).matches("arn:aws:iam::\\d{12}:root");
            assertThat(broker.log()).contains("started in").doesNotContain("WARNING").doesNotContain("[aot]")
                    .doesNotContain("[cds]").doesNotContain("rror");
            broker.stop();
        }
    }
}
