package io.keygate.iam.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AccessDeniedException;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.error.InvalidInputException;
import io.keygate.iam.LoginProfile;
import io.keygate.iam.PasswordPolicy;
import io.keygate.iam.User;
import io.keygate.protocol.query.QueryAction;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * Console passwords: Create/Get/Update/DeleteLoginProfile, ChangePassword (the calling IAM user, allowed by
 * {@link ChangePasswordPermission}: {@code iam:ChangePassword} or {@code AllowUsersToChangePassword}), and the account
 * password policy (Update/Get/DeleteAccountPasswordPolicy; an update is not partial, omitted settings take the
 * defaults). Passwords are hashed with Argon2id and never stored, logged or echoed; reuse is checked against the
 * kept hashes of earlier passwords.
 */
public final class PasswordActions extends IamSupport {

    private static final Pattern PASSWORD = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
    private static final int KEPT_HASHES = 24;

    public PasswordActions(IamContext iam) {
        super(iam);
    }

    public List<QueryAction<Caller>> actions() {
        return List.of(
                new IamAction("CreateLoginProfile", this::createLoginProfile),
                new IamAction("GetLoginProfile", this::getLoginProfile),
                new IamAction("UpdateLoginProfile", this::updateLoginProfile),
                new IamAction("DeleteLoginProfile", this::deleteLoginProfile),
                new IamAction("ChangePassword", this::changePassword),
                new IamAction("UpdateAccountPasswordPolicy", this::updatePolicy),
                new IamAction("GetAccountPasswordPolicy", this::getPolicy),
                new IamAction("DeleteAccountPasswordPolicy", this::deletePolicy));
    }

    /** A password parameter; its value is never echoed in a message. */
    static String password(QueryParams p, String name) {
        String value = p.required(name);
        if (value.length() > 128 || !PASSWORD.matcher(value).matches()) {
            throw new InvalidInputException(AwsErrorCode.ValidationError, "1 validation error detected: Value at '"
                    + Character.toLowerCase(name.charAt(0)) + name.substring(1) + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 128 and contain only printable characters");
        }
        return value;
    }

    PasswordPolicy policyOf(Caller caller) {
        PasswordPolicy policy = iam.settings().get(caller.accountId()).passwordPolicy();
        return policy == null ? PasswordPolicy.NONE : policy;
    }

    void checkPolicy(Caller caller, String password) {
        String violation = policyOf(caller).violation(password);
        if (violation != null) {
            throw new InvalidInputException(AwsErrorCode.PasswordPolicyViolation,
                    "Password does not conform to the account password policy: " + violation + ".");
        }
    }

    /** A new profile state for {@code password}, refusing reuse as the password policy says. */
    LoginProfile withPassword(Caller caller, LoginProfile current, String password, boolean resetRequired) {
        int reuse = policyOf(caller).passwordReusePrevention();
        List<String> previous = new ArrayList<>();
        if (current != null) {
            previous.add(current.passwordHash());
            previous.addAll(current.previousHashes());
            for (String hash : previous.subList(0, Math.min(reuse, previous.size()))) {
                if (iam.hasher().verify(password, hash)) {
                    throw new InvalidInputException(AwsErrorCode.PasswordPolicyViolation,
                            "Password does not conform to the account password policy: Password was used "
                                    + "recently and cannot be reused (PasswordReusePrevention " + reuse + ").");
                }
            }
        }
        var now = iam.clock().instant();
        return new LoginProfile(iam.hasher().hash(password), current == null ? now : current.created(), now,
                resetRequired, previous.subList(0, Math.min(KEPT_HASHES, previous.size())));
    }

    static EntityException noSuchProfile(String user) {
        return new EntityException(AwsErrorCode.NoSuchEntity, "Login Profile for User " + user + " cannot be found.");
    }

    ResultWriter createLoginProfile(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        String password = password(p, "Password");
        boolean reset = p.bool("PasswordResetRequired", false);
        User user = user(caller, "CreateLoginProfile", name);
        if (user.loginProfile() != null) {
            throw exists("Login Profile for user " + name + " already exists.");
        }
        checkPolicy(caller, password);
        LoginProfile profile = withPassword(caller, null, password, reset);
        iam.users().update(caller.accountId(), name, u -> {
            if (u.loginProfile() != null) {
                throw exists("Login Profile for user " + name + " already exists.");
            }
            return u.withLoginProfile(profile);
        }).orElseThrow(() -> noSuchUser(name));
        return xml -> xml.start("LoginProfile")
                .element("UserName", user.name())
                .element("CreateDate", profile.created())
                .element("PasswordResetRequired", reset)
                .end();
    }

    ResultWriter getLoginProfile(QueryParams p, Caller caller) {
        String name = p.string("UserName", false, 1, 64, USER_NAME);
        String target = name != null ? name : caller.userName();
        if (target == null) {
            throw new InvalidInputException(AwsErrorCode.ValidationError,
                    "Must specify userName when calling with non-User credentials");
        }
        User user = user(caller, "GetLoginProfile", target);
        LoginProfile profile = user.loginProfile();
        if (profile == null) {
            throw noSuchProfile(target);
        }
        return xml -> xml.start("LoginProfile")
                .element("UserName", user.name())
                .element("CreateDate", profile.created())
                .element("PasswordResetRequired", profile.passwordResetRequired())
                .end();
    }

    ResultWriter updateLoginProfile(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        String password = p.raw("Password") == null ? null : password(p, "Password");
        Boolean reset = p.bool("PasswordResetRequired", null);
        User user = user(caller, "UpdateLoginProfile", name);
        LoginProfile current = user.loginProfile();
        if (current == null) {
            throw noSuchProfile(name);
        }
        LoginProfile updated;
        if (password != null) {
            checkPolicy(caller, password);
            updated = withPassword(caller, current, password, reset == null ? current.passwordResetRequired() : reset);
        } else {
            updated = new LoginProfile(current.passwordHash(), current.created(), current.passwordLastChanged(),
                    reset == null ? current.passwordResetRequired() : reset, current.previousHashes());
        }
        replaceProfile(caller, name, current, updated);
        return ResultWriter.EMPTY;
    }

    /** Stores the new profile only if the password did not change meanwhile. */
    private void replaceProfile(Caller caller, String name, LoginProfile expected, LoginProfile updated) {
        iam.users().update(caller.accountId(), name, u -> {
            if (u.loginProfile() == null) {
                throw noSuchProfile(name);
            }
            if (!u.loginProfile().passwordHash().equals(expected.passwordHash())) {
                throw new EntityException(AwsErrorCode.ConcurrentModification,
                        "The password was changed by a concurrent request. Please try again.");
            }
            return u.withLoginProfile(updated);
        }).orElseThrow(() -> noSuchUser(name));
    }

    ResultWriter deleteLoginProfile(QueryParams p, Caller caller) {
        String name = userName(p, "UserName", true);
        user(caller, "DeleteLoginProfile", name);
        iam.users().update(caller.accountId(), name, u -> {
            if (u.loginProfile() == null) {
                throw noSuchProfile(name);
            }
            return u.withLoginProfile(null);
        }).orElseThrow(() -> noSuchUser(name));
        return ResultWriter.EMPTY;
    }

    ResultWriter changePassword(QueryParams p, Caller caller) {
        String oldPassword = password(p, "OldPassword");
        String newPassword = password(p, "NewPassword");
        if (caller.userName() == null) {
            throw new InvalidInputException(AwsErrorCode.InvalidUserType,
                    "Only IAM Users can change their own password.");
        }
        Optional<User> found = iam.users().find(caller.accountId(), caller.userName());
        new ChangePasswordPermission(iam.authorizer())
                .refusal(caller, userArn(caller, caller.userName(), found), policyOf(caller))
                .ifPresent(message -> {
                    throw new AccessDeniedException(AwsErrorCode.AccessDenied, message);
                });
        User user = found.orElseThrow(() -> noSuchUser(caller.userName()));
        LoginProfile current = user.loginProfile();
        if (current == null) {
            throw noSuchProfile(user.name());
        }
        if (!iam.hasher().verify(oldPassword, current.passwordHash())) {
            throw new InvalidInputException(AwsErrorCode.InvalidInput, "The old password is not correct.");
        }
        checkPolicy(caller, newPassword);
        replaceProfile(caller, user.name(), current, withPassword(caller, current, newPassword, false));
        return ResultWriter.EMPTY;
    }

    ResultWriter updatePolicy(QueryParams p, Caller caller) {
        PasswordPolicy policy = new PasswordPolicy(
                p.integer("MinimumPasswordLength", 6, 128, 6),
                p.bool("RequireSymbols", false),
                p.bool("RequireNumbers", false),
                p.bool("RequireUppercaseCharacters", false),
                p.bool("RequireLowercaseCharacters", false),
                p.bool("AllowUsersToChangePassword", false),
                p.integer("MaxPasswordAge", 1, 1095, 0),
                p.integer("PasswordReusePrevention", 1, 24, 0),
                p.bool("HardExpiry", false));
        authorize(caller, "UpdateAccountPasswordPolicy", "*");
        iam.settings().update(caller.accountId(), s -> s.withPasswordPolicy(policy));
        return ResultWriter.EMPTY;
    }

    static EntityException noSuchPolicy(Caller caller) {
        return new EntityException(AwsErrorCode.NoSuchEntity,
                "The Password Policy with domain name " + caller.accountId() + " cannot be found.");
    }

    ResultWriter getPolicy(QueryParams p, Caller caller) {
        authorize(caller, "GetAccountPasswordPolicy", "*");
        PasswordPolicy policy = iam.settings().get(caller.accountId()).passwordPolicy();
        if (policy == null) {
            throw noSuchPolicy(caller);
        }
        return xml -> {
            xml.start("PasswordPolicy")
                    .element("MinimumPasswordLength", policy.minimumPasswordLength())
                    .element("RequireSymbols", policy.requireSymbols())
                    .element("RequireNumbers", policy.requireNumbers())
                    .element("RequireUppercaseCharacters", policy.requireUppercaseCharacters())
                    .element("RequireLowercaseCharacters", policy.requireLowercaseCharacters())
                    .element("AllowUsersToChangePassword", policy.allowUsersToChangePassword())
                    .element("ExpirePasswords", policy.expirePasswords());
            if (policy.maxPasswordAge() > 0) {
                xml.element("MaxPasswordAge", policy.maxPasswordAge());
            }
            if (policy.passwordReusePrevention() > 0) {
                xml.element("PasswordReusePrevention", policy.passwordReusePrevention());
            }
            xml.element("HardExpiry", policy.hardExpiry()).end();
        };
    }

    ResultWriter deletePolicy(QueryParams p, Caller caller) {
        authorize(caller, "DeleteAccountPasswordPolicy", "*");
        if (iam.settings().get(caller.accountId()).passwordPolicy() == null) {
            // DeleteAccountPasswordPolicy words it differently from GetAccountPasswordPolicy (AWS's texts).
            throw new EntityException(AwsErrorCode.NoSuchEntity,
                    "The account policy with name PasswordPolicy cannot be found.");
        }
        iam.settings().update(caller.accountId(), s -> s.withPasswordPolicy(null));
        return ResultWriter.EMPTY;
    }
}
