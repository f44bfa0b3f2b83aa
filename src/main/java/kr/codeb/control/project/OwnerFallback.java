package kr.codeb.control.project;

import java.util.Optional;

/**
 * Who owns a project while the database is unreachable: the file registry knows the team of every project with slots.
 * Implemented there; the project gate only asks.
 */
public interface OwnerFallback {

    Optional<String> teamOf(String project);
}
