package io.keygate.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.w3c.dom.Element;

import io.keygate.auth.Caller;
import io.keygate.console.ActionInvoker.Answer;
import io.keygate.credentials.IssuingAction;
import io.keygate.error.KeygateException;
import io.keygate.policy.Policies;
import io.keygate.policy.PolicyType;

/**
 * The console's pages for one signed-in session. Reads and writes go through {@link ActionInvoker}: a page shows
 * what the API would answer this session, refusals included.
 *
 * <p>Thread-safe (stateless).
 */
public final class Console {

    private static final String IAM = "2010-05-08";

    private final ActionInvoker actions;
    private final Clock clock;

    public Console(ActionInvoker actions, Clock clock) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A rendered page: its HTTP status and HTML. */
    public record Page(int status, String html) {

        /** This page answered with another status. */
        public Page withStatus(int status) {
            return new Page(status, html);
        }
    }

    /** Who you are, how you signed in, until when, and the policies that apply to you. */
    public Page home(Caller caller, Instant expiresAt, String csrf) {
        StringBuilder body = new StringBuilder("<dl class=\"identity\">\n");
        row(body, "Signed in as", caller.arn());
        row(body, "Account", caller.accountId());
        if (caller.session() != null) {
            row(body, "Signed in through", caller.session().issuingAction() == IssuingAction.ConsoleLogin
                    ? "IAM user sign-in (ConsoleLogin)" : caller.session().issuingAction().name());
            row(body, "MFA", caller.session().mfaPresent() ? "used (aws:MultiFactorAuthPresent is true)"
                    : "not used (aws:MultiFactorAuthPresent is false)");
            if (caller.session().sourceIdentity() != null) {
                row(body, "Source identity", caller.session().sourceIdentity());
            }
            if (caller.session().federatedProvider() != null) {
                row(body, "Identity provider", caller.session().federatedProvider());
            }
        }
        long minutes = Math.max(0, Duration.between(clock.instant(), expiresAt).toMinutes());
        row(body, "Session expires", expiresAt + " (in " + minutes + " min)");
        body.append("</dl>\n<h2>Your policies</h2>\n").append(policiesOf(caller));
        return new Page(200, Html.page("Keygate console", body.toString(), csrf, null));
    }

    private String policiesOf(Caller caller) {
        String arn = caller.arn();
        String role = caller.type() == Caller.PrincipalType.AssumedRole ? arn.split("/")[1] : null;
        String user = caller.userName();
        if (role == null && user == null) {
            return "<p>The account root has every permission of the account.</p>\n";
        }
        String kind = role != null ? "Role" : "User";
        String name = role != null ? role : user;
        Answer attached = call(caller, "ListAttached" + kind + "Policies", Map.of(kind + "Name", name));
        Answer inline = call(caller, "List" + kind + "Policies", Map.of(kind + "Name", name));
        StringBuilder out = new StringBuilder();
        if (!attached.ok()) {
            return Html.error("You may not list the policies of your " + kind.toLowerCase() + ": "
                    + attached.parsed().error());
        }
        out.append("<ul class=\"policies\">\n");
        for (Element m : attached.parsed().members("AttachedPolicies")) {
            out.append("<li>managed: ").append(Html.escape(XmlAnswer.child(m, "PolicyArn"))).append("</li>\n");
        }
        if (inline.ok()) {
            for (Element m : inline.parsed().members("PolicyNames")) {
                out.append("<li>inline: ").append(Html.escape(m.getTextContent())).append("</li>\n");
            }
        }
        if (caller.session() != null && caller.session().sessionPolicy() != null) {
            out.append("<li>session policy (passed when the session was made)</li>\n");
        }
        return out.append("</ul>\n").toString();
    }

    /** "May I do X on Y?" through SimulatePrincipalPolicy for the caller's own principal. */
    public Page check(Caller caller, String action, String resource, String csrf) {
        StringBuilder body = new StringBuilder();
        body.append("<form method=\"get\" action=\"/console/check\" class=\"check\">")
                .append("<label for=\"action\">Action</label><input id=\"action\" name=\"action\" required ")
                .append("placeholder=\"s3:GetObject\" value=\"").append(Html.escape(action)).append("\">")
                .append("<label for=\"resource\">Resource</label><input id=\"resource\" name=\"resource\" ")
                .append("placeholder=\"arn:aws:s3:::bucket/key\" value=\"").append(Html.escape(resource)).append("\">")
                .append("<button type=\"submit\">Check</button></form>\n");
        if (action != null && !action.isBlank()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("PolicySourceArn", sourceArn(caller));
            params.put("ActionNames.member.1", action.trim());
            if (resource != null && !resource.isBlank()) {
                params.put("ResourceArns.member.1", resource.trim());
            }
            Answer answer = call(caller, "SimulatePrincipalPolicy", params);
            if (!answer.ok()) {
                body.append(Html.error(answer.parsed().error()));
            } else {
                XmlAnswer xml = answer.parsed();
                String decision = xml.text("EvalDecision").orElse("implicitDeny");
                body.append("<p class=\"decision ").append(Html.escape(decision)).append("\" role=\"status\">")
                        .append("Decision: <strong>").append(Html.escape(decision)).append("</strong></p>\n");
                List<Element> matched = xml.members("MatchedStatements");
                if (!matched.isEmpty()) {
                    body.append("<h2>Deciding statements</h2>\n<ul>\n");
                    for (Element m : matched) {
                        body.append("<li>").append(Html.escape(XmlAnswer.child(m, "SourcePolicyId"))).append(" (")
                                .append(Html.escape(XmlAnswer.child(m, "SourcePolicyType"))).append(")</li>\n");
                    }
                    body.append("</ul>\n");
                }
            }
        }
        return new Page(200, Html.page("May I do this?", body.toString(), csrf, null));
    }

    private static String sourceArn(Caller caller) {
        if (caller.type() == Caller.PrincipalType.AssumedRole) {
            String[] parts = caller.arn().split("/");
            String prefix = caller.arn().substring(0, caller.arn().indexOf(":assumed-role/"));
            return prefix.replace(":sts:", ":iam:") + ":role/" + parts[1];
        }
        return caller.arn();
    }

    /** A list page of one IAM entity kind (users, groups, roles, customer managed policies). */
    public Page list(Caller caller, String kind, String csrf) {
        record Kind(String action, String list, String nameField, Map<String, String> params) {
        }
        Kind k = switch (kind) {
            case "users" -> new Kind("ListUsers", "Users", "UserName", Map.of());
            case "groups" -> new Kind("ListGroups", "Groups", "GroupName", Map.of());
            case "roles" -> new Kind("ListRoles", "Roles", "RoleName", Map.of());
            case "policies" -> new Kind("ListPolicies", "Policies", "PolicyName", Map.of("Scope", "Local"));
            default -> throw new IllegalArgumentException(kind);
        };
        Answer answer = call(caller, k.action(), k.params());
        StringBuilder body = new StringBuilder();
        if (!answer.ok()) {
            body.append(Html.error(answer.parsed().error()));
        } else {
            List<Element> members = answer.parsed().members(k.list());
            body.append("<table><caption>").append(members.size()).append(' ').append(Html.escape(kind))
                    .append("</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">ARN</th>")
                    .append("<th scope=\"col\">Created</th></tr></thead><tbody>\n");
            for (Element m : members) {
                body.append("<tr><td>").append(Html.escape(XmlAnswer.child(m, k.nameField()))).append("</td><td>")
                        .append(Html.escape(XmlAnswer.child(m, "Arn"))).append("</td><td>")
                        .append(Html.escape(XmlAnswer.child(m, "CreateDate"))).append("</td></tr>\n");
            }
            body.append("</tbody></table>\n");
        }
        String title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        return new Page(answer.ok() ? 200 : 403, Html.page(title, body.toString(), csrf, null));
    }

    /** The policy editor: live validation by {@code editor.js}, creation through CreatePolicy. */
    public Page policyEditor(String name, String document, String error, String csrf) {
        String body = (error == null ? "" : Html.error(error))
                + "<form method=\"post\" action=\"/console/policies/new\" class=\"editor\">" + Html.csrfField(csrf)
                + "<label for=\"name\">Policy name</label><input id=\"name\" name=\"name\" required maxlength=\"128\" "
                + "value=\"" + Html.escape(name) + "\">"
                + "<label for=\"document\">Policy document (JSON)</label>"
                + "<textarea id=\"document\" name=\"document\" rows=\"18\" spellcheck=\"false\" "
                + "aria-describedby=\"validation\">" + Html.escape(document == null ? DEFAULT_DOCUMENT : document)
                + "</textarea><p id=\"validation\" role=\"status\" aria-live=\"polite\"></p>"
                + "<button type=\"submit\">Create policy</button></form>\n";
        return new Page(error == null ? 200 : 400, Html.page("New policy", body, csrf, "editor.js"));
    }

    static final String DEFAULT_DOCUMENT = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n"
            + "      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"*\"\n    }\n  ]\n}";

    /** POST of the policy editor: CreatePolicy, then the policy list, or the editor with the error. */
    public Page createPolicy(Caller caller, String name, String document, String csrf) {
        Answer answer = call(caller, "CreatePolicy", Map.of("PolicyName", name == null ? "" : name,
                "PolicyDocument", document == null ? "" : document));
        if (!answer.ok()) {
            return policyEditor(name, document, answer.parsed().error(), csrf);
        }
        return list(caller, "policies", csrf);
    }

    /**
     * The editor's live check: the policy validator's verdict as JSON ({@code {"valid":true}} or
     * {@code {"valid":false,"message":"…"}}: AWS's text, then where and what in parentheses).
     */
    public static Map<String, Object> validate(String document) {
        try {
            Policies.parse(document == null ? "" : document, PolicyType.MANAGED);
            return Map.of("valid", true);
        } catch (KeygateException e) {
            return Map.of("valid", false, "message", e.messageWithLocation());
        }
    }

    private Answer call(Caller caller, String action, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("Action", action);
        all.put("Version", IAM);
        return actions.invoke(all, caller);
    }

    private static void row(StringBuilder body, String name, String value) {
        body.append("<dt>").append(Html.escape(name)).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
    }
}
