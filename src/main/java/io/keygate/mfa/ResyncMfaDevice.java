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
 * {@code ResyncMFADevice}: learns the drift of a device's clock from two consecutive codes found within ±10
 * minutes, so later single codes are checked around the device's time.
 */
public final class ResyncMfaDevice extends MfaActions {

    private final TotpCheck totp;

    public ResyncMfaDevice(MfaDeviceRepository devices, UserRepository users, TotpCheck totp, Authorizer authorizer,
                           Clock clock) {
        super(devices, users, authorizer, clock);
        this.totp = totp;
    }

    @Override
    public String name() {
        return "ResyncMFADevice";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        TwoCodes request = twoCodes(params, caller);
        User user = request.user();
        String serial = request.serial();
        String code1 = request.code1();
        String code2 = request.code2();
        VirtualMfaDevice device = device(caller, serial);
        if (!device.isAssignedTo(user)) {
            throw new EntityException(AwsErrorCode.NoSuchEntity,
                    "MFA Device with serial number " + serial + " is not enabled for user " + user.name() + ".");
        }
        Integer drift = totp.verifyConsecutive(device, code1, code2, true);
        if (drift == null) {
            throw new AuthFailureException(AwsErrorCode.InvalidAuthenticationCode,
                    "Authentication code for device is not valid.");
        }
        devices.replace(device, device.withDrift(drift));
        return ResultWriter.EMPTY;
    }
}
