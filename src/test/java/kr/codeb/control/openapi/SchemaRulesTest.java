package kr.codeb.control.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The filter's schema rules and operation names, as plain values. */
class SchemaRulesTest {

    @Test
    void aListOfWordsBecomesAnEnum() {
        Schema plan = OASFactory.createSchema().addType(SchemaType.STRING).pattern("free|pro|enterprise");
        SchemaRules.apply(OASFactory.createSchema().addProperty("plan", plan));
        assertNull(plan.getPattern());
        assertEquals(List.of("free", "pro", "enterprise"), plan.getEnumeration());
    }

    @Test
    void aNullableEnumListsNull() {
        Schema slot = OASFactory.createSchema().type(List.of(SchemaType.STRING, SchemaType.NULL))
                .enumeration(List.of("blue", "green"));
        SchemaRules.apply(slot);
        assertEquals(Arrays.asList("blue", "green", null), slot.getEnumeration());
    }

    @Test
    void notBlankStaysASearch() {
        Schema name = OASFactory.createSchema().addType(SchemaType.STRING).pattern("\\S");
        SchemaRules.apply(name);
        assertEquals("\\S", name.getPattern());
    }

    /** Java's whole-value match and the rewritten ECMA-262 search (same syntax here) agree on each value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(?s).*[^\\x00-\\x20].*|  a  |true",
        "(?s).*[^\\x00-\\x20].*|'   '|false",
        "(?s).*[^\\x00-\\x20].*|'\nx\n'|true",
        "[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?|my-app|true",
        "[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?|x my-app|false",
        "[A-Za-z_][A-Za-z0-9_]{0,62}|app_db|true",
        "[A-Za-z_][A-Za-z0-9_]{0,62}|app-db|false"})
    void anchoredPatternsMeanWhatJavaMeant(String java, String value, boolean valid) {
        assertEquals(valid, Pattern.matches(java, value), "java");
        assertEquals(valid, Pattern.compile(SchemaRules.ecma(java)).matcher(value).find(), "rewritten: " + SchemaRules.ecma(java));
    }

    @ParameterizedTest
    @CsvSource({
        "TeamResource_list, listTeams",
        "ApiKeyResource_list, listApiKeys",
        "DeliveryResource_list, listWebhookDeliveries",
        "ProjectItemResource_get, getProject",
        "PromotionResource_promote, promote",
        "SlotResource_one, getEnvironmentSlots",
        "handWritten, handWritten"})
    void operationIdsReadAsCalls(String generated, String operationId) {
        assertEquals(operationId, OperationNames.of(generated));
    }
}
