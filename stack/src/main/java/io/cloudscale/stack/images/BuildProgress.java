package io.cloudscale.stack.images;

/** What an image build tells whoever shows it; called from the building thread. */
public interface BuildProgress {

    /** A new stage for one image, e.g. "debootstrap bookworm + nginx-light". */
    void stage(ImageRecipe image, String stage);

    /** One line of a tool's own output (debootstrap, docker build), for verbose display. */
    default void output(ImageRecipe image, String line) {
    }

    void finished(ImageOutcome outcome);

    BuildProgress SILENT = new BuildProgress() {
        @Override
        public void stage(ImageRecipe image, String stage) {
        }

        @Override
        public void finished(ImageOutcome outcome) {
        }
    };
}
