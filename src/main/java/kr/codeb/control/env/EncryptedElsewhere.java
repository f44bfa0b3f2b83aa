package kr.codeb.control.env;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Values outside the env tables that are encrypted with the env key (webhook secrets): when the key is rotated, each
 * implementation re-encrypts its values in the rotation's transaction, so a rotation never leaves one unreadable.
 */
public interface EncryptedElsewhere {

    /** Re-encrypts every value under {@code from} with {@code to} on {@code conn}; answers how many rows changed. */
    Uni<Integer> reencrypt(SqlConnection conn, EnvCipher from, EnvCipher to);
}
