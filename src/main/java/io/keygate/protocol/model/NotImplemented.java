package io.keygate.protocol.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checked-in decision for every model operation Keygate does not implement ({@code aws-models/not-implemented.txt}):
 * one line per operation, {@code <service> <Operation> <planned|unsupported> <reason>}, grouped in sections headed by
 * {@code # --- title ---} comments. The contract tests keep it exact; {@code docs/aws-compatibility.md} is rendered
 * from it.
 */
public final class NotImplemented {

    public static final String RESOURCE = "aws-models/not-implemented.txt";

    /** Why an operation is not implemented. */
    public enum Decision {
        /** Not built yet; the reason says where it is going. */
        PLANNED,
        /** Deliberately refused; the reason says why. */
        UNSUPPORTED
    }

    /**
     * One line of the file.
     *
     * @param service   the model's endpoint prefix ({@code iam}, {@code sts}, {@code cognito-identity})
     * @param operation the operation's wire name
     * @param decision  planned or unsupported
     * @param reason    why, in a sentence
     * @param section   the title of the section the line is in
     * @param line      the line number, for messages
     */
    public record Entry(String service, String operation, Decision decision, String reason, String section, int line) {
    }

    private final List<Entry> entries;

    private NotImplemented(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static NotImplemented load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = NotImplemented.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("No " + RESOURCE + " on the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the lines of the file; a malformed line is an {@link IllegalArgumentException} naming it. */
    public static NotImplemented parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("# ---")) {
                section = line.replaceAll("^# -+\\s*", "").replaceAll("\\s*-+$", "");
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 4);
            if (parts.length < 4) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1)
                        + ": expected <service> <Operation> <planned|unsupported> <reason>: " + line);
            }
            Decision decision;
            try {
                decision = Decision.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + " line " + (i + 1)
                        + ": decision must be planned or unsupported, not " + parts[2]);
            }
            out.add(new Entry(parts[0], parts[1], decision, parts[3], section, i + 1));
        }
        return new NotImplemented(out);
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> find(String service, String operation) {
        return entries.stream().filter(e -> e.service().equals(service) && e.operation().equals(operation))
                .findFirst();
    }
}
