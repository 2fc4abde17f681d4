package io.cloudscale.stack.kubernetes;

/**
 * A container image as {@code [registry[:port]/]path[:tag][@digest]}: the name is everything before the tag and
 * the digest (a registry's port is part of the name, not a tag).
 */
record ImageReference(String name, String tag, String digest) {

    static ImageReference parse(String image) {
        String digest = null;
        int at = image.indexOf('@');
        if (at >= 0) {
            digest = image.substring(at + 1);
            image = image.substring(0, at);
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new ImageReference(image.substring(0, colon), image.substring(colon + 1), digest);
        }
        return new ImageReference(image, null, digest);
    }

    /** This image with whatever of name, tag and digest is given (null keeps the current one). */
    ImageReference with(String newName, String newTag, String newDigest) {
        return new ImageReference(newName == null ? name : newName, newDigest != null ? null : newTag == null ? tag : newTag,
                newDigest == null ? digest : newDigest);
    }

    @Override
    public String toString() {
        return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
