package kr.codeb.control.project;

/** The settable columns of a project, as the repository writes them (null: none, or "keep" for a patch). */
record ProjectValues(String type, String databaseName, Integer databasePort, Integer redisDb, Integer redisPort) {
}
