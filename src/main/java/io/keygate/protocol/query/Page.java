package io.keygate.protocol.query;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One page of a list result ({@code Marker}/{@code MaxItems} in, {@code IsTruncated}/{@code Marker} out, as IAM
 * paginates). Items are sorted by a key compared case-insensitively; the marker is the key of the last item
 * returned, so a page boundary stays put while other entities are created or deleted concurrently.
 *
 * @param items      the items of this page
 * @param truncated  whether more items follow
 * @param nextMarker the marker for the next page, or null
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, boolean truncated, String nextMarker) {

    static final Pattern MARKER = Pattern.compile("[\\u0020-\\u00FF]+");

    public Page {
        items = List.copyOf(items);
    }

    /**
     * @param sorted items sorted by {@code key}, case-insensitively
     * @param key    the sort key (the entity name)
     * @param params the request, for {@code Marker} (1–320 chars) and {@code MaxItems} (1–1000, default 100)
     */
    public static <T> Page<T> of(List<T> sorted, Function<T, String> key, QueryParams params) {
        String marker = params.string("Marker", false, 1, 320, MARKER);
        int max = params.integer("MaxItems", 1, 1000, 100);
        String after = marker == null ? null : marker.toLowerCase(Locale.ROOT);
        List<T> rest = after == null ? sorted
                : sorted.stream().filter(t -> key.apply(t).toLowerCase(Locale.ROOT).compareTo(after) > 0).toList();
        if (rest.size() <= max) {
            return new Page<>(rest, false, null);
        }
        List<T> page = rest.subList(0, max);
        return new Page<>(page, true, key.apply(page.get(page.size() - 1)));
    }

    /** {@code <IsTruncated>} and, when truncated, {@code <Marker>}. */
    public void writeTail(XmlWriter xml) {
        xml.element("IsTruncated", truncated);
        if (truncated) {
            xml.element("Marker", nextMarker);
        }
    }
}
