import { DomainError } from '../common/errors/domain-error';
import { normalRange, rangeWidth } from './ip-block-range';

describe('rangeWidth', () => {
  it.each([
    ['10.0.0.0/8', 4, 8],
    ['203.0.113.7', 4, 32],
    ['0.0.0.0/0', 4, 0],
    ['2001:db8::/32', 6, 32],
    ['2001:db8::1', 6, 128],
    ['::1', 4, 32],
    // Inside the mapped or compatible /96: the IPv4 range it stands for.
    ['::ffff:0:0/96', 4, 0],
    ['::ffff:10.0.0.0/104', 4, 8],
    ['::ffff:10.0.0.0/103', 4, 7],
    ['::ffff:7f00:1/128', 4, 32],
    ['::/96', 4, 0],
    ['::7f00:0/104', 4, 8],
    ['::7f00:0/100', 4, 4],
    // Holding a whole /96 of them: every IPv4 address.
    ['::/95', 4, 0],
    ['::/80', 4, 0],
    ['::ffff:0:0/81', 4, 0],
    ['::/16', 4, 0],
    ['::/0', 4, 0],
    // Near them, but holding neither: IPv6 ranges.
    ['::1:0:0:0/81', 6, 81],
    ['::fffe:0:0/96', 6, 96],
    ['::ffff:0:0:0/96', 6, 96],
    ['64:ff9b::/96', 6, 96],
    ['100::/16', 6, 16],
  ])('measures %s as an IPv%s /%s', (range, family, prefix) => {
    expect(rangeWidth(range)).toEqual({ family, prefix });
  });
});

describe('normalRange', () => {
  it('keeps IPv6 in lower case and a mapped address as the IPv4 one', () => {
    expect(normalRange('2001:DB8::/32')).toBe('2001:db8::/32');
    expect(normalRange('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(normalRange('::ffff:10.0.0.0/104')).toBe('::ffff:10.0.0.0/104');
  });

  it.each(['0.0.0.0/0', '10.0.0.0/7', '::/15', '::ffff:0:0/96', '::ffff:10.0.0.0/103', '::/16', '::/96'])(
    'refuses %s as too wide, naming the width it has',
    (range) => {
      expect(() => normalRange(range)).toThrow(DomainError);
      expect(() => normalRange(range)).toThrow(/is too wide: it matches as many addresses as an IPv\d \/\d+/);
    },
  );
});
