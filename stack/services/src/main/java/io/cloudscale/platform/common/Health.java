package io.cloudscale.platform.common;

/** A service's own view of whether it can do its job, with the reason when it cannot. */
public record Health(boolean up, String detail) {

    public static Health up(String detail) {
        return new Health(true, detail);
    }

    public static Health down(String detail) {
        return new Health(false, detail);
    }
}
