// CRC-32C (Castagnoli) for journal records: the SSE4.2 crc32 instruction where the processor
// has it (replay checks every byte of the journal, and the instruction is ~20 times faster than
// a table), a table otherwise. Same polynomial, same results.
#ifndef CALLBOARD_CRC32C_H
#define CALLBOARD_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Continues a CRC-32C over `length` bytes; start with 0. Returns the finished checksum.
uint32_t cb_crc32c_update(uint32_t crc, const void *bytes, size_t length);

/// The same by table only, whatever the processor (tests compare the two).
uint32_t cb_crc32c_portable(uint32_t crc, const void *bytes, size_t length);

#endif
