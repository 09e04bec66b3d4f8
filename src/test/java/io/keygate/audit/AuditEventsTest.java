package io.keygate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Redaction and naming of request parameters and answer elements, the same on every call of a name. */
class AuditEventsTest {

    @Test
    void redactWhenSecretNamesRepeatThenHiddenEveryTimeAndNamesLowered() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "AssumeRoleWithWebIdentity");
        params.put("RoleArn", "arn:aws:iam::123456789012:role/r");
        params.put("WebIdentityToken", "eyJ.secret.token");
        params.put("SerialNumber", "arn:aws:iam::123456789012:mfa/u");
        params.put("TokenCode", "123456");
        for (int round = 0; round < 3; round++) {
            Map<String, Object> out = AuditEvents.redact(params, true);
            assertThat(out).containsOnlyKeys("roleArn", "webIdentityToken", "serialNumber", "tokenCode");
            assertThat(out.get("roleArn")).isEqualTo("arn:aws:iam::123456789012:role/r");
            assertThat(out.get("webIdentityToken")).isEqualTo(AuditLog.HIDDEN);
            assertThat(out.get("tokenCode")).isEqualTo(AuditLog.HIDDEN);
            assertThat(out.get("serialNumber")).isEqualTo("arn:aws:iam::123456789012:mfa/u");
        }
    }

    @Test
    void redactTreeWhenCredentialsAnsweredThenSecretAndTokenHiddenAndSubjectKept() {
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("accessKeyId", "ASIAEXAMPLE");
        credentials.put("secretAccessKey", "wJalr");
        credentials.put("sessionToken", "IQo");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("credentials", credentials);
        result.put("subjectFromWebIdentityToken", "user-1");
        result.put("assumedRoleUser", Map.of("arn", "arn:aws:sts::123456789012:assumed-role/r/s"));
        for (int round = 0; round < 2; round++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) AuditEvents.redactTree(result);
            @SuppressWarnings("unchecked")
            Map<String, Object> creds = (Map<String, Object>) out.get("credentials");
            assertThat(creds.get("accessKeyId")).isEqualTo("ASIAEXAMPLE");
            assertThat(creds.get("secretAccessKey")).isEqualTo(AuditLog.HIDDEN);
            assertThat(creds.get("sessionToken")).isEqualTo(AuditLog.HIDDEN);
            assertThat(out.get("subjectFromWebIdentityToken")).isEqualTo("user-1");
        }
    }

    @Test
    void secretWhenManyDistinctNamesThenEachVerdictAsThePattern() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(AuditEvents.secret("Param" + i)).as("Param" + i).isFalse();
            assertThat(AuditEvents.secret("Password" + i)).as("Password" + i).isTrue();
            assertThat(AuditEvents.lowerFirst("Param" + i)).isEqualTo("param" + i);
        }
        assertThat(AuditEvents.secret("SubjectFromWebIdentityToken")).isFalse();
        assertThat(AuditEvents.secret("MfaSession")).isTrue();
        assertThat(AuditEvents.secret("SessionName")).isFalse();
        assertThat(AuditEvents.secret("SAMLAssertion")).isTrue();
        assertThat(AuditEvents.lowerFirst("")).isEmpty();
        assertThat(AuditEvents.redact(Map.of("Policies", List.of(Map.of("Token", "x"))), true))
                .isEqualTo(Map.of("policies", List.of(Map.of("Token", AuditLog.HIDDEN))));
    }
}
