package io.keygate.bootstrap;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import java.util.Optional;

import io.keygate.auth.Authorizer;
import io.keygate.credentials.IdGenerator;
import io.keygate.credentials.KeyRing;
import io.keygate.credentials.PasswordHasher;
import io.keygate.credentials.SecretSealer;
import io.keygate.iam.AccessKeyRepository;
import io.keygate.iam.Account;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.AccountSettings;
import io.keygate.iam.AccountSettingsRepository;
import io.keygate.iam.GroupRepository;
import io.keygate.iam.IamQuotas;
import io.keygate.iam.InstanceProfileRepository;
import io.keygate.iam.ManagedPolicyRepository;
import io.keygate.iam.MfaDeviceUsage;
import io.keygate.iam.Partition;
import io.keygate.iam.RoleRepository;
import io.keygate.iam.UserRepository;
import io.keygate.iam.action.IamContext;

/**
 * An IAM context over in-memory repositories (overlays of empty stores) with the given accounts, for testing the
 * bootstrap without Quarkus.
 */
final class MemoryIam {

    private MemoryIam() {
    }

    static IamContext with(String... accountIds) {
        Clock clock = Clock.systemUTC();
        List<Account> accounts = java.util.Arrays.stream(accountIds)
                .map(id -> new Account(id, null, Instant.now())).toList();
        AccountRepository accountRepository = proxy(AccountRepository.class, (method, args) -> switch (method) {
            case "find" -> accounts.stream().filter(a -> a.id().equals(args[0])).findFirst();
            case "list" -> accounts;
            default -> throw new UnsupportedOperationException(method);
        });
        AccountSettingsRepository settings = proxy(AccountSettingsRepository.class, (method, args) -> switch (method) {
            case "get" -> AccountSettings.empty((String) args[0]);
            default -> throw new UnsupportedOperationException(method);
        });
        AccessKeyRepository keys = proxy(AccessKeyRepository.class, (method, args) -> switch (method) {
            case "listFor" -> List.of();
            case "find" -> Optional.empty();
            default -> throw new UnsupportedOperationException(method);
        });
        Authorizer allowAll = proxy(Authorizer.class, (method, args) -> null);
        return new IamContext(Partition.AWS, clock, IdGenerator.create(), allowAll,
                new OverlayRepository.Users(empty(UserRepository.class)),
                new OverlayRepository.Groups(empty(GroupRepository.class)),
                new OverlayRepository.Roles(empty(RoleRepository.class)),
                new OverlayRepository.Policies(empty(ManagedPolicyRepository.class)),
                new OverlayRepository.InstanceProfiles(empty(InstanceProfileRepository.class)),
                keys, accountRepository, settings, new SecretSealer(KeyRing.generate(clock)), PasswordHasher.create(),
                IamQuotas.defaults(), MfaDeviceUsage.NONE, key -> { },
                new OverlayOidcProviders(empty(io.keygate.iam.OidcProviderRepository.class)));
    }

    /** An empty in-memory SAML provider store. */
    static io.keygate.iam.SamlProviderRepository samlProviders() {
        return new OverlayRepository.SamlProviders(empty(io.keygate.iam.SamlProviderRepository.class));
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T empty(Class<T> type) {
        return proxy(type, (method, args) -> switch (method) {
            case "find" -> Optional.empty();
            case "list" -> List.of();
            default -> throw new UnsupportedOperationException(method);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(p, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == args[0];
                    default -> type.getSimpleName();
                };
            }
            return answer.answer(method.getName(), args == null ? new Object[0] : args);
        });
    }

}
