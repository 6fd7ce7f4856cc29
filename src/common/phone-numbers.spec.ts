import { phoneSearchOf, toE164 } from './phone-numbers';

describe('phone numbers', () => {
  it.each(['+49 30 1234567', '030 1234567', '0049301234567', '(030) 123-4567', '+49 (0)30 1234567'])(
    'reads %s as one E.164 number in Germany',
    (text) => expect(toE164(text, 'DE')).toBe('+49301234567'),
  );

  it('reads national numbers in the configured region', () => {
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('+1 415 555 2671', 'DE')).toBe('+14155552671');
  });

  it.each(['12', 'call me', '+49 30', '0000000000000000000'])('refuses %s', (text) =>
    expect(toE164(text, 'DE')).toBeNull(),
  );

  it('searches by the number and by its digits, never by words', () => {
    expect(phoneSearchOf('030 1234567', 'DE')).toEqual({ e164: '+49301234567', digits: '0301234567' });
    expect(phoneSearchOf('4567', 'DE')).toEqual({ e164: null, digits: '4567' });
    expect(phoneSearchOf('Ada', 'DE')).toBeNull();
    expect(phoneSearchOf('12', 'DE')).toBeNull();
  });
});
