package io.keygate.federation.saml;

import java.util.HashSet;
import java.util.Set;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The document's shape (SAML 2.0 Core, sections 3.2.2 and 2.3.3), and the ground rules that defeat XML signature
 * wrapping (THREATS): the root is a {@code samlp:Response} of version 2.0 with an {@code ID}; the whole document
 * holds exactly one {@code Assertion} or {@code EncryptedAssertion}, and it is a direct child of the Response; every
 * {@code ID} in the document is unique. The {@code ID} attributes are declared as XML IDs here, so that a signature
 * reference resolves to exactly the element that carries it.
 */
final class SchemaCheck implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        Element root = w.document.getDocumentElement();
        if (!SamlXml.is(root, SamlXml.PROTOCOL, "Response")) {
            throw SamlWork.invalid("The document is not a SAML 2.0 samlp:Response.");
        }
        if (!"2.0".equals(SamlXml.attribute(root, "Version")) || SamlXml.attribute(root, "ID") == null) {
            throw SamlWork.invalid("The Response must have Version=\"2.0\" and an ID.");
        }
        int assertions = assertionsBelow(root);
        if (assertions != 1) {
            throw SamlWork.invalid("The Response must contain exactly one assertion; it contains " + assertions + ".");
        }
        Element plain = SamlXml.child(root, SamlXml.ASSERTION, "Assertion");
        Element sealed = SamlXml.child(root, SamlXml.ASSERTION, "EncryptedAssertion");
        if (plain == null && sealed == null) {
            throw SamlWork.invalid("The assertion must be a direct child of the Response.");
        }
        registerIds(root);
        w.response = root;
        w.assertion = plain != null ? plain : sealed;
        w.encrypted = plain == null;
    }

    /** The {@code Assertion} and {@code EncryptedAssertion} elements anywhere below {@code root}. */
    private static int assertionsBelow(Element root) {
        int found = 0;
        for (Element e = next(root, root); e != null; e = next(e, root)) {
            if (SamlXml.ASSERTION.equals(e.getNamespaceURI())
                    && ("Assertion".equals(e.getLocalName()) || "EncryptedAssertion".equals(e.getLocalName()))) {
                found++;
            }
        }
        return found;
    }

    /** Declares every {@code ID} attribute as an XML ID; a repeated value anywhere is refused. */
    static void registerIds(Element root) {
        Set<String> seen = new HashSet<>();
        for (Element e = root; e != null; e = next(e, root)) {
            declare(e, seen);
        }
    }

    /**
     * The element after {@code e} in document order within {@code root}'s subtree (its first child element, else
     * the next element sibling of it or of its nearest ancestor below {@code root}), or null at the end: a walk
     * over the live tree that builds no node list.
     */
    private static Element next(Element e, Element root) {
        Node n = e.getFirstChild();
        if (n == null) {
            n = e == root ? null : following(e, root);
        }
        while (n != null && !(n instanceof Element)) {
            Node sibling = n.getNextSibling();
            n = sibling != null ? sibling : following(n.getParentNode(), root);
        }
        return (Element) n;
    }

    /** The next sibling of {@code n} or of its nearest ancestor that has one, staying below {@code root}. */
    private static Node following(Node n, Element root) {
        for (Node at = n; at != null && at != root; at = at.getParentNode()) {
            if (at.getNextSibling() != null) {
                return at.getNextSibling();
            }
        }
        return null;
    }

    private static void declare(Element e, Set<String> seen) {
        for (String name : new String[] {"ID", "Id", "id"}) {
            if (e.hasAttributeNS(null, name)) {
                String value = e.getAttributeNS(null, name);
                if (!seen.add(value)) {
                    throw SamlWork.invalid("The document repeats the ID " + SamlResponseValidator.echo(value) + ".");
                }
                if (name.equals("ID")) {
                    e.setIdAttributeNS(null, name, true);
                }
            }
        }
    }
}
