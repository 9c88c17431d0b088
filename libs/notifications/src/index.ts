import { OutboxMessageEntity } from './entities/outbox-message.entity.js';

export { type OutboxStatus } from './entities/outbox-message.entity.js';
export { DELIVER_MAIL, MailDeliveryJob } from './mail-delivery.job.js';
export { type DeliveryOutcome, MailTransport, type OutgoingMail } from './mail-transport.js';
export { NotificationsModule } from './notifications.module.js';
export { mailSafe } from './mail-safe-text.js';
export { type MailToSend, OutboxService } from './outbox.service.js';
export { OutboxMessageEntity };

export const NOTIFICATION_ENTITIES = [OutboxMessageEntity];
