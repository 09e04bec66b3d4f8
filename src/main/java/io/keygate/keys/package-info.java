/**
 * The key ring as a cluster action: rotation ({@code POST /api/v1/keys/rotate}) and retirement
 * ({@code POST /api/v1/keys/retire}) of the AES keys that seal stored secrets and encrypt session tokens, and the
 * ring every node shares through the store, sealed under a key of the ring (NIST SP 800-57 key states: a new key
 * protects, older keys only process until retired).
 */
package io.keygate.keys;
