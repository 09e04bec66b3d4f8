package io.keygate.iam;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import software.amazon.awssdk.services.iam.model.IamException;

/** Helpers for the IAM SDK tests: unique names (the tests share one app and store) and AWS error assertions. */
final class IamTestSupport {

    private IamTestSupport() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void assertAwsError(ThrowingCallable call, int status, String code, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
            if (messagePart != null) {
                assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
            }
        });
    }
}
