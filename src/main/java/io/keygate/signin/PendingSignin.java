package io.keygate.signin;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.federation.saml.RolePair;
import io.keygate.federation.saml.SamlTrust;
import io.keygate.federation.saml.VerifiedAssertion;

/**
 * A SAML sign-in waiting for its role choice, as held server-side in the expiring entries: what the pipeline
 * verified (every field of the {@link VerifiedAssertion} but the provider, which is looked up again by ARN when the
 * choice comes back), the roles offered, the allowed destination, the chooser's CSRF token and the hash of the
 * browser-binding cookie. Never sent to the browser. Immutable.
 */
record PendingSignin(String issuer, String assertionId, String subject, String subjectFormat, String recipient,
                     List<String> audiences, Instant notOnOrAfter, Instant sessionNotOnOrAfter,
                     Map<String, List<String>> attributes, List<RolePair> roles, boolean encrypted,
                     List<SamlSignin.Offer> offers, String destination, String csrf, String bindingHash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    PendingSignin {
        audiences = List.copyOf(audiences);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        roles = List.copyOf(roles);
        offers = List.copyOf(offers);
    }

    /** The verified assertion again, bound to its provider's current trust. */
    VerifiedAssertion assertion(SamlTrust trust) {
        return new VerifiedAssertion(trust, issuer, assertionId, subject, subjectFormat, recipient, audiences,
                notOnOrAfter, sessionNotOnOrAfter, attributes, roles, encrypted);
    }

    static String write(VerifiedAssertion a, List<SamlSignin.Offer> offers, String destination, String csrf,
                        String bindingHash) {
        ObjectNode n = JSON.createObjectNode();
        n.put("v", 1);
        n.put("issuer", a.issuer());
        n.put("id", a.assertionId());
        n.put("sub", a.subject());
        n.put("fmt", a.subjectFormat());
        n.put("rcpt", a.recipient());
        ArrayNode audiences = n.putArray("aud");
        a.audiences().forEach(audiences::add);
        n.put("noa", a.notOnOrAfter().toString());
        n.put("snoa", a.sessionNotOnOrAfter() == null ? null : a.sessionNotOnOrAfter().toString());
        ObjectNode attributes = n.putObject("attrs");
        a.attributes().forEach((name, values) -> {
            ArrayNode list = attributes.putArray(name);
            values.forEach(list::add);
        });
        ArrayNode roles = n.putArray("roles");
        a.roles().forEach(r -> roles.addArray().add(r.roleArn()).add(r.providerArn()));
        n.put("enc", a.encrypted());
        ArrayNode offered = n.putArray("offers");
        offers.forEach(o -> offered.addObject().put("role", o.roleArn()).put("provider", o.providerArn())
                .put("account", o.accountId()).put("alias", o.accountAlias()));
        n.put("dest", destination);
        n.put("csrf", csrf);
        n.put("bind", bindingHash);
        return n.toString();
    }

    static PendingSignin read(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable pending SAML sign-in", e);
        }
        List<String> audiences = new ArrayList<>();
        n.path("aud").forEach(v -> audiences.add(v.asText()));
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        n.path("attrs").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(v.asText()));
            attributes.put(e.getKey(), values);
        });
        List<RolePair> roles = new ArrayList<>();
        n.path("roles").forEach(r -> roles.add(new RolePair(r.get(0).asText(), r.get(1).asText())));
        List<SamlSignin.Offer> offers = new ArrayList<>();
        n.path("offers").forEach(o -> offers.add(new SamlSignin.Offer(o.path("role").asText(),
                o.path("provider").asText(), o.path("account").asText(), text(o, "alias"))));
        return new PendingSignin(n.path("issuer").asText(), n.path("id").asText(), n.path("sub").asText(),
                text(n, "fmt"), text(n, "rcpt"), audiences, Instant.parse(n.path("noa").asText()),
                text(n, "snoa") == null ? null : Instant.parse(text(n, "snoa")), attributes, roles,
                n.path("enc").asBoolean(), offers, text(n, "dest"), n.path("csrf").asText(), n.path("bind").asText());
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }
}
