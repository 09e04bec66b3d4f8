/**
 * Credential material for Keygate: access key ids, secrets and IAM unique ids, the key ring that encrypts secrets
 * at rest, the self-contained session token (JWE {@code dir} + {@code A256GCM}, RFC 7516/7518) and TOTP for MFA.
 * Formats follow the AWS IAM identifier reference (prefixes {@code AKIA}, {@code ASIA}, {@code AIDA} ...) and
 * RFC 6238 / RFC 4648 for one-time passwords and Base32 seeds.
 */
package io.keygate.credentials;
