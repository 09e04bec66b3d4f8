package io.keygate.pool;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** Waiting for a stage where an operation runs on a worker thread, with the failure the stage ended with. */
final class Stages {

    private Stages() {
    }

    /** The stage's value once it completes; its failure rethrown as it was raised (not wrapped). */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    /** The failure a stage ended with, without the {@link CompletionException} around it. */
    static RuntimeException unwrapped(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new CompletionException(cause);
    }
}
