/**
 * Defence in depth for logs: even if a token or a bcrypt hash slips into a
 * message, it is masked before the line is written. The code never logs them
 * on purpose; this catches mistakes (e.g. an error echoing a request body).
 */
const TOKEN = /pxxl_([0-9A-Za-z]{16})_[0-9A-Za-z]{1,}/g;
const BCRYPT_HASH = /\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}/g;

export function redact(text: string): string {
  return text.replace(TOKEN, 'pxxl_$1_[REDACTED]').replace(BCRYPT_HASH, '[REDACTED-HASH]');
}
