package io.keygate.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.protocol.api.ApiEndpoint;
import io.keygate.protocol.api.ApiResult;
import io.keygate.protocol.api.JsonFields;

/**
 * {@code POST /api/v1/audit/lookup}, shaped like CloudTrail's LookupEvents: {@code StartTime}, {@code EndTime},
 * {@code LookupAttributes} (at most one of {@code EventName}, {@code Username}, {@code AccessKeyId},
 * {@code ResourceName}), {@code MaxResults} (1–50, default 50), {@code NextToken}. Answers this node's events of
 * the caller's own account, newest first: {@code {"Events": [{"EventId", "EventName", "EventTime", "Username",
 * "AccessKeyId", "ReadOnly", "CloudTrailEvent"}], "NextToken"}} where {@code CloudTrailEvent} is the stored event
 * as a JSON string, as CloudTrail answers. Needs {@code keygate:LookupEvents}.
 */
public final class LookupEvents implements ApiEndpoint<Caller> {

    private static final Set<String> MEMBERS = Set.of("StartTime", "EndTime", "LookupAttributes", "MaxResults",
            "NextToken");
    private static final Set<String> KEYS = Set.of("EventName", "Username", "AccessKeyId", "ResourceName");

    private final AuditLog log;
    private final Authorizer authorizer;

    public LookupEvents(AuditLog log, Authorizer authorizer) {
        this.log = log;
        this.authorizer = authorizer;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public String path() {
        return "/api/v1/audit/lookup";
    }

    @Override
    public ApiResult handle(JsonNode body, Caller caller) {
        JsonNode request = body == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : body;
        JsonFields.object(request, MEMBERS);
        Instant start = JsonFields.instant(request, "StartTime");
        Instant end = JsonFields.instant(request, "EndTime");
        int max = request.has("MaxResults") ? request.path("MaxResults").asInt(-1) : 50;
        if (max < 1 || max > 50) {
            throw invalid("MaxResults must be between 1 and 50.");
        }
        String key = null;
        String value = null;
        JsonNode attributes = request.path("LookupAttributes");
        if (!attributes.isMissingNode() && !attributes.isNull()) {
            if (!attributes.isArray() || attributes.size() > 1) {
                throw invalid("LookupAttributes takes at most one attribute.");
            }
            if (attributes.size() == 1) {
                key = attributes.get(0).path("AttributeKey").asText("");
                value = attributes.get(0).path("AttributeValue").asText("");
                if (!KEYS.contains(key) || value.isEmpty()) {
                    throw invalid("AttributeKey must be one of " + KEYS + " with a non-empty AttributeValue.");
                }
            }
        }
        int offset = 0;
        if (request.hasNonNull("NextToken")) {
            try {
                offset = Integer.parseInt(new String(Base64.getUrlDecoder().decode(request.path("NextToken").asText()),
                        StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw invalid("The NextToken is not valid.");
            }
        }
        authorizer.authorize(caller, "keygate:LookupEvents", "*");
        String account = caller.accountId();
        String k = key;
        String v = value;
        List<JsonNode> matching = log.events()
                .filter(e -> account.equals(e.path("recipientAccountId").asText()))
                .filter(e -> start == null || !time(e).isBefore(start))
                .filter(e -> end == null || time(e).isBefore(end))
                .filter(e -> k == null || matches(e, k, v))
                .sorted(Comparator.comparing(LookupEvents::time).reversed())
                .toList();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + max); i++) {
            JsonNode e = matching.get(i);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("EventId", e.path("eventID").asText());
            one.put("EventName", e.path("eventName").asText());
            one.put("EventTime", e.path("eventTime").asText());
            one.put("EventSource", e.path("eventSource").asText());
            one.put("Username", username(e));
            one.put("AccessKeyId", e.path("userIdentity").path("accessKeyId").asText(null));
            one.put("ReadOnly", e.path("readOnly").asBoolean());
            one.put("CloudTrailEvent", e.toString());
            events.add(one);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Events", events);
        if (offset + max < matching.size()) {
            answer.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Integer.toString(offset + max).getBytes(StandardCharsets.US_ASCII)));
        }
        return ApiResult.ok(answer);
    }

    private static Instant time(JsonNode event) {
        try {
            return Instant.parse(event.path("eventTime").asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    /** CloudTrail's Username: the IAM user name, or the role session's name, or "root". */
    private static String username(JsonNode event) {
        JsonNode id = event.path("userIdentity");
        if (id.hasNonNull("userName")) {
            return id.path("userName").asText();
        }
        String arn = id.path("arn").asText("");
        if (arn.endsWith(":root")) {
            return "root";
        }
        int slash = arn.lastIndexOf('/');
        return slash < 0 ? null : arn.substring(slash + 1);
    }

    private static boolean matches(JsonNode event, String key, String value) {
        return switch (key) {
            case "EventName" -> value.equals(event.path("eventName").asText());
            case "Username" -> value.equals(username(event));
            case "AccessKeyId" -> value.equals(event.path("userIdentity").path("accessKeyId").asText());
            default -> contains(event.path("requestParameters"), value)
                    || contains(event.path("responseElements"), value);
        };
    }

    private static boolean contains(JsonNode node, String value) {
        if (node.isTextual()) {
            return node.asText().equals(value);
        }
        for (JsonNode child : node) {
            if (contains(child, value)) {
                return true;
            }
        }
        return false;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(AwsErrorCode.ValidationError, message);
    }
}
