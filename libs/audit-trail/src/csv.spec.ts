import { csvField, csvRow, parseCsv } from './csv';

describe('csv', () => {
  it('quotes fields with commas, quotes and line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 3, null])).toBe('plain,"a,b","say ""hi""","two\nlines",3,\r\n');
  });

  it('writes dates as ISO-8601 and objects as JSON', () => {
    expect(csvField(new Date('2026-01-01T00:00:00Z'))).toBe('2026-01-01T00:00:00.000Z');
    expect(csvField({ scopes: ['a:b'] })).toBe('"{""scopes"":[""a:b""]}"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-1)).toBe('-1');
  });

  it('reads back what it writes, field for field', () => {
    const rows = [
      ['seq', 'keyName', 'summary'],
      ['1', 'CDN, "prod"', 'line one\nline two'],
    ];
    expect(parseCsv(rows.map((r) => csvRow(r)).join(''))).toEqual(rows);
  });
});
