// An independent RFC 4180 CSV reader: the oracle the loaders' d3-dsv parsing is checked against.

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Rows of strings, header included.
 * `sep` is the one-character field separator (`;` for the Bank Marketing files).
 */
export function parseCsvRfc4180(text: string, sep = ','): string[][] {
  const SEP = sep.charCodeAt(0);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      field = '';
      let start = ++i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote in CSV at character ${start - 1}`);
        field += text.slice(start, q);
        if (text.charCodeAt(q + 1) === 34) { field += '"'; i = start = q + 2; continue; }
        i = q + 1;
        break;
      }
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === SEP || c === 10 || c === 13) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === SEP) {
      i++;
      if (i === n) { row.push(''); rows.push(row); row = []; }
      continue;
    }
    rows.push(row);
    row = [];
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    i++;
  }
  return rows;
}
