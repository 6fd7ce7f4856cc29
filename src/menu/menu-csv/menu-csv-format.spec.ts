import { formatPrice, parsePrice, readMenuCsv } from './menu-csv-format';

describe('the menu CSV format', () => {
  it('reads a price in major units to exact minor units, and writes it back', () => {
    expect(parsePrice('8.50')).toBe(850);
    expect(parsePrice('8.5')).toBe(850);
    expect(parsePrice('8')).toBe(800);
    expect(parsePrice('0.07')).toBe(7);
    expect(parsePrice('8,50')).toBe(850);
    expect(parsePrice('8,5')).toBe(850);
    for (const bad of [
      '8.505',
      '-1',
      '1.234,50',
      '1,234.50',
      '1.234',
      '8,505',
      'ten',
      '',
      '.5',
      ',5',
      '1e3',
      ' 8',
    ])
      expect(parsePrice(bad)).toBeNull();
    expect(formatPrice(850)).toBe('8.50');
    expect(formatPrice(7)).toBe('0.07');
  });

  it('names the line and column of each problem, and takes off the formula guard', () => {
    const header = 'category,dish,variation,price,tax,station,allergens,available\n';
    const { rows, problems } = readMenuCsv(
      `${header}Mains,'-Minus,Regular,1.00,,,,yes\n,X,Y,1.001,,,fish,perhaps\n`,
    );
    expect(rows.map((row) => [row.line, row.dish, row.price])).toEqual([[2, '-Minus', 100]]);
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual([
      [3, 'category'],
      [3, 'price'],
      [3, 'available'],
    ]);
  });
});
