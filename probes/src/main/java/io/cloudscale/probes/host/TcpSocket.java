package io.cloudscale.probes.host;

import java.net.Inet6Address;
import java.net.InetAddress;

/** One row of /proc/net/tcp or tcp6: a socket's local address, its state, its owner's uid and its inode. */
public record TcpSocket(InetAddress localAddress, int localPort, int state, int uid, long inode) {

    /** TCP_LISTEN in the kernel's tcp_states.h. */
    public static final int LISTEN = 0x0A;

    public boolean listening() {
        return state == LISTEN;
    }

    /** Address and port as `ss` prints them: 0.0.0.0:8081, [::]:8081, [::ffff:127.0.0.1]:8081. */
    public String endpoint() {
        return (localAddress instanceof Inet6Address ? "[" + ipv6(localAddress.getAddress()) + "]" : localAddress.getHostAddress())
                + ":" + localPort;
    }

    private static String ipv6(byte[] bytes) {
        boolean v4Mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        for (int i = 0; i < 10 && v4Mapped; i++) {
            v4Mapped = bytes[i] == 0;
        }
        if (v4Mapped) {
            return "::ffff:%d.%d.%d.%d".formatted(bytes[12] & 0xff, bytes[13] & 0xff, bytes[14] & 0xff, bytes[15] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
