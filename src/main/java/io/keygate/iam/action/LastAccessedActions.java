package io.keygate.iam.action;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.iam.Role;
import io.keygate.iam.User;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Access advisor from what Keygate sees: {@code GenerateServiceLastAccessedDetails} (a user or role),
 * {@code GetServiceLastAccessedDetails}, {@code GetServiceLastAccessedDetailsWithEntities}. The services listed are
 * those the entity's identity policies name in their actions plus those it was seen using; "last authenticated" is
 * the latest successful call the audit trail holds for the entity (its own calls, the calls of its sessions) to
 * Keygate's STS and IAM, and the latest {@code Allow} the decision API gave it for the service's actions. The report
 * is made at once (the job is {@code COMPLETED} when first read) and kept seven days; it covers this node's trail.
 */
public final class LastAccessedActions extends IamSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final Duration KEPT = Duration.ofDays(7);
    private static final Map<String, String> NAMES = Map.of(
            "iam", "AWS Identity and Access Management",
            "sts", "AWS Security Token Service",
            "s3", "Amazon S3",
            "keygate", "Keygate",
            "cognito-identity", "Amazon Cognito Identity");

    private final Supplier<Stream<JsonNode>> events;
    private final ExpiringEntries jobs;

    /** @param events the audit trail's events, oldest first */
    public LastAccessedActions(IamContext iam, Supplier<Stream<JsonNode>> events, ExpiringEntries jobs) {
        super(iam);
        this.events = events;
        this.jobs = jobs;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("GenerateServiceLastAccessedDetails", this::generate),
                new IamAction("GetServiceLastAccessedDetails", this::get),
                new IamAction("GetServiceLastAccessedDetailsWithEntities", this::withEntities));
    }

    /** The entity a report is about. */
    private record Entity(String arn, String name, String type, String id, String path, List<String> documents) {
    }

    ResultWriter generate(QueryParams p, Caller caller) {
        String arn = p.string("Arn", true, 20, 2048, null);
        String granularity = p.string("Granularity", false, 1, 32, null);
        if (granularity != null && !granularity.equals("SERVICE_LEVEL") && !granularity.equals("ACTION_LEVEL")) {
            throw QueryParams.constraint("Granularity", granularity,
                    "Member must satisfy enum value set: [SERVICE_LEVEL, ACTION_LEVEL]");
        }
        authorize(caller, "GenerateServiceLastAccessedDetails", arn);
        Entity entity = entity(caller, arn);
        Instant now = iam.clock().instant();
        // service namespace -> [last time, region, entity arn]; and how many entities used it (one here)
        Map<String, String[]> last = new TreeMap<>();
        events.get().filter(e -> !e.hasNonNull("errorCode") && belongs(e, entity)).forEach(e -> {
            String service = service(e);
            if (service != null) {
                String time = e.path("eventTime").asText();
                String[] seen = last.get(service);
                if (seen == null || seen[0].compareTo(time) < 0) {
                    last.put(service, new String[] {time, e.path("awsRegion").asText(), entity.arn()});
                }
            }
        });
        TreeSet<String> services = new TreeSet<>(last.keySet());
        for (String document : entity.documents()) {
            services.addAll(namespaces(document));
        }
        ObjectNode job = JSON.createObjectNode();
        job.put("created", now.toString());
        job.put("granularity", granularity == null ? "SERVICE_LEVEL" : granularity);
        job.put("account", caller.accountId());
        ObjectNode info = job.putObject("entity");
        info.put("arn", entity.arn()).put("name", entity.name()).put("type", entity.type()).put("id", entity.id())
                .put("path", entity.path());
        ArrayNode list = job.putArray("services");
        for (String service : services) {
            ObjectNode s = list.addObject().put("namespace", service);
            String[] seen = last.get(service);
            if (seen != null) {
                s.put("last", seen[0]).put("region", seen[1]).put("entity", seen[2]);
            }
        }
        String jobId = UUID.randomUUID().toString();
        jobs.putIfAbsent(key(caller, jobId), job.toString(), KEPT);
        return xml -> xml.element("JobId", jobId);
    }

    ResultWriter get(QueryParams p, Caller caller) {
        String jobId = p.string("JobId", true, 36, 36, JOB_ID);
        authorize(caller, "GetServiceLastAccessedDetails", "*");
        JsonNode job = job(caller, jobId);
        return xml -> {
            xml.element("JobStatus", "COMPLETED").element("JobType", job.path("granularity").asText())
                    .element("JobCreationDate", job.path("created").asText());
            xml.start("ServicesLastAccessed");
            for (JsonNode s : job.path("services")) {
                String ns = s.path("namespace").asText();
                xml.start("member").element("ServiceName", NAMES.getOrDefault(ns, ns)).element("ServiceNamespace", ns);
                if (s.hasNonNull("last")) {
                    xml.element("LastAuthenticated", s.path("last").asText())
                            .element("LastAuthenticatedEntity", s.path("entity").asText())
                            .element("LastAuthenticatedRegion", s.path("region").asText())
                            .element("TotalAuthenticatedEntities", 1);
                } else {
                    xml.element("TotalAuthenticatedEntities", 0);
                }
                xml.end();
            }
            xml.end();
            xml.element("JobCompletionDate", job.path("created").asText()).element("IsTruncated", false);
        };
    }

    ResultWriter withEntities(QueryParams p, Caller caller) {
        String jobId = p.string("JobId", true, 36, 36, JOB_ID);
        String namespace = p.string("ServiceNamespace", true, 1, 64, Pattern.compile("[\\w-]*"));
        authorize(caller, "GetServiceLastAccessedDetailsWithEntities", "*");
        JsonNode job = job(caller, jobId);
        Optional<JsonNode> service = java.util.stream.StreamSupport.stream(job.path("services").spliterator(), false)
                .filter(s -> s.path("namespace").asText().equals(namespace.toLowerCase(Locale.ROOT))).findFirst();
        JsonNode entity = job.path("entity");
        return xml -> {
            xml.element("JobStatus", "COMPLETED").element("JobCreationDate", job.path("created").asText())
                    .element("JobCompletionDate", job.path("created").asText());
            xml.start("EntityDetailsList");
            if (service.isPresent() && service.get().hasNonNull("last")) {
                xml.start("member").start("EntityInfo").element("Arn", entity.path("arn").asText())
                        .element("Name", entity.path("name").asText()).element("Type", entity.path("type").asText())
                        .element("Id", entity.path("id").asText()).element("Path", entity.path("path").asText())
                        .end().element("LastAuthenticated", service.get().path("last").asText()).end();
            }
            xml.end();
            xml.element("IsTruncated", false);
        };
    }

    private JsonNode job(Caller caller, String jobId) {
        String stored = jobs.get(key(caller, jobId)).orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                "The job with ID " + jobId + " cannot be found."));
        try {
            return JSON.readTree(stored);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable access report", e);
        }
    }

    private static String key(Caller caller, String jobId) {
        return "access-report/" + caller.accountId() + "/" + jobId;
    }

    /** The user or role {@code arn} names, in the caller's account, with its identity policy documents. */
    private Entity entity(Caller caller, String arn) {
        String prefix = arnPrefix(caller);
        if (!arn.startsWith(prefix)) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "ARN " + arn + " is not a user or role of this account.");
        }
        String rest = arn.substring(prefix.length());
        String name = rest.substring(rest.lastIndexOf('/') + 1);
        if (rest.startsWith("user/")) {
            User user = iam.users().find(caller.accountId(), name).orElseThrow(() -> new EntityException(
                    AwsErrorCode.NoSuchEntity, "The user with name " + name + " cannot be found."));
            return new Entity(user.arn(iam.partition()), user.name(), "USER", user.userId(), user.path(),
                    documents(caller, user.inlinePolicies(), user.attachedPolicies()));
        }
        if (rest.startsWith("role/")) {
            Role role = iam.roles().find(caller.accountId(), name).orElseThrow(() -> new EntityException(
                    AwsErrorCode.NoSuchEntity, "The role with name " + name + " cannot be found."));
            return new Entity(role.arn(iam.partition()), role.name(), "ROLE", role.roleId(), role.path(),
                    documents(caller, role.inlinePolicies(), role.attachedPolicies()));
        }
        throw new InvalidInputException(AwsErrorCode.InvalidInput,
                "Keygate reports last access for users and roles; " + arn + " is neither.");
    }

    private List<String> documents(Caller caller, Map<String, String> inline, List<String> attached) {
        List<String> out = new ArrayList<>(inline.values());
        for (String policy : attached) {
            managedPolicy(caller, policy).ifPresent(m -> out.add(m.defaultVersion().document()));
        }
        return out;
    }

    /** Whether the audit event is a call by the entity or by one of its sessions. */
    private static boolean belongs(JsonNode event, Entity entity) {
        JsonNode id = event.path("userIdentity");
        if (entity.arn().equals(id.path("arn").asText())
                || entity.arn().equals(id.path("sessionContext").path("sessionIssuer").path("arn").asText())) {
            return !event.path("eventName").asText().equals("Authorize");
        }
        if (event.path("eventName").asText().equals("Authorize")) {
            // the decision API: the principal it decided for, an Allow only
            JsonNode answer = event.path("responseElements");
            if (!answer.path("Decision").asText().equals("Allow")) {
                return false;
            }
            String principal = answer.path("Principal").path("Arn").asText();
            if (entity.type().equals("USER")) {
                return principal.equals(entity.arn());
            }
            int at = principal.indexOf(":assumed-role/");
            return at > 0 && principal.substring(at + ":assumed-role/".length()).toLowerCase(Locale.ROOT)
                    .startsWith(entity.name().toLowerCase(Locale.ROOT) + "/");
        }
        return false;
    }

    /** The service namespace an audit event counts for. */
    private static String service(JsonNode event) {
        if (event.path("eventName").asText().equals("Authorize")) {
            String action = event.path("requestParameters").path("action").asText();
            int colon = action.indexOf(':');
            return colon > 0 ? action.substring(0, colon).toLowerCase(Locale.ROOT) : null;
        }
        String source = event.path("eventSource").asText();
        int dot = source.indexOf('.');
        return dot > 0 ? source.substring(0, dot) : null;
    }

    /** The service namespaces a policy document's Action elements name (not NotAction, not wildcards alone). */
    static List<String> namespaces(String document) {
        TreeSet<String> out = new TreeSet<>();
        try {
            JsonNode statements = JSON.readTree(document).path("Statement");
            List<JsonNode> all = new ArrayList<>();
            if (statements.isArray()) {
                statements.forEach(all::add);
            } else {
                all.add(statements);
            }
            for (JsonNode s : all) {
                if (!s.path("Effect").asText().equals("Allow")) {
                    continue;
                }
                JsonNode actions = s.path("Action");
                List<JsonNode> names = new ArrayList<>();
                if (actions.isArray()) {
                    actions.forEach(names::add);
                } else {
                    names.add(actions);
                }
                for (JsonNode a : names) {
                    String text = a.asText();
                    int colon = text.indexOf(':');
                    if (colon > 0 && !text.substring(0, colon).contains("*")) {
                        out.add(text.substring(0, colon).toLowerCase(Locale.ROOT).strip());
                    }
                }
            }
        } catch (java.io.IOException e) {
            // a stored document Keygate accepted is JSON; nothing to add otherwise
        }
        return List.copyOf(out);
    }
}
