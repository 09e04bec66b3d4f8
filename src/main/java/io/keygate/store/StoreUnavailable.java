package io.keygate.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.infinispan.partitionhandling.AvailabilityException;
import org.infinispan.commons.TimeoutException;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.ServiceFailureException;

/**
 * Turns the store's "cannot do this now" faults into AWS's {@code ServiceUnavailable} (503, which AWS SDKs retry):
 * a write on the minority side of a split ({@link AvailabilityException}) and a cluster operation that timed out
 * while a member was failing. Anything else stays an internal failure.
 */
final class StoreUnavailable {

    static final String MINORITY = "Keygate cannot accept writes on this node now: it is cut off from most of its "
            + "cluster. Credentials keep working; retry the write later or on another node.";
    static final String CATCHING_UP = "Keygate cannot list on this node now: it is receiving its cluster's state after "
            + "a network split healed. Retry the request in a few seconds or on another node.";
    static final String TIMEOUT = "Keygate could not complete the operation in time while its cluster is "
            + "changing. Retry the request.";

    private StoreUnavailable() {
    }

    static <R> R call(Supplier<R> operation) {
        try {
            return operation.get();
        } catch (AvailabilityException e) {
            throw new ServiceFailureException(AwsErrorCode.ServiceUnavailable, MINORITY);
        } catch (TimeoutException e) {
            throw new ServiceFailureException(AwsErrorCode.ServiceUnavailable, TIMEOUT);
        }
    }

    /**
     * Waits for writes that were all started before this call, so that the file store forces them to disk with one
     * sync (it syncs once it has written every write queued so far) rather than one sync per write in turn, and
     * fails, after every write has ended, with the first failure (translated as {@link #call} does).
     */
    static void awaitAll(CompletableFuture<?>... writes) {
        try {
            CompletableFuture.allOf(writes).join();
        } catch (CompletionException e) {
            throw translated(e.getCause());
        }
    }

    /**
     * As {@link #awaitAll}, without waiting: the stage completes once every write has ended, exceptionally with the
     * first failure translated as {@link #call} does.
     */
    static CompletableFuture<Void> allOf(CompletableFuture<?>... writes) {
        return CompletableFuture.allOf(writes).handle((done, failure) -> {
            if (failure != null) {
                throw translated(failure instanceof CompletionException c && c.getCause() != null
                        ? c.getCause() : failure);
            }
            return null;
        });
    }

    /** The failure of a write as the caller sees it: ServiceUnavailable for the store's "not now" faults. */
    private static RuntimeException translated(Throwable cause) {
        if (cause instanceof AvailabilityException) {
            return new ServiceFailureException(AwsErrorCode.ServiceUnavailable, MINORITY);
        }
        if (cause instanceof TimeoutException) {
            return new ServiceFailureException(AwsErrorCode.ServiceUnavailable, TIMEOUT);
        }
        return cause instanceof RuntimeException r ? r : new CompletionException(cause);
    }

    static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }
}
