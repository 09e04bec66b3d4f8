/**
 * Authentication of signed requests: SigV4 verification against long-term keys from the store or against the
 * secret inside a self-contained session token, ending in the {@link io.keygate.auth.Caller} of the request.
 */
package io.keygate.auth;
