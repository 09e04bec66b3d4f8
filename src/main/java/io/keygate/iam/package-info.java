/**
 * IAM entities (accounts, users, access keys, …) as immutable records, their ARNs and unique ids, and the store
 * ports the actions need. Follows the AWS IAM API reference (2010-05-08) for names, shapes and limits.
 */
package io.keygate.iam;
