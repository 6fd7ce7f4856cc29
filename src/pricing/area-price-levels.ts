import { Injectable } from '@nestjs/common';

/** The price level of each area (location) that names one, by area id. */
export type AreaLevelsReader = () => Promise<Map<string, string>>;

/**
 * Where the floor, a module above pricing, tells the price book which level each area names: pricing asks, the
 * floor reads its own table. Without a reader, no area names a level.
 */
@Injectable()
export class AreaPriceLevels {
  private reader: AreaLevelsReader = () => Promise.resolve(new Map<string, string>());

  use(reader: AreaLevelsReader): void {
    this.reader = reader;
  }

  read(): Promise<Map<string, string>> {
    return this.reader();
  }
}
