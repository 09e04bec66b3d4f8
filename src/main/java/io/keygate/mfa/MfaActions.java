package io.keygate.mfa;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.User;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.QueryService;

/**
 * What the virtual-MFA IAM actions share: parameter rules (from the IAM API reference), the user and device
 * look-ups with AWS's NoSuchEntity wording, and the authorizer.
 */
abstract class MfaActions implements QueryAction<Caller> {

    static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
    static final Pattern PATH = Pattern.compile("(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
    static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]+");
    static final Pattern CODE = Pattern.compile("[\\d]+");

    final MfaDeviceRepository devices;
    final UserRepository users;
    final Authorizer authorizer;
    final Clock clock;

    MfaActions(MfaDeviceRepository devices, UserRepository users, Authorizer authorizer, Clock clock) {
        this.devices = devices;
        this.users = users;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    @Override
    public QueryService service() {
        return QueryService.IAM;
    }

    /** The named user of the caller's account, or the calling user when the parameter is absent. */
    User user(QueryParams params, Caller caller, boolean required) {
        String name = params.string("UserName", required, 1, 128, NAME);
        if (name == null) {
            if (caller.userName() == null) {
                throw new InvalidInputException(AwsErrorCode.ValidationError,
                        "Must specify userName when calling with non-User credentials");
            }
            name = caller.userName();
        }
        String wanted = name;
        return users.find(caller.accountId(), name).orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity,
                "The user with name " + wanted + " cannot be found."));
    }

    VirtualMfaDevice device(Caller caller, String serial) {
        return device(caller, serial, "MFA Device with serial number " + serial + " does not exist.");
    }

    /** The caller's account's device of this serial number; NoSuchEntity with {@code unknown} when there is none. */
    VirtualMfaDevice device(Caller caller, String serial, String unknown) {
        return devices.find(serial)
                .filter(d -> d.accountId().equals(caller.accountId()))
                .orElseThrow(() -> new EntityException(AwsErrorCode.NoSuchEntity, unknown));
    }

    /** The request of EnableMFADevice and ResyncMFADevice: a user, a device and two consecutive codes. */
    record TwoCodes(User user, String serial, String code1, String code2) {
    }

    /** Reads and authorizes a two-code request ({@code iam:<action>} on the user). */
    TwoCodes twoCodes(QueryParams params, Caller caller) {
        User user = user(params, caller, true);
        String serial = serial(params);
        String code1 = params.string("AuthenticationCode1", true, 6, 6, CODE);
        String code2 = params.string("AuthenticationCode2", true, 6, 6, CODE);
        authorizer.authorize(caller, "iam:" + name(), user.arn(caller.partition()));
        return new TwoCodes(user, serial, code1, code2);
    }

    static String serial(QueryParams params) {
        return params.string("SerialNumber", true, 9, 256, SERIAL);
    }

    static List<Map<String, String>> tags(QueryParams params) {
        return params.structList("Tags", 50);
    }
}
