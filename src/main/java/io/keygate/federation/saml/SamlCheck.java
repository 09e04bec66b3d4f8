package io.keygate.federation.saml;

/**
 * One named step of the SAML validation pipeline. A check reads the {@link SamlWork} the earlier checks built,
 * adds its own findings to it, or refuses with an {@link io.keygate.error.FederationRejectedException} whose code
 * and message say what was wrong. Checks are stateless and thread-safe.
 */
interface SamlCheck {

    /** The check's name as the trust debugger shows it ({@code AudienceCheck}). */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Runs the check; a normal return means it passed. */
    void check(SamlWork work);
}
