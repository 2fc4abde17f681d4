package io.cloudscale.probes.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
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

    private Map<Long, ProcessInfo> owners(Set<Long> inodes) {
        Map<Long, ProcessInfo> owners = new HashMap<>();
        Set<Long> wanted = new HashSet<>(inodes);
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                for (long inode : socketInodes(process)) {
                    if (wanted.remove(inode)) {
                        HostProcesses.describe(process).ifPresent(info -> owners.put(inode, info));
                    }
                }
                if (wanted.isEmpty()) {
                    break;
                }
            }
        } catch (IOException e) {
            // /proc unreadable: sockets stay without an owner
        }
        return owners;
    }

    private static List<Long> socketInodes(Path process) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target, 8, target.length() - 1, 10));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // the fd closed while we looked
                }
            }
        } catch (IOException e) {
            // not ours to look into, or the process exited
        }
        return inodes;
    }
}
