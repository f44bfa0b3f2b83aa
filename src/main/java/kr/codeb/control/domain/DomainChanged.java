package kr.codeb.control.domain;

/**
 * Fired once after a committed domain create, change or delete ({@code status} null: deleted), carrying what the edge
 * sync and the {@code /proxy/ask} memory need, so that neither reads the row again.
 */
public record DomainChanged(String teamId, String domain, String projectName, String environment, String status) {
}
