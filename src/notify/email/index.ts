export { createEmailNotifier, type SmtpSettings } from './email-notifier.js';
export { emailContent, escapeHtml, type EmailContent } from './email-message.js';
