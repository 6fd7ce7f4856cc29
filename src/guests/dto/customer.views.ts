import { ApiProperty } from '@nestjs/swagger';
import { ALLERGEN_CODES } from '../../menu/allergens';
import type { Customer, CustomerConsent } from '../customer.entities';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** Closed orders of a customer: how often they came and when last. */
export interface Visits {
  visits: number;
  lastVisitAt: Date | null;
}

export class CustomerView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Ada Lovelace', description: 'null once erased' })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+49301234567', description: 'E.164' })
  phone!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'ada@example.com' }) email!: string | null;
  @ApiProperty() marketingConsent!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When the current answer was given; null when never asked',
  })
  marketingConsentAt!: string | null;
  @ApiProperty({ type: [String], enum: ALLERGEN_CODES, example: ['peanuts'] }) allergens!: string[];
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty({ description: 'Closed orders for this customer', example: 7 }) visits!: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When the last one closed' })
  lastVisitAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Set when the person was erased: every personal field is then null or empty',
  })
  erasedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(this: void, customer: Customer, visits: Visits): CustomerView {
    return {
      id: customer.id,
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      marketingConsent: customer.marketingConsent,
      marketingConsentAt: iso(customer.marketingConsentAt),
      allergens: customer.allergens,
      notes: customer.notes,
      visits: visits.visits,
      lastVisitAt: iso(visits.lastVisitAt),
      erasedAt: iso(customer.erasedAt),
      createdAt: customer.createdAt.toISOString(),
    };
  }
}

export class ConsentView {
  @ApiProperty({ description: 'The answer: true agrees to marketing, false withdraws or refuses' })
  granted!: boolean;
  @ApiProperty({ example: 'staff:8d0c…', description: '`staff:<userId>` or `apiKey:<keyId>`' })
  recordedBy!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;

  static of(this: void, consent: CustomerConsent): ConsentView {
    return {
      granted: consent.granted,
      recordedBy: consent.recordedBy,
      recordedAt: consent.recordedAt.toISOString(),
    };
  }
}
