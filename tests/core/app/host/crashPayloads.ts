/** Payloads that make crashingWorker.ts die in the middle of a call (no other imports: it runs in the worker). */
export const CRASH_EXIT = '__nimbus_test_exit__';
export const CRASH_THROW = '__nimbus_test_throw__';
/** As a native crash would: the process is killed by a signal, no JS runs. */
export const CRASH_KILL = '__nimbus_test_kill__';
