package io.cloudscale.probes.host;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses /proc/net/tcp and /proc/net/tcp6 as the kernel writes them (net/ipv4/tcp_ipv4.c,
 * net/ipv6/tcp_ipv6.c): addresses are hex in host byte order, 32-bit word by 32-bit word.
 */
public final class ProcNetTcp {

    private ProcNetTcp() {
    }

    public static List<TcpSocket> parse(String content) {
        List<TcpSocket> sockets = new ArrayList<>();
        for (String line : content.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 10 || !fields[0].endsWith(":")) {
                continue; // header or blank line
            }
            String[] local = fields[1].split(":");
            sockets.add(new TcpSocket(address(local[0]), Integer.parseInt(local[1], 16),
                    Integer.parseInt(fields[3], 16), Integer.parseInt(fields[7]), Long.parseLong(fields[9])));
        }
        return sockets;
    }

    /** Each 8-hex-digit word is a little-endian (on x86, arm64) 32-bit value: reverse its bytes. */
    static InetAddress address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] network = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                network[word + i] = raw[word + 3 - i];
            }
        }
        try {
            // getByAddress would turn a v4-mapped address into an Inet4Address; keep what the kernel said
            return network.length == 16 ? java.net.Inet6Address.getByAddress(null, network, -1) : InetAddress.getByAddress(network);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }
}
