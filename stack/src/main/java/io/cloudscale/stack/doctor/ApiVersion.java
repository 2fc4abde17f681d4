package io.cloudscale.stack.doctor;

/** A Docker API version such as 1.41, compared numerically (1.9 is older than 1.41). */
record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    static ApiVersion parse(String text) {
        String[] parts = text.strip().split("\\.");
        try {
            return new ApiVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a Docker API version: " + text, e);
        }
    }

    @Override
    public int compareTo(ApiVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
