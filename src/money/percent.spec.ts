import { hasWholePpm, percentToPpm, PPM, ppmToPercent } from './arithmetic';

describe('percent and parts per million', () => {
  it('keeps every percentage of 0 to 100 with 4 decimals exactly, both ways', () => {
    for (let ppm = 0; ppm <= PPM; ppm += 1) {
      const percent = ppm / 10_000;
      if (percentToPpm(percent) !== ppm || ppmToPercent(ppm) !== percent || !hasWholePpm(percent)) {
        throw new Error(`${percent} % is not ${ppm} ppm`);
      }
    }
  });

  it('converts the ends and the usual rates', () => {
    expect(percentToPpm(0)).toBe(0);
    expect(percentToPpm(100)).toBe(1_000_000);
    expect(percentToPpm(19)).toBe(190_000);
    expect(percentToPpm(6.25)).toBe(62_500);
    expect(percentToPpm(0.0001)).toBe(1);
    expect(percentToPpm(7.0001)).toBe(70_001);
    expect(ppmToPercent(0)).toBe(0);
    expect(ppmToPercent(1_000_000)).toBe(100);
    expect(ppmToPercent(62_500)).toBe(6.25);
  });

  it('rounds a fifth decimal to the nearest ppm, halves up', () => {
    expect(percentToPpm(12.34564)).toBe(123_456);
    expect(percentToPpm(12.34566)).toBe(123_457);
    expect(percentToPpm(0.00005)).toBe(1);
    expect(percentToPpm(0.00004)).toBe(0);
    expect(percentToPpm(33.333333)).toBe(333_333);
  });

  it('tells a percentage with more than 4 decimals, or no number at all', () => {
    expect(hasWholePpm(12.34565)).toBe(false);
    expect(hasWholePpm(1e-7)).toBe(false);
    expect(hasWholePpm(1 / 3)).toBe(false);
    expect(hasWholePpm(Number.NaN)).toBe(false);
    expect(hasWholePpm(Infinity)).toBe(false);
    expect(hasWholePpm(1e-4)).toBe(true);
  });
});
