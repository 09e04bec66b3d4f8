package io.keygate.protocol.query;

import io.keygate.error.AwsErrorCode;
import io.keygate.error.KeygateException;

/**
 * The only place that knows the AWS Query error envelope:
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. Keygate's own help
 * beyond AWS's message ({@link KeygateException#location()}) goes into an extra {@code <Location>} after
 * {@code <Message>}: the SDKs read {@code Code} and {@code Message} and ignore it, botocore shows it in
 * {@code response["Error"]["Location"]}, and the message stays exactly AWS's.
 */
public final class AwsErrorWriter {

    private AwsErrorWriter() {
    }

    public static String write(KeygateException error, QueryService service, String requestId) {
        return write(error.code(), error.getMessage(), error.location().orElse(null), service, requestId);
    }

    public static String write(AwsErrorCode code, String message, QueryService service, String requestId) {
        return write(code, message, null, service, requestId);
    }

    private static String write(AwsErrorCode code, String message, String location, QueryService service,
                                String requestId) {
        XmlWriter xml = new XmlWriter();
        xml.start("ErrorResponse", (service == null ? QueryService.STS : service).namespace())
                .start("Error")
                .element("Type", code.faultType())
                .element("Code", code.name())
                .element("Message", message);
        if (location != null) {
            xml.element("Location", location);
        }
        xml.end()
                .element("RequestId", requestId)
                .end();
        return xml.toString();
    }
}
