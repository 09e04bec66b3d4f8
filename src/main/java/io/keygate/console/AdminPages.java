package io.keygate.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;
import io.keygate.console.ActionInvoker.Answer;
import io.keygate.console.Console.Page;

/**
 * The console's administration pages: identity providers, access keys (the secret shown once), MFA enrolment with
 * the QR code, revocation and the trust debugger. Every read and write goes through the same IAM action or Keygate
 * API endpoint, with the same authorization, as the API would for this session: the console can do nothing the API
 * would refuse it. Forms post back with the session's CSRF token (checked by the route before any of this runs).
 *
 * <p>Thread-safe (stateless).
 */
public final class AdminPages {

    private static final String IAM = "2010-05-08";

    private final ActionInvoker actions;
    private final ApiInvoker api;

    public AdminPages(ActionInvoker actions, ApiInvoker api) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.api = Objects.requireNonNull(api, "api");
    }

    // ---- identity providers ---------------------------------------------------------------------------------

    /** The account's SAML and OIDC providers. */
    public Page providers(Caller caller, String csrf) {
        StringBuilder body = new StringBuilder();
        Answer saml = call(caller, "ListSAMLProviders", Map.of());
        body.append("<h2>SAML providers</h2>\n");
        if (!saml.ok()) {
            body.append(Html.error(saml.parsed().error()));
        } else {
            table(body, "SAML providers", List.of("ARN", "Valid until", "Created"), saml.parsed()
                    .members("SAMLProviderList").stream().map(m -> List.of(XmlAnswer.child(m, "Arn"),
                            XmlAnswer.child(m, "ValidUntil"), XmlAnswer.child(m, "CreateDate"))).toList());
        }
        Answer oidc = call(caller, "ListOpenIDConnectProviders", Map.of());
        body.append("<h2>OpenID Connect providers</h2>\n");
        if (!oidc.ok()) {
            body.append(Html.error(oidc.parsed().error()));
        } else {
            table(body, "OpenID Connect providers", List.of("ARN"), oidc.parsed()
                    .members("OpenIDConnectProviderList").stream().map(m -> List.of(XmlAnswer.child(m, "Arn")))
                    .toList());
        }
        return new Page(saml.ok() && oidc.ok() ? 200 : 403, Html.page("Identity providers", body.toString(), csrf,
                null));
    }

    // ---- access keys ----------------------------------------------------------------------------------------

    /** The access keys of {@code user} (a form to choose the user when none is given). */
    public Page accessKeys(Caller caller, String user, String csrf) {
        return accessKeys(caller, user, null, null, csrf);
    }

    /**
     * A change to an access key of {@code user}: {@code create} (the secret is shown on the answer page, once),
     * {@code activate}, {@code deactivate} or {@code delete} of {@code keyId}.
     */
    public Page changeAccessKey(Caller caller, String user, String op, String keyId, String csrf) {
        String name = user == null ? "" : user.trim();
        Answer answer = switch (op == null ? "" : op) {
            case "create" -> call(caller, "CreateAccessKey", Map.of("UserName", name));
            case "activate", "deactivate" -> call(caller, "UpdateAccessKey", Map.of("UserName", name,
                    "AccessKeyId", keyId == null ? "" : keyId, "Status", op.equals("activate") ? "Active" : "Inactive"));
            case "delete" -> call(caller, "DeleteAccessKey", Map.of("UserName", name,
                    "AccessKeyId", keyId == null ? "" : keyId));
            default -> null;
        };
        if (answer == null) {
            return accessKeys(caller, name, "Unknown operation.", null, csrf).withStatus(400);
        }
        if (!answer.ok()) {
            return accessKeys(caller, name, answer.parsed().error(), null, csrf).withStatus(answer.status());
        }
        String shown = null;
        if (op.equals("create")) {
            XmlAnswer xml = answer.parsed();
            shown = "<section class=\"secret\" aria-labelledby=\"new-key\"><h2 id=\"new-key\">New access key</h2>"
                    + "<p><strong>This is the only time the secret access key can be seen.</strong> Store it now; "
                    + "Keygate keeps it only sealed and will never show it again.</p><dl>"
                    + "<dt>Access key id</dt><dd><code>" + Html.escape(xml.text("AccessKeyId").orElse(""))
                    + "</code></dd><dt>Secret access key</dt><dd><code class=\"secret-value\">"
                    + Html.escape(xml.text("SecretAccessKey").orElse("")) + "</code></dd></dl></section>\n";
        }
        return accessKeys(caller, name, null, shown, csrf);
    }

    private Page accessKeys(Caller caller, String user, String error, String shown, String csrf) {
        StringBuilder body = new StringBuilder();
        if (error != null) {
            body.append(Html.error(error));
        }
        if (shown != null) {
            body.append(shown);
        }
        body.append("<form method=\"get\" action=\"/console/access-keys\" class=\"pick\">")
                .append("<label for=\"user\">User name</label><input id=\"user\" name=\"user\" required value=\"")
                .append(Html.escape(user)).append("\"><button type=\"submit\">Show keys</button></form>\n");
        int status = error == null ? 200 : 400;
        if (user != null && !user.isBlank()) {
            Answer list = call(caller, "ListAccessKeys", Map.of("UserName", user.trim()));
            if (!list.ok()) {
                body.append(Html.error(list.parsed().error()));
                status = list.status();
            } else {
                body.append("<table><caption>Access keys of ").append(Html.escape(user)).append("</caption><thead><tr>")
                        .append("<th scope=\"col\">Access key id</th><th scope=\"col\">Status</th>")
                        .append("<th scope=\"col\">Created</th><th scope=\"col\">Actions</th></tr></thead><tbody>\n");
                for (Element m : list.parsed().members("AccessKeyMetadata")) {
                    String id = XmlAnswer.child(m, "AccessKeyId");
                    String state = XmlAnswer.child(m, "Status");
                    body.append("<tr><td><code>").append(Html.escape(id)).append("</code></td><td>")
                            .append(Html.escape(state)).append("</td><td>")
                            .append(Html.escape(XmlAnswer.child(m, "CreateDate"))).append("</td><td>")
                            .append(keyForm(user, id, state.equals("Active") ? "deactivate" : "activate",
                                    state.equals("Active") ? "Deactivate" : "Activate", csrf))
                            .append(keyForm(user, id, "delete", "Delete", csrf)).append("</td></tr>\n");
                }
                body.append("</tbody></table>\n")
                        .append("<form method=\"post\" action=\"/console/access-keys\">").append(Html.csrfField(csrf))
                        .append("<input type=\"hidden\" name=\"user\" value=\"").append(Html.escape(user.trim()))
                        .append("\"><input type=\"hidden\" name=\"op\" value=\"create\">")
                        .append("<button type=\"submit\">Create access key</button></form>\n");
            }
        }
        return new Page(status, Html.page("Access keys", body.toString(), csrf, null));
    }

    private static String keyForm(String user, String keyId, String op, String label, String csrf) {
        return "<form method=\"post\" action=\"/console/access-keys\" class=\"inline\">" + Html.csrfField(csrf)
                + "<input type=\"hidden\" name=\"user\" value=\"" + Html.escape(user.trim()) + "\">"
                + "<input type=\"hidden\" name=\"key\" value=\"" + Html.escape(keyId) + "\">"
                + "<input type=\"hidden\" name=\"op\" value=\"" + op + "\">"
                + "<button type=\"submit\" aria-label=\"" + label + " " + Html.escape(keyId) + "\">" + label
                + "</button></form>";
    }

    // ---- MFA ------------------------------------------------------------------------------------------------

    /** The account's virtual MFA devices and the enrolment form. */
    public Page mfa(Caller caller, String csrf) {
        return mfa(caller, null, null, csrf);
    }

    /**
     * Enrolment: {@code create} makes a virtual device and shows its QR code (and seed) once, with the form to
     * enable it with two consecutive codes; {@code enable} assigns it to the user.
     */
    public Page changeMfa(Caller caller, Map<String, String> form, String csrf) {
        String op = form.getOrDefault("op", "");
        if (op.equals("create")) {
            Answer answer = call(caller, "CreateVirtualMFADevice",
                    Map.of("VirtualMFADeviceName", form.getOrDefault("device", "").trim()));
            if (!answer.ok()) {
                return mfa(caller, answer.parsed().error(), null, csrf).withStatus(answer.status());
            }
            XmlAnswer xml = answer.parsed();
            String serial = xml.text("SerialNumber").orElse("");
            String seed = new String(Base64.getDecoder().decode(xml.text("Base32StringSeed").orElse("")),
                    StandardCharsets.US_ASCII);
            String png = xml.text("QRCodePNG").orElse("");
            String user = form.getOrDefault("user", "").trim();
            String enrol = "<section class=\"enrol\" aria-labelledby=\"scan\"><h2 id=\"scan\">Scan this code</h2>"
                    + "<p>Scan it with an authenticator app, then type two consecutive codes. It is shown only now."
                    + "</p><img class=\"qr\" alt=\"QR code of the MFA device " + Html.escape(serial)
                    + "\" src=\"data:image/png;base64," + Html.escape(png) + "\">"
                    + "<p>Or type this key: <code class=\"secret-value\">" + Html.escape(seed) + "</code></p>"
                    + "<form method=\"post\" action=\"/console/mfa\">" + Html.csrfField(csrf)
                    + "<input type=\"hidden\" name=\"op\" value=\"enable\">"
                    + "<input type=\"hidden\" name=\"serial\" value=\"" + Html.escape(serial) + "\">"
                    + "<label for=\"enable-user\">User name</label><input id=\"enable-user\" name=\"user\" required "
                    + "value=\"" + Html.escape(user) + "\">"
                    + "<label for=\"code1\">First code</label><input id=\"code1\" name=\"code1\" required "
                    + "inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\">"
                    + "<label for=\"code2\">Second code</label><input id=\"code2\" name=\"code2\" required "
                    + "inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\">"
                    + "<button type=\"submit\">Enable MFA</button></form></section>\n";
            return mfa(caller, null, enrol, csrf);
        }
        if (op.equals("enable")) {
            Answer answer = call(caller, "EnableMFADevice", Map.of("UserName", form.getOrDefault("user", "").trim(),
                    "SerialNumber", form.getOrDefault("serial", ""),
                    "AuthenticationCode1", form.getOrDefault("code1", "").trim(),
                    "AuthenticationCode2", form.getOrDefault("code2", "").trim()));
            if (!answer.ok()) {
                return mfa(caller, answer.parsed().error(), null, csrf).withStatus(answer.status());
            }
            return mfa(caller, null, "<p class=\"done\" role=\"status\">MFA device "
                    + Html.escape(form.getOrDefault("serial", "")) + " enabled for "
                    + Html.escape(form.getOrDefault("user", "")) + ".</p>\n", csrf);
        }
        return mfa(caller, "Unknown operation.", null, csrf).withStatus(400);
    }

    private Page mfa(Caller caller, String error, String shown, String csrf) {
        StringBuilder body = new StringBuilder();
        if (error != null) {
            body.append(Html.error(error));
        }
        if (shown != null) {
            body.append(shown);
        }
        Answer list = call(caller, "ListVirtualMFADevices", Map.of());
        int status = error == null ? 200 : 400;
        if (!list.ok()) {
            body.append(Html.error(list.parsed().error()));
            status = list.status();
        } else {
            table(body, "Virtual MFA devices", List.of("Serial number", "User", "Enabled"), list.parsed()
                    .members("VirtualMFADevices").stream().map(m -> List.of(XmlAnswer.child(m, "SerialNumber"),
                            XmlAnswer.child(m, "UserName"), XmlAnswer.child(m, "EnableDate"))).toList());
        }
        body.append("<h2>Enrol a new device</h2><form method=\"post\" action=\"/console/mfa\">")
                .append(Html.csrfField(csrf)).append("<input type=\"hidden\" name=\"op\" value=\"create\">")
                .append("<label for=\"device\">Device name</label><input id=\"device\" name=\"device\" required ")
                .append("maxlength=\"226\"><label for=\"user\">For user</label><input id=\"user\" name=\"user\" required>")
                .append("<button type=\"submit\">Create device</button></form>\n");
        return new Page(status, Html.page("MFA devices", body.toString(), csrf, null));
    }

    // ---- revocation -----------------------------------------------------------------------------------------

    /** The account's live revocations and the form to revoke sessions. */
    public Page revocations(Caller caller, String csrf) {
        return revocations(caller, null, null, csrf);
    }

    /** Revokes sessions by {@code kind} ({@code RoleArn}, {@code AccessKeyId} or {@code SourceIdentity}). */
    public Page revoke(Caller caller, String kind, String value, String csrf) {
        if (!List.of("RoleArn", "AccessKeyId", "SourceIdentity").contains(kind)) {
            return revocations(caller, "Choose what to revoke by.", null, csrf).withStatus(400);
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode().put(kind, value == null ? "" : value.trim());
        ApiInvoker.Answer answer = api.invoke("POST", "/api/v1/revocations", request, caller);
        if (!answer.ok()) {
            return revocations(caller, answer.error(), null, csrf).withStatus(answer.status());
        }
        return revocations(caller, null, "<p class=\"done\" role=\"status\">Revoked: "
                + Html.escape(answer.body().path("RevocationId").asText()) + "</p>\n", csrf);
    }

    private Page revocations(Caller caller, String error, String shown, String csrf) {
        StringBuilder body = new StringBuilder();
        if (error != null) {
            body.append(Html.error(error));
        }
        if (shown != null) {
            body.append(shown);
        }
        int status = error == null ? 200 : 400;
        ApiInvoker.Answer list = api.invoke("GET", "/api/v1/revocations", null, caller);
        if (!list.ok()) {
            body.append(Html.error(list.error()));
            status = list.status();
        } else {
            List<List<String>> rows = new java.util.ArrayList<>();
            for (JsonNode r : list.body().path("Revocations")) {
                String what = r.hasNonNull("RoleArn") ? r.path("RoleArn").asText() + " before "
                        + r.path("IssuedBefore").asText() : r.hasNonNull("AccessKeyId") ? r.path("AccessKeyId").asText()
                        : r.hasNonNull("SourceIdentity") ? r.path("SourceIdentity").asText()
                        : r.path("Provider").asText() + " / " + r.path("Subject").asText();
                rows.add(List.of(r.path("Kind").asText(), what, r.path("CreatedAt").asText(),
                        r.path("ExpiresAt").asText(), r.path("CreatedBy").asText()));
            }
            table(body, "Live revocations", List.of("Kind", "Matches", "Created", "Kept until", "By"), rows);
        }
        body.append("<h2>Revoke sessions</h2><form method=\"post\" action=\"/console/revocations\">")
                .append(Html.csrfField(csrf)).append("<label for=\"kind\">Revoke by</label><select id=\"kind\" ")
                .append("name=\"kind\"><option value=\"RoleArn\">every session of a role (role ARN)</option>")
                .append("<option value=\"AccessKeyId\">one session (temporary access key id)</option>")
                .append("<option value=\"SourceIdentity\">every session of a source identity</option></select>")
                .append("<label for=\"value\">Value</label><input id=\"value\" name=\"value\" required>")
                .append("<button type=\"submit\">Revoke</button></form>\n");
        return new Page(status, Html.page("Revocations", body.toString(), csrf, null));
    }

    // ---- trust debugger -------------------------------------------------------------------------------------

    /** The trust debugger's form, and when {@code form} holds an assertion, its explanation. */
    public Page trust(Caller caller, Map<String, String> form, String csrf) {
        StringBuilder body = new StringBuilder();
        int status = 200;
        String role = form == null ? "" : form.getOrDefault("role", "");
        String provider = form == null ? "" : form.getOrDefault("provider", "");
        String assertion = form == null ? "" : form.getOrDefault("assertion", "");
        body.append("<form method=\"post\" action=\"/console/trust\" class=\"trust\">").append(Html.csrfField(csrf))
                .append("<label for=\"role\">Role ARN</label><input id=\"role\" name=\"role\" required value=\"")
                .append(Html.escape(role)).append("\"><label for=\"provider\">SAML provider ARN</label>")
                .append("<input id=\"provider\" name=\"provider\" required value=\"").append(Html.escape(provider))
                .append("\"><label for=\"assertion\">SAML response (base64, as posted by the IdP)</label>")
                .append("<textarea id=\"assertion\" name=\"assertion\" rows=\"8\" required spellcheck=\"false\">")
                .append(Html.escape(assertion)).append("</textarea><button type=\"submit\">Explain</button></form>\n");
        if (!assertion.isBlank()) {
            ObjectNode request = JsonNodeFactory.instance.objectNode().put("RoleArn", role.trim())
                    .put("PrincipalArn", provider.trim()).put("SAMLAssertion", assertion.replaceAll("\\s", ""));
            ApiInvoker.Answer answer = api.invoke("POST", "/api/v1/federation/explain", request, caller);
            if (!answer.ok()) {
                body.append(Html.error(answer.error()));
                status = answer.status();
            } else {
                body.append(explanation(answer.body()));
            }
        }
        return new Page(status, Html.page("Trust debugger", body.toString(), csrf, null));
    }

    private static String explanation(JsonNode answer) {
        StringBuilder out = new StringBuilder();
        boolean ok = answer.path("WouldSucceed").asBoolean(false);
        out.append("<p class=\"decision ").append(ok ? "allowed" : "denied").append("\" role=\"status\">")
                .append(ok ? "AssumeRoleWithSAML would succeed." : "AssumeRoleWithSAML would be refused.")
                .append("</p>\n");
        if (answer.hasNonNull("Error")) {
            out.append(Html.error(answer.path("Error").path("Code").asText() + ": "
                    + answer.path("Error").path("Message").asText()));
        }
        List<List<String>> checks = new java.util.ArrayList<>();
        for (JsonNode c : answer.path("Checks")) {
            checks.add(List.of(c.path("Check").asText(), c.path("Outcome").asText(), c.path("Detail").asText("")));
        }
        out.append("<h2>Checks</h2>\n");
        table(out, "Pipeline checks", List.of("Check", "Outcome", "Detail"), checks);
        Map<String, JsonNode> rest = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!List.of("WouldSucceed", "Error", "Checks").contains(e.getKey())) {
                rest.put(e.getKey(), e.getValue());
            }
        }
        out.append("<h2>Details</h2>\n<dl class=\"explain\">\n");
        rest.forEach((k, v) -> out.append("<dt>").append(Html.escape(k)).append("</dt><dd>").append(json(v))
                .append("</dd>\n"));
        return out.append("</dl>\n").toString();
    }

    /** A JSON value as nested HTML lists (every string escaped). */
    private static String json(JsonNode v) {
        if (v.isObject()) {
            StringBuilder out = new StringBuilder("<dl>");
            v.properties().forEach(e -> out.append("<dt>").append(Html.escape(e.getKey())).append("</dt><dd>")
                    .append(json(e.getValue())).append("</dd>"));
            return out.append("</dl>").toString();
        }
        if (v.isArray()) {
            StringBuilder out = new StringBuilder("<ul>");
            v.forEach(item -> out.append("<li>").append(json(item)).append("</li>"));
            return out.append("</ul>").toString();
        }
        return "<code>" + Html.escape(v.asText()) + "</code>";
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void table(StringBuilder body, String caption, List<String> heads, List<List<String>> rows) {
        body.append("<table><caption>").append(Html.escape(caption)).append(" (").append(rows.size())
                .append(")</caption><thead><tr>");
        heads.forEach(h -> body.append("<th scope=\"col\">").append(Html.escape(h)).append("</th>"));
        body.append("</tr></thead><tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            row.forEach(cell -> body.append("<td>").append(Html.escape(cell)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</tbody></table>\n");
    }

    private Answer call(Caller caller, String action, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("Action", action);
        all.put("Version", IAM);
        return actions.invoke(all, caller);
    }
}
