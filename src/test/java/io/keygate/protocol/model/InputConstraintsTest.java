package io.keygate.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;

/**
 * The model's input constraints with AWS's exact ValidationError texts, one row per text (observed from AWS: STS
 * echoes the value, IAM no longer does; IAM has its own texts for names and paths; several violations aggregate).
 */
class InputConstraintsTest {

    private static final InputConstraints IAM = new InputConstraints(ServiceModel.load(ServiceModel.IAM), false);
    private static final InputConstraints STS = new InputConstraints(ServiceModel.load(ServiceModel.STS), true);

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of(STS, "AssumeRole", params("RoleArn", "arn:aws:iam::111122223333:role/r",
                        "RoleSessionName", "dependabot[bot]"),
                        "1 validation error detected: Value 'dependabot[bot]' at 'roleSessionName' failed to satisfy "
                                + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"),
                Arguments.of(STS, "AssumeRole", params("RoleArn", "arn:aws:iam::111122223333:role/r",
                        "RoleSessionName", "s".repeat(65)),
                        "1 validation error detected: Value '" + "s".repeat(65) + "' at 'roleSessionName' failed to "
                                + "satisfy constraint: Member must have length less than or equal to 64"),
                Arguments.of(STS, "AssumeRole", params("RoleArn", "arn:aws:iam::111122223333:role/r"),
                        "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: "
                                + "Member must not be null"),
                Arguments.of(STS, "AssumeRole", params("RoleArn", "short", "RoleSessionName", "a b",
                        "DurationSeconds", "60"),
                        "3 validation errors detected: Value 'short' at 'roleArn' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 20; Value 'a b' at "
                                + "'roleSessionName' failed to satisfy constraint: Member must satisfy regular "
                                + "expression pattern: [\\w+=,.@-]*; Value '60' at 'durationSeconds' failed to satisfy "
                                + "constraint: Member must have value greater than or equal to 900"),
                Arguments.of(STS, "AssumeRole", params("RoleArn", "arn:aws:iam::111122223333:role/r",
                        "RoleSessionName", "s", "Tags.member.1.Key", "bad*key", "Tags.member.1.Value", "v"),
                        "2 validation errors detected: Value 's' at 'roleSessionName' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 2; Value 'bad*key' at "
                                + "'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular "
                                + "expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"),
                Arguments.of(IAM, "CreateUser", params(),
                        "1 validation error detected: Value at 'userName' failed to satisfy constraint: "
                                + "Member must not be null"),
                Arguments.of(IAM, "CreateRole", params("RoleName", "r".repeat(65), "AssumeRolePolicyDocument", "{}"),
                        "1 validation error detected: Value at 'roleName' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 64"),
                Arguments.of(IAM, "CreateUser", params("UserName", "alice", "Path", "/" + "a".repeat(511) + "/"),
                        "1 validation error detected: Value at 'path' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 512"),
                Arguments.of(IAM, "CreateUser", params("UserName", "alice", "Tags.member.1.Key", "k".repeat(129),
                        "Tags.member.1.Value", "v".repeat(257)),
                        "2 validation errors detected: Value at 'tags.1.member.key' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 128; Value at 'tags.1.member.value' "
                                + "failed to satisfy constraint: Member must have length less than or equal to 256"),
                Arguments.of(IAM, "DeleteUser", params("UserName", "a".repeat(129)),
                        "1 validation error detected: Value at 'userName' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 128"),
                Arguments.of(IAM, "UpdateAccessKey", params("AccessKeyId", "AKIAIOSFODNN7EXAMPLE",
                        "Status", "Paused"),
                        "1 validation error detected: Value at 'status' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [Active, Inactive, Expired]"),
                Arguments.of(IAM, "CreateRole", params("RoleName", "r", "AssumeRolePolicyDocument", "{}",
                        "MaxSessionDuration", "60"),
                        "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: "
                                + "Member must have value greater than or equal to 3600"),
                Arguments.of(IAM, "CreateLoginProfile", params("UserName", "alice", "Password", ""),
                        "2 validation errors detected: Value at 'password' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+; "
                                + "Value at 'password' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1"),
                Arguments.of(IAM, "CreateUser", params("UserName", "bad/name"),
                        "The specified value for userName is invalid. It must contain only alphanumeric characters "
                                + "and/or the following: +=,.@_-"),
                Arguments.of(IAM, "UpdateUser", params("UserName", "alice", "NewUserName", "bad name"),
                        "The specified value for newUserName is invalid. It must contain only alphanumeric "
                                + "characters and/or the following: +=,.@_-"),
                Arguments.of(IAM, "CreateUser", params("UserName", "alice", "Path", "bad"),
                        "The specified value for path is invalid. It must begin and end with / and contain only "
                                + "alphanumeric characters and/or / characters."),
                Arguments.of(IAM, "UpdateUser", params("UserName", "alice", "NewPath", "invalid"),
                        "The specified value for newPath is invalid. It must begin and end with / and contain only "
                                + "alphanumeric characters and/or / characters."));
    }

    @ParameterizedTest
    @MethodSource("texts")
    void violationAnswersAwsText(InputConstraints constraints, String operation, Map<String, String> params,
                                 String expected) {
        assertThatThrownBy(() -> constraints.check(operation, params))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.code()).isEqualTo(AwsErrorCode.ValidationError);
                    assertThat(e.getMessage()).isEqualTo(expected);
                });
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(STS, "AssumeRole", params("RoleArn", "arn:aws:iam::111122223333:role/r",
                        "RoleSessionName", "alice@example.com", "DurationSeconds", "900", "Tags.member.1.Key", "team",
                        "Tags.member.1.Value", "", "PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/ReadOnlyAccess")),
                Arguments.of(STS, "GetCallerIdentity", params()),
                Arguments.of(IAM, "CreateUser", params("UserName", "alice+ops=1,x.y@z_-", "Path", "/a/b/")),
                Arguments.of(IAM, "ListUsers", params()),
                Arguments.of(IAM, "UpdateAccessKey", params("AccessKeyId", "AKIAIOSFODNN7EXAMPLE", "Status", "Inactive")));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void validInputPasses(InputConstraints constraints, String operation, Map<String, String> params) {
        constraints.check(operation, params);
        assertThat(constraints.violations(operation, params)).isEmpty();
    }

    private static Map<String, String> params(String... nameValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            out.put(nameValues[i], nameValues[i + 1]);
        }
        return out;
    }
}
