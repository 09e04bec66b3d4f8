package io.keygate.federation.saml;

import java.util.Arrays;
import java.util.Base64;

/**
 * The HTTP-POST binding's encoding (SAML 2.0 Bindings, section 3.5.4): strict base64 of the XML, line breaks and
 * spaces allowed. A DEFLATE-compressed message (the HTTP-Redirect binding, section 3.4.4.1) is refused with a message
 * that says so, rather than being inflated: AssumeRoleWithSAML takes the POST form.
 */
final class Base64Check implements SamlCheck {

    @Override
    public void check(SamlWork w) {
        String encoded = w.encoded;
        byte[] xml;
        try {
            // Without whitespace the decoder reads the characters as ISO-8859-1 bytes: a non-ASCII character becomes
            // a byte of 0x80 or more, or '?', neither of which is base64, so it is refused as before.
            xml = wrapped(encoded) ? Base64.getDecoder().decode(compact(encoded))
                    : Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw SamlWork.invalid("The SAML response is not valid base64.");
        }
        int i = 0;
        if (xml.length >= 3 && (xml[0] & 0xff) == 0xef && (xml[1] & 0xff) == 0xbb && (xml[2] & 0xff) == 0xbf) {
            i = 3; // UTF-8 byte order mark
        }
        while (i < xml.length && (xml[i] == ' ' || xml[i] == '\n' || xml[i] == '\r' || xml[i] == '\t')) {
            i++;
        }
        if (i >= xml.length || xml[i] != '<') {
            throw SamlWork.invalid("The SAML response is not XML once base64-decoded (a DEFLATE-compressed "
                    + "HTTP-Redirect message? Send the HTTP-POST binding's base64 XML).");
        }
        w.xml = xml;
    }

    /** Whether {@code encoded} has whitespace in it (four intrinsic scans, no loop of our own in the common case). */
    private static boolean wrapped(String encoded) {
        return encoded.indexOf('\n') >= 0 || encoded.indexOf('\r') >= 0 || encoded.indexOf(' ') >= 0
                || encoded.indexOf('\t') >= 0;
    }

    /** IdPs that wrap at 76 characters: whitespace dropped straight into bytes (anything non-ASCII refused). */
    private static byte[] compact(String encoded) {
        byte[] compact = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c > 0x7f) {
                throw SamlWork.invalid("The SAML response is not valid base64.");
            }
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                compact[n++] = (byte) c;
            }
        }
        return n == compact.length ? compact : Arrays.copyOf(compact, n);
    }
}
