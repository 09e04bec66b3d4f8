package io.keygate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.keygate.policy.match.Glob;

/**
 * The checks IAM makes on single elements of a policy document beyond its grammar, each answering AWS's
 * {@code MalformedPolicyDocument} text or {@code null} when the element is fine: the service prefix and colons of an
 * action, the partition, service, region and IAM path of a resource ARN, and the actions a trust policy may hold.
 * What AWS accepts passes: an action whose name holds spaces ({@code "iam: Get User"}), a resource ARN with fewer than
 * six parts once it names a service ({@code arn:aws:s3}, the rest matching anything). Stateless and thread-safe.
 */
final class ElementChecks {

    /** The partitions AWS has; {@code *} matches any of them. */
    static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e",
            "aws-iso-f", "aws-eusc");

    /** How an IAM resource may start, in the order of AWS's message. */
    static final List<String> IAM_PATHS = List.of("user/", "federated-user/", "role/", "group/", "instance-profile/",
            "mfa/", "server-certificate/", "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/",
            "access-report/");

    static final String IAM_PATH_MESSAGE = "IAM resource path must either be \"*\" or start with "
            + String.join(", ", IAM_PATHS) + ".";

    /** The actions a role trust policy may hold (IAM User Guide, "Role trust policy"). */
    static final List<String> TRUST_ACTIONS = List.of("sts:assumerole", "sts:assumerolewithsaml",
            "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext");

    private static final List<String> NOT_TRUST = List.of("sts:getcalleridentity", "sts:getsessiontoken",
            "sts:getfederationtoken", "sts:decodeauthorizationmessage", "sts:getaccesskeyinfo",
            "sts:getwebidentitytoken", "iam:assumerole", "x:x");

    static final String TRUST_ACTION_MESSAGE = "AssumeRole policy may only specify STS AssumeRole actions.";

    private ElementChecks() {
    }

    /** An {@code Action}/{@code NotAction} entry: {@code *}, or {@code vendor:name} with exactly one colon. */
    static String action(String action) {
        if (action.equals("*")) {
            return null;
        }
        int colon = action.indexOf(':');
        if (colon <= 0 || colon == action.length() - 1) {
            return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            return "Actions/Condition can contain only one colon.";
        }
        String vendor = action.substring(0, colon);
        for (int i = 0; i < vendor.length(); i++) {
            char c = vendor.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                    || c == '.' || c == '*' || c == '?';
            if (!ok) {
                return "Vendor " + vendor + " is not valid";
            }
        }
        return null;
    }

    /**
     * A {@code Resource}/{@code NotResource} entry that starts with {@code arn:} (the caller refuses the others):
     * a known partition, a service, no region for IAM and S3 buckets (S3 access points have one), and an IAM
     * resource that names a kind of IAM entity.
     */
    static String resource(String resource) {
        List<String> parts = split(resource);
        String partition = parts.get(1);
        if (!partition.equals("*") && !PARTITIONS.contains(partition)) {
            StringBuilder padded = new StringBuilder(resource);
            for (int i = parts.size(); i < 6; i++) {
                padded.append(":*");
            }
            return "Partition \"" + partition + "\" is not valid for resource \"" + padded + "\".";
        }
        if (parts.size() < 3) {
            return "Resource vendor must be fully qualified and cannot contain regexes.";
        }
        String service = parts.get(2);
        if (service.isEmpty()) {
            return "The policy failed legacy parsing";
        }
        String region = parts.size() > 3 ? parts.get(3) : "";
        String rest = parts.size() > 5 ? parts.get(5) : "*";
        if (service.equals("iam") && !region.isEmpty()) {
            return "IAM resource " + resource + " cannot contain region information.";
        }
        if (service.equals("s3") && !region.isEmpty() && !rest.startsWith("accesspoint/")) {
            return "Resource " + resource + " can not contain region information.";
        }
        if (service.equals("iam") && parts.size() > 5 && !iamPath(rest)) {
            return IAM_PATH_MESSAGE;
        }
        return null;
    }

    private static boolean iamPath(String rest) {
        if (rest.startsWith("*") || rest.startsWith("${")) {
            return true;
        }
        for (String p : IAM_PATHS) {
            if (rest.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a trust policy may hold {@code action}: a pattern that matches trust-policy actions only. */
    static boolean trustAction(String action) {
        String lower = action.toLowerCase(Locale.ROOT);
        if (TRUST_ACTIONS.contains(lower)) {
            return true;
        }
        if (lower.indexOf('*') < 0 && lower.indexOf('?') < 0) {
            return false;
        }
        // A wildcard is fine when it names trust actions only: "sts:AssumeRole*" is, "sts:*" and "*" are not. It is
        // probed with the other STS actions and with a trust action's name under another service.
        Glob glob = Glob.compile(lower);
        return TRUST_ACTIONS.stream().anyMatch(glob::matches) && NOT_TRUST.stream().noneMatch(glob::matches);
    }

    /** The colon-separated parts (at most six) of an ARN, ignoring colons inside {@code ${...}} variables. */
    static List<String> split(String arn) {
        List<String> parts = new ArrayList<>(6);
        int start = 0;
        int depth = 0;
        for (int i = 0; i < arn.length() && parts.size() < 5; i++) {
            char c = arn.charAt(i);
            if (c == '$' && i + 1 < arn.length() && arn.charAt(i + 1) == '{') {
                depth++;
            } else if (depth > 0 && c == '}') {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(arn.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(arn.substring(start));
        return parts;
    }
}
