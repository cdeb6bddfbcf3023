// CallboardStore — the journal: the desk's memory on disk.
//
// A file header and framed, checksummed, sequence-numbered records (JournalFormat,
// RecordScanner), events encoded as versioned JSON payloads (EventCodec), appends made under an
// exclusive lock after catching up with other writers (Journal), and a desk replayed from the
// journal that follows what others append (JournalDesk). See README.md, "Journal format".
