package io.keygate.app;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.auth.RequestAuthenticator;
import io.keygate.console.ActionInvoker;
import io.keygate.credentials.PasswordHasher;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.AccountSettingsRepository;
import io.keygate.iam.Partition;
import io.keygate.iam.UserRepository;
import io.keygate.iam.action.ChangePasswordPermission;
import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.mfa.TotpCheck;
import io.keygate.protocol.query.QueryDispatcher;
import io.keygate.protocol.query.QueryResponse;
import io.keygate.protocol.query.RequestIds;
import io.keygate.signin.ConsoleSessions;
import io.keygate.signin.SigninBackoff;
import io.keygate.signin.UserSignin;
import io.keygate.sts.CredentialMinter;

/** IAM user sign-in at {@code /console/login}: the flow, its backoff and the IAM actions it runs as the user. */
@ApplicationScoped
public class UserSigninWiring {

    @Produces
    @Singleton
    UserSignin userSignin(Partition partition, AccountRepository accounts, UserRepository users,
                          AccountSettingsRepository settings, PasswordHasher hasher, MfaDeviceRepository devices,
                          TotpCheck totp, CredentialMinter minter, RequestAuthenticator authenticator,
                          QueryDispatcher<Caller> dispatcher, Authorizer authorizer, ConsoleSessions sessions, ExpiringEntries entries,
                          KeygateConfig config, Clock clock) {
        ActionInvoker actions = (params, caller) -> {
            QueryResponse answer = dispatcher.dispatchAs(params, caller, RequestIds.next());
            return new ActionInvoker.Answer(answer.status(), answer.body());
        };
        return new UserSignin(new UserSignin.Parts(partition, accounts, users, settings, hasher, devices, totp, minter,
                authenticator, actions, new ChangePasswordPermission(authorizer), sessions, entries, new SigninBackoff(entries, limits(config)),
                clock));
    }

    static SigninBackoff.Limits limits(KeygateConfig config) {
        KeygateConfig.SigninConfig signin = config.signin();
        return new SigninBackoff.Limits(signin.maxFailuresPerUser(), signin.maxFailuresPerSource(),
                signin.failureWindow());
    }
}
