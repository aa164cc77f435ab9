import { expect, test } from 'vitest';
import { parseCsv } from './shared.js';

test('parseCsv reads quotes, doubled quotes, CRLF and a custom separator', () => {
  expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n1,\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['1', '']]);
  expect(parseCsv('"a";"b"\n1;2', ';')).toEqual([['a', 'b'], ['1', '2']]);
});
