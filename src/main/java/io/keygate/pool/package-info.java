/**
 * Identity pools, compatible with the Amazon Cognito Identity API (JSON 1.1, {@code AWSCognitoIdentityService.*},
 * API version 2014-06-30): pools and their roles, identities for guests and for users signed in with a registered
 * OIDC provider, and their credentials through the shared federated-principal path. Plain Java: the store is a port
 * ({@link io.keygate.pool.IdentityPoolRepository}) and the HTTP edge lives in {@code app}.
 */
package io.keygate.pool;
