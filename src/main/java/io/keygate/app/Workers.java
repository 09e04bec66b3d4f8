package io.keygate.app;

import io.vertx.ext.web.RoutingContext;

/** Hands a request's work that writes durably or fetches to a worker thread; its failure fails the route. */
final class Workers {

    private Workers() {
    }

    static void run(RoutingContext ctx, Runnable work) {
        ctx.vertx().executeBlocking(() -> {
            work.run();
            return null;
        }, false).onFailure(ctx::fail);
    }
}
