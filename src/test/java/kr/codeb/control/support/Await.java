package kr.codeb.control.support;

import java.util.function.BooleanSupplier;

/** Polls a condition until it holds, failing the test with what was awaited when it does not hold in time. */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, long timeoutMs, String what) {
        long end = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
