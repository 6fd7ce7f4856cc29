import { Injectable, OnModuleInit } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { Database } from '../database/database.service';
import { AreaPriceLevels } from '../pricing/area-price-levels';
import { PriceLevelReferences } from '../pricing/price-level-references';
import { Location } from './location.entity';

/** Areas name price levels: such a level cannot be deleted, and the price book prices their tables by it. */
@Injectable()
export class FloorPriceLevels implements OnModuleInit {
  constructor(
    private readonly references: PriceLevelReferences,
    private readonly areaLevels: AreaPriceLevels,
    private readonly database: Database,
  ) {}

  onModuleInit(): void {
    this.references.register(async (tx, priceLevelId) =>
      (await tx.manager.exists(Location, { where: { priceLevelId } })) ? 'areas name it' : null,
    );
    this.areaLevels.use(async () => {
      const areas = await this.database.reader.find(Location, {
        select: { id: true, priceLevelId: true },
        where: { priceLevelId: Not(IsNull()) },
      });
      return new Map(areas.map((area) => [area.id, area.priceLevelId!]));
    });
  }
}
