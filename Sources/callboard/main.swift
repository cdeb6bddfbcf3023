// callboard — the executable: parses the command line and wires the core, the journal and the
// screen together. Nothing else lives here.
import CallboardTUI
import Foundation

DisplayText.adoptUTF8Locale()
exit(CommandLineEntry.run())
