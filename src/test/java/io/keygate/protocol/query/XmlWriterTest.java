package io.keygate.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class XmlWriterTest {

    private static XmlWriter write(XmlWriter xml) {
        xml.start("AssumeRoleResponse", "https://sts.amazonaws.com/doc/2011-06-15/")
                .start("AssumeRoleResult")
                .start("Credentials").element("AccessKeyId", "ASIAEXAMPLE").element("SessionToken", "a<b&c")
                .element("Missing", (String) null).end()
                .start("Tags").start("member").element("Key", "k").end().end()
                .start("Empty").end()
                .end()
                .start("ResponseMetadata").element("RequestId", "r-1").end()
                .end();
        return xml;
    }

    @Test
    void whenRecordingThenTheTreeIsWhatWasWrittenAndTheTextIsTheSame() {
        XmlWriter plain = write(new XmlWriter());
        XmlWriter recording = write(XmlWriter.recording());
        assertThat(recording.toString()).isEqualTo(plain.toString()).contains("<SessionToken>a&lt;b&amp;c</SessionToken>")
                .doesNotContain("Missing");
        assertThat(plain.recorded()).isNull();

        XmlWriter.Tree root = recording.recorded();
        assertThat(root.name()).isEqualTo("AssumeRoleResponse");
        assertThat(root.children()).extracting(XmlWriter.Tree::name)
                .containsExactly("AssumeRoleResult", "ResponseMetadata");
        XmlWriter.Tree result = root.child("AssumeRoleResult");
        assertThat(result.child("Credentials").children()).containsExactly(
                new XmlWriter.Tree("AccessKeyId", "ASIAEXAMPLE", List.of()),
                new XmlWriter.Tree("SessionToken", "a<b&c", List.of()));
        assertThat(result.child("Tags").children()).containsExactly(new XmlWriter.Tree("member", null,
                List.of(new XmlWriter.Tree("Key", "k", List.of()))));
        assertThat(result.child("Empty")).isEqualTo(new XmlWriter.Tree("Empty", null, List.of()));
        assertThat(result.child("Nope")).isNull();
    }

    @Test
    void whenAnElementIsLeftOpenThenTheAnswerIsRefused() {
        XmlWriter xml = XmlWriter.recording().start("A").start("B").end();
        assertThatThrownBy(xml::toString).isInstanceOf(IllegalStateException.class).hasMessageContaining("[A]");
        assertThat(xml.recorded()).isNull();
    }

    @Test
    void elementWhenTextNeedsEscapingAnywhereThenEveryCharacterEscapedAndPlainTextKept() {
        String[][] cases = {
            {"plain-ARN:aws/1", "plain-ARN:aws/1"},
            {"<start", "&lt;start"},
            {"mid&dle", "mid&amp;dle"},
            {"end>", "end&gt;"},
            {"q\"a'b", "q&quot;a&apos;b"},
            {"cr\rlf\n\ttab", "cr&#xD;lf\n\ttab"},
            {"bell\u0007x", "bell\uFFFDx"},
            {"é≠", "é≠"},
            {"", ""},
        };
        for (String[] c : cases) {
            String written = new XmlWriter().start("R").element("V", c[0]).end().toString();
            assertThat(written).as(c[0]).endsWith("<R><V>" + c[1] + "</V></R>");
        }
    }
}
