package io.keygate.app;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.keygate.auth.Authorizer;
import io.keygate.credentials.SecretSealer;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.MfaDeviceUsage;
import io.keygate.iam.UserRepository;
import io.keygate.mfa.CreateVirtualMfaDevice;
import io.keygate.mfa.DeactivateMfaDevice;
import io.keygate.mfa.DeleteVirtualMfaDevice;
import io.keygate.mfa.DeviceMfaVerifier;
import io.keygate.mfa.EnableMfaDevice;
import io.keygate.mfa.ListMfaDevices;
import io.keygate.mfa.ListVirtualMfaDevices;
import io.keygate.mfa.MfaDeviceRepository;
import io.keygate.mfa.RepositoryMfaDeviceUsage;
import io.keygate.mfa.ResyncMfaDevice;
import io.keygate.mfa.TotpCheck;
import io.keygate.store.InfinispanStore;
import io.keygate.store.StoreMfaDeviceRepository;
import io.keygate.sts.MfaVerifier;

/** Virtual MFA devices: store, TOTP check, the IAM actions and STS's MFA verifier. */
@ApplicationScoped
public class MfaWiring {

    @Produces
    @Singleton
    MfaDeviceRepository mfaDevices(InfinispanStore store) {
        return new StoreMfaDeviceRepository(store);
    }

    @Produces
    @Singleton
    MfaDeviceUsage mfaDeviceUsage(MfaDeviceRepository devices) {
        return new RepositoryMfaDeviceUsage(devices);
    }

    @Produces
    @Singleton
    TotpCheck totpCheck(ExpiringEntries entries, SecretSealer sealer, Clock clock) {
        return new TotpCheck(entries, sealer, clock);
    }

    @Produces
    @Singleton
    MfaVerifier mfaVerifier(MfaDeviceRepository devices, TotpCheck totp, Clock clock) {
        return new DeviceMfaVerifier(devices, totp, clock);
    }

    @Produces
    @Singleton
    ActionSet mfaActions(MfaDeviceRepository devices, UserRepository users, AccountRepository accounts,
                         SecretSealer sealer, TotpCheck totp, Authorizer authorizer, Clock clock) {
        return new ActionSet(List.of(
                new CreateVirtualMfaDevice(devices, users, accounts, sealer, authorizer, clock),
                new EnableMfaDevice(devices, users, totp, authorizer, clock),
                new ResyncMfaDevice(devices, users, totp, authorizer, clock),
                new DeactivateMfaDevice(devices, users, authorizer, clock),
                new DeleteVirtualMfaDevice(devices, users, authorizer, clock),
                new ListMfaDevices(devices, users, authorizer, clock),
                new ListVirtualMfaDevices(devices, users, authorizer, clock)));
    }
}
