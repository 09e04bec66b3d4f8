/**
 * The AWS service models (botocore {@code service-2.json}: IAM, STS, Cognito Identity) read as the contract of the
 * wire surface: operations, input and output shapes and their constraints. Keygate enforces the input constraints
 * from the model itself, with AWS's ValidationError wording, so hand-written checks cannot drift from it.
 */
package io.keygate.protocol.model;
