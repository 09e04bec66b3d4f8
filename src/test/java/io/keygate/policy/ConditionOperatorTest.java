package io.keygate.policy;

import static io.keygate.policy.Fixtures.allowWhen;
import static io.keygate.policy.Fixtures.allows;
import static io.keygate.policy.Fixtures.ctx;
import static io.keygate.policy.Fixtures.many;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One table per operator family: a condition, a request context, whether the statement applies. */
class ConditionOperatorTest {

    record Case(String name, String condition, RequestContext request, boolean expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String condition, RequestContext request, boolean expected) {
        return new Case(name, condition, request, expected);
    }

    private static void check(Case c) {
        assertEquals(c.expected(), allows(allowWhen(c.condition()), c.request(), "arn:aws:s3:::b/k"), c.name());
    }

    static Stream<Case> strings() {
        String eq = "{\"StringEquals\":{\"aws:PrincipalTag/team\":[\"red\",\"blue\"]}}";
        String ne = "{\"StringNotEquals\":{\"aws:PrincipalTag/team\":[\"red\",\"blue\"]}}";
        String ic = "{\"StringEqualsIgnoreCase\":{\"aws:RequestedRegion\":\"EU-West-1\"}}";
        String nic = "{\"StringNotEqualsIgnoreCase\":{\"aws:RequestedRegion\":\"EU-West-1\"}}";
        String like = "{\"StringLike\":{\"s3:prefix\":[\"home/*\",\"pub?ic/\"]}}";
        String notLike = "{\"StringNotLike\":{\"s3:prefix\":\"home/*\"}}";
        return Stream.of(
                c("StringEquals first value", eq, ctx("aws:PrincipalTag/team", "red"), true),
                c("StringEquals second value (values OR)", eq, ctx("aws:PrincipalTag/team", "blue"), true),
                c("StringEquals is case-sensitive", eq, ctx("aws:PrincipalTag/team", "Red"), false),
                c("StringEquals key name is case-insensitive", eq, ctx("AWS:principaltag/TEAM", "red"), true),
                c("StringEquals missing key is false", eq, ctx(), false),
                c("StringNotEquals other value", ne, ctx("aws:PrincipalTag/team", "green"), true),
                c("StringNotEquals listed value (NOR)", ne, ctx("aws:PrincipalTag/team", "blue"), false),
                c("StringNotEquals missing key is true", ne, ctx(), true),
                c("StringEqualsIgnoreCase matches any case", ic, ctx("aws:RequestedRegion", "eu-west-1"), true),
                c("StringEqualsIgnoreCase other value", ic, ctx("aws:RequestedRegion", "us-east-1"), false),
                c("StringNotEqualsIgnoreCase same value any case", nic, ctx("aws:RequestedRegion", "EU-WEST-1"), false),
                c("StringNotEqualsIgnoreCase other value", nic, ctx("aws:RequestedRegion", "us-east-1"), true),
                c("StringLike star", like, ctx("s3:prefix", "home/alice/x"), true),
                c("StringLike question mark", like, ctx("s3:prefix", "public/"), true),
                c("StringLike question mark needs one char", like, ctx("s3:prefix", "pubic/"), false),
                c("StringLike no match", like, ctx("s3:prefix", "etc/"), false),
                c("StringLike is case-sensitive", like, ctx("s3:prefix", "HOME/a"), false),
                c("StringNotLike other", notLike, ctx("s3:prefix", "etc/"), true),
                c("StringNotLike matching", notLike, ctx("s3:prefix", "home/x"), false),
                c("StringNotLike missing key is true", notLike, ctx(), true),
                c("StringEquals number value in policy", "{\"StringEquals\":{\"s3:max-keys\":10}}",
                        ctx("s3:max-keys", "10"), true),
                c("StringEquals multi-valued key without qualifier matches any",
                        "{\"StringEquals\":{\"aws:TagKeys\":\"a\"}}", ctx("aws:TagKeys", many("b", "a")), true));
    }

    static Stream<Case> numbers() {
        return Stream.of(
                c("NumericEquals", "{\"NumericEquals\":{\"s3:max-keys\":\"10\"}}", ctx("s3:max-keys", "10"), true),
                c("NumericEquals decimal form", "{\"NumericEquals\":{\"s3:max-keys\":\"10\"}}",
                        ctx("s3:max-keys", "10.0"), true),
                c("NumericEquals differs", "{\"NumericEquals\":{\"s3:max-keys\":\"10\"}}", ctx("s3:max-keys", "11"), false),
                c("NumericNotEquals differs", "{\"NumericNotEquals\":{\"s3:max-keys\":\"10\"}}",
                        ctx("s3:max-keys", "11"), true),
                c("NumericNotEquals missing key is true", "{\"NumericNotEquals\":{\"s3:max-keys\":\"10\"}}", ctx(), true),
                c("NumericLessThan below", "{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}", ctx("s3:max-keys", "9"), true),
                c("NumericLessThan equal", "{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}", ctx("s3:max-keys", "10"), false),
                c("NumericLessThanEquals equal", "{\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}}",
                        ctx("s3:max-keys", "10"), true),
                c("NumericGreaterThan above", "{\"NumericGreaterThan\":{\"aws:MultiFactorAuthAge\":3600}}",
                        ctx("aws:MultiFactorAuthAge", "3601"), true),
                c("NumericGreaterThan equal", "{\"NumericGreaterThan\":{\"aws:MultiFactorAuthAge\":3600}}",
                        ctx("aws:MultiFactorAuthAge", "3600"), false),
                c("NumericGreaterThanEquals equal", "{\"NumericGreaterThanEquals\":{\"aws:MultiFactorAuthAge\":3600}}",
                        ctx("aws:MultiFactorAuthAge", "3600"), true),
                c("Numeric with non-number context value", "{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}",
                        ctx("s3:max-keys", "ten"), false),
                c("Numeric missing key", "{\"NumericLessThan\":{\"s3:max-keys\":\"10\"}}", ctx(), false));
    }

    static Stream<Case> dates() {
        String lt = "{\"DateLessThan\":{\"aws:CurrentTime\":\"2020-04-01T00:00:00Z\"}}";
        String gt = "{\"DateGreaterThan\":{\"aws:TokenIssueTime\":\"2020-01-01T00:00:00Z\"}}";
        return Stream.of(
                c("DateLessThan before", lt, ctx("aws:CurrentTime", "2020-03-31T23:59:59Z"), true),
                c("DateLessThan at", lt, ctx("aws:CurrentTime", "2020-04-01T00:00:00Z"), false),
                c("DateLessThanEquals at", "{\"DateLessThanEquals\":{\"aws:CurrentTime\":\"2020-04-01T00:00:00Z\"}}",
                        ctx("aws:CurrentTime", "2020-04-01T00:00:00Z"), true),
                c("DateLessThan with offset", lt, ctx("aws:CurrentTime", "2020-04-01T01:30:00+02:00"), true),
                c("DateGreaterThan after", gt, ctx("aws:TokenIssueTime", "2020-06-01T00:00:00Z"), true),
                c("DateGreaterThan before", gt, ctx("aws:TokenIssueTime", "2019-06-01T00:00:00Z"), false),
                c("DateGreaterThanEquals at", "{\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"2020-01-01\"}}",
                        ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), true),
                c("DateEquals epoch vs ISO", "{\"DateEquals\":{\"aws:EpochTime\":\"2020-01-01T00:00:00Z\"}}",
                        ctx("aws:EpochTime", "1577836800"), true),
                c("DateNotEquals differs", "{\"DateNotEquals\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}",
                        ctx("aws:CurrentTime", "2020-01-02T00:00:00Z"), true),
                c("Date policy value in epoch seconds", "{\"DateGreaterThan\":{\"aws:CurrentTime\":1577836800}}",
                        ctx("aws:CurrentTime", "2020-01-02T00:00:00Z"), true),
                c("Date with milliseconds", lt, ctx("aws:CurrentTime", "2020-03-31T23:59:59.999Z"), true),
                c("Date unparseable context value", lt, ctx("aws:CurrentTime", "yesterday"), false),
                c("Date missing key", lt, ctx(), false));
    }

    static Stream<Case> bools() {
        String mfa = "{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}";
        return Stream.of(
                c("Bool true", mfa, ctx("aws:MultiFactorAuthPresent", "true"), true),
                c("Bool false", mfa, ctx("aws:MultiFactorAuthPresent", "false"), false),
                c("Bool is case-insensitive", mfa, ctx("aws:MultiFactorAuthPresent", "TRUE"), true),
                c("Bool missing key", mfa, ctx(), false),
                c("Bool JSON boolean in policy", "{\"Bool\":{\"aws:SecureTransport\":false}}",
                        ctx("aws:SecureTransport", "false"), true),
                c("BoolIfExists missing key", "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}", ctx(), true),
                c("BoolIfExists present false", "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}",
                        ctx("aws:MultiFactorAuthPresent", "false"), true),
                c("BoolIfExists present true", "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}",
                        ctx("aws:MultiFactorAuthPresent", "true"), false));
    }

    static Stream<Case> binaries() {
        String be = "{\"BinaryEquals\":{\"ec2:Key\":\"QmluYXJ5VmFsdWU=\"}}";
        return Stream.of(
                c("BinaryEquals same bytes", be, ctx("ec2:Key", "QmluYXJ5VmFsdWU="), true),
                c("BinaryEquals other bytes", be, ctx("ec2:Key", "T3RoZXI="), false),
                c("BinaryEquals not base64", be, ctx("ec2:Key", "%%%"), false),
                c("BinaryEquals missing", be, ctx(), false));
    }

    static Stream<Case> ips() {
        String v4 = "{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"198.51.100.7\"]}}";
        String v6 = "{\"IpAddress\":{\"aws:SourceIp\":\"2001:DB8:1234:5678::/64\"}}";
        String not = "{\"NotIpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\",\"2001:db8::/32\"]}}";
        return Stream.of(
                c("IpAddress inside v4 block", v4, ctx("aws:SourceIp", "203.0.113.200"), true),
                c("IpAddress outside v4 block", v4, ctx("aws:SourceIp", "203.0.114.1"), false),
                c("IpAddress single address", v4, ctx("aws:SourceIp", "198.51.100.7"), true),
                c("IpAddress single address neighbour", v4, ctx("aws:SourceIp", "198.51.100.8"), false),
                c("IpAddress v6 inside", v6, ctx("aws:SourceIp", "2001:db8:1234:5678:abcd::1"), true),
                c("IpAddress v6 outside", v6, ctx("aws:SourceIp", "2001:db8:1234:5679::1"), false),
                c("IpAddress v6 vs v4 block", v4, ctx("aws:SourceIp", "2001:db8::1"), false),
                c("IpAddress garbage address", v4, ctx("aws:SourceIp", "example.com"), false),
                c("IpAddress leading zero refused", v4, ctx("aws:SourceIp", "203.0.113.010"), false),
                c("IpAddress missing key", v4, ctx(), false),
                c("NotIpAddress outside", not, ctx("aws:SourceIp", "203.0.113.9"), true),
                c("NotIpAddress inside v4", not, ctx("aws:SourceIp", "192.0.2.44"), false),
                c("NotIpAddress inside v6", not, ctx("aws:SourceIp", "2001:db8::44"), false),
                c("NotIpAddress missing key is true", not, ctx(), true),
                c("IpAddress /0 matches all v4", "{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}",
                        ctx("aws:SourceIp", "8.8.8.8"), true),
                c("IpAddress embedded v4 in v6", "{\"IpAddress\":{\"aws:SourceIp\":\"::ffff:10.0.0.0/104\"}}",
                        ctx("aws:SourceIp", "::ffff:10.1.2.3"), true));
    }

    static Stream<Case> arns() {
        String like = "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:111122223333:topic-*\"}}";
        String eq = "{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/Admin\"}}";
        return Stream.of(
                c("ArnLike wildcard region and name", like, ctx("aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:topic-a"), true),
                c("ArnLike other account", like, ctx("aws:SourceArn", "arn:aws:sns:eu-west-1:444455556666:topic-a"), false),
                c("ArnLike star does not span segments",
                        "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:topic\"}}",
                        ctx("aws:SourceArn", "arn:aws:sns:eu-west-1:111122223333:topic"), false),
                c("ArnEquals exact", eq, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Admin"), true),
                c("ArnEquals other role", eq, ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Dev"), false),
                c("ArnEquals behaves like ArnLike", "{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/*\"}}",
                        ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Dev"), true),
                c("ArnNotLike other", "{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:111122223333:*\"}}",
                        ctx("aws:SourceArn", "arn:aws:sqs:us-east-1:111122223333:q"), true),
                c("ArnNotEquals same", "{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/Admin\"}}",
                        ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/Admin"), false),
                c("ArnNotLike missing key is true", "{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:*:*\"}}", ctx(), true),
                c("ArnLike context value not an ARN", like, ctx("aws:SourceArn", "topic-a"), false));
    }

    static Stream<Case> nulls() {
        String absent = "{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}";
        String present = "{\"Null\":{\"aws:TokenIssueTime\":\"false\"}}";
        return Stream.of(
                c("Null true with key absent", absent, ctx(), true),
                c("Null true with key present", absent, ctx("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), false),
                c("Null false with key present", present, ctx("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), true),
                c("Null false with key absent", present, ctx(), false),
                c("Null true with empty multi-valued key", "{\"Null\":{\"aws:TagKeys\":\"true\"}}",
                        ctx("aws:TagKeys", many()), true),
                c("Null does not substitute variables", "{\"Null\":{\"aws:PrincipalTag/${aws:username}\":\"false\"}}",
                        ctx("aws:PrincipalTag/${aws:username}", "x"), true));
    }

    static Stream<Case> ifExists() {
        String s = "{\"StringEqualsIfExists\":{\"ec2:InstanceType\":[\"t2.micro\",\"t3.micro\"]}}";
        return Stream.of(
                c("IfExists key absent", s, ctx(), true),
                c("IfExists key present and matching", s, ctx("ec2:InstanceType", "t3.micro"), true),
                c("IfExists key present and not matching", s, ctx("ec2:InstanceType", "m5.large"), false),
                c("NumericLessThanIfExists absent", "{\"NumericLessThanIfExists\":{\"s3:max-keys\":5}}", ctx(), true),
                c("DateLessThanIfExists present", "{\"DateLessThanIfExists\":{\"aws:CurrentTime\":\"2020-01-01\"}}",
                        ctx("aws:CurrentTime", "2021-01-01T00:00:00Z"), false),
                c("IpAddressIfExists absent", "{\"IpAddressIfExists\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}", ctx(), true),
                c("ArnLikeIfExists absent", "{\"ArnLikeIfExists\":{\"aws:SourceArn\":\"arn:aws:*:*:*:*\"}}", ctx(), true),
                c("StringNotEqualsIfExists present equal", "{\"StringNotEqualsIfExists\":{\"k:k\":\"a\"}}",
                        ctx("k:k", "a"), false));
    }

    static Stream<Case> setOperators() {
        String all = "{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\"]}}";
        String any = "{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"env\",\"team\"]}}";
        String allNot = "{\"ForAllValues:StringNotLike\":{\"aws:TagKeys\":\"aws:*\"}}";
        String anyNot = "{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":\"env\"}}";
        return Stream.of(
                c("ForAllValues subset", all, ctx("aws:TagKeys", many("env")), true),
                c("ForAllValues all listed", all, ctx("aws:TagKeys", many("team", "env")), true),
                c("ForAllValues one extra", all, ctx("aws:TagKeys", many("env", "cost")), false),
                c("ForAllValues missing key is true", all, ctx(), true),
                c("ForAllValues empty key is true", all, ctx("aws:TagKeys", many()), true),
                c("ForAnyValue one listed", any, ctx("aws:TagKeys", many("cost", "team")), true),
                c("ForAnyValue none listed", any, ctx("aws:TagKeys", many("cost")), false),
                c("ForAnyValue missing key is false", any, ctx(), false),
                c("ForAnyValue empty key is false", any, ctx("aws:TagKeys", many()), false),
                c("ForAnyValue single-valued key", any, ctx("aws:TagKeys", "env"), true),
                c("ForAllValues negated all clean", allNot, ctx("aws:TagKeys", many("env", "team")), true),
                c("ForAllValues negated one reserved", allNot, ctx("aws:TagKeys", many("env", "aws:x")), false),
                c("ForAnyValue negated one other", anyNot, ctx("aws:TagKeys", many("env", "cost")), true),
                c("ForAnyValue negated only excluded", anyNot, ctx("aws:TagKeys", many("env")), false),
                c("ForAnyValue:StringLikeIfExists missing", "{\"ForAnyValue:StringLikeIfExists\":{\"aws:TagKeys\":\"e*\"}}",
                        ctx(), true),
                c("ForAllValues:StringLike wildcard",
                        "{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"team-*\",\"env\"]}}",
                        ctx("aws:TagKeys", many("team-a", "env")), true),
                c("Keys within an operator AND",
                        "{\"StringEquals\":{\"aws:PrincipalTag/a\":\"1\",\"aws:PrincipalTag/b\":\"2\"}}",
                        ctx("aws:PrincipalTag/a", "1", "aws:PrincipalTag/b", "3"), false),
                c("Operators within a condition AND",
                        "{\"StringEquals\":{\"aws:PrincipalTag/a\":\"1\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}",
                        ctx("aws:PrincipalTag/a", "1", "aws:SecureTransport", "true"), true));
    }

    static Stream<Case> variables() {
        String own = "{\"StringEquals\":{\"s3:prefix\":\"home/${aws:username}/\"}}";
        String dflt = "{\"StringEquals\":{\"aws:ResourceTag/team\":\"${aws:PrincipalTag/team, 'none'}\"}}";
        String specials = "{\"StringEquals\":{\"s3:prefix\":\"a${*}b${?}c${$}d\"}}";
        String likeVar = "{\"StringLike\":{\"s3:prefix\":\"home/${aws:username}/*\"}}";
        return Stream.of(
                c("variable resolves", own, ctx("s3:prefix", "home/alice/"), true),
                c("variable other user", own, ctx("s3:prefix", "home/bob/"), false),
                c("variable default used when tag absent", dflt, ctx("aws:ResourceTag/team", "none"), true),
                c("variable value wins over default", dflt,
                        ctx("aws:ResourceTag/team", "red", "aws:PrincipalTag/team", "red"), true),
                c("variable value, default not used", dflt,
                        ctx("aws:ResourceTag/team", "none", "aws:PrincipalTag/team", "red"), false),
                c("specials are literal characters", specials, ctx("s3:prefix", "a*b?c$d"), true),
                c("special star is not a wildcard in StringLike",
                        "{\"StringLike\":{\"s3:prefix\":\"a${*}\"}}", ctx("s3:prefix", "ab"), false),
                c("substituted star is literal", likeVar,
                        ctx("s3:prefix", "home/al/x", "aws:username", "a*"), false),
                c("substituted value with wildcard after it", likeVar, ctx("s3:prefix", "home/alice/docs/x"), true),
                // IAM User Guide, "Policy variables with no value": nothing equals or is like it.
                c("variable with no value equals nothing, not even the empty string",
                        "{\"StringEquals\":{\"s3:prefix\":\"${aws:PrincipalTag/none}\"}}", ctx("s3:prefix", ""), false),
                c("variable with no value: negated operator is true",
                        "{\"StringNotEquals\":{\"s3:prefix\":\"${aws:PrincipalTag/none}\"}}", ctx("s3:prefix", "x"), true),
                c("StringNotEquals against an absent principal tag is true",
                        "{\"StringNotEquals\":{\"aws:ResourceTag/Team\":\"${aws:PrincipalTag/Team}\"}}",
                        ctx("aws:ResourceTag/Team", "red"), true),
                c("StringNotLike against a variable with no value is true",
                        "{\"StringNotLike\":{\"s3:prefix\":\"home/${aws:PrincipalTag/none}/*\"}}",
                        ctx("s3:prefix", "home/x/y"), true),
                c("ArnNotLike against a variable with no value is true",
                        "{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:iam::*:user/${aws:PrincipalTag/none}\"}}",
                        ctx("aws:SourceArn", "arn:aws:iam::111122223333:user/alice"), true),
                c("ArnLike against a variable with no value is false",
                        "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:iam::*:user/${aws:PrincipalTag/none}\"}}",
                        ctx("aws:SourceArn", "arn:aws:iam::111122223333:user/alice"), false),
                c("a variable with no value does not hide the other values",
                        "{\"StringEquals\":{\"s3:prefix\":[\"${aws:PrincipalTag/none}\",\"x\"]}}",
                        ctx("s3:prefix", "x"), true),
                c("negated: the other values still count",
                        "{\"StringNotEquals\":{\"s3:prefix\":[\"${aws:PrincipalTag/none}\",\"x\"]}}",
                        ctx("s3:prefix", "x"), false),
                c("multi-valued key is not substituted",
                        "{\"StringEquals\":{\"s3:prefix\":\"${aws:TagKeys}\"}}",
                        ctx("s3:prefix", "a", "aws:TagKeys", many("a")), false),
                c("variable in ArnLike", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:iam::*:user/${aws:username}\"}}",
                        ctx("aws:SourceArn", "arn:aws:iam::111122223333:user/alice"), true),
                c("variable with colon in value stays in its segment",
                        "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::b/${aws:userid}/*\"}}",
                        ctx("aws:SourceArn", "arn:aws:s3:::b/AIDAALICE/x"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void string(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numbers")
    void numeric(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dates")
    void date(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bools")
    void bool(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void binary(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ips")
    void ipAddress(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arns")
    void arn(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nulls")
    void nullCheck(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ifExists")
    void ifExistsModifier(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setOperators")
    void setOperator(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variables")
    void policyVariable(Case c) {
        check(c);
    }
}
