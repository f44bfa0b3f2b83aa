package kr.codeb.control.openapi;

import java.util.Locale;
import java.util.Map;

/**
 * Stable camelCase operationIds, derived from the resource method that serves the operation: {@code verb + Noun}, where
 * the verb is the Java method's name and the noun its class's (without {@code Resource}). A client generator turns these
 * into method names, so they must not change when code moves and must read as a call ({@code promote},
 * {@code listProjects}); the two tables hold the cases where the Java names alone do not.
 */
final class OperationNames {

    /** Class → noun, where the class name is not the thing the operation acts on. */
    private static final Map<String, String> NOUNS = Map.ofEntries(
            Map.entry("DeliveryResource", "WebhookDelivery"),
            Map.entry("AuditAdminResource", "AuditLogs"),
            Map.entry("EnvResource", "Variables"),
            Map.entry("EnvHistoryResource", "Variables"),
            Map.entry("ProjectItemResource", "Project"),
            Map.entry("TaskLockResource", "FileLock"),
            Map.entry("ProjectLockResource", "FileLock"),
            Map.entry("ReleaseResource", ""),
            Map.entry("DeploymentHistoryResource", "Deployment"),
            Map.entry("DomainRouteResource", "Domain"));

    /** Class_method → operationId, where verb + noun would not read as a call. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("WebhookResource_rotate", "rotateWebhookSecret"),
            Map.entry("EnvHistoryResource_versions", "listVariableVersions"),
            Map.entry("EnvHistoryResource_version", "getVariableVersion"),
            Map.entry("WorkTaskResource_note", "addWorkTaskNote"),
            Map.entry("TaskLockResource_lock", "lockFile"),
            Map.entry("TaskLockResource_unlock", "unlockFile"),
            Map.entry("ProjectLockResource_check", "checkFileLocks"),
            Map.entry("SlotResource_ofProject", "listProjectSlots"),
            Map.entry("SlotResource_one", "getEnvironmentSlots"),
            Map.entry("SlotResource_health", "reportSlotHealth"),
            Map.entry("SlotResource_freeze", "freezeEnvironment"),
            Map.entry("SlotResource_unfreeze", "unfreezeEnvironment"),
            Map.entry("DeployLockResource_cancel", "cancelDeployment"),
            Map.entry("DeployLockResource_lock", "getDeployLock"),
            Map.entry("DeploymentHistoryResource_stats", "getDeploymentStats"),
            Map.entry("DeploymentResource_deploy", "deploy"),
            Map.entry("DeploymentResource_report", "reportDeploymentStatus"),
            Map.entry("DomainRouteResource_route", "getDomainRoute"),
            Map.entry("PromotionResource_promote", "promote"),
            Map.entry("PolicyResource_get", "getEnvironmentPolicy"),
            Map.entry("PolicyResource_put", "putEnvironmentPolicy"));

    private OperationNames() {
    }

    /**
     * The operationId for one SmallRye generated with the {@code CLASS_METHOD} strategy ({@code SlotResource_one}); an id
     * written by hand in {@code @Operation(operationId)} (no underscore) is kept as it is.
     */
    static String of(String generated) {
        int split = generated.lastIndexOf('_');
        if (split < 0) {
            return generated;
        }
        String named = NAMES.get(generated);
        if (named != null) {
            return named;
        }
        String type = generated.substring(0, split);
        String method = generated.substring(split + 1);
        String noun = NOUNS.getOrDefault(type, type.replaceFirst("Resource$", ""));
        return method + (method.equals("list") ? plural(noun) : noun);
    }

    private static String plural(String noun) {
        String lower = noun.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s")) {
            return noun;
        }
        boolean consonantY = lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0;
        return consonantY ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }
}
