package io.keygate.protocol.query;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;

/**
 * The only place that knows the AWS Query error envelope:
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 */
public final class AwsErrorWriter {

    private AwsErrorWriter() {
    }

    public static String write(KeygateException error, QueryService service, String requestId) {
        return write(error.code(), error.getMessage(), service, requestId);
    }

    public static String write(AwsErrorCode code, String message, QueryService service, String requestId) {
        XmlWriter xml = new XmlWriter();
        xml.start("ErrorResponse", (service == null ? QueryService.STS : service).namespace())
                .start("Error")
                .element("Type", code.faultType())
                .element("Code", code.name())
                .element("Message", message)
                .end()
                .element("RequestId", requestId)
                .end();
        return xml.toString();
    }
}
