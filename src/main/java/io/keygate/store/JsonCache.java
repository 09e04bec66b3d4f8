package io.keygate.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.infinispan.Cache;

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
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Cache<String, String> cache;
    private final Class<T> type;

    public JsonCache(Cache<String, String> cache, Class<T> type) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.type = Objects.requireNonNull(type, "type");
    }

    public Optional<T> get(String key) {
        String json = cache.get(key);
        return json == null ? Optional.empty() : Optional.of(read(json));
    }

    /** Stores the value unless the key is present; true if stored. */
    public boolean putIfAbsent(String key, T value) {
        return cache.putIfAbsent(key, write(value)) == null;
    }

    /** Stores the value until {@code lifespan} has passed; the entry then disappears on every node. */
    public void put(String key, T value, java.time.Duration lifespan) {
        cache.put(key, write(value), lifespan.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Stores the value for {@code lifespan} unless the key is present; true if stored. */
    public boolean putIfAbsent(String key, T value, java.time.Duration lifespan) {
        return cache.putIfAbsent(key, write(value), lifespan.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) == null;
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

    public boolean remove(String key) {
        return cache.remove(key) != null;
    }

    /** All values whose key starts with {@code prefix}. */
    public Stream<T> valuesWithKeyPrefix(String prefix) {
        return cache.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(e -> read(e.getValue()))
                .toList()
                .stream();
    }

    public Stream<T> values() {
        return cache.values().stream().map(this::read).toList().stream();
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
