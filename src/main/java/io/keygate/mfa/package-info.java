/**
 * Virtual MFA devices (IAM API: CreateVirtualMFADevice, EnableMFADevice, …) and the check of MFA codes presented
 * to STS: TOTP per RFC 6238 (30 s, 6 digits, ±1 step), each code accepted once across all nodes, wrong codes
 * throttled.
 */
package io.keygate.mfa;
