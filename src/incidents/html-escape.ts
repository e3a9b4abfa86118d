/**
 * HTML escaping for every server-rendered page and email sloop writes (status page, digests).
 * Escapes the five characters that can open markup or end an attribute, so the output is safe
 * in element text and in double- or single-quoted attribute values alike.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** XML 1.0 also forbids most control characters outright; drop them rather than emit an invalid feed. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}
