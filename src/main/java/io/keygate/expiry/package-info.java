/**
 * Expiring entries: the short-lived, shared state that security checks need (SAML assertion ids already used,
 * TOTP codes already used and wrong-code counters, single-use sign-in tokens, rate-limit counters). They live in a
 * cache of their own with expiration, apart from the durable IAM entities, and are never scanned by list calls
 * (DESIGN.md decision 9). The port is plain Java; {@code store} implements it with Infinispan.
 */
package io.keygate.expiry;
