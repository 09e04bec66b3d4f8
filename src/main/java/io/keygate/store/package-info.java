/**
 * Infinispan behind the store ports: embedded caches with a persistent soft-index file store under the data
 * directory, written synchronously so a write is durable before Keygate answers. Values are JSON documents.
 */
package io.keygate.store;
