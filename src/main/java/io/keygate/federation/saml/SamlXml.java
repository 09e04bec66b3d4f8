package io.keygate.federation.saml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The hardened XML parser every SAML document goes through (THREATS: XXE, external DTD, billion laughs): the JDK's
 * own parser, namespace-aware, with DOCTYPE declarations refused outright (so no entity can be declared, expanded
 * or fetched), external entities, external DTDs, XInclude and external schema access off, secure processing on,
 * and comments dropped (text is read whole, after them: a comment inside a NameID cannot cut it short). The DOM is
 * built whole while parsing rather than expanded node by node on first access (Xerces's deferred DOM): every
 * response is walked entirely anyway (the ID walk, then canonicalization for the digest), and expanding a deferred
 * node on access costs more than building it. Plus the element helpers the checks share. Thread-safe: one builder
 * per thread.
 */
final class SamlXml {

    static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String METADATA = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
    static final String XENC = "http://www.w3.org/2001/04/xmlenc#";

    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SamlXml::newBuilder);

    private SamlXml() {
    }

    /** The parse failed or the document is not allowed (it has a DOCTYPE). */
    static final class MalformedXmlException extends Exception {
        MalformedXmlException(String message) {
            super(message, null, false, false);
        }
    }

    private static DocumentBuilder newBuilder() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setIgnoringComments(true);
            f.setValidating(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not resolved");
            });
            b.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK parser lacks a required security feature", e);
        }
    }

    /** Parses {@code xml} with the hardened parser. */
    static Document parse(byte[] xml) throws MalformedXmlException {
        DocumentBuilder builder = BUILDERS.get();
        try {
            Document doc = builder.parse(new ByteArrayInputStream(xml));
            if (doc.getDoctype() != null) {
                throw new MalformedXmlException("a DOCTYPE is not allowed");
            }
            return doc;
        } catch (SAXParseException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new MalformedXmlException(m.contains("DOCTYPE") ? "a DOCTYPE (DTD) is not allowed"
                    : "not well-formed XML (line " + e.getLineNumber() + ")");
        } catch (SAXException | IOException e) {
            throw new MalformedXmlException("not well-formed XML");
        } finally {
            builder.reset();
        }
    }

    /** The element children of {@code parent} named {@code ns}:{@code local}, in document order. */
    static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The only such child, or null when there is none; more than one is {@code null} too (callers refuse it). */
    static Element child(Element parent, String ns, String local) {
        List<Element> c = children(parent, ns, local);
        return c.size() == 1 ? c.get(0) : null;
    }

    /** Whether {@code e} is {@code ns}:{@code local}. */
    static boolean is(Element e, String ns, String local) {
        return e != null && local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI());
    }

    /** The attribute's value, or null when absent (DOM answers "" for absent attributes). */
    static String attribute(Element e, String name) {
        return e.hasAttributeNS(null, name) ? e.getAttributeNS(null, name) : null;
    }

    /** The whole text of {@code e} (every text node, comments skipped), trimmed. */
    static String text(Element e) {
        return e == null ? null : e.getTextContent().trim();
    }
}
