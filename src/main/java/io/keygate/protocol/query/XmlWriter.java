package io.keygate.protocol.query;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A small streaming writer for the XML AWS Query services answer with. Escapes text and attribute values, keeps
 * element nesting balanced, and formats timestamps as ISO-8601 UTC as the SDKs expect.
 *
 * <p>Not thread-safe: one per response.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(512);
    private final Deque<String> open = new ArrayDeque<>();
    /** The children of each open element, while recording ({@link #recording()}); null otherwise. */
    private final Deque<List<Tree>> children;
    private Tree recorded;

    public XmlWriter() {
        this(false);
    }

    private XmlWriter(boolean record) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        children = record ? new ArrayDeque<>() : null;
    }

    /**
     * A writer that also keeps what it writes as a {@link Tree} (the audit trail's {@code responseElements}), so
     * that nobody has to parse the answer back.
     */
    public static XmlWriter recording() {
        return new XmlWriter(true);
    }

    /**
     * An element as written: {@code text} for a leaf written with {@link #element}, else its {@code children} in
     * order. Immutable.
     */
    public record Tree(String name, String text, List<Tree> children) {

        /** The first child named {@code name}, or null. */
        public Tree child(String name) {
            for (Tree c : children) {
                if (c.name.equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    /** The outermost element written, once closed, when {@link #recording()}; null otherwise. */
    public Tree recorded() {
        return recorded;
    }

    /** Opens an element with an {@code xmlns} attribute. */
    public XmlWriter start(String name, String namespace) {
        out.append('<').append(name).append(" xmlns=\"");
        escape(namespace);
        out.append("\">");
        open.push(name);
        if (children != null) {
            children.push(new ArrayList<>());
        }
        return this;
    }

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        if (children != null) {
            children.push(new ArrayList<>());
        }
        return this;
    }

    public XmlWriter end() {
        String name = open.pop();
        out.append("</").append(name).append('>');
        if (children != null) {
            Tree closed = new Tree(name, null, List.copyOf(children.pop()));
            if (children.isEmpty()) {
                recorded = closed;
            } else {
                children.peek().add(closed);
            }
        }
        return this;
    }

    /** {@code <name>text</name>}; nothing at all when {@code text} is null, as AWS omits absent members. */
    public XmlWriter element(String name, String text) {
        if (text != null) {
            out.append('<').append(name).append('>');
            escape(text);
            out.append("</").append(name).append('>');
            if (children != null && !children.isEmpty()) {
                children.peek().add(new Tree(name, text, List.of()));
            }
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
        int plain = 0;
        while (plain < text.length() && !needsEscape(text.charAt(plain))) {
            plain++;
        }
        out.append(text, 0, plain); // most values (ids, ARNs, tokens) in one copy
        for (int i = plain; i < text.length(); i++) {
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

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'';
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("Unclosed elements: " + open);
        }
        return out.toString();
    }
}
