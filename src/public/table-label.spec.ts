import { tableLabel } from './table-label';

describe('the QR page’s name for a table', () => {
  it('is the name staff gave it, said once', () => {
    expect(tableLabel('Table 1')).toBe('Table 1');
    expect(tableLabel('Window 4')).toBe('Window 4');
    expect(tableLabel('T12')).toBe('T12');
  });

  it('says "Table" before a name that starts with a number', () => {
    expect(tableLabel('5')).toBe('Table 5');
    expect(tableLabel(' 12A ')).toBe('Table 12A');
  });
});
