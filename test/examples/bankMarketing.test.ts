import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  BANK_CATEGORICAL_COLUMNS,
  BANK_MARKETING_HEADER,
  BANK_MARKETING_SAMPLE,
  BANK_NUMERIC_COLUMNS,
  bankMarketingRows,
  loadBankMarketing,
  parseBankMarketing,
} from '../../examples/data/bankMarketing.js';
import { drawBankMarketingSample } from '../../examples/data/makeBankSample.js';
import { createRandom } from '../../src/core/random.js';
import { parseCsv } from '../helpers/shared.js';

const LINE = '58;"management";"married";"tertiary";"no";2143;"yes";"no";"unknown";5;"may";261;1;-1;0;"unknown";"no"';

describe('examples/data/bankMarketing', () => {
  test('parseBankMarketing reads numbers, unquotes text and maps y to 0/1 (LF or CRLF)', () => {
    for (const eol of ['\n', '\r\n']) {
      const c = parseBankMarketing([BANK_MARKETING_HEADER, LINE, LINE.replace(/"no"$/, '"yes"')].join(eol) + eol);
      expect(c.length).toBe(2);
      expect([c.age[0], c.balance[0], c.pdays[0], c.job[0], c.contact[0], c.month[0]]).toEqual([58, 2143, -1, 'management', 'unknown', 'may']);
      expect([...c.y]).toEqual([0, 1]);
    }
  });

  test('parseBankMarketing refuses a wrong header, a short line, a non-number, a bad y, naming line and column', () => {
    expect(() => parseBankMarketing('age;job\n1;"x"\n')).toThrow(/records\[0\] has no property 'marital'/);
    const bad = (line: string) => () => parseBankMarketing(`${BANK_MARKETING_HEADER}\n${line}\n`);
    expect(bad(LINE.replace(';"no"', ''))).toThrow(/line 2 \(record 0\), column 'y': the cell is blank/);
    expect(bad(LINE.replace('2143', 'abc'))).toThrow(/line 2 \(record 0\), column 'balance': 'abc' is not a number/);
    expect(bad(LINE.replace(';2143;', ';;'))).toThrow(/column 'balance': the cell is blank/);
    expect(bad(LINE.replace(/"no"$/, '"maybe"'))).toThrow(/column 'y': "maybe" is none of yes, no/);
    // d3-dsv reads quoted and unquoted text alike, as RFC 4180 allows.
    expect(bad(LINE.replace('"management"', 'management'))().job[0]).toBe('management');
  });

  test('drawBankMarketingSample keeps line i exactly when the i-th draw of createRandom(seed) is below the fraction', () => {
    const body = Array.from({ length: 500 }, (_, i) => LINE.replace('2143', String(i)));
    const { csv, lines, ofLines } = drawBankMarketingSample(`${[BANK_MARKETING_HEADER, ...body].join('\n')}\n`, 0.3, 7);
    const random = createRandom(7);
    const expected = body.filter(() => random() < 0.3);
    expect(csv).toBe(`${[BANK_MARKETING_HEADER, ...expected].join('\n')}\n`);
    expect([lines, ofLines]).toEqual([expected.length, 500]);
  });

  test('the shipped sample has the documented content (sha256, pandas counts) and rows match columns', () => {
    const text = gunzipSync(readFileSync(BANK_MARKETING_SAMPLE)).toString('utf8');
    expect(createHash('sha256').update(text).digest('hex')).toBe('0199652829b4d1304f26a1757b89c220942507988986c04e180e87f38dd7b1c1');
    const c = loadBankMarketing();
    // Counts from pandas.read_csv(sep=';') on the same file (examples/data/README.md).
    expect(c.length).toBe(9_016);
    expect(c.y.reduce((a, b) => a + b, 0)).toBe(1_062);
    expect(c.age.reduce((a, b) => a + b, 0)).toBe(368_404);
    expect(c.balance.reduce((a, b) => a + b, 0)).toBe(12_327_507);
    expect(c.pdays.filter((v) => v === -1).length).toBe(7_351);
    expect(c.job.filter((v) => v === 'unknown').length).toBe(55);
    // An independent parser (test/helpers) agrees field by field.
    const ref = parseCsv(text, ';');
    expect(ref.length - 1).toBe(c.length);
    const rows = bankMarketingRows(c);
    const header = ref[0]!;
    for (let i = 0; i < c.length; i += 97) {
      for (let j = 0; j < header.length; j++) {
        const name = header[j]!;
        const want = name === 'y' ? (ref[i + 1]![j] === 'yes' ? 1 : 0) : (BANK_NUMERIC_COLUMNS as readonly string[]).includes(name) ? Number(ref[i + 1]![j]) : ref[i + 1]![j];
        expect((rows[i] as Record<string, unknown>)[name]).toBe(want);
      }
    }
    expect(Object.keys(rows[0]!)).toEqual(header);
    expect([...BANK_NUMERIC_COLUMNS, ...BANK_CATEGORICAL_COLUMNS, 'y'].sort()).toEqual([...header].sort());
  });
});
