// callboard — the executable: parses the command line and wires the core, the journal and the
// screen together. Nothing else lives here.
import CallboardStore
import CallboardTUI
import Foundation

DisplayText.adoptUTF8Locale()
// A file-size limit (ulimit -f) must fail a write with a clear error, not kill the process.
signal(SIGXFSZ, SIG_IGN)
#if DEBUG
// The end-to-end tests make named steps of the journal's file work fail (README, "Tests");
// a release build has no such hook.
for name in (ProcessInfo.processInfo.environment["CALLBOARD_TEST_FAULTS"] ?? "").split(separator: ",") {
    if let fault = JournalFault(rawValue: String(name)) { FaultInjection.inject(fault, under: "/") }
}
#endif
exit(CommandLineEntry.run())
