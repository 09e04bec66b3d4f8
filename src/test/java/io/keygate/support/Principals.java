package io.keygate.support;

import java.util.UUID;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/** Test fixtures: users with keys and roles with trust and permission policies, created through the IAM API. */
public final class Principals {

    public static final String ACCOUNT = TestClients.ACCOUNT;

    private Principals() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A policy document with one statement. */
    public static String allow(String action, String resource) {
        return statement("Allow", action, resource, null);
    }

    public static String statement(String effect, String action, String resource, String conditionJson) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"" + (conditionJson == null ? "" : ",\"Condition\":" + conditionJson)
                + "}]}";
    }

    /** A trust policy letting {@code principalArn} call {@code actions} (a JSON array or a string). */
    public static String trust(String principalArn, String actionsJson, String conditionJson) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + principalArn + "\"},\"Action\":" + actionsJson
                + (conditionJson == null ? "" : ",\"Condition\":" + conditionJson) + "}]}";
    }

    public static String userArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":user/" + name;
    }

    public static String roleArn(String name) {
        return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
    }

    /** A user with one inline policy (or none) and an access key. */
    public static AwsBasicCredentials user(String name, String inlinePolicy) {
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            iam.createUser(b -> b.userName(name));
            if (inlinePolicy != null) {
                iam.putUserPolicy(b -> b.userName(name).policyName("inline").policyDocument(inlinePolicy));
            }
            var key = iam.createAccessKey(b -> b.userName(name)).accessKey();
            return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
    }

    /** A role with a trust policy and one inline permission policy (or none). */
    public static String role(String name, String trustPolicy, String inlinePolicy) {
        try (IamClient iam = TestClients.iam(TestClients.root())) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument(trustPolicy).maxSessionDuration(43_200));
            if (inlinePolicy != null) {
                iam.putRolePolicy(b -> b.roleName(name).policyName("inline").policyDocument(inlinePolicy));
            }
            return roleArn(name);
        }
    }
}
