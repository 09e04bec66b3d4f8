package io.keygate.iam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies Keygate predefines ({@code arn:<partition>:iam::aws:policy/<name>}), with their AWS
 * documents (ReadOnlyAccess reduced to the services Keygate serves plus the common read verbs). They cannot be
 * changed or deleted; anyone may attach them.
 */
public final class AwsManagedPolicies {

    private static final Instant CREATED = Instant.parse("2015-02-06T18:39:46Z");

    private static final Map<String, ManagedPolicy> BY_NAME = new LinkedHashMap<>();

    static {
        define("AdministratorAccess", "Provides full access to AWS services and resources.", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        define("PowerUserAccess", "Provides full access to AWS services and resources, but does not allow "
                + "management of Users and groups.", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*",\
                "account:*"],"Resource":"*"},{"Effect":"Allow","Action":["iam:CreateServiceLinkedRole",\
                "iam:DeleteServiceLinkedRole","iam:ListRoles","organizations:DescribeOrganization",\
                "account:ListRegions","account:GetAccountInformation"],"Resource":"*"}]}""");
        define("ReadOnlyAccess", "Provides read-only access to AWS services and resources.", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Generate*","iam:Get*",\
                "iam:List*","iam:Simulate*","sts:GetAccessKeyInfo","sts:GetCallerIdentity",\
                "sts:GetSessionToken","s3:Get*","s3:List*","ec2:Describe*","ec2:Get*","cloudtrail:Describe*",\
                "cloudtrail:Get*","cloudtrail:List*","cloudtrail:LookupEvents","cognito-identity:Describe*",\
                "cognito-identity:Get*","cognito-identity:List*","kms:Describe*","kms:Get*","kms:List*",\
                "logs:Describe*","logs:Get*","logs:List*"],"Resource":"*"}]}""");
        define("IAMFullAccess", "Provides full access to IAM via the AWS Management Console.", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:*",\
                "organizations:DescribeAccount","organizations:DescribeOrganization",\
                "organizations:DescribeOrganizationalUnit","organizations:DescribePolicy",\
                "organizations:ListChildren","organizations:ListParents","organizations:ListPoliciesForTarget",\
                "organizations:ListRoots","organizations:ListPolicies","organizations:ListTargetsForPolicy"],\
                "Resource":"*"}]}""");
        define("IAMReadOnlyAccess", "Provides read only access to IAM via the AWS Management Console.", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GenerateCredentialReport",\
                "iam:GenerateServiceLastAccessedDetails","iam:Get*","iam:List*","iam:SimulateCustomPolicy",\
                "iam:SimulatePrincipalPolicy"],"Resource":"*"}]}""");
        define("IAMUserChangePassword", "Provides the ability for an IAM user to change their own password.", """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:ChangePassword"],\
                "Resource":["arn:aws:iam::*:user/${aws:username}"]},{"Effect":"Allow",\
                "Action":["iam:GetAccountPasswordPolicy"],"Resource":"*"}]}""");
    }

    private AwsManagedPolicies() {
    }

    private static void define(String name, String description, String document) {
        PolicyVersion v1 = new PolicyVersion("v1", document.strip(), CREATED);
        BY_NAME.put(name.toLowerCase(Locale.ROOT), new ManagedPolicy(ManagedPolicy.AWS, policyId(name), name, "/",
                description, CREATED, CREATED, List.of(v1), "v1", 2, Map.of()));
    }

    /** A stable {@code ANPA…} id derived from the name, the same on every node and every start. */
    private static String policyId(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            StringBuilder id = new StringBuilder("ANPA");
            for (int i = 0; i < 17; i++) {
                id.append(alphabet.charAt((d[i] & 0xff) % 32));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AWS managed policy with that name (case-insensitive). */
    public static Optional<ManagedPolicy> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** All of them, sorted by name. */
    public static List<ManagedPolicy> all() {
        return BY_NAME.values().stream()
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                .toList();
    }
}
