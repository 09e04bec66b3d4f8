package io.keygate.iam;

import static io.keygate.iam.IamTestSupport.assertAwsError;
import static io.keygate.iam.IamTestSupport.unique;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Without an account password policy, AWS's default applies (since 2020): at least 8 characters and three of the four
 * character classes, on CreateLoginProfile, UpdateLoginProfile and ChangePassword.
 */
@QuarkusTest
class DefaultPasswordPolicySdkTest {

    static final String THREE_OF_FOUR = "Password does not conform to the account password policy: Password should "
            + "contain at least three of the following character types: uppercase letters, lowercase letters, "
            + "numbers and symbols (!@#$%^&*()_+-=[]{}|').";

    @Test
    void whenAccountHasNoPasswordPolicyThenTheDefaultPolicyApplies() {
        try (IamClient iam = iam(root())) {
            assertAwsError(iam::getAccountPasswordPolicy, 404, "NoSuchEntity", null);
            String user = unique("dpw");
            iam.createUser(b -> b.userName(user));

            assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("Ab1!xyz")), 400,
                    "PasswordPolicyViolation", "Password does not conform to the account password policy: "
                            + "Password should have at least 8 characters.");
            // 8 characters but only two classes: lower case and numbers.
            assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("abcdefg1")), 400,
                    "PasswordPolicyViolation", THREE_OF_FOUR);
            assertAwsError(() -> iam.createLoginProfile(b -> b.userName(user).password("ABCDEFGHIJ")), 400,
                    "PasswordPolicyViolation", THREE_OF_FOUR);
            // Three classes without symbols, and three without numbers: both fine.
            iam.createLoginProfile(b -> b.userName(user).password("Abcdefg1"));
            assertAwsError(() -> iam.updateLoginProfile(b -> b.userName(user).password("abcdefgh!")), 400,
                    "PasswordPolicyViolation", THREE_OF_FOUR);
            iam.updateLoginProfile(b -> b.userName(user).password("abcdefgh!X"));

            iam.attachUserPolicy(b -> b.userName(user).policyArn("arn:aws:iam::aws:policy/IAMUserChangePassword"));
            var key = iam.createAccessKey(b -> b.userName(user)).accessKey();
            try (IamClient self = iam(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))) {
                assertAwsError(() -> self.changePassword(b -> b.oldPassword("abcdefgh!X").newPassword("12345678")),
                        400, "PasswordPolicyViolation", THREE_OF_FOUR);
                self.changePassword(b -> b.oldPassword("abcdefgh!X").newPassword("1234abc!"));
            }
            assertThat(iam.getLoginProfile(b -> b.userName(user)).loginProfile().userName()).isEqualTo(user);
        }
    }

    @Test
    void whenAccountHasAPolicyThenItReplacesTheDefault() {
        try (IamClient iam = iam(root())) {
            String user = unique("dpw");
            iam.createUser(b -> b.userName(user));
            iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(6));
            try {
                iam.createLoginProfile(b -> b.userName(user).password("simple"));
            } finally {
                iam.deleteAccountPasswordPolicy();
            }
            assertAwsError(() -> iam.updateLoginProfile(b -> b.userName(user).password("simpler")), 400,
                    "PasswordPolicyViolation", "at least 8 characters");
        }
    }
}
