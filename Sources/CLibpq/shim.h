// libpq, PostgreSQL's own C client, for a desk whose log is kept in PostgreSQL
// (CallboardStore/Postgres).
#include <libpq-fe.h>
