package kr.codeb.control.slot;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A slot transition that needs nothing but the pair to be decided, so it can be accepted while the database is down and
 * replayed later: a rollback or a health report. {@link #args} is what the journal keeps of it.
 */
public sealed interface SlotCommand {

    /** The journal's name of the operation, also the audit action after {@code slot.}. */
    String op();

    SlotMachine.Result decide(SlotPair pair);

    Map<String, Object> args();

    /** Back to the grace side. */
    record Rollback(String reason) implements SlotCommand {
        @Override
        public String op() {
            return "rollback";
        }

        @Override
        public SlotMachine.Result decide(SlotPair pair) {
            return SlotMachine.rollback(pair);
        }

        @Override
        public Map<String, Object> args() {
            return Map.of("reason", reason == null ? "" : reason);
        }
    }

    /** A health report for one side. */
    record Health(SlotColor slot, HealthStatus status) implements SlotCommand {
        @Override
        public String op() {
            return "health";
        }

        @Override
        public SlotMachine.Result decide(SlotPair pair) {
            return SlotMachine.health(pair, slot, status);
        }

        @Override
        public Map<String, Object> args() {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("slot", slot.wire());
            args.put("healthStatus", status.wire());
            return args;
        }
    }

    /** The command a journal line holds; null for an operation or arguments this version does not know. */
    public static SlotCommand parse(String op, Map<String, Object> args) {
        if (args == null) {
            return null;
        }
        return switch (op == null ? "" : op) {
            case "rollback" -> new Rollback(args.get("reason") == null ? null : String.valueOf(args.get("reason")));
            case "health" -> SlotColor.parse(String.valueOf(args.get("slot")))
                    .flatMap(side -> HealthStatus.parse(String.valueOf(args.get("healthStatus"))).map(s -> (SlotCommand) new Health(side, s)))
                    .orElse(null);
            default -> null;
        };
    }
}
