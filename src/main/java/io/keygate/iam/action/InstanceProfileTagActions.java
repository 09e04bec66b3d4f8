package io.keygate.iam.action;

import java.util.List;

import io.keygate.auth.Caller;
import io.keygate.iam.InstanceProfile;
import io.keygate.protocol.query.QueryAction;

/** TagInstanceProfile, UntagInstanceProfile, ListInstanceProfileTags. */
public final class InstanceProfileTagActions {

    private InstanceProfileTagActions() {
    }

    public static List<QueryAction<Caller>> actions(IamContext iam) {
        return new EntityTagActions<>(iam, new EntityTagActions.Kind<>("InstanceProfile", "InstanceProfileName", 128,
                IamSupport.USER_NAME, iam.instanceProfiles(), InstanceProfile::tags, InstanceProfile::withTags,
                ip -> ip.arn(iam.partition()),
                (caller, name) -> "arn:" + iam.partition().id() + ":iam::" + caller.accountId()
                        + ":instance-profile/" + name,
                InstanceProfileActions::noSuchProfile)).actions();
    }
}
