package io.keygate.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.keygate.auth.Authorizer;
import io.keygate.auth.Caller;
import io.keygate.credentials.SecretSealer;
import io.keygate.error.AwsErrorCode;
import io.keygate.error.EntityException;
import io.keygate.iam.AccountRepository;
import io.keygate.iam.UserRepository;
import io.keygate.protocol.query.QueryParams;
import io.keygate.protocol.query.ResultWriter;

/**
 * {@code CreateVirtualMFADevice}: a new TOTP seed, returned once as {@code Base32StringSeed} and as a
 * {@code QRCodePNG} of {@code otpauth://totp/<name>@<account>?secret=<seed>}; stored only sealed.
 */
public final class CreateVirtualMfaDevice extends MfaActions {

    private final SecretSealer sealer;
    private final AccountRepository accounts;

    public CreateVirtualMfaDevice(MfaDeviceRepository devices, UserRepository users, AccountRepository accounts,
                                  SecretSealer sealer, Authorizer authorizer, Clock clock) {
        super(devices, users, authorizer, clock);
        this.sealer = sealer;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "CreateVirtualMFADevice";
    }

    @Override
    public ResultWriter execute(QueryParams params, Caller caller) {
        String name = params.string("VirtualMFADeviceName", true, 1, 226, NAME);
        String path = params.string("Path", false, 1, 512, PATH);
        path = path == null ? "/" : path;
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, String> tag : tags(params)) {
            String key = tag.get("Key");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw QueryParams.constraint("Tags", String.valueOf(key), "Member must have length between 1 and 128");
            }
            tags.put(key, tag.getOrDefault("Value", ""));
        }
        String serial = "arn:" + caller.partition().id() + ":iam::" + caller.accountId() + ":mfa" + path + name;
        authorizer.authorize(caller, "iam:CreateVirtualMFADevice", serial);
        String seed = TotpCheck.newSeedText();
        VirtualMfaDevice device = new VirtualMfaDevice(caller.accountId(), serial, name, path,
                sealer.seal(serial, seed), null, null, false, null, 0, clock.instant(), tags);
        if (!devices.create(device)) {
            throw new EntityException(AwsErrorCode.EntityAlreadyExists,
                    "MFADevice entity at the same path and name already exists.");
        }
        String accountName = accounts.find(caller.accountId())
                .map(a -> a.alias() != null ? a.alias() : a.id()).orElse(caller.accountId());
        String uri = "otpauth://totp/" + encode(name + "@" + accountName) + "?secret=" + seed;
        byte[] png = QrCodes.png(uri);
        Base64.Encoder b64 = Base64.getEncoder();
        return xml -> xml.start("VirtualMFADevice")
                .element("SerialNumber", serial)
                .element("Base32StringSeed", b64.encodeToString(seed.getBytes(StandardCharsets.US_ASCII)))
                .element("QRCodePNG", b64.encodeToString(png))
                .end();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
