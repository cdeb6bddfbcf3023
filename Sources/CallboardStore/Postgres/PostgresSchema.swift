import CallboardCore

/// The tables a desk's log takes in its database (README, "The journal in PostgreSQL"), created
/// by callboard itself on the first write and versioned in `callboard_log.schema_version`.
///
/// - `callboard_log`: one row. `epoch` names this life of the log (new when it is rewritten,
///   as a file journal's epoch); `last_position` is the position of the last event. Every
///   append locks this row first, so appends follow one another: a position is taken and made
///   visible in the same order, with no gaps, and a reader never skips an event committed late.
/// - `callboard_events`: one row per event, `position` 1, 2, 3, … The payload is the event in
///   the journal's binary encoding; its kind, times, actor and call are columns beside it for
///   people and reports, and `db_user` is the server's `session_user`, which no client can forge.
/// - `callboard_snapshots`: the newest snapshot of the desk (3/7), one row.
enum PostgresSchema {
    static let version: Int32 = 1

    static let create = [
        """
        CREATE TABLE IF NOT EXISTS callboard_log (
            id int PRIMARY KEY CHECK (id = 1),
            schema_version int NOT NULL,
            epoch bigint NOT NULL,
            last_position bigint NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS callboard_events (
            position bigint PRIMARY KEY,
            type text NOT NULL,
            occurred_at timestamptz NOT NULL,
            recorded_at timestamptz NOT NULL,
            actor text NOT NULL,
            call int,
            db_user name NOT NULL DEFAULT session_user,
            payload bytea NOT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS callboard_events_call ON callboard_events (call, position) WHERE call IS NOT NULL",
        """
        CREATE TABLE IF NOT EXISTS callboard_snapshots (
            id int PRIMARY KEY CHECK (id = 1),
            epoch bigint NOT NULL,
            position bigint NOT NULL,
            bytes bytea NOT NULL
        )
        """,
    ]

    /// Who may write each kind of event, checked by the server (README, "Roles in
    /// PostgreSQL"): a trigger reads the kind from the payload itself (its third byte, the binary
    /// code) and refuses a row whose writer's database role is below the kind's, so a
    /// dispatcher cannot write a supervisor's action even with psql, nor pass one off under
    /// another kind's name. The same rule as the commands' (Command.requiredRole).
    static func role(of kind: EventKind) -> Role {
        switch kind.type {
        case "call.releveled", "call.retimed", "call.cancelled", "call.reopened", "journal.compacted", "journal.repaired": .supervisor
        case "call.accepted", "call.acknowledged": .engineer
        default: .dispatcher
        }
    }

    /// The database roles a desk grants its people, lowest first; each higher one is granted
    /// the one below, once per server by whoever made them (README: it takes their admin option).
    static let roles = Role.allCases.map { "callboard_\($0.rawValue)" }

    /// The role functions, the kinds table and the trigger, made with the tables.
    static let guards = [
        """
        CREATE TABLE IF NOT EXISTS callboard_event_kinds (
            code smallint PRIMARY KEY,
            type text NOT NULL,
            role text NOT NULL
        )
        """,
        """
        CREATE OR REPLACE FUNCTION callboard_role_of(who name) RETURNS text LANGUAGE sql STABLE AS $$
            SELECT CASE
                WHEN NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'callboard_supervisor') THEN 'supervisor'
                WHEN pg_has_role(who, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = 'callboard_events'::regclass), 'MEMBER') THEN 'supervisor'
                WHEN pg_has_role(who, 'callboard_supervisor', 'MEMBER') THEN 'supervisor'
                WHEN pg_has_role(who, 'callboard_dispatcher', 'MEMBER') THEN 'dispatcher'
                WHEN pg_has_role(who, 'callboard_engineer', 'MEMBER') THEN 'engineer'
                ELSE 'viewer' END
        $$
        """,
        """
        CREATE OR REPLACE FUNCTION callboard_check_event() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            ranks constant text[] := ARRAY['viewer', 'engineer', 'dispatcher', 'supervisor'];
            kind record;
            held text := callboard_role_of(session_user);
        BEGIN
            IF length(NEW.payload) < 3 OR get_byte(NEW.payload, 0) <> 1 THEN
                RAISE EXCEPTION 'callboard: event % is not in the journal''s binary encoding', NEW.position USING ERRCODE = '42501';
            END IF;
            SELECT type, role INTO kind FROM callboard_event_kinds WHERE code = get_byte(NEW.payload, 2);
            IF NOT FOUND THEN
                RAISE EXCEPTION 'callboard: event % is of a kind this database does not know yet (code %): a newer callboard wrote it; the desk''s administrator makes one write with the newer callboard to teach it',
                    NEW.position, get_byte(NEW.payload, 2) USING ERRCODE = '42501';
            END IF;
            IF kind.type <> NEW.type THEN
                RAISE EXCEPTION 'callboard: event % says it is % but holds another kind', NEW.position, NEW.type USING ERRCODE = '42501';
            END IF;
            IF NEW.position <> coalesce((SELECT max(position) FROM callboard_events), 0) + 1 THEN
                RAISE EXCEPTION 'callboard: event % is not the next position of the log', NEW.position USING ERRCODE = '42501';
            END IF;
            IF array_position(ranks, held) < array_position(ranks, kind.role) THEN
                RAISE EXCEPTION 'callboard: % is for a %; % is a % in this database', NEW.type, kind.role, session_user, held
                    USING ERRCODE = '42501';
            END IF;
            NEW.db_user := session_user;
            RETURN NEW;
        END
        $$
        """,
        // The log's row: its epoch and version change only while it is empty (an import's
        // new epoch), and its last position is always the last event's, so nobody can hide
        // events or stop the desk by writing it.
        """
        CREATE OR REPLACE FUNCTION callboard_check_log() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.id <> OLD.id OR NEW.schema_version <> OLD.schema_version OR (NEW.epoch <> OLD.epoch AND OLD.last_position <> 0)
               OR NEW.last_position <> coalesce((SELECT max(position) FROM callboard_events), 0) THEN
                RAISE EXCEPTION 'callboard: the log''s row follows its events; it is not written by hand' USING ERRCODE = '42501';
            END IF;
            RETURN NEW;
        END
        $$
        """,
        // The log's last position follows every insert, whoever makes it (psql included): an
        // event inserted by hand is read like any other rather than jamming the next append.
        """
        CREATE OR REPLACE FUNCTION callboard_follow_events() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE callboard_log SET last_position = (SELECT max(position) FROM callboard_events) WHERE id = 1;
            RETURN NULL;
        END
        $$
        """,
        // Names in the functions are looked up in the desk's schema only, never first in a
        // session's own temporary tables (which anyone may create to shadow the kinds).
        """
        DO $$ BEGIN
            EXECUTE format('ALTER FUNCTION callboard_role_of(name) SET search_path = pg_catalog, %I, pg_temp', current_schema());
            EXECUTE format('ALTER FUNCTION callboard_check_event() SET search_path = pg_catalog, %I, pg_temp', current_schema());
            EXECUTE format('ALTER FUNCTION callboard_check_log() SET search_path = pg_catalog, %I, pg_temp', current_schema());
            EXECUTE format('ALTER FUNCTION callboard_follow_events() SET search_path = pg_catalog, %I, pg_temp', current_schema());
        END $$
        """,
        "DROP TRIGGER IF EXISTS callboard_events_check ON callboard_events",
        "CREATE TRIGGER callboard_events_check BEFORE INSERT ON callboard_events FOR EACH ROW EXECUTE FUNCTION callboard_check_event()",
        "DROP TRIGGER IF EXISTS callboard_events_follow ON callboard_events",
        "CREATE TRIGGER callboard_events_follow AFTER INSERT ON callboard_events FOR EACH STATEMENT EXECUTE FUNCTION callboard_follow_events()",
        "DROP TRIGGER IF EXISTS callboard_log_check ON callboard_log",
        "CREATE TRIGGER callboard_log_check BEFORE UPDATE ON callboard_log FOR EACH ROW EXECUTE FUNCTION callboard_check_log()",
    ]

    /// Whether the session may make the desk's tables: not a login holding one of the desk's
    /// roles (the maker owns the tables and could drop their guards), unless it is a superuser.
    static let mayCreate = """
        SELECT NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'callboard_viewer')
            OR (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user)
            OR NOT pg_has_role(session_user, 'callboard_viewer', 'MEMBER')
        """

    /// The kinds this build writes, for the trigger (parameters: code, type, role).
    static let kind = "INSERT INTO callboard_event_kinds (code, type, role) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET type = excluded.type, role = excluded.role"

    /// When the desk's roles exist: viewers read, engineers and up append (the trigger says
    /// which kinds), supervisors store snapshots (which every console trusts once checked).
    static let grants = [
        "GRANT SELECT ON callboard_log, callboard_events, callboard_snapshots, callboard_event_kinds TO callboard_viewer",
        "GRANT INSERT ON callboard_events TO callboard_engineer",
        "GRANT UPDATE (last_position) ON callboard_log TO callboard_engineer",
        "GRANT INSERT, UPDATE ON callboard_snapshots TO callboard_supervisor",
    ]

    /// Serialises creating the tables between writers that find none (CREATE TABLE IF NOT
    /// EXISTS alone races): a transaction-scoped advisory lock, released at commit.
    static let creationLock = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.callboard_log'))"

    /// The channel followers LISTEN on; a notification carries only the new last position.
    static let channel = "callboard"
}
