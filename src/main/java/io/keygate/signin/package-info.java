/**
 * Console federation: the AWS sign-in endpoint's {@code getSigninToken} and {@code login} actions (AWS IAM User
 * Guide, "Enable custom identity broker access to the AWS console"), the single-use sign-in tokens they exchange,
 * and the console sessions a login opens; and SAML sign-in, {@code POST /saml} (AWS IAM User Guide, "Enable SAML
 * 2.0 federated principals to access the AWS Management Console"), with AWS's role chooser. Plain Java: the HTTP edge lives in {@code app}, shared state in the
 * {@link io.keygate.expiry.ExpiringEntries} port.
 */
package io.keygate.signin;
