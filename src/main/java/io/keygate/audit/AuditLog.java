package io.keygate.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This node's audit trail: one JSON event per line in {@code <dir>/<node>-<yyyy-MM-dd>.jsonl} (UTC day of the
 * event), hash-chained: every event carries {@code chainPrevious}, the SHA-256 of the previous line as written (the
 * first line of a fresh trail names 64 zeros), so that changing, removing or inserting a line breaks the chain at
 * the next one ({@link #verify}). The chain runs on across day files.
 *
 * <p>Durability: every event is written to the file (the operating system's page cache) before {@link #append}
 * returns, so a process crash loses nothing; an event of a write is also forced to the disk before it returns
 * (and with it every event before it), so after a power loss at most the read events since the last write are
 * missing. Day files older than the retention are deleted when the log opens and when the day changes.
 *
 * <p>Thread-safe: appends are serialised.
 */
public final class AuditLog implements AutoCloseable {

    /** The value a redacted field is replaced with (CloudTrail's own marker). */
    public static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    static final String GENESIS = "0".repeat(64);
    private static final Pattern FILE = Pattern.compile("(.+)-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");
    private static final Pattern PREVIOUS = Pattern.compile("\"chainPrevious\":\"([0-9a-f]{64})\"");
    static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String node;
    private final Clock clock;
    private final Duration retention;
    private FileChannel channel;
    private LocalDate day;
    private String previous;

    public AuditLog(Path dir, String node, Clock clock, Duration retention) {
        if (!node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("node name must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        this.dir = Objects.requireNonNull(dir, "dir");
        this.node = node;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        try {
            Files.createDirectories(dir);
            List<Path> files = files(dir, node);
            previous = GENESIS;
            for (int i = files.size() - 1; i >= 0 && previous.equals(GENESIS); i--) {
                previous = lastHash(files.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit trail in " + dir, e);
        }
    }

    /**
     * Appends {@code event} (its fields in order) with the chain field added.
     *
     * @param durable force it to the disk before returning (events of writes)
     */
    public void append(Map<String, Object> event, boolean durable) {
        FileChannel written;
        synchronized (this) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            try {
                if (!today.equals(day)) {
                    roll(today);
                }
                java.util.LinkedHashMap<String, Object> chained = new java.util.LinkedHashMap<>(event);
                chained.put("chainPrevious", previous);
                byte[] line = JSON.writeValueAsBytes(chained);
                ByteBuffer buffer = ByteBuffer.allocate(line.length + 1).put(line).put((byte) '\n').flip();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                previous = sha256(line);
                written = channel;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot append to the audit trail in " + dir, e);
            }
        }
        if (durable) {
            // outside the lock: appends of other requests (reads on I/O threads) never wait for a disk sync
            try {
                written.force(false);
            } catch (java.nio.channels.ClosedChannelException e) {
                // rolled to the next day meanwhile: closing forced it
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot sync the audit trail in " + dir, e);
            }
        }
    }

    private void roll(LocalDate today) throws IOException {
        if (channel != null) {
            channel.force(false);
            channel.close();
        }
        channel = FileChannel.open(dir.resolve(node + "-" + today + ".jsonl"), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        day = today;
        LocalDate oldest = today.minusDays(Math.max(1, retention.toDays()));
        for (Path file : files(dir, node)) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (m.matches() && LocalDate.parse(m.group(2)).isBefore(oldest)) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Every event of this node's trail, oldest first (each line parsed; unreadable lines are skipped). */
    public Stream<JsonNode> events() {
        synchronized (this) {
            if (channel != null) {
                try {
                    channel.force(false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try {
            List<JsonNode> out = new ArrayList<>();
            for (Path file : files(dir, node)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    try {
                        out.add(JSON.readTree(line));
                    } catch (JsonProcessingException e) {
                        // a torn last line after a crash: not an event
                    }
                }
            }
            return out.stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the audit trail in " + dir, e);
        }
    }

    /** The outcome of {@link #verify}: how many events were checked, and the first break, if any. */
    public record Verification(long events, String firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /**
     * Checks the chain of {@code node}'s trail in {@code dir}: every line must name the SHA-256 of the line before
     * it (the first line of the oldest file kept is taken as it stands, since retention deletes older files).
     */
    public static Verification verify(Path dir, String node) throws IOException {
        String expected = null;
        long count = 0;
        for (Path file : files(dir, node)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher m = PREVIOUS.matcher(line);
                if (!m.find()) {
                    return new Verification(count, file.getFileName() + " line " + (i + 1) + ": no chainPrevious");
                }
                if (expected != null && !m.group(1).equals(expected)) {
                    return new Verification(count, file.getFileName() + " line " + (i + 1)
                            + ": chainPrevious does not match the line before it (changed, removed or inserted)");
                }
                expected = sha256(line.getBytes(StandardCharsets.UTF_8));
                count++;
            }
        }
        return new Verification(count, null);
    }

    /** The node names that have a trail in {@code dir}. */
    public static List<String> nodes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> FILE.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1)).distinct().sorted().toList();
        }
    }

    private static List<Path> files(Path dir, String node) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> {
                Matcher m = FILE.matcher(p.getFileName().toString());
                return m.matches() && m.group(1).equals(node);
            }).sorted().toList();
        }
    }

    private static String lastHash(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return sha256(lines.get(i).getBytes(StandardCharsets.UTF_8));
            }
        }
        return GENESIS;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.force(false);
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            channel = null;
        }
    }
}
