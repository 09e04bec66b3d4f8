package io.keygate.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the bootstrap file into {@link BootstrapDocument}s (one per YAML document, {@code ---} separated).
 *
 * <p>Safe by construction: the file is at most {@link #MAX_BYTES}; YAML is bound to the fixed records only (no
 * type tags, no default typing, so no arbitrary classes); aliases, nesting and duplicate keys are limited or refused;
 * an unknown key is an error naming the key and the keys allowed there. Thread-safe.
 */
public final class BootstrapFileReader {

    /** The largest bootstrap file accepted. */
    public static final int MAX_BYTES = 1 << 20;

    private final ObjectMapper yaml;

    public BootstrapFileReader() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        loader.setMaxAliasesForCollections(10);
        loader.setNestingDepthLimit(40);
        loader.setCodePointLimit(MAX_BYTES);
        loader.setAllowRecursiveKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(loader)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(40).build())
                .build();
        this.yaml = YAMLMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** Reads and binds the file; {@link BootstrapFileException} names the file, the position and the key. */
    public List<BootstrapDocument> read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BootstrapFileException("Bootstrap file " + file + " is larger than " + MAX_BYTES
                        + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BootstrapFileException("Bootstrap file " + file + " does not exist");
        } catch (IOException e) {
            throw new BootstrapFileException("Bootstrap file " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8));
    }

    /** Binds YAML text; {@code source} names it in messages. */
    public List<BootstrapDocument> parse(String source, String text) {
        List<BootstrapDocument> documents = new ArrayList<>();
        try (MappingIterator<BootstrapDocument> it = yaml.readerFor(BootstrapDocument.class).readValues(text)) {
            while (it.hasNextValue()) {
                BootstrapDocument document = it.nextValue();
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (RuntimeException e) {
            // MappingIterator wraps checked exceptions of hasNextValue() in RuntimeExceptions.
            if (e.getCause() instanceof JsonProcessingException j) {
                throw error(source, documents.size() + 1, j);
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw error(source, documents.size() + 1, e);
        } catch (IOException e) {
            throw new BootstrapFileException("Bootstrap file " + source + " cannot be read: " + e.getMessage(), e);
        }
        return documents;
    }

    private static BootstrapFileException error(String source, int document, JsonProcessingException e) {
        StringBuilder message = new StringBuilder("Bootstrap file ").append(source).append(", document ")
                .append(document);
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message.append(", line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            message.append(", field ").append(path(m.getPath()));
        }
        message.append(": ");
        if (e instanceof UnrecognizedPropertyException u) {
            message.append("unknown key '").append(u.getPropertyName()).append("'; expected one of ")
                    .append(u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")));
        } else if (yamlProblem(e) instanceof MarkedYAMLException y) {
            message.append("not valid YAML: ").append(y.getContext() == null ? "" : y.getContext() + ", ")
                    .append(y.getProblem());
        } else {
            message.append(e.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "")
                    .replaceAll("`[a-z.]+\\.([A-Z][\\w$]*)`", "$1").replace('$', '.'));
        }
        return new BootstrapFileException(message.toString(), e);
    }

    private static Throwable yamlProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException) {
                return t;
            }
        }
        return null;
    }

    /** {@code users[2].tags} from Jackson's reference chain. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
