import nodemailer, { type Transporter } from 'nodemailer';

/** A message for staff. SECURITY: it carries no personal data — case codes and links only. */
export type StaffMail = { to: string; subject: string; text: string };

export type Mailer = { send: (mail: StaffMail) => Promise<void>; close: () => void; configured: boolean };

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
