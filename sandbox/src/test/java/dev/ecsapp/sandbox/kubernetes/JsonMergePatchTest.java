package dev.ecsapp.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The examples of RFC 7386, appendix A. */
    @ParameterizedTest(name = "{0} patched with {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"b\"}                     | {\"a\":\"c\"}                 | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                     | {\"b\":\"c\"}                 | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                     | {\"a\":null}                  | {}",
        "{\"a\":\"b\",\"b\":\"c\"}         | {\"a\":null}                  | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}                   | {\"a\":\"c\"}                 | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                     | {\"a\":[\"b\"]}               | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}             | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}           | {\"a\":[1]}                   | {\"a\":[1]}",
        "[\"a\",\"b\"]                     | [\"c\",\"d\"]                 | [\"c\",\"d\"]",
        "{\"a\":\"b\"}                     | [\"c\"]                       | [\"c\"]",
        "{\"a\":\"foo\"}                   | null                          | null",
        "{\"a\":\"foo\"}                   | \"bar\"                       | \"bar\"",
        "{\"e\":null}                      | {\"a\":1}                     | {\"e\":null,\"a\":1}",
        "[1,2]                             | {\"a\":\"b\",\"c\":null}      | {\"a\":\"b\"}",
        "{}                                | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
    })
    void theRfcExamplesGiveTheRfcResults(String target, String patch, String result) {
        assertThat(JsonMergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
