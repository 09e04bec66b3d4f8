package io.keygate.federation.saml;

/**
 * One value of the {@code https://aws.amazon.com/SAML/Attributes/Role} attribute: a role and the SAML provider it is
 * to be assumed through ({@code "<role-arn>,<provider-arn>"}, either order).
 */
public record RolePair(String roleArn, String providerArn) {

    /** Parses one attribute value; null when it is not a role ARN and a SAML provider ARN separated by a comma. */
    static RolePair parse(String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            return null;
        }
        String a = parts[0].trim();
        String b = parts[1].trim();
        if (isRole(a) && isProvider(b)) {
            return new RolePair(a, b);
        }
        if (isRole(b) && isProvider(a)) {
            return new RolePair(b, a);
        }
        return null;
    }

    private static boolean isRole(String arn) {
        return arn.startsWith("arn:") && arn.split(":", 6).length == 6 && arn.split(":", 6)[5].startsWith("role/");
    }

    private static boolean isProvider(String arn) {
        return arn.startsWith("arn:") && arn.split(":", 6).length == 6
                && arn.split(":", 6)[5].startsWith("saml-provider/");
    }
}
