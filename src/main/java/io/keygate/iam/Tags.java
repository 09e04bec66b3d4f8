package io.keygate.iam;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for the tags IAM entities carry: keys unique case-insensitively, case preserved, sorted for output. */
public final class Tags {

    private Tags() {
    }

    /** An immutable copy sorted by key (null becomes empty). */
    public static Map<String, String> copy(Map<String, String> tags) {
        return tags == null || tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /** {@code tags} with {@code added} merged in; a key equal to an existing one in another case replaces it. */
    public static Map<String, String> merge(Map<String, String> tags, Map<String, String> added) {
        TreeMap<String, String> out = new TreeMap<>(tags);
        added.forEach((k, v) -> {
            out.keySet().removeIf(existing -> existing.equalsIgnoreCase(k));
            out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }

    /** {@code tags} without the given keys (compared case-insensitively). */
    public static Map<String, String> remove(Map<String, String> tags, Iterable<String> keys) {
        TreeMap<String, String> out = new TreeMap<>(tags);
        for (String k : keys) {
            out.keySet().removeIf(existing -> existing.toLowerCase(Locale.ROOT).equals(k.toLowerCase(Locale.ROOT)));
        }
        return Collections.unmodifiableMap(out);
    }
}
