// callboard — the executable: parses the command line and wires the core, the journal and the
// screen together. Nothing else lives here.
import CallboardTUI
import Foundation

DisplayText.adoptUTF8Locale()
// A file-size limit (ulimit -f) must fail a write with a clear error, not kill the process.
signal(SIGXFSZ, SIG_IGN)
exit(CommandLineEntry.run())
