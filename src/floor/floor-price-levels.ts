import { Injectable, OnModuleInit } from '@nestjs/common';
import { PriceLevelReferences } from '../pricing/price-level-references';
import { Location } from './location.entity';

/** Areas name price levels: such a level cannot be deleted. */
@Injectable()
export class FloorPriceLevels implements OnModuleInit {
  constructor(private readonly references: PriceLevelReferences) {}

  onModuleInit(): void {
    this.references.register(async (tx, priceLevelId) =>
      (await tx.manager.exists(Location, { where: { priceLevelId } })) ? 'areas name it' : null,
    );
  }
}
