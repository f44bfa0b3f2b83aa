package kr.codeb.control.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Build-time filter (registered as {@code mp.openapi.filter}) that makes the scanned document say what the service does
 * for every operation, by rule instead of by annotations repeated on each method: the errors an operation can answer
 * (SPEC §5) as problem+json, operationIds, one tag with a description, the two ways to send a key, servers, and JSON
 * Schema patterns. What differs per operation (summary, success statuses, bodies, nullable fields) stays in the
 * annotations next to the code.
 */
public class ApiContract implements OASFilter {

    static final String BEARER = "bearer";
    static final String API_KEY = "apiKey";

    /** Tag (one per feature, from the resources' {@code @Tag}) → its description in Swagger UI. */
    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("Teams", "Teams: created by system keys, read and changed by their owners and admins.");
        TAGS.put("Members", "People of a team and their roles (viewer, member, admin, owner).");
        TAGS.put("API keys", "Team API keys: the plaintext is returned once, at creation; revoking stops a key at once.");
        TAGS.put("Projects", "Projects of a team; names are global and normalised (My_App is my-app).");
        TAGS.put("Slots and deployments", "Blue-green slots of each environment and the release flow: deploy, report status,"
                + " promote, roll back, freeze, queue, cancel, deploy lock, history and stats.");
        TAGS.put("Promotion gates", "Per-environment policy: the service's own health checks of the slots, the gate on promote,"
                + " automatic rollback and promotion requests that need approvals.");
        TAGS.put("Environment variables", "Versioned, encrypted environment variables of a project environment.");
        TAGS.put("Domains", "Domains of a project and the route a reverse proxy asks for.");
        TAGS.put("Work tasks and file locks", "Work tasks, their progress notes and the file locks that keep two tasks off one file.");
        TAGS.put("Edge", "The Caddy in front: the on-demand TLS ask, the generated Caddy config and the sync status.");
        TAGS.put("Webhooks", "Signed webhooks (Standard Webhooks) of a team, their delivery log and redelivery.");
        TAGS.put("Audit log", "Every API call, rejected ones included; retention cleanup.");
        TAGS.put("Operations", "System-key views for operators: database statistics.");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.servers(List.of(OASFactory.createServer().url("/")
                .description("The service that serves this document (a CLI or generated client sets its own base URL)")));
        openAPI.getInfo().contact(OASFactory.createContact().name("CodeB platform team"));
        openAPI.getComponents().securitySchemes(Map.of(
                BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("Authorization: Bearer <API key>"),
                API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                        .name("X-API-Key").description("The same API key in the X-API-Key header")));
        openAPI.security(List.of(OASFactory.createSecurityRequirement().addScheme(BEARER),
                OASFactory.createSecurityRequirement().addScheme(API_KEY)));
        ProblemSchemas.addTo(openAPI.getComponents());
        SchemaRules.applyAll(openAPI.getComponents().getSchemas());
        openAPI.tags(TAGS.entrySet().stream()
                .map(t -> OASFactory.createTag().name(t.getKey()).description(t.getValue())).toList());
        openAPI.getPaths().getPathItems().forEach(this::operations);
    }

    private void operations(String path, PathItem item) {
        List<Parameter> shared = item.getParameters() == null ? List.of() : item.getParameters();
        item.getOperations().forEach((method, op) -> {
            List<Parameter> params = new ArrayList<>(shared);
            if (op.getParameters() != null) {
                params.addAll(op.getParameters());
            }
            if (op.getOperationId() != null) {
                op.operationId(OperationNames.of(op.getOperationId()));
            }
            tag(path, op);
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null) {
                op.getRequestBody().getContent().getMediaTypes().values().stream().map(MediaType::getSchema).forEach(SchemaRules::apply);
            }
            params.stream().map(Parameter::getSchema).forEach(SchemaRules::apply);
            errors(op, method != PathItem.HttpMethod.GET, params, path.contains("{"));
        });
    }

    private static void tag(String path, Operation op) {
        if (op.getTags() == null || op.getTags().isEmpty() || !TAGS.containsKey(op.getTags().get(0))) {
            throw new IllegalStateException("OpenAPI: " + path + " needs one @Tag of " + TAGS.keySet() + ", has " + op.getTags());
        }
        op.tags(List.of(op.getTags().get(0)));
    }

    /**
     * The error statuses of SPEC §5 that this operation can answer: every call can be unauthenticated, forbidden (role,
     * system-only), rate limited or meet a database outage; input can be invalid; a path names something that may not
     * exist; writes conflict; If-Match can fail; bodies can be too large or not JSON.
     */
    private static void errors(Operation op, boolean write, List<Parameter> params, boolean pathParams) {
        boolean body = op.getRequestBody() != null;
        boolean ifMatch = params.stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.getName()));
        Map<String, Boolean> applies = new LinkedHashMap<>();
        applies.put("400", body || !params.isEmpty());
        applies.put("401", true);
        applies.put("403", true);
        applies.put("404", pathParams);
        applies.put("409", write);
        applies.put("412", ifMatch);
        applies.put("413", body);
        applies.put("415", body);
        applies.put("429", true);
        applies.put("503", true);
        APIResponses responses = op.getResponses();
        applies.forEach((status, yes) -> {
            APIResponse declared = responses.getAPIResponse(status);
            if (declared != null) {
                // Keep the operation's own description of the case; the body is always a Problem.
                declared.content(ProblemSchemas.content());
                if (declared.getHeaders() == null) {
                    declared.headers(ProblemSchemas.response(status, declared.getDescription()).getHeaders());
                }
            } else if (yes) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(ProblemSchemas.refTo(status)));
            }
        });
    }
}
