/**
 * Targeted revocation of temporary credentials, beyond what AWS offers: one session by access key id, every session
 * carrying a source identity, every session of a role issued before a time, or every session minted from one
 * federated subject. Revocations live in the shared store only as long as a credential they match can.
 */
package io.keygate.revocation;
