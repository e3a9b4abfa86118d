export { createWebhookNotifier, webhookPayload, WEBHOOK_PAYLOAD_VERSION, type WebhookDestination } from './webhook-notifier.js';
export { signWebhookBody, verifySignature, signatureFor, SIGNATURE_HEADER, DEFAULT_TOLERANCE_SEC, type SignatureVerification } from './signature.js';
