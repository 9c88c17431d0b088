import { OutboxMessageEntity } from './entities/outbox-message.entity.js';

export { type OutboxStatus } from './entities/outbox-message.entity.js';
export { OutboxMessageEntity };

export const NOTIFICATION_ENTITIES = [OutboxMessageEntity];
