import { Column, Entity, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../database/columns';

/** A group of sites (a region, a brand): overrides for a group reach every site in it. Groups may nest. */
@Entity('hq_site_groups')
export class HqSiteGroup {
  @PrimaryColumn({ length: 36 })
  id!: string;

  @Column({ length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @InstantColumn()
  createdAt!: Date;
}

/** A site in a group; `position` orders a site's groups, which is the order their overrides apply in. */
@Entity('hq_site_memberships')
export class HqSiteMembership {
  @PrimaryColumn({ length: 36 })
  siteId!: string;

  @PrimaryColumn({ length: 36 })
  groupId!: string;

  @Column()
  position!: number;
}
