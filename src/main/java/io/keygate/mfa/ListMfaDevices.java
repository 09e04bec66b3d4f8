package io.keygate.mfa;

import java.time.Clock;
import java.util.List;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.iam.User;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/** {@code ListMFADevices}: the devices enabled for a user (the caller when UserName is absent). */
public final class ListMfaDevices extends MfaActions {

    public ListMfaDevices(MfaDeviceRepository devices, UserRepository users, Authorizer authorizer, Clock clock) {
        super(devices, users, authorizer, clock);
    }

    @Override
    public String name() {
        return "ListMFADevices";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        User user = user(params, caller, false);
        authorizer.authorize(caller, "iam:ListMFADevices", user.arn(caller.partition()));
        List<VirtualMfaDevice> mine = devices.list(caller.accountId()).stream()
                .filter(d -> d.isAssignedTo(user)).toList();
        Page<VirtualMfaDevice> page = Page.of(mine, VirtualMfaDevice::serialNumber, params);
        return xml -> {
            xml.start("MFADevices");
            for (VirtualMfaDevice d : page.items()) {
                xml.start("member").element("UserName", user.name()).element("SerialNumber", d.serialNumber())
                        .element("EnableDate", d.enableDate()).end();
            }
            xml.end();
            page.writeTail(xml);
        };
    }
}
