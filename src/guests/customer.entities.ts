import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/**
 * A guest the restaurant knows. Erasure (DELETE /customers/{id}) blanks every personal field and sets `erasedAt`:
 * the id stays, anonymous, so that orders, money and the loyalty ledger keep adding up.
 */
@Entity('customers')
@Index('customers_name_key', ['nameKey'])
@Index('customers_phone', ['phone'])
@Index('customers_email', ['email'])
@Index('customers_created_at', ['createdAt'])
export class Customer {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  /** The name in lower case: what ?q= matches, the same way on SQLite and PostgreSQL. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  nameKey!: string | null;

  /** E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  /** In lower case. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ default: false })
  marketingConsent!: boolean;

  /** When the current consent answer was given (granted or withdrawn); null when never asked. */
  @InstantColumn({ nullable: true })
  marketingConsentAt!: Date | null;

  /** Codes of GET /allergens. */
  @Column({ type: 'simple-json' })
  allergens!: string[];

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @InstantColumn({ nullable: true })
  erasedAt!: Date | null;

  @InstantColumn()
  createdAt!: Date;

  @InstantColumn()
  updatedAt!: Date;
}

/** One answer to the marketing question, with its time and who recorded it: the consent history. */
@Entity('customer_consents')
@Index('customer_consents_customer_id_recorded_at', ['customerId', 'recordedAt'])
export class CustomerConsent {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @ForeignKey(() => Customer, { name: 'customer_consents_customer_fk', onDelete: 'RESTRICT' })
  @Column({ length: 36 })
  customerId!: string;

  @Column()
  granted!: boolean;

  /** `staff:<userId>` or `apiKey:<keyId>`. */
  @Column({ type: 'varchar', length: 80 })
  recordedBy!: string;

  @InstantColumn()
  recordedAt!: Date;
}
