package io.keygate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * The subset of Kustomize that {@code k8s/} uses, enough to render its overlays in a test without the kustomize
 * binary: {@code resources} (files and directories with a kustomization), {@code namespace}, {@code labels}
 * (metadata only, no selectors), {@code images}, {@code replicas} and {@code patches} given as strategic-merge
 * files (maps merge, lists of maps merge by {@code name}, other lists replace, as Kustomize does for containers,
 * env and ports). Any other field of a kustomization fails the rendering, so the manifests cannot silently rely on
 * a feature this renderer ignores.
 */
final class Kustomize {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "images", "replicas", "patches");

    private Kustomize() {
    }

    /** All YAML documents of a file, as generic maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            List<Map<String, Object>> docs = new ArrayList<>();
            for (var it = YAML.readValues(parser, Map.class); it.hasNext(); ) {
                Map<String, Object> doc = it.next();
                if (doc != null) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** Renders the kustomization in {@code directory}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> k = documents(directory.resolve("kustomization.yaml")).get(0);
        for (String field : k.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field not supported: " + field);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String resource : (List<String>) k.getOrDefault("resources", List.of())) {
            Path path = directory.resolve(resource).normalize();
            out.addAll(Files.isDirectory(path) ? render(path) : documents(path));
        }
        for (Map<String, Object> patch : (List<Map<String, Object>>) k.getOrDefault("patches", List.of())) {
            for (Map<String, Object> p : documents(directory.resolve((String) patch.get("path")))) {
                Map<String, Object> target = find(out, (String) p.get("kind"), name(p));
                merge(target, p);
            }
        }
        for (Map<String, Object> labels : (List<Map<String, Object>>) k.getOrDefault("labels", List.of())) {
            Map<String, Object> pairs = (Map<String, Object>) labels.get("pairs");
            for (Map<String, Object> doc : out) {
                ((Map<String, Object>) metadata(doc).computeIfAbsent("labels", x -> new LinkedHashMap<>()))
                        .putAll(pairs);
            }
        }
        for (Map<String, Object> r : (List<Map<String, Object>>) k.getOrDefault("replicas", List.of())) {
            Map<String, Object> target = findByName(out, (String) r.get("name"));
            ((Map<String, Object>) target.get("spec")).put("replicas", r.get("count"));
        }
        for (Map<String, Object> image : (List<Map<String, Object>>) k.getOrDefault("images", List.of())) {
            for (Map<String, Object> doc : out) {
                setImage(doc, image);
            }
        }
        if (k.get("namespace") != null) {
            for (Map<String, Object> doc : out) {
                metadata(doc).put("namespace", k.get("namespace"));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> doc) {
        return (Map<String, Object>) doc.computeIfAbsent("metadata", x -> new LinkedHashMap<>());
    }

    private static String name(Map<String, Object> doc) {
        return (String) metadata(doc).get("name");
    }

    private static Map<String, Object> find(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(name(d))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("patch target not found: " + kind + "/" + name));
    }

    private static Map<String, Object> findByName(List<Map<String, Object>> docs, String name) {
        return docs.stream().filter(d -> name.equals(name(d)) && ((Map<?, ?>) d.get("spec")).containsKey("replicas"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("replicas target not found: " + name));
    }

    /** Strategic merge of {@code patch} into {@code target}. */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object old = target.get(e.getKey());
            Object value = e.getValue();
            if (old instanceof Map && value instanceof Map) {
                merge((Map<String, Object>) old, (Map<String, Object>) value);
            } else if (old instanceof List<?> oldList && value instanceof List<?> newList && isNamed(oldList)
                    && isNamed(newList)) {
                List<Object> merged = new ArrayList<>(oldList);
                for (Object item : newList) {
                    Map<String, Object> patchItem = (Map<String, Object>) item;
                    Map<String, Object> existing = merged.stream().map(o -> (Map<String, Object>) o)
                            .filter(o -> o.get("name").equals(patchItem.get("name"))).findFirst().orElse(null);
                    if (existing == null) {
                        merged.add(patchItem);
                    } else {
                        merge(existing, patchItem);
                    }
                }
                target.put(e.getKey(), merged);
            } else {
                target.put(e.getKey(), value);
            }
        }
    }

    private static boolean isNamed(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(o -> o instanceof Map<?, ?> m && m.get("name") != null);
    }

    @SuppressWarnings("unchecked")
    private static void setImage(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            if (m.get("image") instanceof String current && m.containsKey("name")) {
                String repository = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                if (repository.equals(image.get("name"))) {
                    String newName = (String) image.getOrDefault("newName", repository);
                    String tag = (String) image.get("newTag");
                    if (tag == null && current.contains(":")) {
                        tag = current.substring(current.lastIndexOf(':') + 1);
                    }
                    m.put("image", tag == null ? newName : newName + ":" + tag);
                }
            }
            m.values().forEach(v -> setImage(v, image));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> setImage(v, image));
        }
    }
}
