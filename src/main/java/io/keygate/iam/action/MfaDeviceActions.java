package io.keygate.iam.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.Tags;
import io.keygate.iam.User;
import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.mfa.VirtualMfaDevice;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * GetMFADevice and the tags of virtual MFA devices (TagMFADevice, UntagMFADevice, ListMFADeviceTags). A device is
 * named by its serial number (its ARN) and must belong to the caller's account.
 */
public final class MfaDeviceActions extends IamSupport {

    static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]+");

    private final MfaDeviceRepository devices;

    public MfaDeviceActions(IamContext iam, MfaDeviceRepository devices) {
        super(iam);
        this.devices = devices;
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("GetMFADevice", this::get),
                new IamAction("TagMFADevice", this::tag),
                new IamAction("UntagMFADevice", this::untag),
                new IamAction("ListMFADeviceTags", this::listTags));
    }

    static String serial(QueryParams p) {
        return p.string("SerialNumber", true, 9, 256, SERIAL);
    }

    static EntityException noSuchDevice(String serial) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "MFA Device with serial number " + serial + " does not exist.");
    }

    VirtualMfaDevice device(Caller caller, String action, String serial, Map<String, List<String>> context) {
        authorize(caller, action, serial, context);
        return devices.find(serial).filter(d -> d.accountId().equals(caller.accountId()))
                .orElseThrow(() -> noSuchDevice(serial));
    }

    ResultWriter get(QueryParams p, Caller caller) {
        String serial = serial(p);
        String userName = userName(p, "UserName", false);
        String owner = userName != null ? userName : caller.userName();
        Optional<User> user = owner == null ? Optional.empty() : iam.users().find(caller.accountId(), owner);
        authorize(caller, "GetMFADevice", user.map(u -> u.arn(iam.partition())).orElse(serial));
        VirtualMfaDevice device = devices.find(serial).filter(d -> d.accountId().equals(caller.accountId()))
                .filter(d -> owner == null ? d.root() : user.isPresent() && d.isAssignedTo(user.get()))
                .orElseThrow(() -> noSuchDevice(serial));
        String name = user.map(User::name).orElse(device.userName());
        return xml -> xml.element("UserName", name)
                .element("SerialNumber", device.serialNumber())
                .element("EnableDate", device.enableDate());
    }

    /** Compare-and-set loop over the device record. */
    private void change(Caller caller, String serial, java.util.function.UnaryOperator<Map<String, String>> change) {
        while (true) {
            VirtualMfaDevice d = devices.find(serial).filter(x -> x.accountId().equals(caller.accountId()))
                    .orElseThrow(() -> noSuchDevice(serial));
            Map<String, String> tags = change.apply(d.tags());
            VirtualMfaDevice updated = new VirtualMfaDevice(d.accountId(), d.serialNumber(), d.name(), d.path(),
                    d.sealedSeed(), d.userName(), d.userId(), d.root(), d.enableDate(), d.driftSteps(), d.created(),
                    tags);
            if (devices.replace(d, updated)) {
                return;
            }
        }
    }

    ResultWriter tag(QueryParams p, Caller caller) {
        String serial = serial(p);
        Map<String, String> tags = tags(p, 50);
        if (tags.isEmpty()) {
            p.required("Tags.member.1.Key");
        }
        device(caller, "TagMFADevice", serial, requestContext(tags, null));
        change(caller, serial, old -> {
            Map<String, String> merged = Tags.merge(old, tags);
            checkTagQuota(merged);
            return merged;
        });
        return ResultWriter.EMPTY;
    }

    ResultWriter untag(QueryParams p, Caller caller) {
        String serial = serial(p);
        List<String> keys = tagKeys(p);
        device(caller, "UntagMFADevice", serial, Map.of("aws:TagKeys", keys));
        change(caller, serial, old -> Tags.remove(old, keys));
        return ResultWriter.EMPTY;
    }

    ResultWriter listTags(QueryParams p, Caller caller) {
        VirtualMfaDevice device = device(caller, "ListMFADeviceTags", serial(p), Map.of());
        return tagPage(device.tags(), p);
    }
}
