package io.keygate.signin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.keygate.auth.Caller;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.FederationRejectedException;
import io.keygate.error.InvalidInputException;
import io.keygate.error.KeygateException;
import io.keygate.expiry.ExpiringEntries;
import io.keygate.federation.saml.RolePair;
import io.keygate.federation.saml.SamlResponseValidator;
import io.keygate.federation.saml.SamlTrust;
import io.keygate.federation.saml.VerifiedAssertion;
import io.keygate.iam.Account;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.SamlProvider;
import io.keygate.iam.SamlProviderRepository;
import io.keygate.protocol.query.QueryParams;
import io.keygate.sts.FederatedSessions;
import io.keygate.sts.SamlSessions;
import io.keygate.sts.SamlTrusts;
import io.keygate.sts.SessionInputs;

/**
 * SAML sign-in to the console, {@code POST /saml} (the HTTP-POST binding's ACS, as AWS's
 * {@code https://signin.aws.amazon.com/saml}): the second entry point of the one SAML pipeline. Top to bottom:
 * <ol>
 * <li>the providers: every registered SAML provider, in any account, whose entity id is the response's Issuer; of
 *     those, the ones the Role pairs name (read unverified, only to choose which certificates to try; when they name
 *     none, or the assertion is encrypted, each in turn, at most {@value #MAX_PROVIDERS});</li>
 * <li>the pipeline ({@link SamlResponseValidator#validate}) once per such provider: a role is offered only through a
 *     provider whose metadata verified the response, and only if the verified assertion's pair names it;</li>
 * <li>one role offered: {@link SamlSessions#assumeForConsole} (pair offered → replay entry for that role → trust,
 *     tags, source identity, {@code SessionDuration}, minting), then a console session exactly as {@code login}
 *     opens one;</li>
 * <li>several: the validated assertion is held server-side in the expiring entries under a random reference until
 *     the assertion expires (never longer than its replay entries live), with a CSRF token and the hash of a
 *     browser-binding cookie; {@link #choose} takes the reference back, checks both, and signs in with the chosen
 *     role only — the assertion is spent for that role and no other. Nothing the browser sends back is trusted but
 *     the reference and the choice among the held roles.</li>
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class SamlSignin {

    /** Providers tried for one response at most (a bound on signature work per request). */
    static final int MAX_PROVIDERS = 10;
    static final String PENDING_PREFIX = "saml-pending/";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SamlResponseValidator validator;
    private final SamlTrusts trusts;
    private final SamlSessions samlSessions;
    private final SessionInputs inputs;
    private final SamlProviderRepository providers;
    private final AccountRepository accounts;
    private final ExpiringEntries entries;
    private final ConsoleSessions consoleSessions;
    private final DestinationCheck destinations;
    private final Clock clock;

    public SamlSignin(SamlResponseValidator validator, SamlTrusts trusts, SamlSessions samlSessions,
                      SessionInputs inputs, SamlProviderRepository providers, AccountRepository accounts,
                      ExpiringEntries entries, ConsoleSessions consoleSessions, DestinationCheck destinations,
                      Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.trusts = Objects.requireNonNull(trusts, "trusts");
        this.samlSessions = Objects.requireNonNull(samlSessions, "samlSessions");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.providers = Objects.requireNonNull(providers, "providers");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.consoleSessions = Objects.requireNonNull(consoleSessions, "consoleSessions");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A role the verified assertion offers.
     *
     * @param roleArn      the role
     * @param providerArn  the provider it is assumed through (its entity id is the Issuer; its metadata verified)
     * @param accountId    the role's account
     * @param accountAlias the account's alias, or null
     */
    public record Offer(String roleArn, String providerArn, String accountId, String accountAlias) {

        /** The role's name (the last path segment of its ARN), as the chooser labels it. */
        public String roleName() {
            return roleArn.substring(roleArn.lastIndexOf('/') + 1);
        }
    }

    /** What a {@code POST /saml} comes to. */
    public sealed interface Outcome permits SignedIn, Choose, Forbidden {
    }

    /**
     * Signed in: set the console cookie and redirect.
     *
     * @param destination the allowed {@code RelayState}, or null for the console's home page
     */
    public record SignedIn(URI destination, String cookieValue, Instant expiresAt) implements Outcome {
    }

    /**
     * Several roles: show the chooser.
     *
     * @param pending      the reference of the held assertion (a form field)
     * @param csrfToken    the chooser form's CSRF token
     * @param binding      the value of the browser-binding cookie to set
     * @param expiresAt    when the held assertion expires (the cookie's end)
     * @param offers       the roles, grouped by account in first-seen order
     * @param destination  where the choice will redirect (the allowed {@code RelayState}), or null for the console
     */
    public record Choose(String pending, String csrfToken, String binding, Instant expiresAt, List<Offer> offers,
                         URI destination) implements Outcome {
    }

    /** The chooser form came back without its CSRF token or browser binding: nothing was spent. */
    public record Forbidden() implements Outcome {
    }

    /**
     * {@code POST /saml} with {@code SAMLResponse} (and {@code RelayState}).
     *
     * @param unsigned the request's unsigned caller (partition, region, facts for the trust policy)
     * @param step     told the name of each step as it starts (a pipeline check's name when it refuses), for the
     *                 refusal's log line
     * @throws KeygateException the pipeline's refusal (InvalidIdentityToken, IDPRejectedClaim,
     *                          ExpiredTokenException), AccessDenied from the trust policy, or an input error
     */
    public Outcome post(String samlResponse, String relayState, Caller unsigned, Consumer<String> step) {
        if (samlResponse == null || samlResponse.isEmpty()) {
            throw new InvalidInputException(AwsErrorCode.MissingParameter,
                    "The request must contain the parameter SAMLResponse.");
        }
        Map<String, VerifiedAssertion> verified = verify(samlResponse, unsigned, step);
        step.accept("RolePair");
        List<Offer> offers = offers(verified);
        URI destination = destinations.check(relayState).orElse(null);
        if (offers.size() == 1) {
            Offer only = offers.get(0);
            return signIn(verified.get(only.providerArn()), only, destination, unsigned, step);
        }
        VerifiedAssertion any = verified.values().iterator().next();
        Instant expiresAt = any.notOnOrAfter();
        Duration lifespan = Duration.between(clock.instant(), expiresAt);
        if (lifespan.isNegative() || lifespan.isZero()) {
            throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException, "The SAML assertion has "
                    + "expired. Sign in again at your identity provider.");
        }
        String pending = ConsoleSessions.randomId();
        String csrf = ConsoleSessions.randomId();
        String binding = ConsoleSessions.randomId();
        entries.putIfAbsent(PENDING_PREFIX + pending, PendingSignin.write(any, offers,
                destination == null ? null : destination.toString(), csrf, ConsoleSessions.hash(binding)), lifespan);
        return new Choose(pending, csrf, binding, expiresAt, offers, destination);
    }

    /**
     * The chooser's answer: the role {@code roleArn} of the assertion held under {@code pending}.
     *
     * @param binding the browser-binding cookie's value, or null
     * @param step    as for {@link #post}
     * @throws KeygateException ExpiredTokenException when the held assertion has expired, InvalidParameterValue for
     *                          a role it does not offer, and the refusals of {@link #post} for the chosen role
     */
    public Outcome choose(String pending, String csrf, String binding, String roleArn, Caller unsigned,
                          Consumer<String> step) {
        step.accept("HeldChoice");
        Optional<PendingSignin> held = pending != null && ID.matcher(pending).matches()
                ? entries.get(PENDING_PREFIX + pending).map(PendingSignin::read) : Optional.empty();
        if (held.isEmpty() || !held.get().notOnOrAfter().isAfter(clock.instant())) {
            throw new FederationRejectedException(AwsErrorCode.ExpiredTokenException, "This role choice has "
                    + "expired (it lasts as long as the SAML assertion). Sign in again at your identity provider.");
        }
        PendingSignin p = held.get();
        if (!equal(csrf, p.csrf()) || binding == null || !equal(ConsoleSessions.hash(binding), p.bindingHash())) {
            return new Forbidden();
        }
        Offer chosen = p.offers().stream().filter(o -> o.roleArn().equals(roleArn)).findFirst()
                .orElseThrow(() -> new InvalidInputException(AwsErrorCode.InvalidParameterValue,
                        "Choose one of the roles offered."));
        SamlTrust trust = trusts.forArn(chosen.providerArn(), unsigned.partition())
                .filter(t -> t.entityId().equals(p.issuer()))
                .orElseThrow(() -> new FederationRejectedException(AwsErrorCode.InvalidIdentityToken,
                        "The SAML provider " + chosen.providerArn() + " no longer exists or changed its entity id."));
        VerifiedAssertion assertion = p.assertion(trust);
        URI destination = p.destination() == null ? null : destinations.check(p.destination()).orElse(null);
        return signIn(assertion, chosen, destination, unsigned, step);
    }

    private SignedIn signIn(VerifiedAssertion assertion, Offer offer, URI destination, Caller unsigned,
                            Consumer<String> step) {
        SessionInputs.Inputs base = inputs.read(new QueryParams(Map.of()), offer.accountId(), false);
        FederatedSessions.FederatedSession session = samlSessions.assumeForConsole(assertion, offer.roleArn(),
                offer.providerArn(), base, unsigned, step);
        Instant expiresAt = session.credentials().expiration();
        String cookie = consoleSessions.open(session.credentials().sessionToken(), null, expiresAt);
        return new SignedIn(destination, cookie, expiresAt);
    }

    /** Step 1 and 2 of the class comment: the verified assertion per provider whose metadata verified it. */
    private Map<String, VerifiedAssertion> verify(String samlResponse, Caller unsigned, Consumer<String> step) {
        step.accept("ProviderLookup");
        SamlResponseValidator.Claims claims = validator.claims(samlResponse);
        Set<String> candidates = claims.issuer() == null ? Set.of()
                : byEntityId(claims.issuer(), unsigned);
        List<String> order = new ArrayList<>();
        for (RolePair pair : claims.roles()) {
            if (candidates.contains(pair.providerArn()) && !order.contains(pair.providerArn())) {
                order.add(pair.providerArn());
            }
        }
        if (order.isEmpty()) {
            // Encrypted (nothing readable), or no pair names a provider of this Issuer: try each one, bounded.
            order.addAll(candidates);
        }
        Map<String, VerifiedAssertion> verified = new LinkedHashMap<>();
        KeygateException first = null;
        String firstCheck = null;
        Set<String> named = null;
        for (String arn : order.subList(0, Math.min(order.size(), MAX_PROVIDERS))) {
            if (named != null && !named.contains(arn)) {
                continue;
            }
            Optional<SamlTrust> trust = trusts.forArn(arn, unsigned.partition());
            if (trust.isEmpty()) {
                continue;
            }
            try {
                SamlResponseValidator.Report report = validator.explain(samlResponse, issuer -> trust);
                if (report.failure() != null) {
                    if (first == null) {
                        firstCheck = report.failedCheck();
                    }
                    throw report.failure();
                }
                VerifiedAssertion v = report.assertion();
                verified.put(arn, v);
                if (named == null) {
                    named = new HashSet<>();
                    for (RolePair r : v.roles()) {
                        named.add(r.providerArn());
                    }
                }
            } catch (KeygateException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (verified.isEmpty()) {
            if (first != null) {
                step.accept(firstCheck);
                throw first;
            }
            // No provider to try: the pipeline says why (unreadable response, or no provider for the Issuer).
            SamlResponseValidator.Report report = validator.explain(samlResponse, issuer -> Optional.empty());
            if (report.failure() != null) {
                step.accept(report.failedCheck());
                throw report.failure();
            }
            throw new FederationRejectedException(AwsErrorCode.InvalidIdentityToken, "The SAML response's Role "
                    + "attribute names no SAML provider registered for its issuer.");
        }
        return verified;
    }

    /** Every registered provider, in any account of this partition, whose metadata entity id is {@code entityId}. */
    private Set<String> byEntityId(String entityId, Caller unsigned) {
        Set<String> arns = new TreeSet<>();
        for (Account account : accounts.list()) {
            for (SamlProvider provider : providers.list(account.id())) {
                if (provider.entityId().equals(entityId)) {
                    arns.add(provider.arn(unsigned.partition()));
                }
            }
        }
        return arns;
    }

    /** The pairs each verified assertion offers through the provider that verified it, without repeats. */
    private List<Offer> offers(Map<String, VerifiedAssertion> verified) {
        Set<String> seen = new LinkedHashSet<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        List<Offer> offers = new ArrayList<>();
        for (Map.Entry<String, VerifiedAssertion> e : verified.entrySet()) {
            for (RolePair pair : e.getValue().roles()) {
                if (!pair.providerArn().equals(e.getKey()) || !seen.add(pair.roleArn() + "," + pair.providerArn())) {
                    continue;
                }
                String account = pair.roleArn().split(":", 6)[4];
                String alias = aliases.computeIfAbsent(account, a -> accounts.find(a).map(Account::alias)
                        .orElse(""));
                offers.add(new Offer(pair.roleArn(), pair.providerArn(), account, alias.isEmpty() ? null : alias));
            }
        }
        if (offers.isEmpty()) {
            throw new FederationRejectedException(AwsErrorCode.IDPRejectedClaim, "The SAML assertion's Role "
                    + "attribute offers no role through a SAML provider whose entity id is its issuer.");
        }
        // Grouped by account, as the chooser shows them; first-seen order otherwise.
        List<Offer> grouped = new ArrayList<>();
        for (String account : new LinkedHashSet<>(offers.stream().map(Offer::accountId).toList())) {
            offers.stream().filter(o -> o.accountId().equals(account)).forEach(grouped::add);
        }
        return List.copyOf(grouped);
    }

    private static boolean equal(String sent, String expected) {
        return sent != null && expected != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
