package io.keygate.audit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The {@code <Action>Result} element of a Query answer as CloudTrail's {@code responseElements}: nested maps with
 * lower-camel names, {@code <member>} lists as lists, text as strings. Keygate's own answers only (parsed with
 * DTDs off all the same).
 */
final class XmlElements {

    private XmlElements() {
    }

    /** The result of {@code action} in {@code xml}, or null when it has none (or the answer is not readable). */
    private static final ThreadLocal<DocumentBuilderFactory> FACTORY = ThreadLocal.withInitial(() -> {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            return factory;
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    });

    static Map<String, Object> resultOf(String xml, String action) {
        try {
            Element root = FACTORY.get().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            NodeList results = root.getElementsByTagName(action + "Result");
            if (results.getLength() == 0) {
                return null;
            }
            Object value = convert((Element) results.item(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> map = value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            return map == null || map.isEmpty() ? null : map;
        } catch (Exception e) {
            return null;
        }
    }

    private static Object convert(Element element) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) nodes.item(i));
            }
        }
        if (children.isEmpty()) {
            return element.getTextContent();
        }
        if (children.stream().allMatch(c -> c.getTagName().equals("member"))) {
            return children.stream().map(XmlElements::convert).toList();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Element child : children) {
            out.put(AuditEvents.lowerFirst(child.getTagName()), convert(child));
        }
        return out;
    }
}
