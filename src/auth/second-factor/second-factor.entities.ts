import type { EntityTarget } from '../../database/entity-target';
import { LoginChallenge } from './login-challenge.entity';
import { RecoveryCode } from './recovery-code.entity';
import { SecondFactor } from './second-factor.entity';

/** The entities of two-factor login, registered with the DataSource in src/entities.ts. */
export const SECOND_FACTOR_ENTITIES: EntityTarget[] = [SecondFactor, RecoveryCode, LoginChallenge];
