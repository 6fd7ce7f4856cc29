import type { Clock } from '../common/time/clock';
import type { FiscalSignerConfig } from '../config/app-config';
import type { FiscalUnit } from './fiscal-unit';
import { FiskalyUnit } from './fiskaly-unit';
import { SimulatedTse } from './simulated-tse';

/** The signing unit FISCAL_SIGNER names, or none (`none` and `hmac` sign the receipt chain instead). */
export class ConfiguredUnit {
  constructor(readonly unit: FiscalUnit | null) {}
}

export function configuredUnitFor(config: FiscalSignerConfig, clock: Clock): ConfiguredUnit {
  switch (config.kind) {
    case 'none':
    case 'hmac':
      return new ConfiguredUnit(null);
    case 'simulated-tse':
      return new ConfiguredUnit(new SimulatedTse(config.folder, () => clock.now()));
    case 'fiskaly':
      return new ConfiguredUnit(new FiskalyUnit(config));
  }
}
