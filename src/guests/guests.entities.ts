import { Customer, CustomerConsent } from './customer.entities';
import { LoyaltyActivity, LoyaltyProgram } from './loyalty.entities';

export const GUEST_ENTITIES = [Customer, CustomerConsent, LoyaltyActivity, LoyaltyProgram];
