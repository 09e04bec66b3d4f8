package io.keygate.mfa;

import java.time.Clock;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AuthFailureException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.User;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code EnableMFADevice}: assigns a virtual device to a user once the user proves possession with two consecutive
 * codes ({@code AuthenticationCode1}, {@code AuthenticationCode2}); at most 8 devices in use per user.
 */
public final class EnableMfaDevice extends MfaActions {

    static final int MAX_DEVICES_PER_USER = 8;

    private final TotpCheck totp;

    public EnableMfaDevice(MfaDeviceRepository devices, UserRepository users, TotpCheck totp, Authorizer authorizer,
                           Clock clock) {
        super(devices, users, authorizer, clock);
        this.totp = totp;
    }

    @Override
    public String name() {
        return "EnableMFADevice";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        TwoCodes request = twoCodes(params, caller);
        User user = request.user();
        String serial = request.serial();
        String code1 = request.code1();
        String code2 = request.code2();
        VirtualMfaDevice device = device(caller, serial);
        if (device.isAssigned()) {
            throw new EntityException(AwsErrorCode.EntityAlreadyExists, "MFA Device is already in use.");
        }
        long inUse = devices.list(caller.accountId()).stream().filter(d -> d.isAssignedTo(user)).count();
        if (inUse >= MAX_DEVICES_PER_USER) {
            throw new EntityException(AwsErrorCode.LimitExceeded,
                    "Cannot exceed quota for MFADevicesInUsePerUser: " + MAX_DEVICES_PER_USER);
        }
        if (totp.verifyConsecutive(device, code1, code2, false) == null) {
            throw new AuthFailureException(AwsErrorCode.InvalidAuthenticationCode,
                    "Authentication code for device is not valid.");
        }
        if (!devices.replace(device, device.enabledFor(user, clock.instant()))) {
            throw new EntityException(AwsErrorCode.ConcurrentModification,
                    "The MFA device was changed concurrently; try again.");
        }
        return ResultWriter.EMPTY;
    }
}
