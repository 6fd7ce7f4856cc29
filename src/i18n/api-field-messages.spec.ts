import { fieldDetailsIn, fieldMessageIn } from './api-field-messages';

describe("the API's field messages in the client's language", () => {
  it('says a known message, and a rule with its numbers, in German', () => {
    expect(fieldMessageIn('de', 'must be 4 to 8 digits')).toBe('muss aus 4 bis 8 Ziffern bestehen');
    expect(fieldMessageIn('de', 'must not be greater than 99')).toBe('darf nicht größer als 99 sein');
    expect(
      fieldMessageIn('de', 'must be longer than or equal to 1 and shorter than or equal to 80 characters'),
    ).toBe('muss 1 bis 80 Zeichen lang sein');
    expect(fieldMessageIn('de', 'each value in tags must be a string')).toBe('jeder Wert muss ein Text sein');
  });

  it('keeps English, and a message it does not know, as the service wrote it', () => {
    expect(fieldMessageIn('en', 'must be 4 to 8 digits')).toBe('must be 4 to 8 digits');
    expect(fieldMessageIn('de', '"Fries" is not an item this channel maps')).toBe(
      '"Fries" is not an item this channel maps',
    );
  });

  it('changes only the messages of field details, nothing else a refusal carries', () => {
    expect(fieldDetailsIn('de', [{ field: 'pin', message: 'is required' }])).toEqual([
      { field: 'pin', message: 'ist erforderlich' },
    ]);
    expect(fieldDetailsIn('de', { closeBlockedBy: 'overpaid', amount: 450 })).toEqual({
      closeBlockedBy: 'overpaid',
      amount: 450,
    });
  });
});
