package io.keygate.federation.oidc;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where Keygate may connect to fetch an OIDC provider's documents (THREATS: SSRF through provider URLs). Every
 * address a host resolves to must pass, and the connection then goes to the checked address itself, so a second
 * DNS answer cannot swap it:
 * <ul>
 * <li>never: link-local ({@code 169.254.0.0/16}, {@code fe80::/10}), cloud metadata addresses
 * ({@code 169.254.169.254}, {@code 169.254.170.2}, {@code fd00:ec2::254}, {@code 100.100.100.200}) and names
 * ({@code metadata.google.internal}), the unspecified address, multicast;</li>
 * <li>loopback only when {@link OidcSettings#allowLoopback()};</li>
 * <li>private networks and public addresses: yes (self-hosted IdPs live on private networks).</li>
 * </ul>
 * Stateless.
 */
public final class AddressRules {

    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata",
            "metadata.internal", "instance-data", "instance-data.ec2.internal");

    private AddressRules() {
    }

    /** Whether a host name or literal names the loopback interface. */
    static boolean isLoopbackName(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Why a host name is refused before any resolution, or empty. */
    static Optional<String> nameProblem(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return METADATA_NAMES.contains(h) ? Optional.of("the host is a cloud metadata service") : Optional.empty();
    }

    /** Why Keygate must not connect to {@code address}, or empty when it may. */
    public static Optional<String> problem(InetAddress address, OidcSettings settings) {
        InetAddress a = unmapped(address);
        if (isMetadata(a)) {
            return Optional.of("the address is a cloud metadata service");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("the address is link-local");
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return Optional.of("the address is not a unicast host address");
        }
        if (a.isLoopbackAddress() && !settings.allowLoopback()) {
            return Optional.of("the address is loopback (keygate.federation.oidc.allow-loopback is false)");
        }
        return Optional.empty();
    }

    private static boolean isMetadata(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            int third = b[2] & 0xff;
            int fourth = b[3] & 0xff;
            return first == 169 && second == 254 && (third == 169 && fourth == 254 || third == 170 && fourth == 2)
                    || first == 100 && second == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 && (b[3] & 0xff) == 192;
        }
        // fd00:ec2::254 (AWS IMDS over IPv6)
        return b.length == 16 && (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && isZero(b, 4, 14) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
    }

    /** The IPv4 address inside an IPv4-mapped or IPv4-compatible IPv6 address; the address itself otherwise. */
    static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = isZero(b, 0, 12) && !isZero(b, 12, 16) && !(isZero(b, 12, 15) && b[15] == 1);
        if (!mapped && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (java.net.UnknownHostException e) {
            return address;
        }
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
