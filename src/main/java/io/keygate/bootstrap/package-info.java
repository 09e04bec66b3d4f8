/**
 * The declarative bootstrap: an optional YAML file of managed policies, groups, users and roles that Keygate creates
 * at start when they are missing. Every entity goes through the same IAM actions as the IAM Query API (IAM API
 * reference, Version 2010-05-08), first against an in-memory overlay of the store so that a bad file changes nothing,
 * then for real.
 */
package io.keygate.bootstrap;
