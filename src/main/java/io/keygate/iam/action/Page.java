package io.keygate.iam.action;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.XmlWriter;

/**
 * One page of a list result ({@code Marker}/{@code MaxItems} in, {@code IsTruncated}/{@code Marker} out). Items are
 * sorted by a key compared case-insensitively; the marker is the key of the last item returned, so a page boundary
 * stays put while other entities are created or deleted concurrently.
 */
record Page<T>(List<T> items, boolean truncated, String nextMarker) {

    static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]+");

    static <T> Page<T> of(List<T> sorted, Function<T, String> key, QueryParams params) {
        String marker = params.string("Marker", false, 1, 320, MARKER);
        int max = params.integer("MaxItems", 1, 1000, 100);
        String after = marker == null ? null : marker.toLowerCase(Locale.ROOT);
        List<T> rest = after == null ? sorted
                : sorted.stream().filter(t -> key.apply(t).toLowerCase(Locale.ROOT).compareTo(after) > 0).toList();
        if (rest.size() <= max) {
            return new Page<>(rest, false, null);
        }
        List<T> page = rest.subList(0, max);
        return new Page<>(List.copyOf(page), true, key.apply(page.get(page.size() - 1)));
    }

    /** {@code <IsTruncated>} and, when truncated, {@code <Marker>}. */
    void writeTail(XmlWriter xml) {
        xml.element("IsTruncated", truncated);
        if (truncated) {
            xml.element("Marker", nextMarker);
        }
    }
}
