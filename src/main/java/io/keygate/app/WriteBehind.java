package io.keygate.app;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

/**
 * One background thread for the store writes nobody waits for: last-used stamps of access keys and roles. Keeping
 * them off the request path lets authentication and minting run on I/O threads. The queue is bounded; when it is
 * full a stamp is dropped (it is only a "last used" hint and the next use writes it again).
 */
@Singleton
public class WriteBehind {

    private static final Logger LOG = Logger.getLogger(WriteBehind.class);

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "keygate-write-behind");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    public void submit(Runnable write) {
        executor.execute(() -> {
            try {
                write.run();
            } catch (RuntimeException e) {
                LOG.warnf("A background store write failed: %s", e.toString());
            }
        });
    }

    @PreDestroy
    void drain() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
