import { CsvSyntaxError, headerDelimiter, parseCsv } from './csv-parse';

describe('parseCsv (RFC 4180)', () => {
  it('splits fields by commas and records by CRLF or LF, with the line each starts on', () => {
    expect(parseCsv('a,b,c\r\n1,,3\n4,5,6\r\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '', '3'] },
      { line: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('name,note\r\n"Fish, chips","say ""hi"""\r\n"two\r\nlines",x\r\nlast,')).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Fish, chips', 'say "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'x'] },
      { line: 5, fields: ['last', ''] },
    ]);
  });

  it('drops a byte order mark, keeps an empty quoted field, and reads a text without a final line break', () => {
    expect(parseCsv('\uFEFFa,b\n"",""')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['', ''] },
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('splits by semicolons when asked, and finds them in a header line that has no comma', () => {
    const german = '\uFEFFname;price;list\r\nFish, chips;8,50;"a; b"\r\n';
    expect(headerDelimiter(german)).toBe(';');
    expect(parseCsv(german, ';')).toEqual([
      { line: 1, fields: ['name', 'price', 'list'] },
      { line: 2, fields: ['Fish, chips', '8,50', 'a; b'] },
    ]);
    expect(headerDelimiter('name,list\n"a;b",c;d\n')).toBe(',');
    expect(headerDelimiter('"a;b",c\n')).toBe(',');
    expect(headerDelimiter('name\nx;y\n')).toBe(',');
  });

  it('names the line of a stray quote, text after a closing quote, or a quote never closed', () => {
    expect(() => parseCsv('a,b\nx"y,z')).toThrow(new CsvSyntaxError(2, 'a quote inside an unquoted field'));
    expect(() => parseCsv('a\n"x"y')).toThrow(
      new CsvSyntaxError(2, 'text after the closing quote of a field'),
    );
    expect(() => parseCsv('a\n\n"open,\nstill')).toThrow(
      new CsvSyntaxError(3, 'a quoted field is not closed'),
    );
  });
});
