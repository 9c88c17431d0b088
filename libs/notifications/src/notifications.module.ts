import { Module, type OnApplicationShutdown } from '@nestjs/common';
import { MailDeliveryJob } from './mail-delivery.job.js';
import { MailTransport } from './mail-transport.js';
import { OutboxService } from './outbox.service.js';

@Module({
  providers: [MailTransport, OutboxService, MailDeliveryJob],
  exports: [OutboxService],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(private readonly transport: MailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
