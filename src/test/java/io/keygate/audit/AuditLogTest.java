package io.keygate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's hash chain: intact after appends across restarts and day files, broken at the right line by a
 * changed, removed or inserted event; day files past the retention are deleted.
 */
class AuditLogTest {

    private static final Instant DAY1 = Instant.parse("2026-06-01T10:00:00Z");

    @TempDir
    Path dir;

    private static Map<String, Object> event(int i) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventName", "CreateUser");
        e.put("eventTime", DAY1.plusSeconds(i).toString());
        e.put("requestParameters", Map.of("userName", "u" + i));
        return e;
    }

    private void write(Instant at, int from, int to) {
        try (AuditLog log = new AuditLog(dir, "a", Clock.fixed(at, ZoneOffset.UTC), Duration.ofDays(90))) {
            for (int i = from; i < to; i++) {
                log.append(event(i), i % 2 == 0);
            }
        }
    }

    private List<Path> files() throws Exception {
        try (var list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    @Test
    void whenEventsAreAppendedAcrossRestartsAndDaysThenTheChainIsIntact() throws Exception {
        write(DAY1, 0, 5);
        write(DAY1, 5, 8);
        write(DAY1.plus(Duration.ofDays(1)), 8, 12);
        assertThat(files()).extracting(p -> p.getFileName().toString())
                .containsExactly("a-2026-06-01.jsonl", "a-2026-06-02.jsonl");
        AuditLog.Verification v = AuditLog.verify(dir, "a");
        assertThat(v.intact()).isTrue();
        assertThat(v.events()).isEqualTo(12);
        String first = Files.readAllLines(files().get(0)).get(0);
        assertThat(first).contains("\"chainPrevious\":\"" + "0".repeat(64) + "\"");
        try (AuditLog log = new AuditLog(dir, "a", Clock.fixed(DAY1, ZoneOffset.UTC), Duration.ofDays(90))) {
            assertThat(log.events().map(e -> e.path("requestParameters").path("userName").asText()))
                    .containsExactly("u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "u10", "u11");
        }
    }

    @Test
    void whenAnEventIsChangedThenVerifyNamesTheLineAfterIt() throws Exception {
        write(DAY1, 0, 6);
        Path file = files().get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).replace("\"u2\"", "\"mallory\""));
        Files.write(file, lines, StandardCharsets.UTF_8);
        AuditLog.Verification v = AuditLog.verify(dir, "a");
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBreak()).isEqualTo("a-2026-06-01.jsonl line 4: chainPrevious does not match the line "
                + "before it (changed, removed or inserted)");
        assertThat(v.events()).isEqualTo(3);
    }

    @Test
    void whenAnEventIsRemovedThenVerifyFails() throws Exception {
        write(DAY1, 0, 6);
        Path file = files().get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(3);
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThat(AuditLog.verify(dir, "a").firstBreak()).startsWith("a-2026-06-01.jsonl line 4:");
    }

    @Test
    void whenDayFilesPassTheRetentionThenTheyAreDeleted() throws Exception {
        write(DAY1, 0, 2);
        try (AuditLog log = new AuditLog(dir, "a", Clock.fixed(DAY1.plus(Duration.ofDays(10)), ZoneOffset.UTC),
                Duration.ofDays(7))) {
            log.append(event(3), true);
        }
        assertThat(files()).extracting(p -> p.getFileName().toString()).containsExactly("a-2026-06-11.jsonl");
        // the oldest file kept starts the check: what retention removed is not a break
        assertThat(AuditLog.verify(dir, "a").intact()).isTrue();
    }

    @Test
    void whenSecretsAreInParametersOrAnswersThenTheEventHidesThem() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "CreateLoginProfile");
        params.put("UserName", "alice");
        params.put("Password", "hunter2!Hunter2");
        params.put("SAMLAssertion", "PHNhbWw+");
        params.put("TokenCode", "123456");
        params.put("SignedRequest", "{\"Headers\":{\"X-Amz-Security-Token\":\"abc\"}}");
        params.put("SAMLMetadataDocument", "x".repeat(5000));
        Map<String, Object> response = Map.of("credentials", Map.of("accessKeyId", "ASIAEXAMPLE",
                "secretAccessKey", "s3cr3t", "sessionToken", "tok"), "subjectFromWebIdentityToken", "sub-1");
        Map<String, Object> e = AuditEvents.event(null, new AuditEvents.Call("iam.amazonaws.com", "CreateLoginProfile",
                "us-east-1", "r-1", params, response, null, null, DAY1));
        @SuppressWarnings("unchecked")
        Map<String, Object> req = (Map<String, Object>) e.get("requestParameters");
        assertThat(req).containsEntry("userName", "alice").containsEntry("password", AuditLog.HIDDEN)
                .containsEntry("sAMLAssertion", AuditLog.HIDDEN).containsEntry("tokenCode", AuditLog.HIDDEN)
                .containsEntry("signedRequest", AuditLog.HIDDEN).doesNotContainKeys("action", "version");
        assertThat((String) req.get("sAMLMetadataDocument")).hasSize(4096 + "…(5000 characters)".length());
        assertThat(e.get("responseElements").toString()).contains("accessKeyId=ASIAEXAMPLE")
                .contains("subjectFromWebIdentityToken=sub-1").doesNotContain("s3cr3t").doesNotContain("tok,")
                .doesNotContain("=tok");
        assertThat(e.get("readOnly")).isEqualTo(false);
        assertThat(e.get("userIdentity")).isEqualTo(Map.of("type", "Unknown"));
    }
}
