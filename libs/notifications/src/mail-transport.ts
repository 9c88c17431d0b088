import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** What became of a delivery attempt. */
export type DeliveryOutcome = 'sent' | 'logged' | 'kept';

/**
 * Delivers mail over SMTP when SMTP_URL is set. Without it, outside production, mail is printed to
 * the log so a newcomer can follow an invitation link with no mail server; in production it stays
 * in the outbox until SMTP is configured.
 */
@Injectable()
export class MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly smtp?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.mail.smtpUrl) this.smtp = createTransport(config.mail.smtpUrl);
  }

  async deliver(mail: OutgoingMail): Promise<DeliveryOutcome> {
    if (this.smtp) {
      await this.smtp.sendMail({ from: this.config.mail.from, ...mail });
      return 'sent';
    }
    if (this.config.isProduction) {
      this.logger.warn('SMTP_URL is not set: mail stays in the outbox');
      return 'kept';
    }
    this.logger.log(`Mail to ${mail.to}: ${mail.subject}\n\n${mail.text}\n`);
    return 'logged';
  }

  close(): void {
    this.smtp?.close();
  }
}
