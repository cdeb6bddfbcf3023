// CallboardStore — the desk's memory: its log of events (the journal) and the desk replayed
// from it.
//
// EventLog is all the rest of the program sees of the log (EventLog.swift, LogMaintenance.swift),
// and EventLogs.open the one place that picks an implementation from the journal's location.
// JournalDesk is the desk replayed from any log, kept up to date, and the one way to change it.
// Events/ turns events into bytes and JSON from one table of event kinds (EventKinds).
// FileJournal/ is the log in one file: its format (JournalFormat, RecordScanner), the file work
// and its lock (JournalFile), the inotify watch, verify, repair and compaction. README.md, "The
// journal", says what every log promises and how the file is laid out.
