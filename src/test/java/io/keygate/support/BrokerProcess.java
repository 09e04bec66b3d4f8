package io.keygate.support;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged broker ({@code target/quarkus-app/quarkus-run.jar}) as a real operating-system process, for tests
 * that restart it or kill it with SIGKILL.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private BrokerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with {@code dataDir} and extra environment, and waits until it is ready. */
    public static BrokerProcess start(Path dataDir, Map<String, String> env) throws IOException, InterruptedException {
        // polled every 200 ms: a normal start (2-4 s) is not slowed; a machine shared by many builds can need minutes
        return start(dataDir, freePort(), env, Duration.ofSeconds(180));
    }

    /**
     * Starts the jar on a fixed HTTP {@code port} (so that a restarted node keeps its address) and waits up to
     * {@code timeout} until it is ready.
     */
    public static BrokerProcess start(Path dataDir, int port, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        return start(dataDir, port, env, List.of(), timeout);
    }

    /**
     * As {@link #start(Path, int, Map, Duration)}, with {@code jvmOptions} after the default {@code -Xmx256m} (a
     * later {@code -Xmx} wins).
     */
    public static BrokerProcess start(Path dataDir, int port, Map<String, String> env, List<String> jvmOptions,
                                      Duration timeout) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase first (mvn verify does)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return start(command, dataDir, port, env, timeout);
    }

    /**
     * Runs {@code command} (a launcher such as {@code bin/keygate}, or a java command line) with {@code dataDir}, the
     * HTTP {@code port} on loopback and extra environment, and waits up to {@code timeout} until it is ready.
     */
    public static BrokerProcess start(List<String> command, Path dataDir, int port, Map<String, String> env,
                                      Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("keygate-broker", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KEYGATE_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().putAll(env);
        BrokerProcess broker = new BrokerProcess(builder.start(), port, log);
        broker.awaitReady(timeout);
        return broker;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    /** The operating-system process id, for {@link #jcmd}. */
    public long pid() {
        return process.pid();
    }

    /**
     * Runs {@code jcmd <pid> <command...>} with the JDK the broker runs on and returns its output; fails unless
     * jcmd exits with 0 within a minute.
     */
    public String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(process.pid()));
        line.addAll(List.of(command));
        Path out = Files.createTempFile("keygate-jcmd", ".txt");
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean exited = jcmd.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                jcmd.destroyForcibly();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (!exited || jcmd.exitValue() != 0) {
                throw new IllegalStateException(line + " failed:\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGKILL: no shutdown hooks, no flushing. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM without waiting: the broker begins its graceful shutdown. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit after {@link #terminate()}. */
    public int awaitExit() throws InterruptedException {
        return process.waitFor();
    }

    /** SIGTERM and wait for a clean stop. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Broker exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Broker not ready within " + timeout + ":\n" + log());
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
