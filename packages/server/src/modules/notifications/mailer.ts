import nodemailer, { type Transporter } from 'nodemailer';

import type { Mailer, StaffMail } from '../../service-context.ts';

export type { Mailer, StaffMail };

/** An SMTP mailer from UTVAG_SMTP_URL, or a no-op that says so when none is configured. */
export function createMailer(smtpUrl: string | undefined, from: string, log: (msg: string) => void): Mailer {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async () => log('mail not sent: UTVAG_SMTP_URL is not configured'),
      close: () => {},
    };
  }
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    configured: true,
    send: async (mail) => {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
