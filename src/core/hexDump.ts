// Renders bytes as a `hexdump -C` style listing, so binary configurations can still be read and diffed line by
// line in the editor. Pure core: imports nothing.

const BYTES_PER_LINE = 16;
/** Default cap: 64 KiB gives 4,096 lines, which the diff editor handles comfortably. */
export const DEFAULT_HEX_DUMP_LIMIT = 64 * 1024;

const hex8 = (n: number) => n.toString(16).padStart(8, '0');
const hex2 = (n: number) => n.toString(16).padStart(2, '0');

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/**
 * `00000000  7b 22 61 22 3a 31 7d 0a  00 01 ...  |{"a":1}...|`, one line per 16 bytes, then the total size.
 * Only the first `limit` bytes are listed; a line says how many were left out.
 */
export function hexDump(bytes: Uint8Array, limit = DEFAULT_HEX_DUMP_LIMIT): string {
  const cap = Number.isNaN(limit) ? DEFAULT_HEX_DUMP_LIMIT : Math.max(0, Math.floor(limit));
  const shown = Math.min(bytes.length, cap);
  const lines: string[] = [];
  for (let offset = 0; offset < shown; offset += BYTES_PER_LINE) {
    const row = bytes.subarray(offset, Math.min(offset + BYTES_PER_LINE, shown));
    const cells = Array.from(row, hex2);
    const left = cells.slice(0, 8).join(' ').padEnd(23);
    const right = cells.slice(8).join(' ').padEnd(23);
    lines.push(`${hex8(offset)}  ${left}  ${right}  |${Array.from(row, printable).join('')}|`);
  }
  if (shown < bytes.length)
    lines.push(`${hex8(shown)}  … ${bytes.length - shown} more bytes not shown`);
  lines.push(`${hex8(bytes.length)}  (${bytes.length} bytes)`);
  return lines.join('\n');
}
