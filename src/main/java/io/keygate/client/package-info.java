/**
 * A small Java client for Keygate's own JSON API ({@code /api/v1/…}): it signs each call with SigV4 (service
 * {@code keygate}) using the caller's credentials. Plain JDK HTTP client, Jackson and Keygate's SigV4 signer; no
 * framework.
 */
package io.keygate.client;
