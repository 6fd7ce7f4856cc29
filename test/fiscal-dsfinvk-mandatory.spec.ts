/**
 * The verifier's mandatory-field matrix (src/fiscal/dsfinvk/dsfinvk-mandatory.ts) against Anhang G as published
 * (test/fixtures/dsfinvk/mandatory-fields.json): the same rule for every column of every table, but for the three
 * readings the matrix writes down (a customer's fields where a customer is named, a unit's answer unless it
 * failed, the certificate's rest where it runs past 1000 characters).
 */
import { MANDATORY_FIELDS as EXPORT_MANDATORY } from '../src/fiscal/dsfinvk/dsfinvk-mandatory';
import { MANDATORY_FIELDS } from './support/dsfinvk';

describe("The DSFinV-K verifier's mandatory fields", () => {
  it("are Anhang G's, the three readings named", () => {
    for (const [file, columns] of Object.entries(MANDATORY_FIELDS)) {
      const own = EXPORT_MANDATORY[file];
      const rule = (column: string) =>
        own.always.includes(column)
          ? 'mandatory'
          : own.onArticleLines?.includes(column)
            ? 'ifItem'
            : own.oneOf?.some((group) => group.includes(column))
              ? 'oneOf'
              : own.withCustomer?.includes(column) ||
                  own.unlessFailed?.includes(column) ||
                  own.continued?.[column]
                ? 'mandatory'
                : 'conditional';
      expect({
        file,
        rules: Object.fromEntries(Object.keys(columns).map((column) => [column, rule(column)])),
      }).toEqual({
        file,
        rules: columns,
      });
    }
  });
});
