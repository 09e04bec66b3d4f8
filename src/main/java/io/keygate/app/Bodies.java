package io.keygate.app;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

/** Response bodies as buffers. */
final class Bodies {

    private Bodies() {
    }

    /**
     * {@code text} in UTF-8, wrapped without a further copy. {@code end(String)} would encode it into a buffer sized
     * for the worst case, three bytes per character, for answers that are nearly all ASCII.
     */
    static Buffer utf8(String text) {
        return Buffer.buffer(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }
}
