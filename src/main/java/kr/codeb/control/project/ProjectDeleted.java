package kr.codeb.control.project;

/** Fired once after a project's deletion committed: its slots, domains and variables are gone with it. */
public record ProjectDeleted(String teamId, String name) {
}
