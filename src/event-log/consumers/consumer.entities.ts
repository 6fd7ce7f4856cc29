import { ConsumerCursor } from './consumer-cursor.entity';
import { ConsumerJob } from './consumer-job.entity';

export const CONSUMER_ENTITIES = [ConsumerCursor, ConsumerJob];
