package io.keygate.protocol.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A botocore service model ({@code service-2.json}) as the SDKs are generated from it: the service's metadata,
 * operations and shapes. Read once, immutable, thread-safe.
 *
 * @see <a href="https://smithy.io/2.0/aws/protocols/aws-query-protocol.html">Smithy awsQuery protocol</a>
 */
public final class ServiceModel {

    /** The models Keygate ships, as classpath resources beside their NOTICE and LICENSE.txt. */
    public static final String IAM = "aws-models/iam-2010-05-08.service-2.json";
    public static final String STS = "aws-models/sts-2011-06-15.service-2.json";
    public static final String COGNITO_IDENTITY = "aws-models/cognito-identity-2014-06-30.service-2.json";

    private final String endpointPrefix;
    private final String apiVersion;
    private final String protocol;
    private final String xmlNamespace;
    private final Map<String, Operation> operations;
    private final Map<String, Shape> shapes;

    private ServiceModel(JsonNode root) {
        JsonNode meta = root.path("metadata");
        this.endpointPrefix = meta.path("endpointPrefix").asText();
        this.apiVersion = meta.path("apiVersion").asText();
        this.protocol = meta.path("protocol").asText();
        this.xmlNamespace = meta.path("xmlNamespace").isMissingNode() ? null : meta.path("xmlNamespace").asText();
        Map<String, Operation> ops = new LinkedHashMap<>();
        root.path("operations").properties().forEach(e -> ops.put(e.getKey(), operation(e.getKey(), e.getValue())));
        this.operations = Collections.unmodifiableMap(ops);
        Map<String, Shape> all = new LinkedHashMap<>();
        root.path("shapes").properties().forEach(e -> all.put(e.getKey(), shape(e.getKey(), e.getValue())));
        this.shapes = Collections.unmodifiableMap(all);
    }

    /** Reads a model from the classpath ({@link #IAM}, {@link #STS}, {@link #COGNITO_IDENTITY}). */
    public static ServiceModel load(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ServiceModel.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No service model on the classpath: " + resource);
            }
            return new ServiceModel(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the service model " + resource, e);
        }
    }

    /** The signing and endpoint name ({@code iam}, {@code sts}, {@code cognito-identity}). */
    public String endpointPrefix() {
        return endpointPrefix;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** {@code query} or {@code json}. */
    public String protocol() {
        return protocol;
    }

    /** The XML namespace of Query answers, or null for JSON services. */
    public String xmlNamespace() {
        return xmlNamespace;
    }

    /** Every operation by name, in model order. */
    public Map<String, Operation> operations() {
        return operations;
    }

    public Optional<Operation> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Shape shape(String name) {
        Shape shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("No shape " + name);
        }
        return shape;
    }

    private static Operation operation(String name, JsonNode node) {
        List<String> errors = new ArrayList<>();
        node.path("errors").forEach(e -> errors.add(e.path("shape").asText()));
        JsonNode output = node.path("output");
        return new Operation(name, text(node.path("input").path("shape")), text(output.path("shape")),
                text(output.path("resultWrapper")), errors, node.path("deprecated").asBoolean(false));
    }

    private static Shape shape(String name, JsonNode node) {
        Map<String, String> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(e -> members.put(e.getKey(), e.getValue().path("shape").asText()));
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        List<String> enums = new ArrayList<>();
        node.path("enum").forEach(v -> enums.add(v.asText()));
        String pattern = text(node.path("pattern"));
        return new Shape(name, node.path("type").asText(), members, required, text(node.path("member").path("shape")),
                text(node.path("key").path("shape")), text(node.path("value").path("shape")),
                number(node.path("min")), number(node.path("max")), pattern, enums,
                node.path("sensitive").asBoolean(false), pattern == null ? null : Pattern.compile(pattern));
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }
}
