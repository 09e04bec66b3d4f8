package io.keygate.protocol.query;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming writer for the XML AWS Query services answer with. Escapes text and attribute values, keeps
 * element nesting balanced, and formats timestamps as ISO-8601 UTC as the SDKs expect.
 *
 * <p>Not thread-safe: one per response.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(512);
    private final Deque<String> open = new ArrayDeque<>();

    public XmlWriter() {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /** Opens an element with an {@code xmlns} attribute. */
    public XmlWriter start(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"");
        escape(namespace);
        out.append("\">");
        open.push(name);
        return this;
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing at all when {@code text} is null, as AWS omits absent members. */
    public XmlWriter element(String name, String text) {
        if (text != null) {
            out.append('<').append(name).append('>');
            escape(text);
            out.append("</").append(name).append('>');
        }
        return this;
    }

    public XmlWriter element(String name, long value) {
        return element(name, Long.toString(value));
    }

    public XmlWriter element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    /** A timestamp in the ISO-8601 form AWS uses ({@code 2026-11-28T10:00:00Z}). */
    public XmlWriter element(String name, Instant value) {
        return value == null ? this : element(name, timestamp(value));
    }

    public static String timestamp(Instant value) {
        return DateTimeFormatter.ISO_INSTANT.format(value.truncatedTo(ChronoUnit.SECONDS));
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#xD;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append('\uFFFD'); // not representable in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("Unclosed elements: " + open);
        }
        return out.toString();
    }
}
