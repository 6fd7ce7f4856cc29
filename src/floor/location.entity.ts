import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A room or area of the restaurant: terrace, bar, main hall. */
@Entity('locations')
export class Location {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'integer', default: 0 })
  sortOrder!: number;

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;
}
