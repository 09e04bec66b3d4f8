package io.keygate.console;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A Query answer read back for display: elements by name, list members, the error's code and message. */
public final class XmlAnswer {

    private final Element root;

    private XmlAnswer(Element root) {
        this.root = root;
    }

    static XmlAnswer parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            return new XmlAnswer(doc.getDocumentElement());
        } catch (Exception e) {
            throw new IllegalStateException("unreadable Query answer", e);
        }
    }

    /** The text of the first element named {@code name}, anywhere in the answer. */
    public Optional<String> text(String name) {
        return first(root, name).map(Node::getTextContent);
    }

    /** The members of the list element {@code listName}, each as an element to read further. */
    public List<Element> members(String listName) {
        List<Element> out = new ArrayList<>();
        first(root, listName).ifPresent(list -> {
            NodeList children = list.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e && e.getTagName().equals("member")) {
                    out.add(e);
                }
            }
        });
        return out;
    }

    /** The text of the child element {@code name} of {@code element}, or "". */
    public static String child(Element element, String name) {
        return first(element, name).map(Node::getTextContent).orElse("");
    }

    /** "Code: Message" of an error answer, then Keygate's location of the problem in parentheses when it has one. */
    public String error() {
        return text("Code").orElse("Error") + ": " + text("Message").orElse("")
                + text("Location").map(l -> " (" + l + ")").orElse("");
    }

    private static Optional<Element> first(Element in, String name) {
        NodeList found = in.getElementsByTagName(name);
        return found.getLength() == 0 ? Optional.empty() : Optional.of((Element) found.item(0));
    }
}
