package io.keygate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;


import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A typed view of one persistent cache whose values are JSON documents of one record type. Every write is a
 * single-key operation, hence atomic; conditional writes ({@link #putIfAbsent}, {@link #replace}) give
 * compare-and-set semantics for uniqueness and optimistic updates.
 *
 * @param <T> the record type stored
 */
public final class JsonCache<T> {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Decoded values by key, reused while the stored JSON is unchanged: reads skip Jackson on the hot path. */
    private static final int MEMO_LIMIT = 50_000;

    private final Namespace cache;
    private final Class<T> type;
    private final java.util.concurrent.ConcurrentHashMap<String, Decoded<T>> memo =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Decoded<T>(String json, T value) {
    }

    public JsonCache(Namespace cache, Class<T> type) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.type = Objects.requireNonNull(type, "type");
    }

    public Optional<T> get(String key) {
        String json = cache.get(key);
        if (json == null) {
            memo.remove(key);
            return Optional.empty();
        }
        Decoded<T> known = memo.get(key);
        if (known != null && known.json().equals(json)) {
            return Optional.of(known.value());
        }
        T value = read(json);
        remember(key, json, value);
        return Optional.of(value);
    }

    /**
     * Keeps {@code value} as the decoding of {@code json}: a record just written is read back without Jackson (a new
     * guest identity is read by the GetCredentialsForIdentity that follows its GetId). Harmless if the entry changes
     * meanwhile, since {@link #get} uses a memo only while the stored text is the one it was made from.
     */
    private void remember(String key, String json, T value) {
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(key, new Decoded<>(json, value));
    }

    /** Stores the value unless the key is present; true if stored. */
    public boolean putIfAbsent(String key, T value) {
        String json = write(value);
        boolean stored = cache.putIfAbsent(key, json);
        if (stored) {
            remember(key, json, value);
        }
        return stored;
    }

    /**
     * As {@link #putIfAbsent(String, Object)}, without waiting: the stage completes, true if stored, once the write
     * is durable (see {@link Namespace#putIfAbsentAsync}).
     */
    public java.util.concurrent.CompletableFuture<Boolean> putIfAbsentAsync(String key, T value) {
        String json = write(value);
        return cache.putIfAbsentAsync(key, json).thenApply(stored -> {
            if (stored) {
                remember(key, json, value);
            }
            return stored;
        });
    }

    /** Stores the value until {@code lifespan} has passed; the entry then disappears on every node. */
    public void put(String key, T value, java.time.Duration lifespan) {
        cache.put(key, write(value), lifespan);
    }

    /** Stores the value for {@code lifespan} unless the key is present; true if stored. */
    public boolean putIfAbsent(String key, T value, java.time.Duration lifespan) {
        return cache.putIfAbsent(key, write(value), lifespan);
    }

    public boolean containsKey(String key) {
        return cache.containsKey(key);
    }

    /** Stores the value unconditionally. */
    public void put(String key, T value) {
        cache.put(key, write(value));
    }

    /** Replaces {@code expected} by {@code value}; false if the stored value is no longer {@code expected}. */
    public boolean replace(String key, T expected, T value) {
        return cache.replace(key, write(expected), write(value));
    }

    /**
     * Stores {@code proposed}, or, when a value is present, {@code merge(stored, proposed)}, with compare-and-set on
     * the stored text (retrying when another writer came first), so concurrent merges never lose one another.
     * {@code merge} must be free of side effects, since it may run more than once.
     *
     * @param lifespan how long the stored result lives (from now), given the result
     * @return the stored result
     */
    public T merge(String key, T proposed, java.util.function.BinaryOperator<T> merge,
                   java.util.function.Function<T, java.time.Duration> lifespan) {
        for (int attempt = 0; ; attempt++) {
            String raw = cache.get(key);
            T next = raw == null ? proposed : merge.apply(read(raw), proposed);
            String json = write(next);
            boolean stored = raw == null ? cache.putIfAbsent(key, json, lifespan.apply(next))
                    : json.equals(raw) || cache.replace(key, raw, json, lifespan.apply(next));
            if (stored) {
                return next;
            }
            backOff(attempt);
        }
    }

    /**
     * Read-modify-write with compare-and-set on the stored text: reads the value, applies {@code change} and stores
     * the result only if the stored text is still the one read, retrying otherwise. {@code change} may throw to
     * abort (nothing is written then) and must be free of side effects, since it may run more than once.
     *
     * @return the stored result, or empty when the key is absent
     */
    public Optional<T> update(String key, UnaryOperator<T> change) {
        for (int attempt = 0; ; attempt++) {
            String raw = cache.get(key);
            if (raw == null) {
                return Optional.empty();
            }
            T updated = change.apply(read(raw));
            if (updated == null) {
                return Optional.empty();
            }
            String json = write(updated);
            if (json.equals(raw) || cache.replace(key, raw, json)) {
                return Optional.of(updated);
            }
            backOff(attempt);
        }
    }

    /**
     * Removes the value if {@code check} accepts it (a check throws to refuse) and it is unchanged since read.
     *
     * @return the removed value, or empty when the key is absent
     */
    public Optional<T> removeChecked(String key, Consumer<T> check) {
        for (int attempt = 0; ; attempt++) {
            String raw = cache.get(key);
            if (raw == null) {
                return Optional.empty();
            }
            T value = read(raw);
            check.accept(value);
            if (cache.remove(key, raw)) {
                return Optional.of(value);
            }
            backOff(attempt);
        }
    }

    private static void backOff(int attempt) {
        if (attempt > 3) {
            Thread.onSpinWait();
            try {
                Thread.sleep(Math.min(20, attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while retrying a conditional write", e);
            }
        }
    }

    public boolean remove(String key) {
        return cache.remove(key);
    }

    /** All values whose key starts with {@code prefix}, in key order; costs O(matching entries), not a scan. */
    public Stream<T> valuesWithKeyPrefix(String prefix) {
        return cache.entriesWithPrefix(prefix).map(e -> read(e.getValue()));
    }

    public Stream<T> values() {
        return cache.entries().map(e -> read(e.getValue()));
    }

    public boolean isEmpty() {
        return cache.isEmpty();
    }

    private T read(String json) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private String write(T value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize " + type.getSimpleName(), e);
        }
    }
}
