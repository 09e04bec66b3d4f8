package io.keygate.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.keygate.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The Query wire format at the HTTP edge: envelopes, codes and statuses for bad requests. */
@QuarkusTest
class QueryProtocolTest {

    @Test
    void whenActionUnknownThenInvalidActionEnvelope() {
        given().contentType(ContentType.URLENC).body("Action=NoSuchThing&Version=2011-06-15")
                .post("/")
                .then().statusCode(400)
                .header("x-amzn-RequestId", not(emptyOrNullString()))
                .contentType(containsString("text/xml"))
                .body("ErrorResponse.Error.Type", equalTo("Sender"))
                .body("ErrorResponse.Error.Code", equalTo("InvalidAction"))
                .body("ErrorResponse.RequestId", not(emptyOrNullString()));
    }

    @Test
    void whenIamActionUnknownThenInvalidActionInTheIamNamespace() {
        String body = given().contentType(ContentType.URLENC).body("Action=NoSuchThing&Version=2010-05-08")
                .post("/").then().statusCode(400).extract().asString();
        assertThat(body).contains("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
                .contains("<Code>InvalidAction</Code>");
    }

    @Test
    void whenVersionWrongThenInvalidAction() {
        given().contentType(ContentType.URLENC).body("Action=GetCallerIdentity&Version=2010-05-08")
                .post("/").then().statusCode(400).body("ErrorResponse.Error.Code", equalTo("InvalidAction"));
    }

    @Test
    void whenActionMissingThenMissingParameter() {
        given().contentType(ContentType.URLENC).body("Version=2011-06-15")
                .post("/").then().statusCode(400).body("ErrorResponse.Error.Code", equalTo("MissingParameter"));
    }

    @Test
    void whenParameterDuplicatedThenInvalidParameterValue() {
        given().contentType(ContentType.URLENC).body("Action=GetCallerIdentity&Action=GetCallerIdentity&Version=2011-06-15")
                .post("/").then().statusCode(400)
                .body("ErrorResponse.Error.Code", equalTo("InvalidParameterValue"));
    }

    @Test
    void whenFormMalformedThenMalformedQueryString() {
        given().contentType(ContentType.URLENC).body("Action=Get%ZZ&Version=2011-06-15")
                .post("/").then().statusCode(400)
                .body("ErrorResponse.Error.Code", equalTo("MalformedQueryString"));
    }

    @Test
    void whenBodyNotUtf8ThenMalformedQueryString() throws Exception {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15&X=\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(TestClients.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>MalformedQueryString</Code>");
    }

    @Test
    void whenBodyOversizedThenRequestEntityTooLarge() {
        String big = "Action=GetCallerIdentity&Version=2011-06-15&Pad=" + "a".repeat(300_000);
        given().contentType(ContentType.URLENC).body(big)
                .post("/").then().statusCode(413)
                .body("ErrorResponse.Error.Code", equalTo("RequestEntityTooLarge"));
    }

    @Test
    void whenUnsignedThenMissingAuthenticationToken() {
        given().contentType(ContentType.URLENC).body("Action=GetCallerIdentity&Version=2011-06-15")
                .post("/").then().statusCode(403)
                .body("ErrorResponse.Error.Code", equalTo("MissingAuthenticationToken"));
    }

    @Test
    void whenGetWithQueryStringThenDispatched() {
        given().get("/?Action=GetCallerIdentity&Version=2011-06-15")
                .then().statusCode(403)
                .body("ErrorResponse.Error.Code", equalTo("MissingAuthenticationToken"));
    }

    @Test
    void whenHeaderHasTenThousandCharactersThenAwsError() {
        given().contentType(ContentType.URLENC)
                .header("Authorization", "AWS4-HMAC-SHA256 " + "x".repeat(10_000))
                .body("Action=GetCallerIdentity&Version=2011-06-15")
                .post("/").then().statusCode(400)
                .body("ErrorResponse.Error.Code", equalTo("IncompleteSignature"));
    }

    @Test
    void whenWrongContentTypeThenMalformedQueryString() {
        given().contentType(ContentType.JSON).body("{\"Action\":\"GetCallerIdentity\"}")
                .post("/").then().statusCode(400)
                .body("ErrorResponse.Error.Code", equalTo("MalformedQueryString"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().contentType(ContentType.URLENC).body("Action=NoSuchThing&Version=2011-06-15").post("/");
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("keygate_requests_seconds_count{action=\"unknown\",outcome=\"InvalidAction\"}"));
    }
}
