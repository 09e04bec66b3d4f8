package io.keygate.mfa;

import java.time.Clock;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/** {@code DeleteVirtualMFADevice}: deletes an unassigned device (DeleteConflict while enabled for a user). */
public final class DeleteVirtualMfaDevice extends MfaActions {

    public DeleteVirtualMfaDevice(MfaDeviceRepository devices, UserRepository users, Authorizer authorizer,
                                  Clock clock) {
        super(devices, users, authorizer, clock);
    }

    @Override
    public String name() {
        return "DeleteVirtualMFADevice";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String serial = serial(params);
        authorizer.authorize(caller, "iam:DeleteVirtualMFADevice", serial);
        // IAM's own words for this action (observed from AWS), unlike the "MFA Device …" of the others.
        VirtualMfaDevice device = device(caller, serial, "VirtualMFADevice with serial number " + serial
                + " doesn't exist.");
        if (device.isAssigned()) {
            throw new EntityException(AwsErrorCode.DeleteConflict,
                    "MFA Device is in use; deactivate it before deleting it.");
        }
        devices.delete(serial);
        return ResultWriter.EMPTY;
    }
}
