package io.keygate.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.keygate.credentials.IdGenerator;
import io.keygate.protocol.sigv4.SigV4Request;
import io.keygate.protocol.sigv4.SigV4Signer;
import io.keygate.protocol.sigv4.SigningCredentials;

/**
 * Load-test helper for {@code bench/keygate-load.sh}: signs Keygate requests with the project's own
 * {@link SigV4Signer}, the way the AWS CLI v2 does (signed {@code content-type}, {@code host}, {@code x-amz-date},
 * {@code x-amz-security-token}; {@code User-Agent} sent but not signed), and either sends one of them or writes a
 * wrk Lua script that replays many distinct ones.
 *
 * <pre>
 * SignedRequestGenerator keys ACCOUNT_ID            prints a fresh account-encoded AKIA id and a secret
 * SignedRequestGenerator call  [options]            sends one signed request; prints the status code, then the body
 * SignedRequestGenerator lua   [options] --out F    writes a wrk script cycling through --count signed requests
 * SignedRequestGenerator sessions [options] --out F  calls GetSessionToken --count times (8 in parallel) and writes
 *                                                   one "AccessKeyId SecretAccessKey SessionToken" line per session
 *
 * options: --endpoint http://127.0.0.1:18081  --path /  --service sts  --region us-east-1
 *          --param Name=Value (repeatable, form-encoded in order)  --param-file Name=path (value read from a file)
 *          --body RAW (instead of --param)  --content-type TYPE  --count 200  --spread 1 (seconds between dates)
 *          --header Name=Value (repeatable, signed; e.g. X-Amz-Target=AWSCognitoIdentityService.CreateIdentityPool
 *                               with --service cognito-identity --content-type application/x-amz-json-1.1)
 *          --credentials-file F  (request i is signed with line i of F, as written by "sessions"; --count defaults
 *                                 to the number of lines)
 *          "{{i}}" in a --param/--param-file value is replaced by the request's index (a distinct value each)
 *          --authorize ACTION,RESOURCE  (decision API: the body is a POST /api/v1/authorize JSON document whose
 *                                         SignedRequest is an S3 GET signed with the KG_CLIENT_* credentials)
 * credentials (environment, so they never show in ps): KG_AK, KG_SK, optional KG_TOKEN; for --authorize the end
 *          client's KG_CLIENT_AK, KG_CLIENT_SK, KG_CLIENT_TOKEN
 * </pre>
 *
 * <p>A signed request is accepted for 15 minutes after its date, so the script is written just before each wrk run;
 * request {@code i} is dated {@code (i * spread) mod 600} seconds before now so that requests (and signatures)
 * differ. The script gives each wrk thread its own share of the requests (pass the thread count after {@code --},
 * {@code wrk -t2 ... -s F URL -- 2}), so no two threads send the same request close together: with more distinct
 * requests than a server-side cache holds, every request misses it.
 */
public final class SignedRequestGenerator {

    static final String USER_AGENT = "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12 prompt/off "
            + "command/sts.get-caller-identity";
    static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

    private SignedRequestGenerator() {
    }

    /** Options of one invocation. */
    static final class Options {
        URI endpoint = URI.create("http://127.0.0.1:18081");
        String path = "/";
        String service = "sts";
        String region = "us-east-1";
        String contentType = FORM;
        final List<String[]> params = new ArrayList<>();
        final List<String[]> headers = new ArrayList<>();
        String rawBody;
        int count = 200;
        int spreadSeconds = 1;
        Path out;
        String authorize;
        List<SigningCredentials> credentials;
        int threads = 8;

        String host() {
            return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ':' + endpoint.getPort();
        }

        String body(int index) {
            if (rawBody != null) {
                return rawBody;
            }
            StringBuilder b = new StringBuilder();
            for (String[] p : params) {
                if (b.length() > 0) {
                    b.append('&');
                }
                b.append(formEncode(p[0])).append('=').append(formEncode(p[1].replace("{{i}}",
                        Integer.toString(index))));
            }
            return b.toString();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        String command = args[0];
        if (command.equals("keys")) {
            if (args.length != 2) {
                usage();
            }
            IdGenerator ids = new IdGenerator(new SecureRandom());
            System.out.println(ids.longTermAccessKeyId(args[1]).value() + " " + ids.secretAccessKey());
            return;
        }
        Options o = parse(args);
        switch (command) {
            case "call" -> call(o);
            case "lua" -> {
                if (o.out == null) {
                    usage();
                }
                Files.writeString(o.out, lua(o, Instant.now()), StandardCharsets.UTF_8);
                System.err.println("wrote " + o.count + " signed requests to " + o.out);
            }
            case "sessions" -> {
                if (o.out == null) {
                    usage();
                }
                sessions(o);
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: SignedRequestGenerator keys ACCOUNT_ID | call [options] | lua [options] --out FILE"
                + " (see the class comment)");
        System.exit(2);
    }

    static Options parse(String[] args) throws IOException {
        Options o = new Options();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--endpoint" -> o.endpoint = URI.create(value);
                case "--path" -> o.path = value;
                case "--service" -> o.service = value;
                case "--region" -> o.region = value;
                case "--content-type" -> o.contentType = value;
                case "--body" -> o.rawBody = value;
                case "--param" -> o.params.add(split(value));
                case "--header" -> o.headers.add(split(value));
                case "--param-file" -> {
                    String[] p = split(value);
                    p[1] = Files.readString(Path.of(p[1]), StandardCharsets.UTF_8).strip();
                    o.params.add(p);
                }
                case "--count" -> o.count = Integer.parseInt(value);
                case "--spread" -> o.spreadSeconds = Integer.parseInt(value);
                case "--out" -> o.out = Path.of(value);
                case "--authorize" -> o.authorize = value;
                case "--threads" -> o.threads = Integer.parseInt(value);
                case "--credentials-file" -> {
                    o.credentials = new ArrayList<>();
                    for (String line : Files.readAllLines(Path.of(value), StandardCharsets.UTF_8)) {
                        String[] f = line.trim().split(" ");
                        if (f.length == 3) {
                            o.credentials.add(new SigningCredentials(f[0], f[1], f[2]));
                        }
                    }
                    if (o.credentials.isEmpty()) {
                        throw new IllegalArgumentException("no credentials in " + value);
                    }
                    o.count = o.credentials.size();
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (o.count < 1 || o.spreadSeconds < 0 || o.spreadSeconds > 600) {
            throw new IllegalArgumentException("count must be positive and spread within 0..600 s");
        }
        if (o.credentials != null && o.count > o.credentials.size()) {
            throw new IllegalArgumentException("--count exceeds the lines of --credentials-file");
        }
        return o;
    }

    private static String[] split(String nameValue) {
        int eq = nameValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected Name=Value: " + nameValue);
        }
        return new String[] {nameValue.substring(0, eq), nameValue.substring(eq + 1)};
    }

    /** Form encoding as botocore does it: unreserved characters kept, everything else percent-encoded. */
    static String formEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static SigningCredentials credentials(String prefix) {
        String ak = System.getenv(prefix + "AK");
        String sk = System.getenv(prefix + "SK");
        if (ak == null || sk == null) {
            throw new IllegalArgumentException("set " + prefix + "AK and " + prefix + "SK");
        }
        String token = System.getenv(prefix + "TOKEN");
        return new SigningCredentials(ak, sk, token == null || token.isEmpty() ? null : token);
    }

    /** One request as wrk will send it: method, path, headers in order, body. */
    record Wire(String method, String path, Map<String, String> headers, String body) {
    }

    /** Signs request {@code index}, dated {@code at}. */
    static Wire signed(Options o, Instant at, int index) {
        SigV4Signer signer = new SigV4Signer(Clock.fixed(at, ZoneOffset.UTC));
        String body = o.authorize != null ? authorizeBody(o, signer) : o.body(index);
        List<SigV4Request.Header> headers = new ArrayList<>();
        headers.add(new SigV4Request.Header("Content-Type", o.authorize != null ? "application/json" : o.contentType));
        headers.add(new SigV4Request.Header("Host", o.host()));
        for (String[] h : o.headers) {
            headers.add(new SigV4Request.Header(h[0], h[1]));
        }
        String service = o.authorize != null ? "keygate" : o.service;
        SigV4Request request = new SigV4Request("POST", o.path, "", headers,
                body.getBytes(StandardCharsets.UTF_8), null);
        SigningCredentials credentials = o.credentials != null ? o.credentials.get(index) : credentials("KG_");
        SigV4Request signedRequest = signer.sign(request, credentials, o.region, service).request();
        Map<String, String> wire = new LinkedHashMap<>();
        for (SigV4Request.Header h : signedRequest.headers()) {
            wire.put(h.name(), h.value());
        }
        wire.put("User-Agent", USER_AGENT);
        wire.put("Accept-Encoding", "identity");
        return new Wire("POST", o.path, wire, body);
    }

    /**
     * The decision API body: the request an S3 client signed with its Keygate session credentials (as a resource
     * server received it) and the action/resource the resource server asks about.
     */
    static String authorizeBody(Options o, SigV4Signer signer) {
        String[] ar = o.authorize.split(",", 2);
        String action = ar[0];
        String resource = ar.length > 1 ? ar[1] : "arn:aws:s3:::bench-bucket/reports/q3.csv";
        String host = "s3." + o.region + ".amazonaws.com";
        String path = "/bench-bucket/reports/q3.csv";
        SigV4Request inner = new SigV4Request("GET", path, "", List.of(new SigV4Request.Header("Host", host)),
                new byte[0], null);
        SigV4Request signedInner = signer.sign(inner, credentials("KG_CLIENT_"), o.region, "s3",
                new SigV4Signer.Options(true, false, false)).request();
        StringBuilder json = new StringBuilder(2048);
        // the resource server states the service and host it serves (the decision API binds the request to them)
        json.append("{\"Service\":\"s3\",\"Host\":").append(jsonString(host))
                .append(",\"Action\":").append(jsonString(action))
                .append(",\"Resource\":").append(jsonString(resource))
                .append(",\"Context\":{\"aws:SourceIp\":\"127.0.0.1\",\"aws:SecureTransport\":\"true\"}")
                .append(",\"SignedRequest\":{\"Method\":\"GET\",\"Url\":")
                .append(jsonString("https://" + host + path)).append(",\"Headers\":{");
        boolean first = true;
        for (SigV4Request.Header h : signedInner.headers()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append(jsonString(h.name())).append(':').append(jsonString(h.value()));
        }
        json.append("},\"Body\":\"").append(Base64.getEncoder().encodeToString(new byte[0])).append("\"}}");
        return json.toString();
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The wrk script: every request pre-formatted once per thread in init(), then replayed round robin. */
    static String lua(Options o, Instant now) {
        StringBuilder s = new StringBuilder(o.count * 2048);
        s.append("-- Generated by io.keygate.bench.SignedRequestGenerator at ").append(now)
                .append(".\n-- SigV4-signed requests are accepted for 15 minutes after their date: regenerate "
                        + "before each run.\n");
        s.append("raw = {}\n");
        for (int i = 0; i < o.count; i++) {
            if (i % 1000 == 0) {
                // one function per 1,000 requests: LuaJIT allows 65,536 constants per function
                s.append(i == 0 ? "" : "end)()\n").append(";(function()\n");
            }
            Wire w = signed(o, now.minusSeconds((long) i * o.spreadSeconds % 600), i);
            s.append("raw[").append(i + 1).append("] = {").append(luaString(w.method())).append(", ")
                    .append(luaString(w.path())).append(", {");
            for (Map.Entry<String, String> h : w.headers().entrySet()) {
                s.append('[').append(luaString(h.getKey())).append("] = ").append(luaString(h.getValue()))
                        .append(", ");
            }
            s.append("}, ").append(luaString(w.body())).append("}\n");
        }
        s.append("end)()\n");
        s.append("""
                local reqs = {}
                local n = 0
                local i = 0
                local threads = 0
                function setup(thread)
                  thread:set("tid", threads)
                  threads = threads + 1
                end
                -- args[1]: the number of wrk threads; thread t replays requests t+1, t+1+T, t+1+2T, ... from a
                -- random start, so each request is sent by one thread only
                function init(args)
                  local t = tonumber(args[1]) or 1
                  local me = (tid or 0) % t
                  if #raw < t then t, me = 1, 0 end
                  for k = me + 1, #raw, t do
                    local r = raw[k]
                    n = n + 1
                    reqs[n] = wrk.format(r[1], r[2], r[3], r[4])
                  end
                  raw = nil
                  i = math.random(n) - 1
                end
                function request()
                  i = i % n + 1
                  return reqs[i]
                end
                """);
        return s.toString();
    }

    /** A Lua string literal for any bytes: printable ASCII kept, the rest as decimal escapes. */
    static String luaString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length + 2).append('"');
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append('\\').append(String.format(Locale.ROOT, "%03d", c));
            }
        }
        return b.append('"').toString();
    }

    /** Sends one signed request over a plain socket (so Host is exactly what was signed); prints status, body. */
    static void call(Options o) throws IOException {
        String[] answer = send(o, signed(o, Instant.now(), 0));
        System.out.println(answer[0]);
        System.out.println(answer[1]);
    }

    /** GetSessionToken --count times, {@code --threads} at a time; one "AK SK TOKEN" line per session. */
    static void sessions(Options o) throws Exception {
        Options gst = parse(new String[] {"sessions", "--endpoint", o.endpoint.toString(), "--param",
            "Action=GetSessionToken", "--param", "Version=2011-06-15", "--param", "DurationSeconds=3600"});
        ExecutorService pool = Executors.newFixedThreadPool(o.threads);
        List<Future<String>> lines = new ArrayList<>();
        for (int i = 0; i < o.count; i++) {
            lines.add(pool.submit(() -> {
                String[] answer = send(gst, signed(gst, Instant.now(), 0));
                if (!answer[0].equals("200")) {
                    throw new IOException("GetSessionToken answered " + answer[0] + ": " + answer[1]);
                }
                return element(answer[1], "AccessKeyId") + " " + element(answer[1], "SecretAccessKey") + " "
                        + element(answer[1], "SessionToken");
            }));
        }
        StringBuilder out = new StringBuilder();
        for (Future<String> line : lines) {
            out.append(line.get()).append('\n');
        }
        pool.shutdown();
        Files.writeString(o.out, out.toString(), StandardCharsets.UTF_8);
        System.err.println("wrote " + o.count + " sessions to " + o.out);
    }

    private static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        int end = xml.indexOf("</" + name + ">");
        if (start < 0 || end < start) {
            throw new IllegalStateException("no " + name + " in " + xml);
        }
        return xml.substring(start + name.length() + 2, end);
    }

    /** Sends one unsigned POST to {@code endpoint} (Host added): {status, body}. */
    static String[] sendUnsigned(URI endpoint, String path, Map<String, String> headers, String body)
            throws IOException {
        Options o = new Options();
        o.endpoint = endpoint;
        Map<String, String> wire = new LinkedHashMap<>();
        wire.put("Host", o.host());
        wire.putAll(headers);
        return send(o, new Wire("POST", path, wire, body));
    }

    /** Sends one signed request over a plain socket (so Host is exactly what was signed): {status, body}. */
    static String[] send(Options o, Wire w) throws IOException {
        String host = o.endpoint.getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("[::1]")) {
            throw new IllegalArgumentException("loopback endpoints only");
        }
        byte[] body = w.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder();
        head.append(w.method()).append(' ').append(w.path()).append(" HTTP/1.1\r\n");
        w.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket(host, o.endpoint.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            byte[] response = readAll(socket.getInputStream());
            String text = new String(response, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String headers = end < 0 ? text : text.substring(0, end);
            String payload = end < 0 ? "" : text.substring(end + 4);
            if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                payload = dechunk(payload);
            }
            String status = headers.split(" ", 3).length > 1 ? headers.split(" ", 3)[1] : "000";
            return new String[] {status, payload};
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int pos = 0;
        while (pos < chunked.length()) {
            int eol = chunked.indexOf("\r\n", pos);
            if (eol < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(pos, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, Math.min(chunked.length(), eol + 2 + size));
            pos = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
