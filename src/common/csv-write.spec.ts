import { parseCsv } from './csv-parse';
import { writeCsvText } from './csv-write';

describe('writeCsvText (RFC 4180)', () => {
  it('quotes what needs it, so that parseCsv reads the rows back', () => {
    const rows = [
      ['name', 'note'],
      ['Fish, chips', 'say "hi"'],
      ['two\nlines', ''],
    ];
    const text = writeCsvText(rows);
    expect(text).toBe('name,note\r\n"Fish, chips","say ""hi"""\r\n"two\nlines",\r\n');
    expect(parseCsv(text).map((record) => record.fields)).toEqual(rows);
  });

  it('keeps a spreadsheet from running text as a formula', () => {
    expect(writeCsvText([['=SUM(A1)', '-5', 'a=b']])).toBe("'=SUM(A1),'-5,a=b\r\n");
  });
});
