package io.keygate.audit;

import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This node's audit trail: one JSON event per line in {@code <dir>/<node>-<yyyy-MM-dd>.jsonl} (UTC day of the
 * event), hash-chained: every event carries {@code chainPrevious}, the SHA-256 of the previous line as written (the
 * first line of a fresh trail names 64 zeros), so that changing, removing or inserting a line breaks the chain at
 * the next one ({@link #verify}). The chain runs on across day files.
 *
 * <p>Durability: one writer thread builds, chains and writes the events, in batches. An event of a write is
 * written and forced to the disk before {@link #append} returns (and with it every event queued before it); an
 * event of a read is queued and {@code append} returns at once, so a crash of the process can lose the read events
 * still queued — at most {@link #QUEUE}, in practice the {@link #GATHER_NANOS} (5 ms) the writer lets reads gather
 * before it writes them, plus what arrived while it wrote — and a
 * power loss also those written since the last forced write. Day files older than the retention are deleted when
 * the log opens and when the day changes.
 *
 * <p>Thread-safe: any thread appends; only the writer thread touches the file.
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
    /** Where the writer thread serialises a batch; kept between batches (only the writer thread touches it). */
    private final LineBuffer buffer = new LineBuffer();
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
        writer.setDaemon(true);
        writer.start();
    }

    /** An event waiting for the writer: built there ({@code event} may be costly), then written. */
    private record Pending(java.util.function.Supplier<Map<String, Object>> event,
                           java.util.concurrent.CompletableFuture<Void> written) {
    }

    private final java.util.concurrent.BlockingQueue<Pending> queue =
            new java.util.concurrent.LinkedBlockingQueue<>(QUEUE);
    private final Thread writer = new Thread(this::write, "keygate-audit-writer");
    private volatile boolean closing;
    /** Most events waiting to be written; a request that finds the queue full waits for room. */
    static final int QUEUE = 10_000;
    /** How long the writer lets read events gather before it writes them; bounds what a crash can lose. */
    static final long GATHER_NANOS = 5_000_000;

    /**
     * Appends {@code event} (its fields in order) with the chain field added.
     *
     * @param durable wait until it is written and forced to the disk (events of writes); otherwise it is queued for
     *                the writer and this returns at once
     */
    public void append(Map<String, Object> event, boolean durable) {
        append(() -> event, durable);
    }

    /** As {@link #append(Map, boolean)}, the event built by the writer thread (off the request's thread). */
    public void append(java.util.function.Supplier<Map<String, Object>> event, boolean durable) {
        if (closing) {
            // after close nothing is written: a late caller must not wait for a writer that has stopped
            throw new IllegalStateException("the audit trail in " + dir + " is closed");
        }
        Pending pending = new Pending(event, durable ? new java.util.concurrent.CompletableFuture<>() : null);
        try {
            queue.put(pending);
            if (durable) {
                LockSupport.unpark(writer); // it may be gathering reads: a write is not kept waiting for them
                pending.written().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording an audit event", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UncheckedIOException("Cannot append to the audit trail in " + dir,
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        }
    }

    /** Waits until every event queued so far is written to the file (lookups read what was recorded before). */
    public void flush() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        try {
            queue.put(new Pending(null, done));
            LockSupport.unpark(writer);
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    /** The writer: takes what is queued, writes it in one go, forces the file when a write event is among it. */
    private void write() {
        List<Pending> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (first.written() == null && !closing) {
                    // Reads only so far: let more gather instead of waking for each one (a wake-up per event costs
                    // more than the event on a small machine). A write or a flush ends the wait (unpark).
                    LockSupport.parkNanos(GATHER_NANOS);
                }
                queue.drainTo(batch, 1_000);
                writeBatch(batch);
            } catch (InterruptedException e) {
                if (closing) {
                    continue;
                }
            } catch (RuntimeException e) {
                System.getLogger(AuditLog.class.getName()).log(System.Logger.Level.ERROR,
                        "The audit writer failed", e);
            }
            batch.clear();
        }
    }

    private void writeBatch(List<Pending> batch) {
        IOException failure = null;
        boolean force = false;
        try {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            if (!today.equals(day)) {
                roll(today);
            }
            buffer.reset();
            for (Pending p : batch) {
                if (p.event() == null) {
                    continue;
                }
                Map<String, Object> event;
                try {
                    event = p.event().get();
                } catch (RuntimeException e) {
                    System.getLogger(AuditLog.class.getName()).log(System.Logger.Level.ERROR,
                            "An audit event could not be built", e);
                    continue;
                }
                int start = buffer.size();
                try (JsonGenerator json = JSON.createGenerator(buffer)) {
                    json.writeStartObject();
                    for (Map.Entry<String, Object> field : event.entrySet()) {
                        writeField(json, field.getKey(), field.getValue());
                    }
                    json.writeStringField("chainPrevious", previous);
                    json.writeEndObject();
                }
                previous = buffer.sha256(start);
                buffer.write('\n');
                force |= p.written() != null;
            }
            ByteBuffer bytes = buffer.bytes();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            buffer.shrink();
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            failure = e;
        }
        for (Pending p : batch) {
            if (p.written() != null) {
                if (failure == null) {
                    p.written().complete(null);
                } else {
                    p.written().completeExceptionally(failure);
                }
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
        flush();
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

    /** A growable byte buffer that hashes and hands out its content without copying it. */
    private static final class LineBuffer extends ByteArrayOutputStream {

        private static final int KEEP = 256 * 1024;
        private final MessageDigest sha256;

        LineBuffer() {
            super(64 * 1024);
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }

        /** The SHA-256 (hex) of what was written since {@code start}. */
        String sha256(int start) {
            sha256.update(buf, start, count - start);
            return HexFormat.of().formatHex(sha256.digest());
        }

        ByteBuffer bytes() {
            return ByteBuffer.wrap(buf, 0, count);
        }

        /**
         * Lets go of a buffer that a burst made large once the batches are small again, so that it does not stay in
         * the heap; while batches stay large (steady load) it is kept, instead of growing it afresh for each batch.
         */
        void shrink() {
            if (buf.length > KEEP && count < buf.length / 4) {
                buf = new byte[Math.max(KEEP / 4, count * 2)];
            }
            count = 0;
        }
    }

    /** Strings, whole numbers and booleans written directly (most fields); the rest through the mapper. */
    private static void writeField(JsonGenerator json, String name, Object value) throws IOException {
        if (value instanceof String text) {
            json.writeStringField(name, text);
        } else if (value instanceof Boolean flag) {
            json.writeBooleanField(name, flag);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumberField(name, ((Number) value).longValue());
        } else {
            json.writeObjectField(name, value);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Writes what is queued, forces the file and stops the writer. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        flush();
        closing = true;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
