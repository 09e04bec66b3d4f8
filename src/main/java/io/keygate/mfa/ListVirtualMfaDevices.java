package io.keygate.mfa;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.Page;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/** {@code ListVirtualMFADevices}: the account's devices, filtered by {@code AssignmentStatus}. */
public final class ListVirtualMfaDevices extends MfaActions {

    private static final Set<String> STATUSES = Set.of("Assigned", "Unassigned", "Any");

    public ListVirtualMfaDevices(MfaDeviceRepository devices, UserRepository users, Authorizer authorizer,
                                 Clock clock) {
        super(devices, users, authorizer, clock);
    }

    @Override
    public String name() {
        return "ListVirtualMFADevices";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String status = params.raw("AssignmentStatus") == null ? "Any" : params.raw("AssignmentStatus");
        if (!STATUSES.contains(status)) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "1 validation error detected: Value '"
                    + (status.length() > 32 ? status.substring(0, 32) : status) + "' at 'assignmentStatus' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: [Unassigned, Any, Assigned]");
        }
        authorizer.authorize(caller, "iam:ListVirtualMFADevices", "*");
        List<VirtualMfaDevice> selected = devices.list(caller.accountId()).stream()
                .filter(d -> status.equals("Any") || d.isAssigned() == status.equals("Assigned"))
                .toList();
        Page<VirtualMfaDevice> page = Page.of(selected, VirtualMfaDevice::serialNumber, params);
        return xml -> {
            xml.start("VirtualMFADevices");
            for (VirtualMfaDevice d : page.items()) {
                xml.start("member").element("SerialNumber", d.serialNumber());
                if (d.userName() != null) {
                    // The user it is enabled for: by its name when enabled, else (renamed since) by its unique id.
                    users.find(d.accountId(), d.userName()).filter(d::isAssignedTo)
                            .or(() -> users.list(d.accountId()).stream().filter(d::isAssignedTo).findFirst())
                            .ifPresent(u -> xml.start("User")
                            .element("Path", u.path()).element("UserName", u.name()).element("UserId", u.userId())
                            .element("Arn", u.arn(caller.partition())).element("CreateDate", u.created()).end());
                }
                xml.element("EnableDate", d.enableDate()).end();
            }
            xml.end();
            page.writeTail(xml);
        };
    }
}
