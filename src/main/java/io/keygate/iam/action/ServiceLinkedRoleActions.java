package io.keygate.iam.action;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.credentials.UniqueIdType;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.DeletionTask;
import io.keygate.iam.Role;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole, GetServiceLinkedRoleDeletionStatus. A
 * service-linked role is named {@code AWSServiceRoleFor<Service>} (with {@code _<CustomSuffix>} when given), lives
 * under {@code /aws-service-role/<service>/}, trusts only the service principal, and is protected: the ordinary role
 * actions refuse to delete it or change its trust policy ({@link #protect}).
 */
public final class ServiceLinkedRoleActions extends IamSupport {

    /** The path prefix of every service-linked role. */
    public static final String PATH_PREFIX = "/aws-service-role/";
    static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9.-]*\\.amazonaws\\.com(\\.cn)?");
    static final Pattern TASK_ID = Pattern.compile("task/aws-service-role/[^/]+/[\\w+=,.@-]+/[0-9a-f-]{36}");

    /** Service prefixes whose role names AWS spells with capitals a simple split does not give. */
    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("autoscaling", "AutoScaling"), Map.entry("elasticloadbalancing", "ElasticLoadBalancing"),
            Map.entry("elasticbeanstalk", "ElasticBeanstalk"), Map.entry("ecs", "ECS"), Map.entry("eks", "AmazonEKS"),
            Map.entry("rds", "RDS"), Map.entry("es", "AmazonElasticsearchService"), Map.entry("ssm", "AmazonSSM"),
            Map.entry("config", "Config"), Map.entry("organizations", "Organizations"),
            Map.entry("cloudtrail", "CloudTrail"), Map.entry("guardduty", "AmazonGuardDuty"),
            Map.entry("spot", "EC2Spot"), Map.entry("dynamodb.application-autoscaling", "ApplicationAutoScaling_DynamoDBTable"),
            Map.entry("support", "Support"), Map.entry("trustedadvisor", "TrustedAdvisor"),
            Map.entry("lambda", "Lambda"), Map.entry("elasticache", "ElastiCache"), Map.entry("redshift", "Redshift"));

    private final AccountStores stores;

    public ServiceLinkedRoleActions(IamContext iam, AccountStores stores) {
        super(iam);
        this.stores = stores;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateServiceLinkedRole", this::create),
                new IamAction("DeleteServiceLinkedRole", this::delete),
                new IamAction("GetServiceLinkedRoleDeletionStatus", this::status));
    }

    /** Whether {@code role} is service-linked (its path is under {@value #PATH_PREFIX}). */
    public static boolean isServiceLinked(Role role) {
        return role.path().startsWith(PATH_PREFIX);
    }

    /** Refuses an ordinary change to a service-linked role, in AWS's words. */
    public static void protect(Role role) {
        if (isServiceLinked(role)) {
            throw new InvalidInputException(AwsErrorCode.UnmodifiableEntity, "Cannot perform the operation on the "
                    + "protected role '" + role.name() + "' - this role is only modifiable by AWS");
        }
    }

    /** {@code AWSServiceRoleFor<Service>}: the service prefix, each part capitalised, or AWS's spelling. */
    static String serviceRoleName(String service) {
        String prefix = service.substring(0, service.indexOf(".amazonaws.com"));
        String known = NAMES.get(prefix);
        if (known != null) {
            return "AWSServiceRoleFor" + known;
        }
        StringBuilder name = new StringBuilder("AWSServiceRoleFor");
        for (String part : prefix.split("[.-]")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    static String trustPolicy(String service) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\""
                + service + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
    }

    ResultWriter create(QueryParams p, Caller caller) {
        String service = p.string("AWSServiceName", true, 1, 128, USER_NAME);
        String description = p.string("Description", false, 0, 1000, DESCRIPTION);
        String suffix = p.string("CustomSuffix", false, 1, 64, USER_NAME);
        if (!SERVICE.matcher(service).matches()) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "Invalid service name: " + echo(service) + ". Specify the service principal, such as "
                            + "elasticbeanstalk.amazonaws.com.");
        }
        String name = serviceRoleName(service) + (suffix == null ? "" : "_" + suffix);
        if (name.length() > 64) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "The role name " + name + " is longer than 64 characters; use a shorter CustomSuffix.");
        }
        String path = PATH_PREFIX + service + "/";
        Role role = new Role(caller.accountId(), iam.ids().uniqueId(UniqueIdType.ROLE), name, path,
                iam.clock().instant(), trustPolicy(service), description, 3600, Map.of(), null, null, null, null,
                null);
        authorize(caller, "CreateServiceLinkedRole", role.arn(iam.partition()),
                Map.of("iam:AWSServiceName", List.of(service)));
        if (iam.roles().list(caller.accountId()).size() >= iam.quotas().roles()) {
            throw limit("Cannot exceed quota for RolesPerAccount: " + iam.quotas().roles());
        }
        if (!iam.roles().create(role)) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput, "Service role name " + name
                    + " has been taken in this account, please try a different suffix.");
        }
        return xml -> writeRole(xml, "Role", role, RoleView.CREATED);
    }

    ResultWriter delete(QueryParams p, Caller caller) {
        String name = roleName(p, "RoleName");
        Role role = role(caller, "DeleteServiceLinkedRole", name);
        if (!isServiceLinked(role)) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "Role " + role.name() + " is not a service-linked role.");
        }
        String service = role.path().substring(PATH_PREFIX.length(), role.path().length() - 1);
        String taskId = "task" + role.path() + role.name() + "/" + UUID.randomUUID();
        List<String> profiles = iam.instanceProfiles().list(caller.accountId()).stream()
                .filter(ip -> ip.roleNames().stream().anyMatch(r -> r.equalsIgnoreCase(role.name())))
                .map(ip -> ip.name()).toList();
        DeletionTask task;
        if (!profiles.isEmpty()) {
            task = new DeletionTask(caller.accountId(), taskId, "FAILED", "The role is in use by instance profile(s) "
                    + String.join(", ", profiles) + " of " + service + ".", iam.clock().instant());
        } else {
            iam.roles().delete(caller.accountId(), name, r -> { });
            task = new DeletionTask(caller.accountId(), taskId, "SUCCEEDED", null, iam.clock().instant());
        }
        stores.deletionTasks().create(task);
        return xml -> xml.element("DeletionTaskId", taskId);
    }

    ResultWriter status(QueryParams p, Caller caller) {
        String taskId = p.string("DeletionTaskId", true, 1, 1000, null);
        if (!TASK_ID.matcher(taskId).matches()) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput,
                    "Invalid deletion task id: " + echo(taskId) + ".");
        }
        String roleName = taskId.split("/")[3];
        authorize(caller, "GetServiceLinkedRoleDeletionStatus", arnPrefix(caller) + "role/"
                + taskId.substring("task/".length(), taskId.lastIndexOf('/')));
        DeletionTask task = stores.deletionTasks().find(caller.accountId(), taskId)
                .orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                        "Deletion task " + echo(taskId) + " for role " + roleName + " cannot be found."));
        return xml -> {
            xml.element("Status", task.status());
            if (task.reason() != null) {
                xml.start("Reason").element("Reason", task.reason()).end();
            }
        };
    }
}
