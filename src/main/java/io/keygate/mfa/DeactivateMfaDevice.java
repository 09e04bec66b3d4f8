package io.keygate.mfa;

import java.time.Clock;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.User;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/** {@code DeactivateMFADevice}: unassigns a device from its user; the device stays and can be enabled again. */
public final class DeactivateMfaDevice extends MfaActions {

    public DeactivateMfaDevice(MfaDeviceRepository devices, UserRepository users, Authorizer authorizer, Clock clock) {
        super(devices, users, authorizer, clock);
    }

    @Override
    public String name() {
        return "DeactivateMFADevice";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        User user = user(params, caller, false);
        String serial = serial(params);
        authorizer.authorize(caller, "iam:DeactivateMFADevice", user.arn(caller.partition()));
        VirtualMfaDevice device = device(caller, serial);
        if (!device.isAssignedTo(user)) {
            throw new EntityException(AwsErrorCode.NoSuchEntity,
                    "MFA Device with serial number " + serial + " is not enabled for user " + user.name() + ".");
        }
        if (!devices.replace(device, device.deactivated())) {
            throw new EntityException(AwsErrorCode.ConcurrentModification,
                    "The MFA device was changed concurrently; try again.");
        }
        return ResultWriter.EMPTY;
    }
}
