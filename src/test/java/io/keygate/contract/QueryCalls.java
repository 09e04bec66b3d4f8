package io.keygate.contract;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SignedRequest;
import io.keygate.protocol.sigv4.SigningCredentials;
import io.keygate.support.TestClients;

/**
 * Raw AWS Query calls signed with SigV4 like the AWS CLI signs them, answered as text and parsed XML, so that tests
 * see every element of the answer (an SDK would silently drop what its model does not name).
 */
final class QueryCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final SigningCredentials credentials;

    QueryCalls(SigningCredentials credentials) {
        this.credentials = credentials;
    }

    static QueryCalls root() {
        return new QueryCalls(SigningCredentials.of(TestClients.ROOT_KEY, TestClients.ROOT_SECRET));
    }

    /** One answer: status, body, parsed document. */
    record Answer(String action, int status, String body, Document xml) {

        Element root() {
            return xml.getDocumentElement();
        }

        /** The text of the first element with this local name anywhere in the answer, or null. */
        String text(String name) {
            NodeList nodes = xml.getElementsByTagNameNS("*", name);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        /** The texts of every element with this local name. */
        List<String> texts(String name) {
            List<String> out = new ArrayList<>();
            NodeList nodes = xml.getElementsByTagNameNS("*", name);
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent());
            }
            return out;
        }

        String errorCode() {
            return text("Code");
        }

        String errorMessage() {
            return text("Message");
        }

        @Override
        public String toString() {
            return action + " → " + status + " " + body;
        }
    }

    /** Calls {@code action} of the service whose API version is {@code version} with alternating names and values. */
    Answer call(String version, String action, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                params.put(nameValues[i], nameValues[i + 1]);
            }
        }
        return call(version, action, params);
    }

    Answer call(String version, String action, Map<String, String> params) {
        StringBuilder body = new StringBuilder("Action=").append(encode(action)).append("&Version=")
                .append(encode(version));
        params.forEach((k, v) -> body.append('&').append(encode(k)).append('=').append(encode(v)));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        URI endpoint = TestClients.endpoint();
        String host = endpoint.getHost() + ":" + endpoint.getPort();
        SigV4Request unsigned = new SigV4Request("POST", "/", "", List.of(
                new SigV4Request.Header("Host", host),
                new SigV4Request.Header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")),
                bytes, null);
        String service = version.equals("2011-06-15") ? "sts" : "iam";
        SignedRequest signed = new SigV4Signer(Clock.systemUTC()).sign(unsigned, credentials, "us-east-1", service);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (SigV4Request.Header h : signed.request().headers()) {
            if (!h.name().equalsIgnoreCase("host")) {
                request.header(h.name(), h.value());
            }
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(action, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    parse(response.body()));
        } catch (Exception e) {
            throw new IllegalStateException(action + " could not be called", e);
        }
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** The element children of a node. */
    static List<Element> children(Node node) {
        List<Element> out = new ArrayList<>();
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
