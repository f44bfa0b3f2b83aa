package kr.codeb.control.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    /** A body with one field of each kind the API binds. */
    record Body(String text, Integer number, Boolean flag, Map<String, Object> free, List<String> list) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        new StrictJson().customize(MAPPER);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"text\":true}", "{\"text\":1}", "{\"text\":1.5}", "{\"text\":{}}", "{\"text\":[\"a\"]}",
            "{\"number\":\"1\"}", "{\"number\":\"\"}", "{\"number\":1.5}", "{\"number\":true}",
            "{\"flag\":\"true\"}", "{\"flag\":1}", "{\"flag\":\"\"}",
            "{\"text\":\"a\\u0000b\"}", "{\"text\":\"\\ud800\"}", "{\"text\":\"\\udc00\\ud800\"}", "{\"text\":\"x\\ud83d\"}",
            "{\"free\":{\"k\":\"\\u0000\"}}", "{\"free\":{\"k\":[\"\\ud800\"]}}", "{\"list\":[\"\\u0000\"]}", "{\"list\":[1]}"})
    void refusedWithTheFieldNamed(String json) {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> MAPPER.readValue(json, Body.class));
        assertEquals(false, e.getPath().isEmpty(), json);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"text\":\"a\"} x", "{\"text\":\"a\"}{}", "{\"text\":\"a\"}]"})
    void textAfterTheValueIsMalformed(String json) {
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> MAPPER.readValue(json, Body.class));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"text\":\"plain\"}|plain",
        "{\"text\":\"\"}|''",
        "{\"text\":\"\\ud83d\\ude00 \\ud55c\\uae00 e\\u0301\"}|\uD83D\uDE00 \uD55C\uAE00 e\u0301",
        "{\"text\":\"tab\\tnew\\nline\"}|'tab\tnew\nline'"})
    void storableTextIsReadAsSent(String json, String expected) throws Exception {
        assertEquals(expected, MAPPER.readValue(json, Body.class).text());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"number\":7,\"flag\":false,\"free\":{\"a\":[1,\"b\",null,true]},\"list\":[\"x\"]}",
            "{\"text\":null,\"number\":null,\"flag\":null}", "{}"})
    void valuesOfTheRightTypeAndNullsAreAccepted(String json) throws Exception {
        MAPPER.readValue(json, Body.class);
    }
}
