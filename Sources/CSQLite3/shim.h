// SQLite's C API, for the benchmark that compares the journal with SQLite doing the same work.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro Swift cannot import: "copy the bytes now".
static inline sqlite3_destructor_type cb_sqlite_transient(void) { return SQLITE_TRANSIENT; }
