package io.keygate.mfa;

import static io.keygate.support.Principals.unique;
import static io.keygate.support.Principals.user;
import static io.keygate.support.TestClients.iam;
import static io.keygate.support.TestClients.root;
import static io.keygate.support.TestClients.sts;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.keygate.credentials.Base32;
import io.keygate.credentials.Totp;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** Wrong MFA codes are throttled however many arrive at once, and codes spent by IAM calls cannot log in. */
@QuarkusTest
class MfaThrottleTest {

    private record Device(AwsBasicCredentials keys, String serial, byte[] seed) {
    }

    private static Device enabled(String name, Instant code2At) {
        AwsBasicCredentials keys = user(name, null);
        try (IamClient iam = iam(root())) {
            var device = iam.createVirtualMFADevice(b -> b.virtualMFADeviceName(name)).virtualMFADevice();
            byte[] seed = Base32.decode(device.base32StringSeed().asString(StandardCharsets.US_ASCII));
            iam.enableMFADevice(b -> b.userName(name).serialNumber(device.serialNumber())
                    .authenticationCode1(Totp.generate(seed, code2At.minusSeconds(30)))
                    .authenticationCode2(Totp.generate(seed, code2At)));
            return new Device(keys, device.serialNumber(), seed);
        }
    }

    /** The error message of GetSessionToken with {@code code}, or "OK". */
    private static String login(Device d, String code) {
        try (StsClient sts = sts(d.keys())) {
            sts.getSessionToken(b -> b.serialNumber(d.serial()).tokenCode(code));
            return "OK";
        } catch (StsException e) {
            return e.awsErrorDetails().errorMessage();
        }
    }

    /** A six-digit code that is none of the device's codes around now. */
    private static String wrongCode(Device d, int salt) {
        for (int i = salt; ; i++) {
            String candidate = String.format("%06d", (i * 7919) % 1_000_000);
            boolean valid = false;
            for (int step = -3; step <= 3; step++) {
                valid |= candidate.equals(Totp.generate(d.seed(), Instant.now().plusSeconds(30L * step)));
            }
            if (!valid) {
                return candidate;
            }
        }
    }

    @Test
    void whenFiftyWrongCodesArriveInParallelThenAtMostFiveAreChecked() throws Exception {
        Device d = enabled(unique("guessed"), Instant.now());
        int guesses = 50;
        CyclicBarrier start = new CyclicBarrier(guesses);
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < guesses; i++) {
                String code = wrongCode(d, i * 1000);
                answers.add(pool.submit(() -> {
                    start.await();
                    return login(d, code);
                }));
            }
            int checked = 0;
            int throttled = 0;
            for (Future<String> a : answers) {
                String message = a.get();
                checked += message.contains("invalid MFA one time pass code") ? 1 : 0;
                throttled += message.contains("too many invalid codes") ? 1 : 0;
            }
            assertThat(checked).isLessThanOrEqualTo(TotpCheck.MAX_FAILURES);
            assertThat(checked + throttled).isEqualTo(guesses);
        } finally {
            pool.shutdownNow();
        }
        // The right code is refused too until the window passes.
        assertThat(login(d, Totp.generate(d.seed(), Instant.now().plusSeconds(30)))).contains("too many invalid codes");
    }

    @Test
    void whenCodesEnabledTheDeviceThenTheyCannotLogIn() {
        // Enabled with the codes of the next two steps, so both are still accepted by a login for a while.
        Instant ahead = Instant.now().plusSeconds(30);
        Device d = enabled(unique("enabled"), ahead);
        assertThat(login(d, Totp.generate(d.seed(), ahead))).contains("invalid MFA one time pass code");
        assertThat(login(d, Totp.generate(d.seed(), ahead.minusSeconds(30)))).contains("invalid MFA one time pass code");
    }

    @Test
    void whenCodesResyncedTheDeviceThenTheyCannotLogIn() {
        String name = unique("resynced");
        Device d = enabled(name, Instant.now());
        Instant ahead = Instant.now().plusSeconds(90);
        String code1 = Totp.generate(d.seed(), ahead.minusSeconds(30));
        String code2 = Totp.generate(d.seed(), ahead);
        try (IamClient iam = iam(root())) {
            iam.resyncMFADevice(b -> b.userName(name).serialNumber(d.serial()).authenticationCode1(code1)
                    .authenticationCode2(code2));
        }
        assertThat(login(d, code2)).contains("invalid MFA one time pass code");
    }
}
